#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `demo seed`.
class DemoCommands
{
    Q_DECLARE_TR_FUNCTIONS(DemoCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
