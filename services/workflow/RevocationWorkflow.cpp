#include "workflow/RevocationWorkflow.h"

#include "audit/AuditLog.h"

namespace rd {

RevocationWorkflow::RevocationWorkflow(DatabasePtr database, RequestLifecycle::Options options,
                                       qint64 attachmentMaximumBytes)
    : m_database(database)
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

} // namespace rd
