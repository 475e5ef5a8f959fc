#pragma once

#include "requests/RequestLifecycle.h"
#include "workflow/AttachmentStore.h"
#include "workflow/VerificationChecklist.h"

#include <QJsonObject>

#include <QCoreApplication>

#include <vector>

namespace rd {

struct FiledRequest
{
    TransitionOutcome outcome;
    std::vector<Attachment> attachments;
};

// The operator's answer to one checklist item.
struct ChecklistAnswer
{
    QString key;
    bool passed = false;
    QString note;
};

struct VerificationOutcome
{
    TransitionOutcome outcome; // to verified, or to needs_completion
    QJsonObject report; // as stored (data_checklist)
    QStringList missing; // what the applicant was asked for, in the applicant's language
};

// The SOP's steps joined around RequestLifecycle, which stays the only writer of a request's
// state: the workflow adds what each step must do beside the state change, in the same
// transaction. Used alike by the kiosk, the workbench and the command line.
class RevocationWorkflow
{
    Q_DECLARE_TR_FUNCTIONS(RevocationWorkflow)

public:
    // attachmentMaximumBytes: 0 for AttachmentStore's default (AMS's limit).
    RevocationWorkflow(DatabasePtr database, RequestLifecycle::Options options,
                       qint64 attachmentMaximumBytes = 0);

    // Steps 1-5: the request and its files (the statement letter; the decree or death
    // certificate when an official files) in one transaction, so a refused file leaves no
    // request behind and a request is never seen without the files it was filed with.
    Result<FiledRequest> file(const Actor &actor, const NewRevocationRequest &request,
                              const std::vector<AttachmentFile> &files);

    // Step 6 (Hasil Verifikasi Data): every item that applies answered once, stored as the
    // request's data_checklist result with who and when. All passed: verified. Otherwise
    // needs_completion, and the applicant's e-mail lists exactly what is missing (in the outbox,
    // in the same transaction).
    Result<VerificationOutcome> verify(const Actor &actor, qint64 requestId,
                                       const std::vector<ChecklistAnswer> &answers,
                                       std::optional<int> expectedVersion = std::nullopt);

    AttachmentStore &attachments() { return m_attachments; }

private:
    DatabasePtr m_database;
    Clock m_clock;
    RequestLifecycle m_lifecycle;
    AttachmentStore m_attachments;
};

} // namespace rd
