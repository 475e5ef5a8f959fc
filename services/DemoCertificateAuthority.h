#pragma once

#include "Error.h"
#include "OpenSslPointers.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace rd {

// Whom a holder certificate names. O, L, ST and C are the regency's, as in BSrE's profile.
struct CertificateSubject
{
    QString email; // E (emailAddress)
    QString commonName; // CN: the full name without academic or religious titles
    QString organizationalUnit; // OU: the perangkat daerah
};

// A certificate as DER and the fields the certificates table keeps.
struct IssuedCertificate
{
    QByteArray der;
    QString serialHex; // upper-case, no separators
    QString issuerDn; // RFC 4514 text, readable UTF-8
    QString subjectDn;
    QDateTime notBefore; // UTC
    QDateTime notAfter; // UTC
    QString sha256Fingerprint; // of the DER, upper-case hex, no separators
};

// A small certification authority for demos and tests, shaped like BSrE's: a self-signed CA
// (CN=Revocation Desk Demo CA,O=Diskominfo Kabupaten Natuna,C=ID) that issues two-year holder
// certificates for digital signatures. Keys are EC P-256 because hundreds of demo holders must be
// issued in well under a second; the private keys of holders are thrown away at once, since a
// demo certificate only has to be parsed, matched and revoked, never used to sign.
class DemoCertificateAuthority
{
    Q_DECLARE_TR_FUNCTIONS(DemoCertificateAuthority)

public:
    static constexpr int HolderValidityYears = 2;

    // The AMS simulator's default endpoints on loopback (tools/ams-simulator). They only need to
    // be well-formed here; a demo that runs the simulator elsewhere still parses and matches.
    static QString crlDistributionPointUrl();
    static QString ocspUrl();
    static QString caIssuersUrl();

    // A fresh CA key and self-signed certificate, valid from notBefore for validityYears.
    static Result<DemoCertificateAuthority> create(const QDateTime &notBefore,
                                                   int validityYears = 20);

    DemoCertificateAuthority(DemoCertificateAuthority &&) noexcept = default;
    DemoCertificateAuthority &operator=(DemoCertificateAuthority &&) noexcept = default;
    ~DemoCertificateAuthority() = default;
    Q_DISABLE_COPY(DemoCertificateAuthority)

    // A holder certificate valid for HolderValidityYears from notBefore, with a fresh key and a
    // random 16-byte positive serial number.
    Result<IssuedCertificate> issue(const CertificateSubject &subject,
                                    const QDateTime &notBefore) const;
    // The CA's own certificate, so that a caller can check signatures or hand it to a responder.
    IssuedCertificate certificate() const;

    // The fields of any DER certificate, parsed with OpenSSL.
    static Result<IssuedCertificate> describe(const QByteArray &der);
    // RFC 4514 text of a name: RFC 2253 order and escaping, UTF-8 left readable.
    static QString distinguishedName(const X509_NAME *name);

private:
    DemoCertificateAuthority(X509Ptr certificate, EvpPkeyPtr key, IssuedCertificate described);

    X509Ptr m_certificate;
    EvpPkeyPtr m_key;
    IssuedCertificate m_described;
};

} // namespace rd
