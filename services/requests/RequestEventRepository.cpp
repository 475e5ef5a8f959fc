#include "requests/RequestEventRepository.h"

#include "core/Clock.h"

namespace rd {

namespace {

// The first value of the first row, or nothing when there is no row.
Result<std::optional<QString>> firstText(Result<QSqlQuery> query)
{
    if (!query)
        return errorOf(query);
    if (!query->next())
        return std::optional<QString>();
    return std::optional<QString>(query->value(0).toString());
}

} // namespace

RequestEventRepository::RequestEventRepository(DatabasePtr database)
    : m_database(std::move(database))
{ }

Result<void> RequestEventRepository::append(const NewRequestEvent &event) const
{
    auto inserted = m_database->execute(
        QStringLiteral("INSERT INTO request_events (request_id, step, action, from_state, "
                       "to_state, actor, started_at, finished_at, outcome, note) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {event.requestId, event.step, event.action, Database::nullIfEmpty(event.fromState),
         event.toState, event.actor, event.startedAt, event.finishedAt, event.outcome,
         Database::nullIfEmpty(event.note)});
    if (!inserted)
        return errorOf(inserted);
    return {};
}

Result<std::vector<RequestEvent>> RequestEventRepository::forRequest(qint64 requestId) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT id, step, action, from_state, to_state, actor, started_at, "
                       "finished_at, outcome, note FROM request_events WHERE request_id = ? "
                       "ORDER BY id"),
        {requestId});
    if (!query)
        return errorOf(query);
    std::vector<RequestEvent> events;
    while (query->next()) {
        RequestEvent event;
        event.id = query->value(0).toLongLong();
        event.step = query->value(1).toInt();
        event.action = query->value(2).toString();
        event.fromState = query->value(3).toString();
        event.toState = query->value(4).toString();
        event.actor = query->value(5).toString();
        event.startedAt = Clock::fromIsoUtc(query->value(6).toString());
        event.finishedAt = Clock::fromIsoUtc(query->value(7).toString());
        event.outcome = query->value(8).toString();
        event.note = query->value(9).toString();
        events.push_back(std::move(event));
    }
    return events;
}

Result<std::optional<QString>> RequestEventRepository::lastActor(qint64 requestId,
                                                                 RequestAction action) const
{
    return firstText(m_database->execute(
        QStringLiteral("SELECT actor FROM request_events WHERE request_id = ? AND action = ? "
                       "ORDER BY id DESC LIMIT 1"),
        {requestId, RequestStates::actionKey(action)}));
}

Result<std::optional<QString>> RequestEventRepository::revokedAt(qint64 requestId) const
{
    return firstText(m_database->execute(
        QStringLiteral("SELECT finished_at FROM request_events WHERE request_id = ? AND "
                       "to_state IN ('revoked', 'revocation_pending_proof') ORDER BY id LIMIT 1"),
        {requestId}));
}

} // namespace rd
