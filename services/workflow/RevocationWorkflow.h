#pragma once

#include "requests/RequestLifecycle.h"
#include "workflow/AttachmentStore.h"

#include <QCoreApplication>

#include <vector>

namespace rd {

struct FiledRequest
{
    TransitionOutcome outcome;
    std::vector<Attachment> attachments;
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

    AttachmentStore &attachments() { return m_attachments; }

private:
    DatabasePtr m_database;
    RequestLifecycle m_lifecycle;
    AttachmentStore m_attachments;
};

} // namespace rd
