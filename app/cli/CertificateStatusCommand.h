#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `cert status FILE --issuer ISSUER_FILE [--ocsp URL] [--crl URL|FILE] [--timeout SECONDS]`:
// proof of revocation from the OCSP responder or the CRL. Exit 0 good, 3 revoked, 4 unknown,
// 1 when the status could not be learned, 2 usage.
class CertificateStatusCommand
{
    Q_DECLARE_TR_FUNCTIONS(CertificateStatusCommand)

public:
    static int run(CliContext &context, const QStringList &arguments);
};

} // namespace rd::cli
