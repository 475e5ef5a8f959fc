#pragma once

#include "ams/AmsRevocationGateway.h"
#include "kiosk/KioskStepClock.h"
#include "workflow/RevocationWorkflow.h"

#include <QCoreApplication>

#include <optional>
#include <vector>

namespace rd {

// A draft kept while its letter is being signed, and the code that finds it again.
struct KioskDraft
{
    qint64 requestId = 0;
    QString resumeCode; // printed form, shown and printed once, never stored
    int version = 1;
};

struct KioskSubmission
{
    FiledRequest filed;
    // With the rest backend: the queued AMS filing, for the kiosk to send at once while the
    // applicant's AMS log-in is fresh; otherwise the worker sends it with the office's account.
    std::optional<qint64> amsFilingId;
};

// What the applicant kiosk writes, all of it through the workflow and the lifecycle, each in
// one transaction with the applicant's step times as the request's events (steps 1-5): a
// draft saved to be resumed by its code, and a submission (a new request, or a resumed draft,
// with its files).
class KioskFiling
{
    Q_DECLARE_TR_FUNCTIONS(KioskFiling)

public:
    KioskFiling(DatabasePtr database, RequestLifecycle::Options options, AmsBackend backend,
                qint64 attachmentMaximumBytes = 0);

    // The request as a draft (no agenda number yet) with a fresh resume code.
    Result<KioskDraft> saveDraft(const Actor &actor, const NewRevocationRequest &request,
                                 const std::vector<KioskStepTime> &steps);
    // The draft with this resume code whose holder has this NIK; NotFound, worded neutrally,
    // when there is none (an unknown code, another NIK, a draft already submitted or
    // cancelled).
    Result<RevocationRequestRecord> findDraft(const QString &resumeCode, const QString &nik) const;
    // Files the request, or submits the draft `draftId` (whose resume code then stops working),
    // with its files and step times.
    Result<KioskSubmission> submit(const Actor &actor, const NewRevocationRequest &request,
                                   std::optional<qint64> draftId,
                                   const std::vector<AttachmentFile> &files,
                                   const std::vector<KioskStepTime> &steps);

    // The register's id of a certificate AMS listed for the holder: the one kept with the same
    // serial and issuer, or a new row from the certificate AMS sent (checked to be what AMS
    // said it is, and audited). InvalidInput when it is not this holder's to revoke.
    Result<qint64> registerCertificate(const Actor &actor, qint64 holderId,
                                       const AmsCertificate &listed);

    AttachmentStore &attachments() { return m_workflow.attachments(); }

    // The action of the step events the kiosk writes.
    static QString stepEventAction() { return QStringLiteral("kiosk_step"); }

private:
    Result<void> appendSteps(const Actor &actor, qint64 requestId,
                             const std::vector<KioskStepTime> &steps) const;

    DatabasePtr m_database;
    RequestLifecycle m_lifecycle;
    RevocationWorkflow m_workflow;
};

} // namespace rd
