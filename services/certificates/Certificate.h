#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <openssl/types.h>

#include <memory>
#include <vector>

namespace rd {

// One attribute of a distinguished name, as the certificate holds it.
struct DnAttribute
{
    int rdnIndex = 0; // position of its RDN in certificate order (multi-valued RDNs share it)
    QString oid; // dotted, e.g. "2.5.4.3"
    QString shortName; // "CN", "emailAddress"...; empty for OIDs without one (2.5.4.13)
    QString asn1Type; // "PrintableString", "UTF8String", "BMPString", "TeletexString", ...
    QString value; // decoded to Unicode

    QJsonObject toJson() const;
};

// An X.509 certificate read with OpenSSL. Copies share the X509 object (X509_up_ref), which
// OpenSSL treats as immutable once parsed, so copying is cheap and thread-safe for reading.
class Certificate
{
    Q_DECLARE_TR_FUNCTIONS(Certificate)

public:
    static constexpr qint64 MaximumFileSize = 10 * 1024 * 1024;

    // PEM (one or several), DER, PKCS#7 (PEM or DER, several certificates).
    static Result<std::vector<Certificate>> readAll(const QByteArray &bytes);
    static Result<std::vector<Certificate>> readFile(const QString &path); // size checked first
    static Result<Certificate> readFirst(const QString &path); // first of readFile
    static Result<Certificate> fromX509(const X509 *certificate); // up-refs
    // The holder's certificate of a file: a .p7b often carries the chain too, so the first that
    // is not a CA, or the first of all when every one is. `certificates` must not be empty.
    static const Certificate &endEntityOf(const std::vector<Certificate> &certificates);

    Certificate(const Certificate &other);
    Certificate &operator=(const Certificate &other);
    Certificate(Certificate &&) noexcept = default;
    Certificate &operator=(Certificate &&) noexcept = default;
    ~Certificate() = default;

    X509 *handle() const;
    QByteArray der() const;
    QString serialHex() const; // upper-case, no separators, no leading 00
    QString serialDecimal() const;
    QString subjectDn() const; // RFC 4514 text, readable UTF-8
    QString issuerDn() const;
    std::vector<DnAttribute> subjectAttributes() const;
    std::vector<DnAttribute> issuerAttributes() const;
    QDateTime notBefore() const; // UTC
    QDateTime notAfter() const;
    // "valid", "expired" or "not_yet_valid" at `at`.
    QString validityAt(const QDateTime &at) const;
    QStringList keyUsage() const; // "digitalSignature", "nonRepudiation", ...
    QStringList extendedKeyUsage() const; // short names ("emailProtection") or dotted OIDs
    QStringList emailAddresses() const; // SAN rfc822Name then DN emailAddress
    QStringList sanEmailAddresses() const; // SAN rfc822Name only
    QStringList dnEmailAddresses() const; // DN emailAddress only
    QStringList crlDistributionPoints() const; // URIs
    QStringList ocspUrls() const;
    QStringList caIssuersUrls() const;
    QString sha256Fingerprint() const; // upper-case hex, no separators
    // Issued by `issuer`: its name and key identifier fit, and its key verifies this
    // certificate's signature. What makes an issuer fetched from the network trustworthy.
    bool isSignedBy(const Certificate &issuer) const;
    QJsonObject toJson() const; // the keys documented for `cert inspect --json`

    static QString distinguishedName(const X509_NAME *name); // RFC 4514 text
    static std::vector<DnAttribute> attributes(const X509_NAME *name);
    // "UTF8String" for V_ASN1_UTF8STRING and so on.
    static QString asn1TypeName(int type);

private:
    // X509_free, called in Certificate.cpp: this header needs only OpenSSL's type names.
    struct X509Release
    {
        void operator()(X509 *certificate) const noexcept;
    };
    using Handle = std::unique_ptr<X509, X509Release>;

    explicit Certificate(Handle certificate);

    Handle m_certificate;
};

} // namespace rd
