#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `worker [--once]`: the background worker (WorkflowWorker) of this workstation, logging one
// line an action: the AMS queue, the answers, the proofs, the outbox.
class WorkerCommand
{
    Q_DECLARE_TR_FUNCTIONS(WorkerCommand)

public:
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
