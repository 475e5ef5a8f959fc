#include "kiosk/KioskFiling.h"

#include "audit/AuditLog.h"
#include "certificates/Certificate.h"
#include "kiosk/ResumeCode.h"
#include "register/CertificateRepository.h"
#include "requests/RequestEventRepository.h"

namespace rd {

KioskFiling::KioskFiling(DatabasePtr database, RequestLifecycle::Options options,
                         AmsBackend backend, qint64 attachmentMaximumBytes)
    : m_database(std::move(database))
    , m_lifecycle(m_database, options)
    , m_workflow(m_database, options, attachmentMaximumBytes)
{
    m_workflow.setAmsBackend(backend);
}

Result<void> KioskFiling::appendSteps(const Actor &actor, qint64 requestId,
                                      const std::vector<KioskStepTime> &steps) const
{
    RequestEventRepository events(m_database);
    for (const KioskStepTime &step : steps) {
        auto appended = events.append(NewRequestEvent {requestId,
                                                       step.step,
                                                       stepEventAction(),
                                                       QStringLiteral("draft"),
                                                       QStringLiteral("draft"),
                                                       actor.toString(),
                                                       Clock::toIsoUtc(step.startedAt),
                                                       Clock::toIsoUtc(step.finishedAt),
                                                       QStringLiteral("done"),
                                                       {}});
        if (!appended)
            return errorOf(appended);
    }
    return {};
}

Result<KioskDraft> KioskFiling::saveDraft(const Actor &actor, const NewRevocationRequest &request,
                                          const std::vector<KioskStepTime> &steps)
{
    return AuditLog::inTransaction(*m_database, [&]() -> Result<KioskDraft> {
        const QString code = ResumeCode::generate();
        const QString normalized = *ResumeCode::normalize(code);
        // The audit entry says a code was given, never which.
        auto id = m_lifecycle.createDraftInTransaction(
            actor, request, QJsonObject {{QStringLiteral("resume_code"), true}});
        if (!id)
            return errorOf(id);
        auto stored = m_database->execute(
            QStringLiteral("UPDATE revocation_requests SET resume_code_sha256 = ? WHERE id = ?"),
            {ResumeCode::sha256(normalized), *id});
        if (!stored)
            return errorOf(stored);
        if (auto ok = appendSteps(actor, *id, steps); !ok)
            return errorOf(ok);
        return KioskDraft {*id, code, 1};
    });
}

Result<qint64> KioskFiling::registerCertificate(const Actor &actor, qint64 holderId,
                                                const AmsCertificate &listed)
{
    CertificateRepository certificates(m_database);
    auto known = certificates.listForHolder(holderId);
    if (!known)
        return errorOf(known);
    for (const CertificateRecord &record : *known) {
        if (record.serialHex.compare(listed.serialHex, Qt::CaseInsensitive) == 0)
            return record.id;
    }
    auto parsed = Certificate::readAll(listed.pem);
    if (!parsed || parsed->empty())
        return fail(ErrorCode::InvalidInput,
                    tr("AMS listed a certificate without a readable copy of it."));
    const Certificate &certificate = parsed->front();
    if (certificate.serialHex().compare(listed.serialHex, Qt::CaseInsensitive) != 0)
        return fail(ErrorCode::InvalidInput,
                    tr("The certificate AMS sent is not the one it listed (serial %1).")
                        .arg(listed.serialHex));
    CertificateRecord record;
    record.holderId = holderId;
    record.serialHex = certificate.serialHex();
    record.issuerDn = certificate.issuerDn();
    record.subjectDn = certificate.subjectDn();
    record.notBefore = certificate.notBefore();
    record.notAfter = certificate.notAfter();
    record.sha256Fingerprint = certificate.sha256Fingerprint();
    record.der = certificate.der();
    return certificates.insert(actor, record);
}

Result<RevocationRequestRecord> KioskFiling::findDraft(const QString &resumeCode,
                                                       const QString &nik) const
{
    const auto notFound = [] {
        return fail(ErrorCode::NotFound,
                    tr("No draft waits under this resume code and NIK. Check both, or ask the "
                       "officer at the counter."));
    };
    const std::optional<QString> normalized = ResumeCode::normalize(resumeCode);
    if (!normalized)
        return notFound();
    auto query = m_database->execute(
        QStringLiteral(
            "SELECT r.id FROM revocation_requests r JOIN holders h ON h.id = r.holder_id "
            "WHERE r.resume_code_sha256 = ? AND r.state = 'draft' AND h.nik = ?"),
        {ResumeCode::sha256(*normalized), nik.trimmed()});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return notFound();
    const qint64 id = query->value(0).toLongLong();
    query->finish();
    return RevocationRequestRepository(m_database).findById(id);
}

Result<KioskSubmission> KioskFiling::submit(const Actor &actor, const NewRevocationRequest &request,
                                            std::optional<qint64> draftId,
                                            const std::vector<AttachmentFile> &files,
                                            const std::vector<KioskStepTime> &steps)
{
    // Checked before the transaction: a file that cannot be stored takes no agenda number.
    if (auto checked = m_workflow.checkFiles(files); !checked)
        return errorOf(checked);
    return AuditLog::inTransaction(*m_database, [&]() -> Result<KioskSubmission> {
        KioskSubmission submission;
        if (draftId) {
            auto filed = m_workflow.submitDraftInTransaction(actor, *draftId, files);
            if (!filed)
                return errorOf(filed);
            submission.filed = std::move(*filed);
            // Used once: the code on the letter no longer opens anything.
            auto spent = m_database->execute(
                QStringLiteral(
                    "UPDATE revocation_requests SET resume_code_sha256 = NULL WHERE id = ?"),
                {*draftId});
            if (!spent)
                return errorOf(spent);
        } else {
            auto filed = m_workflow.fileInTransaction(actor, request, files);
            if (!filed)
                return errorOf(filed);
            submission.filed = std::move(*filed);
        }
        const qint64 requestId = submission.filed.outcome.requestId;
        if (auto ok = appendSteps(actor, requestId, steps); !ok)
            return errorOf(ok);
        auto operation = m_database->execute(
            QStringLiteral("SELECT id FROM ams_operations WHERE request_id = ? AND "
                           "operation = 'file_request' AND state = 'pending'"),
            {requestId});
        if (!operation)
            return errorOf(operation);
        if (operation->next())
            submission.amsFilingId = operation->value(0).toLongLong();
        return submission;
    });
}

} // namespace rd
