#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `report letter|receipt|verification|control-card|disposition AGENDA --out FILE.pdf`: a paper
// of a request as a PDF (services/documents); `report check AGENDA CODE`: whether a printed
// paper's code still matches the record.
class ReportCommands
{
    Q_DECLARE_TR_FUNCTIONS(ReportCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);

private:
    static int render(CliContext &context, const QString &verb, const QStringList &arguments);
    static int check(CliContext &context, const QStringList &arguments);
};

} // namespace rd::cli
