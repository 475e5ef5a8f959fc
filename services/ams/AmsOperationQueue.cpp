#include "ams/AmsOperationQueue.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

namespace rd {

namespace {

using State = AmsOperation::State;

const QString kColumns = QStringLiteral(
    "id, request_id, operation, idempotency_key, payload, state, attempts, last_error, response, "
    "next_attempt_at, created_at, completed_at, lease_owner, lease_until");

QString toText(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QJsonObject fromText(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toString().toUtf8()).object();
}

} // namespace

QStringList AmsOperationQueue::operations()
{
    return {QStringLiteral("file_request"), QStringLiteral("revoke"), QStringLiteral("reject"),
            QStringLiteral("portal_revoke")};
}

AmsOperationQueue::AmsOperationQueue(DatabasePtr database, Actor actor, Clock clock)
    : m_database(std::move(database))
    , m_actor(std::move(actor))
    , m_clock(std::move(clock))
{ }

namespace {

QJsonObject auditDetails(const AmsOperation &operation)
{
    return QJsonObject {{QStringLiteral("request_id"), operation.requestId},
                        {QStringLiteral("operation"), operation.operation},
                        {QStringLiteral("idempotency_key"), operation.idempotencyKey}};
}

} // namespace

Result<void> AmsOperationQueue::changeAudited(qint64 id, const QString &action, const QString &sql,
                                              const QVariantList &values, const QString &note)
{
    return AuditLog::inTransaction(*m_database, [&]() -> Result<void> {
        auto operation = find(id);
        if (!operation)
            return errorOf(operation);
        auto ok = m_database->execute(sql, values);
        if (!ok)
            return errorOf(ok);
        if (ok->numRowsAffected() != 1) {
            return fail(ErrorCode::Conflict,
                        tr("The AMS operation %1 is %2 and not held by this runner, so it was "
                           "not marked %3; another runner or a person changed it first.")
                            .arg(id)
                            .arg(stateKey(operation->state), action));
        }
        QJsonObject details = auditDetails(*operation);
        if (!note.isEmpty())
            details.insert(QStringLiteral("note"), note);
        auto appended = AuditLog::append(*m_database, m_actor, QStringLiteral("ams.") + action,
                                         QStringLiteral("ams_operation"), QString::number(id),
                                         details, m_clock);
        if (!appended)
            return errorOf(appended);
        return {};
    });
}

QString AmsOperationQueue::stateKey(AmsOperation::State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Sending:
        return QStringLiteral("sending");
    case State::Done:
        return QStringLiteral("done");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<AmsOperation::State> AmsOperationQueue::stateFromKey(const QString &key)
{
    for (State state : {State::Pending, State::Sending, State::Done, State::Failed}) {
        if (stateKey(state) == key)
            return state;
    }
    return std::nullopt;
}

QDateTime AmsOperationQueue::nextAttempt(const QDateTime &now, int attempts)
{
    qint64 seconds = 30;
    for (int i = 1; i < attempts && seconds < 3600; ++i)
        seconds *= 2;
    return now.addSecs(std::min<qint64>(seconds, 3600));
}

Result<std::vector<AmsOperation>> AmsOperationQueue::select(const QString &where,
                                                            const QVariantList &values) const
{
    auto query = m_database->execute(QStringLiteral("SELECT %1 FROM ams_operations WHERE %2%3")
                                         .arg(kColumns, where,
                                              where.contains(QLatin1String("ORDER BY"))
                                                  ? QString()
                                                  : QStringLiteral(" ORDER BY id")),
                                     values);
    if (!query)
        return errorOf(query);
    std::vector<AmsOperation> found;
    while (query->next()) {
        AmsOperation o;
        o.id = query->value(0).toLongLong();
        o.requestId = query->value(1).toLongLong();
        o.operation = query->value(2).toString();
        o.idempotencyKey = query->value(3).toString();
        o.payload = fromText(query->value(4));
        // The table's CHECK allows no other text.
        o.state = stateFromKey(query->value(5).toString()).value_or(AmsOperation::State::Failed);
        o.attempts = query->value(6).toInt();
        o.lastError = query->value(7).toString();
        o.response = fromText(query->value(8));
        o.nextAttemptAt = Clock::fromIsoUtc(query->value(9).toString());
        o.createdAt = Clock::fromIsoUtc(query->value(10).toString());
        o.completedAt = Clock::fromIsoUtc(query->value(11).toString());
        o.leaseOwner = query->value(12).toString();
        o.leaseUntil = Clock::fromIsoUtc(query->value(13).toString());
        found.push_back(o);
    }
    return found;
}

Result<AmsOperation> AmsOperationQueue::find(qint64 id) const
{
    auto found = select(QStringLiteral("id = ?"), {id});
    if (!found)
        return errorOf(found);
    if (found->empty())
        return fail(ErrorCode::NotFound, tr("There is no AMS operation %1.").arg(id));
    return found->front();
}

Result<AmsOperation> AmsOperationQueue::enqueue(qint64 requestId, const QString &operation,
                                                const QJsonObject &payload)
{
    return AuditLog::inTransaction(
        *m_database, [&]() { return enqueueInTransaction(requestId, operation, payload); });
}

Result<AmsOperation> AmsOperationQueue::enqueueInTransaction(qint64 requestId,
                                                             const QString &operation,
                                                             const QJsonObject &payload)
{
    if (!operations().contains(operation))
        return fail(ErrorCode::InvalidInput, tr("Unknown AMS operation \"%1\".").arg(operation));
    {
        auto earlier = select(QStringLiteral("request_id = ? AND operation = ? ORDER BY id DESC"),
                              {requestId, operation});
        if (!earlier)
            return errorOf(earlier);
        // Rows from before version 8 may be several; the newest is the one that counts.
        if (!earlier->empty()) {
            const AmsOperation &last = earlier->front();
            if (last.state != State::Failed)
                return last;
            // It may have reached AMS before it failed (a timeout, then a refused log-in): only
            // the same key lets AMS recognise it and not do it twice.
            auto reopened = m_database->execute(
                QStringLiteral("UPDATE ams_operations SET state = '%1', payload = ?, "
                               "next_attempt_at = ?, completed_at = NULL, lease_owner = NULL, "
                               "lease_until = NULL WHERE id = ? AND state = '%2'")
                    .arg(stateKey(State::Pending), stateKey(State::Failed)),
                {toText(payload), Clock::toIsoUtc(m_clock.now()), last.id});
            if (!reopened)
                return errorOf(reopened);
            if (reopened->numRowsAffected() != 1)
                return fail(
                    ErrorCode::Conflict,
                    tr("The AMS operation %1 changed while it was queued again.").arg(last.id));
            QJsonObject details = auditDetails(last);
            details.insert(QStringLiteral("previous_error"), last.lastError);
            auto appended = AuditLog::append(*m_database, m_actor, QStringLiteral("ams.requeued"),
                                             QStringLiteral("ams_operation"),
                                             QString::number(last.id), details, m_clock);
            if (!appended)
                return errorOf(appended);
            return find(last.id);
        }
        const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString now = Clock::toIsoUtc(m_clock.now());
        auto id = m_database->scalar(
            QStringLiteral("INSERT INTO ams_operations (request_id, operation, idempotency_key, "
                           "payload, state, attempts, next_attempt_at, created_at) "
                           "VALUES (?, ?, ?, ?, '%1', 0, ?, ?) RETURNING id")
                .arg(stateKey(State::Pending)),
            {requestId, operation, key, toText(payload), now, now});
        if (!id)
            return errorOf(id);
        auto queued = find(id->toLongLong());
        if (!queued)
            return queued;
        auto appended = AuditLog::append(
            *m_database, m_actor, QStringLiteral("ams.queued"), QStringLiteral("ams_operation"),
            QString::number(queued->id), auditDetails(*queued), m_clock);
        if (!appended)
            return errorOf(appended);
        return queued;
    }
}

Result<std::vector<AmsOperation>> AmsOperationQueue::due(const QDateTime &now) const
{
    const QString at = Clock::toIsoUtc(now);
    return select(QStringLiteral("operation <> 'portal_revoke' AND ((state = '%1' AND "
                                 "(lease_until IS NULL OR lease_until <= ?)) OR "
                                 "(state = '%2' AND next_attempt_at <= ?))")
                      .arg(stateKey(State::Sending), stateKey(State::Pending)),
                  {at, at});
}

Result<std::vector<AmsOperation>> AmsOperationQueue::all(qint64 requestId) const
{
    return select(QStringLiteral("request_id = ?"), {requestId});
}

Result<QString> AmsOperationQueue::markSending(qint64 id)
{
    const QDateTime now = m_clock.now();
    const QString lease = QUuid::createUuid().toString(QUuid::WithoutBraces);
    // One statement decides: of two runners, the second finds the row sending under a lease
    // that has not run out and changes nothing.
    auto ok = m_database->execute(
        QStringLiteral("UPDATE ams_operations SET state = '%1', attempts = attempts + 1, "
                       "lease_owner = ?, lease_until = ? WHERE id = ? AND (state = '%2' OR "
                       "(state = '%1' AND (lease_until IS NULL OR lease_until <= ?)))")
            .arg(stateKey(State::Sending), stateKey(State::Pending)),
        {lease, Clock::toIsoUtc(now.addSecs(LeaseSeconds)), id, Clock::toIsoUtc(now)});
    if (!ok)
        return errorOf(ok);
    if (ok->numRowsAffected() != 1) {
        auto current = find(id);
        if (current && current->state == State::Sending)
            return fail(ErrorCode::Conflict,
                        tr("The AMS operation %1 is being sent by another workstation (until %2 "
                           "at the latest).")
                            .arg(id)
                            .arg(Clock::toIsoUtc(current->leaseUntil)));
        return fail(ErrorCode::Conflict, tr("The AMS operation %1 is not open any more.").arg(id));
    }
    return lease;
}

Result<void> AmsOperationQueue::markDone(qint64 id, const QJsonObject &response,
                                         const QString &lease)
{
    const QString now = Clock::toIsoUtc(m_clock.now());
    if (lease.isEmpty()) {
        return changeAudited(id, QStringLiteral("done"),
                             QStringLiteral("UPDATE ams_operations SET state = '%1', response = ?, "
                                            "last_error = NULL, completed_at = ? "
                                            "WHERE id = ? AND state = '%2'")
                                 .arg(stateKey(State::Done), stateKey(State::Pending)),
                             {toText(response), now, id});
    }
    return changeAudited(id, QStringLiteral("done"),
                         QStringLiteral("UPDATE ams_operations SET state = '%1', response = ?, "
                                        "last_error = NULL, completed_at = ?, lease_owner = NULL, "
                                        "lease_until = NULL "
                                        "WHERE id = ? AND state = '%2' AND lease_owner = ?")
                             .arg(stateKey(State::Done), stateKey(State::Sending)),
                         {toText(response), now, id, lease});
}

Result<void> AmsOperationQueue::markRetry(qint64 id, const QString &lease, const QString &error,
                                          const QDateTime &nextAttemptAt)
{
    auto ok = m_database->execute(
        QStringLiteral("UPDATE ams_operations SET state = '%1', last_error = ?, "
                       "next_attempt_at = ?, lease_owner = NULL, lease_until = NULL "
                       "WHERE id = ? AND state = '%2' AND lease_owner = ?")
            .arg(stateKey(State::Pending), stateKey(State::Sending)),
        {error, Clock::toIsoUtc(nextAttemptAt), id, lease});
    if (!ok)
        return errorOf(ok);
    if (ok->numRowsAffected() != 1)
        return fail(ErrorCode::Conflict,
                    tr("The AMS operation %1 is not held by this runner any more; it was not "
                       "queued for a retry.")
                        .arg(id));
    return {};
}

Result<void> AmsOperationQueue::markFailed(qint64 id, const QString &lease, const QString &error)
{
    return changeAudited(id, QStringLiteral("failed"),
                         QStringLiteral("UPDATE ams_operations SET state = '%1', last_error = ?, "
                                        "completed_at = ?, lease_owner = NULL, lease_until = NULL "
                                        "WHERE id = ? AND state = '%2' AND lease_owner = ?")
                             .arg(stateKey(State::Failed), stateKey(State::Sending)),
                         {error, Clock::toIsoUtc(m_clock.now()), id, lease}, error);
}

Result<void> AmsOperationQueue::completePayload(qint64 id, const QJsonObject &payload)
{
    return changeAudited(id, QStringLiteral("completed"),
                         QStringLiteral("UPDATE ams_operations SET payload = ? WHERE id = ? AND "
                                        "state = '%1'")
                             .arg(stateKey(State::Pending)),
                         {toText(payload), id});
}

Result<void> AmsOperationQueue::setResponse(qint64 id, const QJsonObject &response,
                                            const QString &note)
{
    return changeAudited(id, QStringLiteral("reported"),
                         QStringLiteral("UPDATE ams_operations SET response = ?, last_error = ?, "
                                        "attempts = attempts + 1 WHERE id = ? AND state = '%1'")
                             .arg(stateKey(State::Pending)),
                         {toText(response), note, id}, note);
}

} // namespace rd
