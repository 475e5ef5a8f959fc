#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `secrets list|set|clear`: puts passwords and tokens into the system keychain and says where
// each one is found, never what it is.
class SecretCommands
{
    Q_DECLARE_TR_FUNCTIONS(SecretCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
