#pragma once

#include <QCoreApplication>
#include <QStringList>

class QTextStream;

namespace rd {
struct DnMatchReport;
}

namespace rd::cli {

class CliContext;

// `cert inspect`, `cert match` (SOP step 7) and `cert status` (proof of revocation).
class CertificateCommands
{
    Q_DECLARE_TR_FUNCTIONS(CertificateCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
    // The step-7 report as `cert match` and `requests match` print it, in id or en.
    static void printMatchReport(QTextStream &out, const DnMatchReport &report,
                                 const QString &language);
};

} // namespace rd::cli
