#pragma once

#include "TestCertificates.h"
#include "certificates/Certificate.h"

#include <QDateTime>
#include <QProcess>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>
#include <vector>

namespace rd::test {

// A test CA, a second CA nobody trusts, holder certificates and OCSP signers, written as PEM
// files into a folder so that `openssl ocsp` and the CLI can read them.
class RevocationTestPki
{
public:
    // Fails with the reason; `folder` must exist.
    static Result<RevocationTestPki> create(const QString &folder);

    // A holder certificate of the CA (or of `issuer`), with optional AIA and CDP URLs.
    Result<TestCertificate> holder(const QString &name, const QString &ocspUrl = {},
                                   const QString &crlUrl = {},
                                   const TestCertificate *issuer = nullptr) const;
    // A delegated OCSP signer issued by `issuer`, with or without id-kp-OCSPSigning.
    Result<TestCertificate> ocspSigner(const TestCertificate &issuer, bool ocspSigning) const;

    // Writes certificate and key as PEM; returns the certificate's path (key: <name>.key).
    QString write(const QString &name, const TestCertificate &certificate) const;
    static Certificate wrap(const TestCertificate &certificate);
    // BN_bn2hex of the serial: what `openssl ocsp -index` looks up.
    static QString indexSerial(const TestCertificate &certificate);

    QString folder;
    TestCertificate ca;
    TestCertificate otherCa;
    QString caPath; // PEM
    QString otherCaPath;
};

// One line of an OpenSSL `ca` index.txt.
struct IndexEntry
{
    QString serialHex; // as indexSerial()
    bool revoked = false;
    QDateTime revokedAt;
    QString reason; // "keyCompromise", ... as `openssl ca -crl_reason` spells it; may be empty
};

// OpenSSL's real OCSP responder (`openssl ocsp -index ... -port 0`) as a child process.
class OcspResponder
{
public:
    OcspResponder() = default;
    ~OcspResponder();
    Q_DISABLE_COPY_MOVE(OcspResponder)

    // Writes index.txt into `folder` and starts the responder for the CA at caPath, signing
    // with signerPath/signerKeyPath; returns once it reports its port. nextUpdate is 5 minutes.
    Result<void> start(const QString &folder, const QString &caPath, const QString &signerPath,
                       const QString &signerKeyPath, const std::vector<IndexEntry> &entries);
    void stop();
    QUrl url() const;
    quint16 port() const { return m_port; }

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace rd::test
