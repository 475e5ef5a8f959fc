#pragma once

#include "ams/AmsGateway.h"
#include "ams/AmsOperationQueue.h"

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
        int kept = 0; // still pending, to be sent again
        int failed = 0;
        QStringList errors;
    };

    AmsOperationRunner(DatabasePtr database, AmsGateway &gateway, QObject *parent = nullptr);

    // Sends one operation now, whatever its time; `done` gets it as stored afterwards.
    void send(qint64 operationId, std::function<void(Result<AmsOperation>)> done);
    // Sends every due operation once.
    void runDue(std::function<void(Result<Summary>)> finished);

    // Io and unexpected answers may have reached AMS or not: sent again with the same key.
    static bool keptForRetry(const Error &error);

private:
    void runNext(std::shared_ptr<std::vector<AmsOperation>> pending, std::size_t index,
                 std::shared_ptr<Summary> summary, std::function<void(Result<Summary>)> finished);
    void deliver(const AmsOperation &operation, std::function<void(Result<QJsonObject>)> answered);

    AmsOperationQueue m_queue;
    AmsGateway &m_gateway;
};

} // namespace rd
