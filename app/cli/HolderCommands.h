#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `holders list`, `holders show`.
class HolderCommands
{
    Q_DECLARE_TR_FUNCTIONS(HolderCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
