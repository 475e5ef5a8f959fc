#pragma once

#include "core/Error.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <utility>

namespace rd {

// How every asynchronous client of ours (AmsHttpClient, the AMS gateways, AmsOperationRunner,
// EsignStatusClient, OcspClient, RevocationStatusChecker) reports back, after qt-creator's
// Continuation: a call takes a Continuation<T>, a receiver and a function, as Qt's connect
// takes a context object and a functor.
//
// - The function is called exactly once with the call's Result, on the client's thread (the
//   receiver must live there too), unless the client is destroyed first: its pending network
//   replies go with it.
// - It is never called once the receiver is destroyed, so a dialog or a runner that goes away
//   while AMS is still thinking is not called back into; the answer is dropped.
// - It may be called before the call returns, when the call fails at once (a setting missing),
//   so a caller does not rely on either order.
//
// The clients that block instead (SmtpClient, SecretStore) say so in their headers.
template<typename T> class Continuation
{
public:
    Continuation() = default;

    template<typename Function>
    Continuation(const QObject *receiver, Function &&function)
        : m_receiver(receiver)
        , m_function(std::forward<Function>(function))
    {
        Q_ASSERT(receiver);
    }

    // Forwards what it is given, so an error or value becomes the Result only once.
    template<typename Answer = Result<T>> void operator()(Answer &&answer) const
    {
        if (m_receiver && m_function)
            m_function(std::forward<Answer>(answer));
    }

private:
    QPointer<const QObject> m_receiver;
    std::function<void(Result<T>)> m_function;
};

} // namespace rd
