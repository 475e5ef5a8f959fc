#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `mail test`, `mail list`, `mail flush`, `mail resend`: the outbox until the workbench shows it.
class MailCommands
{
    Q_DECLARE_TR_FUNCTIONS(MailCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
