#pragma once

#include "certificates/OpenSslPointers.h"
#include "core/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <vector>

namespace rd::test {

// One attribute of a name to build: any OID or short name, the ASN.1 string type to encode it
// as (V_ASN1_UTF8STRING, V_ASN1_PRINTABLESTRING, V_ASN1_BMPSTRING, V_ASN1_T61STRING,
// V_ASN1_IA5STRING), and whether it joins the previous RDN (a multi-valued RDN).
struct NameEntry
{
    QString field; // "CN", "emailAddress", "2.5.4.13", ...
    QString value;
    int type = V_ASN1_UTF8STRING;
    bool sameRdnAsPrevious = false;
};

struct CertificateSpec
{
    std::vector<NameEntry> subject; // in certificate order: C first, CN last
    QStringList sanEmails;
    QDateTime notBefore = QDateTime::currentDateTimeUtc().addDays(-1);
    QDateTime notAfter = QDateTime::currentDateTimeUtc().addYears(2);
    QString crlUrl;
    QString ocspUrl;
    QString caIssuersUrl;
    QString keyUsage = QStringLiteral("critical,digitalSignature,nonRepudiation");
    QString extendedKeyUsage; // e.g. "emailProtection,clientAuth"; empty for none
    QString serialHex; // empty for a random 16-byte serial
    bool ca = false;
};

// A certificate with its private key.
struct TestCertificate
{
    X509Ptr certificate;
    EvpPkeyPtr key;

    QByteArray der() const;
    QByteArray pem() const;
};

// Builds certificates for tests with the OpenSSL library: CAs, holder certificates with any
// subject string types, SAN e-mails, validity, URLs and issuer.
class TestCertificates
{
public:
    static Result<EvpPkeyPtr> generateKey(); // EC P-256
    // Self-signed when issuer is null. `key` is the subject's key; a fresh one when null.
    static Result<TestCertificate> build(const CertificateSpec &spec,
                                         const TestCertificate *issuer = nullptr,
                                         const EVP_PKEY *key = nullptr);
    // A CA named `CN=<commonName>,O=<organization>,C=ID`.
    static Result<TestCertificate> certificateAuthority(const QString &commonName,
                                                        const QString &organization
                                                        = QStringLiteral("Test Organisation"));
    static Result<QByteArray> name(const std::vector<NameEntry> &entries); // DER X509_NAME

    // A PKCS#7 certificate bundle (.p7b), DER or PEM.
    static Result<QByteArray> pkcs7(const std::vector<const X509 *> &certificates, bool pem);
    static QByteArray privateKeyPem(const EVP_PKEY *key); // PKCS#8
    static QByteArray privateKeyDer(const EVP_PKEY *key);
};

} // namespace rd::test
