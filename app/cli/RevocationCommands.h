#pragma once

#include <QStringList>

namespace rd::cli {

class CliContext;

// SOP steps 8-10 on one request: `requests approve|revoke|notify|close`. Revoking queues the AMS
// call with the state change and, while --wait lasts, sends it and seeks the proof as the worker
// does. Their texts are RequestCommands' (one translation context for the `requests` noun).
class RevocationCommands
{
public:
    static QStringList verbs();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
