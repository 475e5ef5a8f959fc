#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `db migrate`, `db status`.
class DatabaseCommands
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);

private:
    static int migrate(CliContext &context, const QStringList &arguments);
    static int status(CliContext &context, const QStringList &arguments);
};

} // namespace rd::cli
