#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `requests list`, `requests show`, `requests file`, `requests apply`, `requests intake`; the
// workflow's steps on one request are RequestStepCommands'.
class RequestCommands
{
    Q_DECLARE_TR_FUNCTIONS(RequestCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
