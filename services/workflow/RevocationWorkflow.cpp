#include "workflow/RevocationWorkflow.h"

#include "audit/AuditLog.h"
#include "requests/RevocationRequestRepository.h"
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
{ }

Result<FiledRequest> RevocationWorkflow::file(const Actor &actor,
                                              const NewRevocationRequest &request,
                                              const std::vector<AttachmentFile> &files)
{
    // Checked before the transaction: a file that cannot be stored takes no agenda number.
    for (const AttachmentFile &file : files) {
        if (auto checked = m_attachments.check(file); !checked)
            return errorOf(checked);
    }
    return AuditLog::inTransaction(*m_database, [&]() -> Result<FiledRequest> {
        FiledRequest filed;
        auto outcome = m_lifecycle.fileInTransaction(actor, request);
        if (!outcome)
            return errorOf(outcome);
        filed.outcome = *outcome;
        for (const AttachmentFile &file : files) {
            auto stored = m_attachments.addInTransaction(actor, outcome->requestId, file);
            if (!stored)
                return errorOf(stored);
            filed.attachments.push_back(*stored);
        }
        return filed;
    });
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

} // namespace rd
