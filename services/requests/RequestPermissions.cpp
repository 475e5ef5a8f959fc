#include "requests/RequestPermissions.h"

namespace rd {

namespace {

bool isSupervisor(const Actor &actor)
{
    return actor.role() == Actor::Role::Supervisor || actor.role() == Actor::Role::Administrator;
}

} // namespace

Result<void> RequestPermissions::authorize(const Actor &actor, const RequestAccess &request,
                                           RequestAction action)
{
    // The kiosk and the command line without a log-in only file; operators work the claimed
    // request; revocation under dual control needs a second person with a supervisor's role.
    // The worker only records the answers to a revocation a person sent.
    const bool answer = action == RequestAction::RecordPendingProof
        || action == RequestAction::ConfirmRevocation || action == RequestAction::FailRevocation;
    if (actor.kind() == Actor::Kind::Worker)
        return answer ? Result<void>()
                      : fail(ErrorCode::PermissionDenied,
                             tr("The background worker only records what AMS and the status "
                                "services answered."));
    if (actor.kind() == Actor::Kind::User && actor.role() == Actor::Role::None)
        return fail(ErrorCode::PermissionDenied, tr("This account has no role."));
    const bool filing = action == RequestAction::Submit || action == RequestAction::Resubmit;
    if (actor.role() == Actor::Role::None && !filing) {
        if (actor.kind() == Actor::Kind::Kiosk)
            return fail(ErrorCode::PermissionDenied,
                        tr("Only staff can do this at a workstation."));
        return fail(ErrorCode::PermissionDenied,
                    tr("Only a logged-in operator, supervisor or administrator can do this."));
    }
    const bool operatorStep = action == RequestAction::RequestCompletion
        || action == RequestAction::Verify || action == RequestAction::MatchCertificate;
    if (operatorStep && actor.kind() == Actor::Kind::User && request.assignedOperatorId > 0
        && request.assignedOperatorId != actor.userId() && !isSupervisor(actor)) {
        return fail(
            ErrorCode::PermissionDenied,
            tr("Request %1 was claimed by %2.").arg(request.name, request.assignedOperator));
    }
    const bool revocation = action == RequestAction::Revoke;
    if (revocation && request.dualControl && request.state == RequestState::CertificateMatched) {
        return fail(ErrorCode::PermissionDenied,
                    tr("Dual control is on: a supervisor must approve request %1 before it is "
                       "revoked.")
                        .arg(request.name));
    }
    if (revocation && request.state == RequestState::AwaitingApproval) {
        if (!isSupervisor(actor))
            return fail(ErrorCode::PermissionDenied,
                        tr("Only a supervisor can approve a revocation."));
        if (request.approvalRequestedBy == actor.toString())
            return fail(ErrorCode::PermissionDenied,
                        tr("The person who asked for approval cannot also give it."));
    }
    return {};
}

} // namespace rd
