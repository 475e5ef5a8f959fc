#include "mail/Outbox.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"

namespace rd {

namespace {

using State = OutboxEntry::State;

const QString s_columns = QStringLiteral(
    "id, request_id, kind, language, message_id, recipient, subject, state, attempts, "
    "last_error, next_attempt_at, last_attempt_at, created_at, sent_at, interrupted_sends, "
    "message");

OutboxEntry entryFrom(const QSqlQuery &query)
{
    OutboxEntry entry;
    entry.id = query.value(0).toLongLong();
    entry.requestId = query.value(1).toLongLong();
    entry.kind = query.value(2).toString();
    entry.language = query.value(3).toString();
    entry.messageId = query.value(4).toString();
    entry.recipient = query.value(5).toString();
    entry.subject = query.value(6).toString();
    // The table's CHECK allows no other text.
    entry.state = Outbox::stateFromKey(query.value(7).toString()).value_or(State::Failed);
    entry.attempts = query.value(8).toInt();
    entry.lastError = query.value(9).toString();
    entry.nextAttemptAt = query.value(10).toString();
    entry.lastAttemptAt = query.value(11).toString();
    entry.createdAt = query.value(12).toString();
    entry.sentAt = query.value(13).toString();
    entry.interruptedSends = query.value(14).toInt();
    entry.message = query.value(15).toByteArray();
    return entry;
}

// Every change of a row's state names the state it leaves (`WHERE id = ? AND state = ?`); no
// row changed means another worker or an operator moved it first, and nothing is overwritten.
Result<void> changedOne(const Result<QSqlQuery> &updated, qint64 id, State from, State to)
{
    if (!updated)
        return errorOf(updated);
    if (updated->numRowsAffected() != 1) {
        return fail(ErrorCode::Conflict,
                    Outbox::tr("E-mail %1 is no longer %2, so it was not marked %3; another "
                               "worker or an operator changed it first.")
                        .arg(id)
                        .arg(Outbox::stateKey(from), Outbox::stateKey(to)));
    }
    return {};
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

Result<void> audit(const Database &database, const Actor &actor, const QString &action,
                   const OutboxEntry &entry, QJsonObject details = {})
{
    details.insert(QStringLiteral("message_id"), entry.messageId);
    details.insert(QStringLiteral("recipient"), entry.recipient);
    details.insert(QStringLiteral("kind"), entry.kind);
    if (entry.requestId > 0)
        details.insert(QStringLiteral("request_id"), entry.requestId);
    auto appended = AuditLog::append(database, actor, action, QStringLiteral("outbox"),
                                     QString::number(entry.id), details);
    if (!appended)
        return errorOf(appended);
    return {};
}

} // namespace

QJsonObject OutboxEntry::toJson() const
{
    return QJsonObject {
        {QStringLiteral("id"), id},
        {QStringLiteral("request_id"), requestId > 0 ? QJsonValue(requestId) : QJsonValue()},
        {QStringLiteral("kind"), kind},
        {QStringLiteral("language"), textOrNull(language)},
        {QStringLiteral("message_id"), messageId},
        {QStringLiteral("recipient"), recipient},
        {QStringLiteral("subject"), subject},
        {QStringLiteral("state"), Outbox::stateKey(state)},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("last_error"), textOrNull(lastError)},
        {QStringLiteral("next_attempt_at"), textOrNull(nextAttemptAt)},
        {QStringLiteral("last_attempt_at"), textOrNull(lastAttemptAt)},
        {QStringLiteral("created_at"), createdAt},
        {QStringLiteral("sent_at"), textOrNull(sentAt)},
        {QStringLiteral("interrupted_sends"), interruptedSends},
        {QStringLiteral("size_bytes"), message.size()},
    };
}

QStringList Outbox::states()
{
    return {stateKey(State::Pending), stateKey(State::Sending), stateKey(State::Sent),
            stateKey(State::Failed)};
}

QString Outbox::stateKey(OutboxEntry::State state)
{
    switch (state) {
    case State::Pending:
        return QStringLiteral("pending");
    case State::Sending:
        return QStringLiteral("sending");
    case State::Sent:
        return QStringLiteral("sent");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

std::optional<OutboxEntry::State> Outbox::stateFromKey(const QString &key)
{
    for (State state : {State::Pending, State::Sending, State::Sent, State::Failed}) {
        if (stateKey(state) == key)
            return state;
    }
    return std::nullopt;
}

qint64 Outbox::backOffSeconds(int attempts)
{
    const int doublings = std::clamp(attempts - 1, 0, 6);
    return std::min<qint64>(qint64(60) << doublings, 3600);
}

Result<qint64> Outbox::enqueue(const Database &database, MailMessage &message, qint64 requestId,
                               const QString &kind, const QString &language, const Clock &clock)
{
    const QDateTime queuedAt = clock.now();
    if (!message.date.isValid())
        message.date = queuedAt;
    auto bytes = message.toBytes();
    if (!bytes)
        return errorOf(bytes);
    const QString now = Clock::toIsoUtc(queuedAt);
    auto id = database.scalar(
        QStringLiteral("INSERT INTO outbox (request_id, kind, language, message_id, recipient, "
                       "subject, message, state, attempts, next_attempt_at, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, '%1', 0, ?, ?) RETURNING id")
            .arg(stateKey(State::Pending)),
        {Database::nullIfNoId(requestId), kind, Database::nullIfEmpty(language), message.messageId,
         message.to.first().address, message.subject, *bytes, now, now});
    if (!id)
        return errorOf(id);
    return id->toLongLong();
}

Result<std::vector<OutboxEntry>> Outbox::list(const Database &database,
                                              std::optional<OutboxEntry::State> state)
{
    auto query = !state
        ? database.execute(QStringLiteral("SELECT ") + s_columns
                           + QStringLiteral(" FROM outbox ORDER BY id"))
        : database.execute(QStringLiteral("SELECT ") + s_columns
                               + QStringLiteral(" FROM outbox WHERE state = ? ORDER BY id"),
                           {stateKey(*state)});
    if (!query)
        return errorOf(query);
    std::vector<OutboxEntry> entries;
    while (query->next())
        entries.push_back(entryFrom(*query));
    return entries;
}

Result<OutboxEntry> Outbox::find(const Database &database, qint64 id)
{
    auto query = database.execute(
        QStringLiteral("SELECT ") + s_columns + QStringLiteral(" FROM outbox WHERE id = ?"), {id});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound,
                    tr("There is no e-mail with id %1 in the outbox.").arg(id));
    return entryFrom(*query);
}

Result<int> Outbox::recoverInterrupted(const Database &database, const Actor &actor)
{
    int recovered = 0;
    auto done = AuditLog::inTransaction(database, [&]() -> Result<void> {
        auto query = database.execute(
            QStringLiteral("SELECT ") + s_columns
            + QStringLiteral(" FROM outbox WHERE state = '%1'").arg(stateKey(State::Sending)));
        if (!query)
            return errorOf(query);
        std::vector<OutboxEntry> interrupted;
        while (query->next())
            interrupted.push_back(entryFrom(*query));
        query->finish();
        const QString now = Clock::toIsoUtc(Clock::currentUtc());
        for (const OutboxEntry &entry : interrupted) {
            // The server may have taken it before the crash: the same Message-ID lets mail
            // readers fold a second copy into the first.
            const QString note
                = tr("Interrupted while sending (attempt started %1); sent again with the same "
                     "Message-ID, so the recipient may get it twice.")
                      .arg(entry.lastAttemptAt);
            auto updated = database.execute(
                QStringLiteral("UPDATE outbox SET state = '%1', next_attempt_at = ?, "
                               "last_error = ?, interrupted_sends = interrupted_sends + 1 "
                               "WHERE id = ? AND state = '%2'")
                    .arg(stateKey(State::Pending), stateKey(State::Sending)),
                {now, note, entry.id});
            if (auto ok = changedOne(updated, entry.id, State::Sending, State::Pending); !ok)
                return ok;
            if (auto ok = audit(database, actor, QStringLiteral("mail.interrupted"), entry,
                                {{QStringLiteral("attempt_started_at"), entry.lastAttemptAt},
                                 {QStringLiteral("attempts"), entry.attempts}});
                !ok)
                return ok;
            ++recovered;
        }
        return {};
    });
    if (!done)
        return errorOf(done);
    return recovered;
}

Result<std::optional<OutboxEntry>> Outbox::claimNextDue(const Database &database,
                                                        const QDateTime &now)
{
    return database.inTransaction([&]() -> Result<std::optional<OutboxEntry>> {
        // SQLite's BEGIN IMMEDIATE already holds the write lock; PostgreSQL workers skip each
        // other's rows.
        const QString lock
            = database.isSqlite() ? QString() : QStringLiteral(" FOR UPDATE SKIP LOCKED");
        const QString nowText = Clock::toIsoUtc(now);
        auto query = database.execute(QStringLiteral("SELECT ") + s_columns
                                          + QStringLiteral(" FROM outbox WHERE state = '%1' "
                                                           "AND next_attempt_at <= ? "
                                                           "ORDER BY next_attempt_at, id LIMIT 1")
                                                .arg(stateKey(State::Pending))
                                          + lock,
                                      {nowText});
        if (!query)
            return errorOf(query);
        if (!query->next())
            return std::optional<OutboxEntry>();
        OutboxEntry entry = entryFrom(*query);
        query->finish();
        auto updated = database.execute(
            QStringLiteral("UPDATE outbox SET state = '%1', attempts = attempts + 1, "
                           "last_attempt_at = ? WHERE id = ? AND state = '%2'")
                .arg(stateKey(State::Sending), stateKey(State::Pending)),
            {nowText, entry.id});
        if (!updated)
            return errorOf(updated);
        if (updated->numRowsAffected() != 1)
            return std::optional<OutboxEntry>();
        entry.state = State::Sending;
        entry.attempts += 1;
        entry.lastAttemptAt = nowText;
        return std::optional<OutboxEntry>(entry);
    });
}

Result<void> Outbox::markSent(const Database &database, const Actor &actor, qint64 id,
                              const QString &reply)
{
    return AuditLog::inTransaction(database, [&]() -> Result<void> {
        auto entry = find(database, id);
        if (!entry)
            return errorOf(entry);
        auto updated = database.execute(
            QStringLiteral(
                "UPDATE outbox SET state = '%1', sent_at = ? WHERE id = ? AND state = '%2'")
                .arg(stateKey(State::Sent), stateKey(State::Sending)),
            {Clock::toIsoUtc(Clock::currentUtc()), id});
        if (auto ok = changedOne(updated, id, State::Sending, State::Sent); !ok)
            return ok;
        return audit(
            database, actor, QStringLiteral("mail.sent"), *entry,
            {{QStringLiteral("reply"), reply}, {QStringLiteral("attempts"), entry->attempts}});
    });
}

Result<bool> Outbox::markRetry(const Database &database, const Actor &actor, qint64 id,
                               const QString &error)
{
    auto entry = find(database, id);
    if (!entry)
        return errorOf(entry);
    if (entry->attempts >= MaximumAttempts) {
        const QString message
            = tr("Gave up after %1 attempts; the last: %2").arg(entry->attempts).arg(error);
        if (auto ok = markFailed(database, actor, id, message); !ok)
            return errorOf(ok);
        return true;
    }
    const QDateTime next = Clock::currentUtc().addSecs(backOffSeconds(entry->attempts));
    auto updated = database.execute(
        QStringLiteral("UPDATE outbox SET state = '%1', last_error = ?, next_attempt_at = ? "
                       "WHERE id = ? AND state = '%2'")
            .arg(stateKey(State::Pending), stateKey(State::Sending)),
        {error, Clock::toIsoUtc(next), id});
    if (auto ok = changedOne(updated, id, State::Sending, State::Pending); !ok)
        return errorOf(ok);
    return false;
}

Result<void> Outbox::markFailed(const Database &database, const Actor &actor, qint64 id,
                                const QString &error)
{
    return AuditLog::inTransaction(database, [&]() -> Result<void> {
        auto entry = find(database, id);
        if (!entry)
            return errorOf(entry);
        auto updated = database.execute(
            QStringLiteral(
                "UPDATE outbox SET state = '%1', last_error = ? WHERE id = ? AND state = '%2'")
                .arg(stateKey(State::Failed), stateKey(State::Sending)),
            {error, id});
        if (auto ok = changedOne(updated, id, State::Sending, State::Failed); !ok)
            return ok;
        return audit(
            database, actor, QStringLiteral("mail.failed"), *entry,
            {{QStringLiteral("error"), error}, {QStringLiteral("attempts"), entry->attempts}});
    });
}

Result<void> Outbox::resend(const Database &database, const Actor &actor, qint64 id)
{
    if (actor.role() == Actor::Role::None)
        return fail(ErrorCode::PermissionDenied,
                    tr("Only a logged-in member of staff sends an e-mail again."));
    return AuditLog::inTransaction(database, [&]() -> Result<void> {
        auto entry = find(database, id);
        if (!entry)
            return errorOf(entry);
        if (entry->state == State::Sent)
            return fail(ErrorCode::InvalidTransition,
                        tr("E-mail %1 was already sent (%2); it is not sent twice.")
                            .arg(id)
                            .arg(entry->sentAt));
        if (entry->state == State::Sending)
            return fail(ErrorCode::Conflict, tr("E-mail %1 is being sent right now.").arg(id));
        auto updated
            = database.execute(QStringLiteral("UPDATE outbox SET state = '%1', attempts = 0, "
                                              "next_attempt_at = ? WHERE id = ? AND state = ?")
                                   .arg(stateKey(State::Pending)),
                               {Clock::toIsoUtc(Clock::currentUtc()), id, stateKey(entry->state)});
        if (auto ok = changedOne(updated, id, entry->state, State::Pending); !ok)
            return ok;
        return audit(database, actor, QStringLiteral("mail.resend"), *entry,
                     {{QStringLiteral("previous_state"), stateKey(entry->state)},
                      {QStringLiteral("previous_attempts"), entry->attempts},
                      {QStringLiteral("previous_error"), entry->lastError}});
    });
}

} // namespace rd
