#pragma once

#include "database/Database.h"
#include "requests/RevocationRequest.h"

#include <optional>
#include <vector>

namespace rd {

// One SOP step event as it is written. Times are the stored ISO 8601 UTC text, passed through
// unchanged (a step may start at a time read back from the request's row).
struct NewRequestEvent
{
    qint64 requestId = 0;
    int step = 0;
    QString action; // RequestStates::actionKey, or "create"
    QString fromState; // empty for the draft's creation
    QString toState;
    QString actor;
    QString startedAt;
    QString finishedAt;
    QString outcome;
    QString note;
};

// The request_events table: who did which SOP step of a request, from when to when. Written
// only inside the lifecycle's transaction, beside the state change it records.
class RequestEventRepository
{
public:
    explicit RequestEventRepository(DatabasePtr database);

    Result<void> append(const NewRequestEvent &event) const;
    // Oldest first.
    Result<std::vector<RequestEvent>> forRequest(qint64 requestId) const;
    // Who took the newest step of this kind (Actor::toString), if anyone did.
    Result<std::optional<QString>> lastActor(qint64 requestId, RequestAction action) const;
    // When AMS first revoked it (revoked, or revoked pending the proof), if it has been.
    Result<std::optional<QString>> revokedAt(qint64 requestId) const;

private:
    DatabasePtr m_database;
};

} // namespace rd
