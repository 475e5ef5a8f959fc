#pragma once

#include "ams/AmsSettings.h"
#include "certificates/Certificate.h"
#include "certificates/DnMatchReport.h"
#include "certificates/TrustedIssuers.h"
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

struct CertificateMatchOutcome
{
    DnMatchReport report;
    // Set when the request moved to certificate_matched: a match, or needs review with a
    // written justification. A mismatch is kept as the result and moves nothing.
    std::optional<TransitionOutcome> outcome;
    bool recorded = false; // false: needs review without justification, nothing written
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
    // file() inside the caller's AuditLog::inTransaction; the files must have passed
    // checkFiles() first.
    Result<FiledRequest> fileInTransaction(const Actor &actor, const NewRevocationRequest &request,
                                           const std::vector<AttachmentFile> &files);
    // A draft (kept while the letter was being signed) submitted with its files, inside the
    // caller's AuditLog::inTransaction, as file() does for a new one.
    Result<FiledRequest> submitDraftInTransaction(const Actor &actor, qint64 requestId,
                                                  const std::vector<AttachmentFile> &files,
                                                  std::optional<int> expectedVersion = {});
    // What can be checked without the database, before a transaction starts: a file that
    // cannot be stored must not take an agenda number.
    Result<void> checkFiles(const std::vector<AttachmentFile> &files) const;

    // Step 6 (Hasil Verifikasi Data): every item that applies answered once, stored as the
    // request's data_checklist result with who and when. All passed: verified. Otherwise
    // needs_completion, and the applicant's e-mail lists exactly what is missing (in the outbox,
    // in the same transaction).
    Result<VerificationOutcome> verify(const Actor &actor, qint64 requestId,
                                       const std::vector<ChecklistAnswer> &answers,
                                       std::optional<int> expectedVersion = std::nullopt);

    // Step 7: the certificate's subject against the holder (SubjectDnMatcher), the whole
    // report kept as the request's dn_match result. Match, or needs review with a written
    // justification (kept with it): certificate_matched. Mismatch: kept, and the request stays
    // where it is, since revoking someone else's certificate is the one mistake that cannot be
    // undone. Needs review without justification: nothing is written.
    Result<CertificateMatchOutcome>
    matchCertificate(const Actor &actor, qint64 requestId, const Certificate &certificate,
                     const TrustedIssuers &issuers, const QString &justification = {},
                     std::optional<int> expectedVersion = std::nullopt);
    // The certificate the request names, as the register keeps it.
    Result<Certificate> registeredCertificate(qint64 requestId) const;

    AttachmentStore &attachments() { return m_attachments; }
    // With the rest backend a filing is also queued for AMS (file_request) in its transaction;
    // the worker sends it and stores AMS's reference. Default: portal, nothing queued.
    void setAmsBackend(AmsBackend backend) { m_backend = backend; }

private:
    // The files and the AMS filing that go with a submission.
    Result<FiledRequest> completeFiling(const Actor &actor, const TransitionOutcome &outcome,
                                        const std::vector<AttachmentFile> &files);

    DatabasePtr m_database;
    Clock m_clock;
    RequestLifecycle m_lifecycle;
    AttachmentStore m_attachments;
    RequestLifecycle::Options m_options;
    AmsBackend m_backend = AmsBackend::Portal;
};

} // namespace rd
