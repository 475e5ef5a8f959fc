#include "workflow/RevocationWorkflow.h"

#include "audit/AuditLog.h"
#include "certificates/SubjectDnMatcher.h"
#include "register/CertificateRepository.h"
#include "register/HolderRepository.h"
#include "requests/RevocationRequestRepository.h"
#include "workflow/RevocationStep.h"
#include "workflow/VerificationResultRepository.h"

#include <QJsonArray>
#include <QSet>

namespace rd {

RevocationWorkflow::RevocationWorkflow(DatabasePtr database, RequestLifecycle::Options options,
                                       qint64 attachmentMaximumBytes)
    : m_database(database)
    , m_clock(options.clock)
    , m_lifecycle(database, options)
    , m_attachments(database, attachmentMaximumBytes, options.clock)
    , m_options(options)
{ }

Result<FiledRequest> RevocationWorkflow::file(const Actor &actor,
                                              const NewRevocationRequest &request,
                                              const std::vector<AttachmentFile> &files)
{
    // Checked before the transaction: a file that cannot be stored takes no agenda number.
    if (auto checked = checkFiles(files); !checked)
        return errorOf(checked);
    return AuditLog::inTransaction(*m_database,
                                   [&]() { return fileInTransaction(actor, request, files); });
}

Result<void> RevocationWorkflow::checkFiles(const std::vector<AttachmentFile> &files) const
{
    for (const AttachmentFile &file : files) {
        if (auto checked = m_attachments.check(file); !checked)
            return errorOf(checked);
    }
    return {};
}

Result<FiledRequest> RevocationWorkflow::fileInTransaction(const Actor &actor,
                                                           const NewRevocationRequest &request,
                                                           const std::vector<AttachmentFile> &files)
{
    auto outcome = m_lifecycle.fileInTransaction(actor, request);
    if (!outcome)
        return errorOf(outcome);
    return completeFiling(actor, *outcome, files);
}

Result<FiledRequest>
RevocationWorkflow::submitDraftInTransaction(const Actor &actor, qint64 requestId,
                                             const std::vector<AttachmentFile> &files,
                                             std::optional<int> expectedVersion)
{
    // The files first, so that the AMS filing queued with the submission carries the letter.
    std::vector<Attachment> stored;
    for (const AttachmentFile &file : files) {
        auto added = m_attachments.addInTransaction(actor, requestId, file);
        if (!added)
            return errorOf(added);
        stored.push_back(*added);
    }
    auto outcome = m_lifecycle.applyInTransaction(
        actor, TransitionRequest {requestId, RequestAction::Submit, expectedVersion, {}, {}});
    if (!outcome)
        return errorOf(outcome);
    auto filed = completeFiling(actor, *outcome, {});
    if (!filed)
        return errorOf(filed);
    filed->attachments = std::move(stored);
    return filed;
}

Result<FiledRequest> RevocationWorkflow::completeFiling(const Actor &actor,
                                                        const TransitionOutcome &outcome,
                                                        const std::vector<AttachmentFile> &files)
{
    FiledRequest filed;
    filed.outcome = outcome;
    for (const AttachmentFile &file : files) {
        auto stored = m_attachments.addInTransaction(actor, outcome.requestId, file);
        if (!stored)
            return errorOf(stored);
        filed.attachments.push_back(*stored);
    }
    if (auto queued = RevocationStep(m_database, m_options, m_backend)
                          .queueFilingInTransaction(actor, outcome.requestId);
        !queued)
        return errorOf(queued);
    return filed;
}

Result<VerificationOutcome> RevocationWorkflow::verify(const Actor &actor, qint64 requestId,
                                                       const std::vector<ChecklistAnswer> &answers,
                                                       std::optional<int> expectedVersion)
{
    return AuditLog::inTransaction(*m_database, [&]() -> Result<VerificationOutcome> {
        auto request = RevocationRequestRepository(m_database).findById(requestId);
        if (!request)
            return errorOf(request);
        const bool onBehalf = request->filedByKind == QLatin1String("official");
        const std::vector<ChecklistItem> items = VerificationChecklist::applicable(onBehalf);
        QSet<QString> expected;
        for (const ChecklistItem &item : items)
            expected.insert(item.key);
        QSet<QString> answered;
        for (const ChecklistAnswer &answer : answers) {
            if (!expected.contains(answer.key)) {
                QStringList keys;
                for (const ChecklistItem &item : items)
                    keys << item.key;
                return fail(ErrorCode::InvalidInput,
                            tr("\"%1\" is not an item of this request's checklist (%2).")
                                .arg(answer.key, keys.join(QStringLiteral(", "))));
            }
            if (answered.contains(answer.key))
                return fail(ErrorCode::InvalidInput,
                            tr("The item %1 is answered twice.").arg(answer.key));
            if (answer.note.size() > 500)
                return fail(ErrorCode::InvalidInput,
                            tr("The note on %1 is longer than 500 characters.").arg(answer.key));
            answered.insert(answer.key);
        }
        if (answered != expected) {
            QStringList open;
            for (const ChecklistItem &item : items) {
                if (!answered.contains(item.key))
                    open << item.key;
            }
            return fail(ErrorCode::InvalidInput,
                        tr("Every item of the checklist needs an answer; still open: %1.")
                            .arg(open.join(QStringLiteral(", "))));
        }

        const QString language = request->applicantLanguage;
        QJsonArray reportItems;
        QStringList missing;
        for (const ChecklistItem &item : items) {
            const auto answer
                = std::find_if(answers.begin(), answers.end(),
                               [&](const ChecklistAnswer &a) { return a.key == item.key; });
            reportItems.append(QJsonObject {{QStringLiteral("key"), item.key},
                                            {QStringLiteral("label_id"), item.labelId},
                                            {QStringLiteral("label_en"), item.labelEn},
                                            {QStringLiteral("passed"), answer->passed},
                                            {QStringLiteral("note"), answer->note.trimmed()}});
            if (!answer->passed) {
                const QString note = answer->note.simplified();
                missing << (note.isEmpty() ? item.ask(language)
                                           : item.ask(language) + QStringLiteral(" (") + note
                                    + QLatin1Char(')'));
            }
        }
        const QDateTime now = m_clock.now();
        const QJsonObject report {{QStringLiteral("items"), reportItems},
                                  {QStringLiteral("filed_on_behalf"), onBehalf},
                                  {QStringLiteral("checked_by"), actor.toString()},
                                  {QStringLiteral("checked_at"), Clock::toIsoUtc(now)}};
        TransitionRequest transition;
        transition.requestId = requestId;
        transition.expectedVersion = expectedVersion;
        transition.action
            = missing.isEmpty() ? RequestAction::Verify : RequestAction::RequestCompletion;
        transition.note = missing.join(QLatin1Char('\n'));
        // The state change first: it asks whether this actor may verify this request now.
        auto moved = m_lifecycle.applyInTransaction(actor, transition);
        if (!moved)
            return errorOf(moved);
        auto stored
            = VerificationResultRepository(m_database)
                  .insert(requestId, QStringLiteral("data_checklist"),
                          missing.isEmpty() ? QStringLiteral("passed") : QStringLiteral("failed"),
                          report, actor.toString(), now);
        if (!stored)
            return errorOf(stored);
        return VerificationOutcome {*moved, report, missing};
    });
}

Result<Certificate> RevocationWorkflow::registeredCertificate(qint64 requestId) const
{
    auto request = RevocationRequestRepository(m_database).findById(requestId);
    if (!request)
        return errorOf(request);
    if (!request->certificateId)
        return fail(ErrorCode::NotFound,
                    tr("Request %1 names no certificate of the register; give the certificate "
                       "as a file.")
                        .arg(request->agendaNumber));
    auto record = CertificateRepository(m_database).findById(*request->certificateId);
    if (!record)
        return errorOf(record);
    if (record->der.isEmpty())
        return fail(ErrorCode::NotFound,
                    tr("The register has the serial %1 but not the certificate itself; give the "
                       "certificate as a file.")
                        .arg(record->serialHex));
    auto certificates = Certificate::readAll(record->der);
    if (!certificates)
        return errorOf(certificates);
    return Certificate::endEntityOf(*certificates);
}

Result<CertificateMatchOutcome> RevocationWorkflow::matchCertificate(
    const Actor &actor, qint64 requestId, const Certificate &certificate,
    const TrustedIssuers &issuers, const QString &justification, std::optional<int> expectedVersion)
{
    const QString why = justification.trimmed();
    if (why.size() > 1000)
        return fail(ErrorCode::InvalidInput,
                    tr("The justification is longer than 1000 characters."));
    return AuditLog::inTransaction(*m_database, [&]() -> Result<CertificateMatchOutcome> {
        auto request = RevocationRequestRepository(m_database).findById(requestId);
        if (!request)
            return errorOf(request);
        auto holder = HolderRepository(m_database).findById(request->holderId);
        if (!holder)
            return errorOf(holder);
        const QDateTime now = m_clock.now();
        CertificateMatchOutcome result {
            SubjectDnMatcher(issuers).match(certificate, HolderIdentity::fromHolder(*holder), now),
            std::nullopt, false};
        const MatchVerdict verdict = result.report.verdict;
        if (verdict == MatchVerdict::NeedsReview && why.isEmpty())
            return result;
        QJsonObject report = result.report.toJson();
        if (!why.isEmpty())
            report.insert(QStringLiteral("justification"), why);
        report.insert(QStringLiteral("checked_by"), actor.toString());
        if (verdict != MatchVerdict::Mismatch) {
            TransitionRequest transition;
            transition.requestId = requestId;
            transition.action = RequestAction::MatchCertificate;
            transition.expectedVersion = expectedVersion;
            transition.note = why;
            auto moved = m_lifecycle.applyInTransaction(actor, transition);
            if (!moved)
                return errorOf(moved);
            result.outcome = *moved;
        } else {
            // Kept although nothing moves: the record shows that a wrong certificate was
            // offered for this holder, and by whom. Only staff may record it.
            if (actor.role() == Actor::Role::None)
                return fail(ErrorCode::PermissionDenied,
                            tr("Only a logged-in operator, supervisor or administrator can do "
                               "this."));
            if (!RequestStates::target(request->state, RequestAction::MatchCertificate))
                return fail(ErrorCode::InvalidTransition,
                            tr("Request %1 is \"%2\"; its certificate is matched once it is "
                               "verified.")
                                .arg(request->agendaNumber, RequestStates::label(request->state)));
            auto audit = AuditLog::append(
                *m_database, actor, QStringLiteral("request.certificate_mismatch"),
                QStringLiteral("revocation_request"), QString::number(requestId),
                QJsonObject {{QStringLiteral("serial"), result.report.serialHex},
                             {QStringLiteral("subject"), result.report.subjectDn}},
                m_clock);
            if (!audit)
                return errorOf(audit);
        }
        auto stored
            = VerificationResultRepository(m_database)
                  .insert(requestId, QStringLiteral("dn_match"),
                          DnMatchReport::verdictName(verdict), report, actor.toString(), now);
        if (!stored)
            return errorOf(stored);
        result.recorded = true;
        return result;
    });
}

} // namespace rd
