#pragma once

#include "certificates/OpenSslPointers.h"
#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <vector>

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

// Where a holder certificate tells a relying party to look: OCSP and caIssuers in the Authority
// Information Access extension, and the CRL distribution point. An empty URL is left out.
struct CertificateUrls
{
    QString ocsp;
    QString crlDistributionPoint;
    QString caIssuers;
};

// One entry of a CRL: which certificate, since when, and why (RFC 5280 CRLReason; 0,
// unspecified, leaves the reasonCode extension out as RFC 5280 section 5.3.1 asks).
struct RevokedSerial
{
    QString serialHex;
    QDateTime revokedAt; // UTC
    int reasonCode = 0;
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
    static CertificateUrls defaultUrls();
    // The AMS simulator's endpoints under a base URL (BASE/ocsp, BASE/crl/ca.crl, BASE/ca.crt),
    // so that the demo data and the simulator name the same places.
    static CertificateUrls urlsUnder(const QString &baseUrl);

    // A fresh CA key and self-signed certificate, valid from notBefore for validityYears.
    static Result<DemoCertificateAuthority> create(const QDateTime &notBefore,
                                                   int validityYears = 20);

    // A CA saved earlier with certificatePem() and privateKeyPem(); the key must belong to the
    // certificate, and the certificate must be a CA's.
    static Result<DemoCertificateAuthority> load(const QByteArray &certificatePem,
                                                 const QByteArray &privateKeyPem);

    // The CA kept in `directory` as ca.pem and ca-key.pem, the AMS simulator's file names; when
    // either is missing, a new CA valid from notBefore, saved there (a new folder created owner
    // only, since the simulator keeps demo passwords beside it; an existing folder keeps its
    // mode, LocalFile::ensureFolder). The demo seeder and the
    // simulator share a CA this way, so that the simulator knows the demo's certificates.
    static Result<DemoCertificateAuthority>
    openOrCreate(const QString &directory, const QDateTime &notBefore, int validityYears = 20);

    DemoCertificateAuthority(DemoCertificateAuthority &&) noexcept = default;
    DemoCertificateAuthority &operator=(DemoCertificateAuthority &&) noexcept = default;
    ~DemoCertificateAuthority() = default;
    Q_DISABLE_COPY(DemoCertificateAuthority)

    // A holder certificate valid for HolderValidityYears from notBefore, with a fresh key and a
    // random 16-byte positive serial number.
    // The URLs are defaultUrls().
    Result<IssuedCertificate> issue(const CertificateSubject &subject,
                                    const QDateTime &notBefore) const;
    Result<IssuedCertificate> issue(const CertificateSubject &subject, const QDateTime &notBefore,
                                    const CertificateUrls &urls) const;
    // The CA's own certificate, so that a caller can check signatures or hand it to a responder.
    IssuedCertificate certificate() const;
    QByteArray certificatePem() const;
    // PKCS#8 PEM, unencrypted: this is a demo CA, whose key protects nothing real.
    QByteArray privateKeyPem() const;
    // Borrowed; they live as long as this object (an OCSP responder signs with them).
    X509 *x509() const { return m_certificate.get(); }
    EVP_PKEY *privateKey() const { return m_key.get(); }

    // A signed X.509 v2 CRL in DER listing `revoked` (sorted by serial), with the CRL number,
    // the authority key identifier and a reasonCode per entry. Serials are hex, as serialHex.
    Result<QByteArray> crl(const std::vector<RevokedSerial> &revoked, const QDateTime &thisUpdate,
                           const QDateTime &nextUpdate, qint64 crlNumber) const;

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
