#pragma once

#include <QCoreApplication>
#include <QStringList>

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
};

} // namespace rd::cli
