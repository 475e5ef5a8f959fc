#pragma once

#include "core/Continuation.h"

#include <QTest>

#include <memory>
#include <optional>

namespace rd::test {

// Waits (turning events) for an asynchronous service call's one callback; an answer after the
// timeout is dropped with the receiver.
template<typename T, typename Start> Result<T> awaitCall(Start start, int timeoutMs = 30000)
{
    auto result = std::make_shared<std::optional<Result<T>>>();
    QObject receiver;
    start(Continuation<T>(&receiver,
                          [result](Result<T> value) { result->emplace(std::move(value)); }));
    if (!QTest::qWaitFor([result] { return result->has_value(); }, timeoutMs))
        return fail(ErrorCode::Internal, QStringLiteral("no answer within %1 ms").arg(timeoutMs));
    return std::move(**result);
}

} // namespace rd::test
