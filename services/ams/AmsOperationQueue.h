#pragma once

#include "audit/Actor.h"
#include "core/Error.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace rd {

// One call to AMS that changes state, kept in ams_operations from before its first send with
// its idempotency key, so that a retry after a timeout, a crash or a restart of either side is
// the same call and AMS does it once.
struct AmsOperation
{
    enum class State { Pending, Sending, Done, Failed };

    qint64 id = 0;
    qint64 requestId = 0;
    QString operation; // file_request, revoke, reject, portal_revoke
    QString idempotencyKey;
    QJsonObject payload;
    State state = State::Pending;
    int attempts = 0;
    QString lastError;
    QJsonObject response;
    QDateTime nextAttemptAt;
    QDateTime createdAt;
    QDateTime completedAt;
};

class AmsOperationQueue
{
    Q_DECLARE_TR_FUNCTIONS(AmsOperationQueue)

public:
    static QStringList operations();
    // The state as ams_operations.state stores it: pending, sending, done, failed.
    static QString stateKey(AmsOperation::State state);
    static std::optional<AmsOperation::State> stateFromKey(const QString &key);

    // Who queues and completes the calls, as the audit log names them.
    explicit AmsOperationQueue(DatabasePtr database, Actor actor = Actor::commandLine());

    // The open operation of this kind for the request if there is one (its key is reused), else
    // a new one with a fresh key, stored before anything is sent.
    Result<AmsOperation> enqueue(qint64 requestId, const QString &operation,
                                 const QJsonObject &payload);
    Result<AmsOperation> find(qint64 id) const;
    Result<std::optional<AmsOperation>> openFor(qint64 requestId, const QString &operation) const;
    // Pending operations whose time has come, and those left "sending" by a crash (in doubt:
    // sent again with the same key), oldest first. Portal operations are never due: a person
    // does them.
    Result<std::vector<AmsOperation>> due(const QDateTime &now) const;
    Result<std::vector<AmsOperation>> all(qint64 requestId) const;

    Result<void> markSending(qint64 id);
    Result<void> markDone(qint64 id, const QJsonObject &response);
    Result<void> markRetry(qint64 id, const QString &error, const QDateTime &nextAttemptAt);
    Result<void> markFailed(qint64 id, const QString &error);
    // Portal: what the person read back, kept while the proof is awaited.
    Result<void> setResponse(qint64 id, const QJsonObject &response, const QString &note);

    // 30 s after the first failure, doubling, at most an hour.
    static QDateTime nextAttempt(const QDateTime &now, int attempts);

private:
    Result<std::vector<AmsOperation>> select(const QString &where,
                                             const QVariantList &values) const;
    // One row's change and its audit entry ams.ACTION, together.
    Result<void> changeAudited(qint64 id, const QString &action, const QString &sql,
                               const QVariantList &values, const QString &note = {});

    DatabasePtr m_database;
    Actor m_actor;
};

} // namespace rd
