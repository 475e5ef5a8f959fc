#pragma once

#include "ams/AmsOperationQueue.h"
#include "ams/AmsSettings.h"
#include "requests/RequestLifecycle.h"
#include "workflow/RevocationProof.h"

#include <QCoreApplication>

#include <vector>

namespace rd {

// What the worker recorded from AMS's answers in one pass.
struct AmsAnswersRecorded
{
    int filed = 0; // AMS references stored
    int confirmed = 0; // to revocation_pending_proof
    int failed = 0; // to revocation_failed
    QStringList lines; // one per action, for the worker's log
};

// Langkah 8-10: the revocation through AMS, its proof, the e-mail and the close, around
// RequestLifecycle (the one writer of the state). The AMS call goes into the AmsOperationQueue
// in the transaction that moves the request, so that a request is queued exactly when its call
// is, and a retry sends the same idempotency key: AMS revokes once.
class RevocationStep
{
    Q_DECLARE_TR_FUNCTIONS(RevocationStep)

public:
    RevocationStep(DatabasePtr database, RequestLifecycle::Options options, AmsBackend backend);

    // The operator's "revoke": under dual control from certificate_matched it asks a supervisor
    // (awaiting_approval); otherwise the call is queued (revocation_queued). From
    // revocation_failed it queues the same call again. With the rest backend a request AMS has
    // no reference for yet is filed in AMS first (file_request, queued with it).
    Result<TransitionOutcome> revoke(const Actor &actor, qint64 requestId,
                                     std::optional<int> expectedVersion = std::nullopt);
    // A supervisor other than the one who asked approves: the call is queued.
    Result<TransitionOutcome> approve(const Actor &actor, qint64 requestId,
                                      std::optional<int> expectedVersion = std::nullopt);
    // Portal backend: the operator revoked in AMS's pages and reads back AMS's reference; that
    // takes the place of AMS's answer (revocation_pending_proof), and the proof is still sought.
    Result<TransitionOutcome> recordPortalRevocation(const Actor &actor, qint64 requestId,
                                                     const QString &amsReference);

    // Steps 1-5 with the rest backend: the filing queued for AMS, inside the caller's
    // transaction (RevocationWorkflow::file).
    Result<void> queueFilingInTransaction(const Actor &actor, qint64 requestId);

    // The worker: AMS's answers to sent calls become the requests' states (a filing's reference
    // stored, a revocation confirmed or failed), and a revoke queued before AMS knew the
    // request gets its AMS reference.
    Result<AmsAnswersRecorded> recordAmsAnswers(const Actor &worker);
    // Requests whose proof is due to be sought, oldest first.
    Result<std::vector<qint64>> proofsDue(const QDateTime &now) const;
    // The request alone when it waits for its proof, whatever the back-off says; else none.
    Result<std::vector<qint64>> proofPending(qint64 requestId) const;
    // A signature-checked "revoked": stored as revocation_proof with the move to revoked, the
    // CA's revocation time on the request and in the register, in one transaction.
    Result<TransitionOutcome> recordProof(const Actor &worker, qint64 requestId,
                                          const RevocationProof &proof);
    // No proof yet ("good" still, or no source answered): looked for again later, 1 minute
    // after the first miss, doubling, at most 6 hours.
    Result<QDateTime> recordProofMiss(qint64 requestId, const QString &outcome);

    // Step 9: the e-mail with the proof, queued with the state change.
    Result<TransitionOutcome> notify(const Actor &actor, qint64 requestId,
                                     std::optional<int> expectedVersion = std::nullopt);
    // Step 10.
    Result<TransitionOutcome> close(const Actor &actor, qint64 requestId,
                                    std::optional<int> expectedVersion = std::nullopt);

    static QDateTime nextProofCheck(const QDateTime &now, int misses);

private:
    Result<TransitionOutcome> queueRevocation(const Actor &actor, qint64 requestId,
                                              RequestAction action,
                                              std::optional<int> expectedVersion);
    Result<TransitionOutcome> move(const Actor &actor, qint64 requestId, RequestAction action,
                                   std::optional<int> expectedVersion, const QString &note = {},
                                   const QString &amsReference = {});
    Result<QJsonObject> filingPayload(qint64 requestId) const;

    DatabasePtr m_database;
    RequestLifecycle::Options m_options;
    RequestLifecycle m_lifecycle;
    AmsBackend m_backend;
};

} // namespace rd
