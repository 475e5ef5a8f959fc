#pragma once

#include "ams/AmsOperationQueue.h"
#include "ams/AmsRevocationGateway.h"

#include <QObject>

namespace rd {

// Sends the queue's due operations through a gateway, one after another, each with its stored
// idempotency key. An operation AMS could not be reached for stays pending with a later
// attempt time ("kept and sent again"); one AMS refused is marked failed with the reason.
class AmsOperationRunner : public QObject
{
    Q_OBJECT

public:
    struct Summary
    {
        int done = 0;
        int kept = 0; // still pending, to be sent again (or being sent by another runner)
        int failed = 0;
        QStringList errors;
    };

    // actor: who the audit log names for the sends (the worker; by default the command line).
    AmsOperationRunner(DatabasePtr database, AmsRevocationGateway &gateway,
                       QObject *parent = nullptr, const Actor &actor = Actor::commandLine());

    // Sends one operation now, whatever its time; `done` gets it as stored afterwards.
    void send(qint64 operationId, Continuation<AmsOperation> done);
    // Sends every due operation once.
    void runDue(Continuation<Summary> finished);

    // Io and unexpected answers may have reached AMS or not: sent again with the same key.
    static bool keptForRetry(const Error &error);

private:
    void runNext(std::shared_ptr<std::vector<AmsOperation>> pending, std::size_t index,
                 std::shared_ptr<Summary> summary, Continuation<Summary> finished);
    void deliver(const AmsOperation &operation, Continuation<QJsonObject> answered);

    AmsOperationQueue m_queue;
    AmsRevocationGateway &m_gateway;
};

} // namespace rd
