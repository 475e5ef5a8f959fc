#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `audit verify`, `audit reseal`.
class AuditCommands
{
    Q_DECLARE_TR_FUNCTIONS(AuditCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);

private:
    static int verify(CliContext &context, const QStringList &arguments);
    static int reseal(CliContext &context, const QStringList &arguments);
};

} // namespace rd::cli
