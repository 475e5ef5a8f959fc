#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `ams status`, `ams certificates`, `ams ping`: the AMS gateway and the Esign status client
// from the command line, with the settings and secrets the workstation uses.
class AmsCommands
{
    Q_DECLARE_TR_FUNCTIONS(AmsCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
