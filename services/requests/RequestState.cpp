#include "requests/RequestState.h"

namespace rd {

const std::vector<RequestState> &RequestStates::all()
{
    static const std::vector<RequestState> states = {
        RequestState::Draft,
        RequestState::Submitted,
        RequestState::InVerification,
        RequestState::NeedsCompletion,
        RequestState::Verified,
        RequestState::CertificateMatched,
        RequestState::AwaitingApproval,
        RequestState::RevocationQueued,
        RequestState::RevocationPendingProof,
        RequestState::RevocationFailed,
        RequestState::Revoked,
        RequestState::Notified,
        RequestState::Closed,
        RequestState::Rejected,
        RequestState::Cancelled,
    };
    return states;
}

QString RequestStates::key(RequestState state)
{
    switch (state) {
    case RequestState::Draft:
        return QStringLiteral("draft");
    case RequestState::Submitted:
        return QStringLiteral("submitted");
    case RequestState::InVerification:
        return QStringLiteral("in_verification");
    case RequestState::NeedsCompletion:
        return QStringLiteral("needs_completion");
    case RequestState::Verified:
        return QStringLiteral("verified");
    case RequestState::CertificateMatched:
        return QStringLiteral("certificate_matched");
    case RequestState::AwaitingApproval:
        return QStringLiteral("awaiting_approval");
    case RequestState::RevocationQueued:
        return QStringLiteral("revocation_queued");
    case RequestState::RevocationPendingProof:
        return QStringLiteral("revocation_pending_proof");
    case RequestState::RevocationFailed:
        return QStringLiteral("revocation_failed");
    case RequestState::Revoked:
        return QStringLiteral("revoked");
    case RequestState::Notified:
        return QStringLiteral("notified");
    case RequestState::Closed:
        return QStringLiteral("closed");
    case RequestState::Rejected:
        return QStringLiteral("rejected");
    case RequestState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

std::optional<RequestState> RequestStates::fromKey(const QString &key)
{
    for (RequestState state : all()) {
        if (RequestStates::key(state) == key)
            return state;
    }
    return std::nullopt;
}

QString RequestStates::label(RequestState state)
{
    switch (state) {
    case RequestState::Draft:
        return tr("Draft");
    case RequestState::Submitted:
        return tr("Submitted");
    case RequestState::InVerification:
        return tr("In verification");
    case RequestState::NeedsCompletion:
        return tr("Needs completion");
    case RequestState::Verified:
        return tr("Verified");
    case RequestState::CertificateMatched:
        return tr("Certificate matched");
    case RequestState::AwaitingApproval:
        return tr("Awaiting approval");
    case RequestState::RevocationQueued:
        return tr("Revocation sent to AMS");
    case RequestState::RevocationPendingProof:
        return tr("Revoked, awaiting proof");
    case RequestState::RevocationFailed:
        return tr("Revocation failed");
    case RequestState::Revoked:
        return tr("Revoked");
    case RequestState::Notified:
        return tr("Applicant notified");
    case RequestState::Closed:
        return tr("Closed");
    case RequestState::Rejected:
        return tr("Rejected");
    case RequestState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

bool RequestStates::isTerminal(RequestState state)
{
    return state == RequestState::Closed || state == RequestState::Rejected
        || state == RequestState::Cancelled;
}

bool RequestStates::isPastRevocation(RequestState state)
{
    // Queued counts: the call may reach AMS at any moment, and AMS does not undo it.
    return state == RequestState::RevocationQueued || state == RequestState::RevocationPendingProof
        || state == RequestState::Revoked || state == RequestState::Notified
        || state == RequestState::Closed;
}

const std::vector<RequestAction> &RequestStates::allActions()
{
    static const std::vector<RequestAction> actions = {
        RequestAction::Submit,
        RequestAction::Claim,
        RequestAction::RequestCompletion,
        RequestAction::Resubmit,
        RequestAction::Verify,
        RequestAction::MatchCertificate,
        RequestAction::RequestApproval,
        RequestAction::Revoke,
        RequestAction::RecordPendingProof,
        RequestAction::ConfirmRevocation,
        RequestAction::FailRevocation,
        RequestAction::RetryRevocation,
        RequestAction::Notify,
        RequestAction::Close,
        RequestAction::Reject,
        RequestAction::Cancel,
    };
    return actions;
}

QString RequestStates::actionKey(RequestAction action)
{
    switch (action) {
    case RequestAction::Submit:
        return QStringLiteral("submit");
    case RequestAction::Claim:
        return QStringLiteral("claim");
    case RequestAction::RequestCompletion:
        return QStringLiteral("request_completion");
    case RequestAction::Resubmit:
        return QStringLiteral("resubmit");
    case RequestAction::Verify:
        return QStringLiteral("verify");
    case RequestAction::MatchCertificate:
        return QStringLiteral("match_certificate");
    case RequestAction::RequestApproval:
        return QStringLiteral("request_approval");
    case RequestAction::Revoke:
        return QStringLiteral("revoke");
    case RequestAction::RecordPendingProof:
        return QStringLiteral("record_pending_proof");
    case RequestAction::ConfirmRevocation:
        return QStringLiteral("confirm_revocation");
    case RequestAction::FailRevocation:
        return QStringLiteral("fail_revocation");
    case RequestAction::RetryRevocation:
        return QStringLiteral("retry_revocation");
    case RequestAction::Notify:
        return QStringLiteral("notify");
    case RequestAction::Close:
        return QStringLiteral("close");
    case RequestAction::Reject:
        return QStringLiteral("reject");
    case RequestAction::Cancel:
        return QStringLiteral("cancel");
    }
    return {};
}

std::optional<RequestAction> RequestStates::actionFromKey(const QString &key)
{
    for (RequestAction action : allActions()) {
        if (actionKey(action) == key)
            return action;
    }
    return std::nullopt;
}

QString RequestStates::actionLabel(RequestAction action)
{
    switch (action) {
    case RequestAction::Submit:
        return tr("Submit");
    case RequestAction::Claim:
        return tr("Claim for verification");
    case RequestAction::RequestCompletion:
        return tr("Ask for missing documents");
    case RequestAction::Resubmit:
        return tr("Resubmit with completed documents");
    case RequestAction::Verify:
        return tr("Data and documents verified");
    case RequestAction::MatchCertificate:
        return tr("Certificate matches the holder");
    case RequestAction::RequestApproval:
        return tr("Ask a supervisor to approve");
    case RequestAction::Revoke:
        return tr("Revoke in AMS");
    case RequestAction::RecordPendingProof:
        return tr("Revoked in AMS, awaiting proof");
    case RequestAction::ConfirmRevocation:
        return tr("Revocation confirmed");
    case RequestAction::FailRevocation:
        return tr("Revocation failed");
    case RequestAction::RetryRevocation:
        return tr("Retry the revocation");
    case RequestAction::Notify:
        return tr("Applicant notified");
    case RequestAction::Close:
        return tr("Close");
    case RequestAction::Reject:
        return tr("Reject");
    case RequestAction::Cancel:
        return tr("Cancel");
    }
    return {};
}

std::optional<RequestState> RequestStates::target(RequestState from, RequestAction action)
{
    using S = RequestState;
    using A = RequestAction;
    switch (action) {
    case A::Submit:
        return from == S::Draft ? std::optional(S::Submitted) : std::nullopt;
    case A::Claim:
        return from == S::Submitted ? std::optional(S::InVerification) : std::nullopt;
    case A::RequestCompletion:
        return from == S::InVerification ? std::optional(S::NeedsCompletion) : std::nullopt;
    case A::Resubmit:
        return from == S::NeedsCompletion ? std::optional(S::Submitted) : std::nullopt;
    case A::Verify:
        return from == S::InVerification ? std::optional(S::Verified) : std::nullopt;
    case A::MatchCertificate:
        return from == S::Verified ? std::optional(S::CertificateMatched) : std::nullopt;
    case A::RequestApproval:
        return from == S::CertificateMatched ? std::optional(S::AwaitingApproval) : std::nullopt;
    case A::Revoke:
        return from == S::CertificateMatched || from == S::AwaitingApproval
            ? std::optional(S::RevocationQueued)
            : std::nullopt;
    case A::RecordPendingProof:
        return from == S::RevocationQueued ? std::optional(S::RevocationPendingProof)
                                           : std::nullopt;
    case A::ConfirmRevocation:
        return from == S::RevocationPendingProof ? std::optional(S::Revoked) : std::nullopt;
    case A::FailRevocation:
        return from == S::RevocationQueued ? std::optional(S::RevocationFailed) : std::nullopt;
    case A::RetryRevocation:
        return from == S::RevocationFailed ? std::optional(S::RevocationQueued) : std::nullopt;
    case A::Notify:
        return from == S::Revoked ? std::optional(S::Notified) : std::nullopt;
    case A::Close:
        return from == S::Notified ? std::optional(S::Closed) : std::nullopt;
    case A::Reject:
        return !isTerminal(from) && !isPastRevocation(from) ? std::optional(S::Rejected)
                                                            : std::nullopt;
    case A::Cancel:
        return !isTerminal(from) && !isPastRevocation(from) ? std::optional(S::Cancelled)
                                                            : std::nullopt;
    }
    return std::nullopt;
}

std::vector<RequestAction> RequestStates::allowedActions(RequestState from)
{
    std::vector<RequestAction> actions;
    for (RequestAction action : allActions()) {
        if (target(from, action))
            actions.push_back(action);
    }
    return actions;
}

int RequestStates::sopStep(RequestState from, RequestAction action)
{
    switch (action) {
    case RequestAction::Submit:
    case RequestAction::Resubmit:
        return 5;
    case RequestAction::Claim:
    case RequestAction::RequestCompletion:
    case RequestAction::Verify:
        return 6;
    case RequestAction::MatchCertificate:
        return 7;
    case RequestAction::RequestApproval:
    case RequestAction::Revoke:
    case RequestAction::RecordPendingProof:
    case RequestAction::ConfirmRevocation:
    case RequestAction::FailRevocation:
    case RequestAction::RetryRevocation:
        return 8;
    case RequestAction::Notify:
        return 9;
    case RequestAction::Close:
        return 10;
    case RequestAction::Reject:
    case RequestAction::Cancel:
        switch (from) {
        case RequestState::Draft:
            return 1;
        case RequestState::Verified:
            return 7;
        case RequestState::CertificateMatched:
        case RequestState::AwaitingApproval:
        case RequestState::RevocationQueued:
        case RequestState::RevocationFailed:
            return 8;
        default:
            return 6;
        }
    }
    return 10;
}

bool RequestStates::needsReason(RequestAction action)
{
    return action == RequestAction::Reject || action == RequestAction::Cancel
        || action == RequestAction::RequestCompletion || action == RequestAction::FailRevocation;
}

} // namespace rd
