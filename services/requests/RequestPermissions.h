#pragma once

#include "audit/Actor.h"
#include "core/Error.h"
#include "requests/RequestState.h"

#include <QCoreApplication>

#include <optional>

namespace rd {

// What the permission rule knows of the request a step is asked for, read beforehand.
struct RequestAccess
{
    QString name; // the agenda number, or #id for a draft: how the messages name it
    RequestState state = RequestState::Draft;
    qint64 assignedOperatorId = 0; // who claimed it; 0: nobody
    QString assignedOperator;
    std::optional<QString> approvalRequestedBy; // Actor::toString of who asked for it last
    bool dualControl = false; // the desk's setting: revocation needs a supervisor's approval
};

// Who may take which step of a request. Pure: it reads neither the database nor the clock, so
// the whole rule is tested as a table (tests/unit/TestRequestPermissions.cpp).
class RequestPermissions
{
    Q_DECLARE_TR_FUNCTIONS(RequestPermissions)

public:
    // PermissionDenied, with the reason for the person, when the actor may not.
    static Result<void> authorize(const Actor &actor, const RequestAccess &request,
                                  RequestAction action);
};

} // namespace rd
