#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `users add|passwd|disable|list`.
class UserCommands
{
    Q_DECLARE_TR_FUNCTIONS(UserCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
