#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
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
    QString leaseOwner; // the runner's claim while "sending"
    QDateTime leaseUntil; // after this, a crashed runner's operation may be taken over
};

class AmsOperationQueue
{
    Q_DECLARE_TR_FUNCTIONS(AmsOperationQueue)

public:
    static QStringList operations();
    // The state as ams_operations.state stores it: pending, sending, done, failed.
    static QString stateKey(AmsOperation::State state);
    static std::optional<AmsOperation::State> stateFromKey(const QString &key);

    // Who queues and completes the calls, as the audit log names them, and the clock that stamps
    // the rows and their audit entries (a caller writing history, as the demo seeder, passes
    // its own).
    explicit AmsOperationQueue(DatabasePtr database, Actor actor = Actor::commandLine(),
                               Clock clock = Clock());

    // How long a runner owns an operation it sends: far longer than a send with its retries
    // takes (20 s times 3 attempts and a log-in by default), so a live runner is not overtaken;
    // were it overtaken all the same, the shared key still keeps AMS from doing it twice.
    static constexpr qint64 LeaseSeconds = 15 * 60;

    // One operation of each kind per request for its whole life, with one idempotency key, so
    // AMS never does it twice: the open one is returned as it is; a failed one is opened again
    // (pending, due now, the same key, the payload given now; audited ams.requeued); a done one
    // is returned as it is. Only the first call stores a new row with a fresh key, before
    // anything is sent.
    Result<AmsOperation> enqueue(qint64 requestId, const QString &operation,
                                 const QJsonObject &payload);
    // enqueue() inside the caller's AuditLog::inTransaction: the call is queued exactly when the
    // state change that asks for it is made.
    Result<AmsOperation> enqueueInTransaction(qint64 requestId, const QString &operation,
                                              const QJsonObject &payload);
    // The payload of an operation not yet sent, completed with what became known since it was
    // queued (the AMS reference of a filing, for a revoke queued before AMS answered the filing).
    Result<void> completePayload(qint64 id, const QJsonObject &payload);
    Result<AmsOperation> find(qint64 id) const;
    // Pending operations whose time has come, and those left "sending" by a crash whose lease
    // has run out (in doubt: sent again with the same key), oldest first. Portal operations are
    // never due: a person does them.
    Result<std::vector<AmsOperation>> due(const QDateTime &now) const;
    Result<std::vector<AmsOperation>> all(qint64 requestId) const;

    // Takes the operation for one send: pending, or sending with a lease that ran out, becomes
    // sending with a lease of LeaseSeconds under a new owner token, which is returned. Conflict
    // when another runner holds it or it is closed.
    Result<QString> markSending(qint64 id);
    // The outcome of a send, only by the lease's owner and only while it is "sending";
    // otherwise a Conflict and nothing changes. markDone with no lease is the portal's
    // confirmation, of an operation that is pending (a person did it).
    Result<void> markDone(qint64 id, const QJsonObject &response, const QString &lease = {});
    Result<void> markRetry(qint64 id, const QString &lease, const QString &error,
                           const QDateTime &nextAttemptAt);
    Result<void> markFailed(qint64 id, const QString &lease, const QString &error);
    // Portal: what the person read back, kept while the proof is awaited.
    Result<void> setResponse(qint64 id, const QJsonObject &response, const QString &note);

    // 30 s after the first failure, doubling, at most an hour.
    static QDateTime nextAttempt(const QDateTime &now, int attempts);

private:
    Result<std::vector<AmsOperation>> select(const QString &where,
                                             const QVariantList &values) const;
    // One row's change and its audit entry ams.ACTION, together; a change that touches no row
    // (the state it leaves is gone) is a Conflict and writes nothing.
    Result<void> changeAudited(qint64 id, const QString &action, const QString &sql,
                               const QVariantList &values, const QString &note = {});

    DatabasePtr m_database;
    Actor m_actor;
    Clock m_clock;
};

} // namespace rd
