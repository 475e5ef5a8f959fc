#pragma once

#include "core/Error.h"
#include "requests/RevocationRequest.h"
#include "workflow/AttachmentStore.h"
#include "workflow/RevocationWorkflow.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace rd {
struct TransitionOutcome;
}

namespace rd::cli {

class CliContext;

// The database and the request a command names by its agenda number.
struct RequestAtHand
{
    DatabasePtr database;
    RevocationRequestRecord request;
};

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
    // The move as one line, or as transitionJson with --json.
    static void printTransition(CliContext &context, const TransitionOutcome &outcome);
    static QJsonArray attachmentsJson(const std::vector<Attachment> &attachments);
    static void printAttachments(CliContext &context, const std::vector<Attachment> &attachments);
    static QString attachmentSpecificationHelp();
    // Every KIND=FILE read and checked, refusing the first that cannot be attached.
    static Result<std::vector<AttachmentFile>> readAttachments(const AttachmentStore &store,
                                                               const QStringList &specifications);
    // The one AGENDA argument of a step's command, after its own options; -1 when the command
    // goes on with *agenda set.
    static int parseAgenda(CliContext &context, QCommandLineParser &parser, const QString &command,
                           const QString &description, const QStringList &arguments,
                           QString *agenda);
    static Result<RequestAtHand> openRequest(CliContext &context, const QString &agenda);
    // Staff's steps of the workflow: the request, for a logged-in operator or above.
    static Result<RequestAtHand> openStaffStep(CliContext &context, const QString &agenda);
    // The workflow with this workstation's settings (office time zone, attachment limit, AMS
    // backend); dual control is the office's, read from the database at each step.
    static RevocationWorkflow workflowFor(const DatabasePtr &database);
    // attachments/maxBytes; on a bad setting, reports it and sets *failed.
    static qint64 configuredAttachmentLimit(CliContext &context, bool *failed);
};

} // namespace rd::cli
