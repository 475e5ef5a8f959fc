#pragma once

#include "core/Error.h"
#include "workflow/AttachmentStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace rd {
struct TransitionOutcome;
}

namespace rd::cli {

class CliContext;

// The workflow's steps on one request: `requests attach|attachments|attachment` (its files),
// `requests claim|verify|match` (SOP steps 6 and 7) and `requests results` (what they kept).
// Their texts are RequestCommands' (one translation context for the `requests` noun).
class RequestStepCommands
{
public:
    static QStringList verbs();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);

    // Shared with `requests file` and `requests apply`.
    static QJsonObject transitionJson(const TransitionOutcome &outcome);
    static void printTransition(CliContext &context, const TransitionOutcome &outcome);
    static QJsonArray attachmentsJson(const std::vector<Attachment> &attachments);
    static void printAttachments(CliContext &context, const std::vector<Attachment> &attachments);
    static QString attachmentSpecificationHelp();
    // Every KIND=FILE read and checked, refusing the first that cannot be attached.
    static Result<std::vector<AttachmentFile>> readAttachments(const AttachmentStore &store,
                                                               const QStringList &specifications);
    // attachments/maxBytes; on a bad setting, reports it and sets *failed.
    static qint64 configuredAttachmentLimit(CliContext &context, bool *failed);
};

} // namespace rd::cli
