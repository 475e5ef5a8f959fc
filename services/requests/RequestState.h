#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace rd {

// The revocation request's states, as the design page draws them.
enum class RequestState {
    Draft,
    Submitted,
    InVerification,
    NeedsCompletion,
    Verified,
    CertificateMatched,
    AwaitingApproval,
    RevocationQueued, // the revoke call is in the AMS queue; AMS has not answered yet
    RevocationPendingProof,
    RevocationFailed,
    Revoked,
    Notified,
    Closed,
    Rejected,
    Cancelled,
};

// What a person (or the kiosk) does to a request; each moves it along one allowed edge.
enum class RequestAction {
    Submit, // applicant, steps 1-5
    Claim, // operator takes it for verification, step 6 starts
    RequestCompletion, // step 6: something missing
    Resubmit, // applicant completed the documents
    Verify, // step 6 passed
    MatchCertificate, // step 7 passed
    RequestApproval, // dual control: a second person approves the revocation
    Revoke, // step 8: the revoke call goes into the AMS queue (approved, under dual control)
    RecordPendingProof, // step 8, AMS (or the operator's portal read-back) says revoked
    ConfirmRevocation, // a signature-checked OCSP/CRL answer says revoked: the proof
    FailRevocation, // AMS refused or failed for good
    RetryRevocation, // the same AMS call again, with the same idempotency key
    Notify, // step 9
    Close, // step 10
    Reject,
    Cancel,
};

class RequestStates
{
    Q_DECLARE_TR_FUNCTIONS(RequestStates)

public:
    static const std::vector<RequestState> &all();
    static QString key(RequestState state); // stored and printed: "in_verification"
    static std::optional<RequestState> fromKey(const QString &key);
    static QString label(RequestState state);
    static bool isTerminal(RequestState state);
    // Once AMS has revoked, the certificate cannot be un-revoked: such a request can no longer
    // be rejected or cancelled (see docs/architecture.md).
    static bool isPastRevocation(RequestState state);

    static const std::vector<RequestAction> &allActions();
    static QString actionKey(RequestAction action);
    static std::optional<RequestAction> actionFromKey(const QString &key);
    static QString actionLabel(RequestAction action);

    // The one transition table: where an action leads from a state, or nothing if not allowed.
    static std::optional<RequestState> target(RequestState from, RequestAction action);
    static std::vector<RequestAction> allowedActions(RequestState from);
    // The SOP step an action belongs to.
    static int sopStep(RequestState from, RequestAction action);
    static bool needsReason(RequestAction action);
};

} // namespace rd
