#include "demo/DemoCertificateAuthority.h"

#include "certificates/Certificate.h"
#include "core/LocalFile.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <openssl/pem.h>
#include <openssl/rand.h>

#include <ctime>

namespace rd {

namespace {

constexpr int kSerialBytes = 16;

std::unexpected<Error> cryptoError(const QString &message)
{
    return fail(ErrorCode::Crypto, message, openSslErrors());
}

Result<EvpPkeyPtr> generateKey()
{
    // P-256 rather than RSA: issuing a few hundred demo holders has to take well under a second.
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return cryptoError(DemoCertificateAuthority::tr("Could not generate an EC P-256 key."));
    return key;
}

Result<Asn1IntegerPtr> randomSerial()
{
    unsigned char bytes[kSerialBytes];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return cryptoError(DemoCertificateAuthority::tr("The random number generator failed."));
    // Top bit clear keeps the DER INTEGER positive; the next bit set keeps all 16 bytes (and 32
    // hex digits), as RFC 5280 allows up to 20 octets and CA/B practice asks for 64+ random bits.
    bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7F) | 0x40);
    BignumPtr number(BN_bin2bn(bytes, sizeof bytes, nullptr));
    if (!number)
        return cryptoError(DemoCertificateAuthority::tr("Could not build the serial number."));
    Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(number.get(), nullptr));
    if (!serial)
        return cryptoError(DemoCertificateAuthority::tr("Could not build the serial number."));
    return serial;
}

bool setTime(ASN1_TIME *field, const QDateTime &time)
{
    // ASN1_TIME_set picks UTCTime before 2050 and GeneralizedTime after, as RFC 5280 requires.
    return ASN1_TIME_set(field, static_cast<time_t>(time.toSecsSinceEpoch())) != nullptr;
}

bool addEntry(X509_NAME *name, int nid, const QString &value)
{
    // MBSTRING_UTF8 with OpenSSL's default mask gives UTF8String; countryName stays
    // PrintableString and emailAddress IA5String, the types their standards fix.
    const QByteArray utf8 = value.toUtf8();
    return X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(utf8.constData()),
                                      int(utf8.size()), -1, 0)
        == 1;
}

bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const QString &value)
{
    const QByteArray text = value.toUtf8();
    X509ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, context, nid, text.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

Result<QByteArray> toDer(X509 *certificate)
{
    const int length = i2d_X509(certificate, nullptr);
    if (length <= 0)
        return cryptoError(DemoCertificateAuthority::tr("Could not encode the certificate."));
    QByteArray der(length, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_X509(certificate, &cursor) != length)
        return cryptoError(DemoCertificateAuthority::tr("Could not encode the certificate."));
    return der;
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    if (length <= 0 || !data)
        return {};
    return QByteArray(data, qsizetype(length));
}

bool validUrl(const QString &url)
{
    // The URL goes into an OpenSSL configuration string, where a comma starts another entry.
    const bool http
        = url.startsWith(QLatin1String("http://")) || url.startsWith(QLatin1String("https://"));
    return http && !url.contains(QLatin1Char(',')) && !url.contains(QLatin1Char(' '));
}

Result<Asn1IntegerPtr> serialFromHex(const QString &hex)
{
    static const QRegularExpression digits(
        QRegularExpression::anchoredPattern(QStringLiteral("[0-9A-Fa-f]{1,40}")));
    if (!digits.match(hex).hasMatch())
        return fail(ErrorCode::InvalidInput,
                    DemoCertificateAuthority::tr("%1 is not a serial number in hex.").arg(hex));
    const QByteArray latin = hex.toLatin1();
    BIGNUM *raw = nullptr;
    if (BN_hex2bn(&raw, latin.constData()) == 0)
        return cryptoError(
            DemoCertificateAuthority::tr("%1 is not a serial number in hex.").arg(hex));
    BignumPtr number(raw);
    Asn1IntegerPtr serial(BN_to_ASN1_INTEGER(number.get(), nullptr));
    if (!serial)
        return cryptoError(DemoCertificateAuthority::tr("Could not build the serial number."));
    return serial;
}

} // namespace

CertificateUrls DemoCertificateAuthority::defaultUrls()
{
    return {ocspUrl(), crlDistributionPointUrl(), caIssuersUrl()};
}

CertificateUrls DemoCertificateAuthority::urlsUnder(const QString &baseUrl)
{
    QString base = baseUrl;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return {base + QStringLiteral("/ocsp"), base + QStringLiteral("/crl/ca.crl"),
            base + QStringLiteral("/ca.crt")};
}

QString DemoCertificateAuthority::crlDistributionPointUrl()
{
    return QStringLiteral("http://127.0.0.1:8080/crl/demo-ca.crl");
}

QString DemoCertificateAuthority::ocspUrl()
{
    return QStringLiteral("http://127.0.0.1:8080/ocsp");
}

QString DemoCertificateAuthority::caIssuersUrl()
{
    return QStringLiteral("http://127.0.0.1:8080/ca/demo-ca.crt");
}

DemoCertificateAuthority::DemoCertificateAuthority(X509Ptr certificate, EvpPkeyPtr key,
                                                   IssuedCertificate described)
    : m_certificate(std::move(certificate))
    , m_key(std::move(key))
    , m_described(std::move(described))
{ }

Result<DemoCertificateAuthority> DemoCertificateAuthority::create(const QDateTime &notBefore,
                                                                  int validityYears)
{
    ERR_clear_error();
    if (!notBefore.isValid() || validityYears < 1)
        return fail(ErrorCode::InvalidInput,
                    tr("The demo certificate authority needs a start date and at least one year "
                       "of validity."));
    auto key = generateKey();
    if (!key)
        return errorOf(key);
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
        return cryptoError(tr("Could not create the CA certificate."));
    auto serial = randomSerial();
    if (!serial)
        return errorOf(serial);
    if (X509_set_serialNumber(certificate.get(), serial->get()) != 1)
        return cryptoError(tr("Could not set the CA's serial number."));
    if (!setTime(X509_getm_notBefore(certificate.get()), notBefore)
        || !setTime(X509_getm_notAfter(certificate.get()), notBefore.addYears(validityYears)))
        return cryptoError(tr("Could not set the CA certificate's validity."));

    X509NamePtr name(X509_NAME_new());
    if (!name || !addEntry(name.get(), NID_countryName, QStringLiteral("ID"))
        || !addEntry(name.get(), NID_organizationName,
                     QStringLiteral("Diskominfo Kabupaten Natuna"))
        || !addEntry(name.get(), NID_commonName, QStringLiteral("Revocation Desk Demo CA")))
        return cryptoError(tr("Could not build the CA's name."));
    if (X509_set_subject_name(certificate.get(), name.get()) != 1
        || X509_set_issuer_name(certificate.get(), name.get()) != 1
        || X509_set_pubkey(certificate.get(), key->get()) != 1)
        return cryptoError(tr("Could not build the CA certificate."));

    X509V3_CTX context {};
    X509V3_set_ctx(&context, certificate.get(), certificate.get(), nullptr, nullptr, 0);
    if (!addExtension(certificate.get(), &context, NID_basic_constraints,
                      QStringLiteral("critical,CA:TRUE,pathlen:0"))
        || !addExtension(certificate.get(), &context, NID_key_usage,
                         QStringLiteral("critical,keyCertSign,cRLSign"))
        || !addExtension(certificate.get(), &context, NID_subject_key_identifier,
                         QStringLiteral("hash")))
        return cryptoError(tr("Could not add the CA certificate's extensions."));
    if (X509_sign(certificate.get(), key->get(), EVP_sha256()) <= 0)
        return cryptoError(tr("Could not sign the CA certificate."));

    auto der = toDer(certificate.get());
    if (!der)
        return errorOf(der);
    auto described = describe(*der);
    if (!described)
        return errorOf(described);
    return DemoCertificateAuthority(std::move(certificate), std::move(*key), std::move(*described));
}

IssuedCertificate DemoCertificateAuthority::certificate() const
{
    return m_described;
}

Result<DemoCertificateAuthority> DemoCertificateAuthority::load(const QByteArray &certificatePem,
                                                                const QByteArray &privateKeyPem)
{
    ERR_clear_error();
    BioPtr certificateBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    X509Ptr certificate(certificateBio
                            ? PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr)
                            : nullptr);
    if (!certificate)
        return cryptoError(tr("The demo CA's certificate is not a PEM certificate."));
    BioPtr keyBio(BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())));
    // An empty passphrase callback result: a protected key fails here instead of prompting.
    EvpPkeyPtr key(keyBio ? PEM_read_bio_PrivateKey(
                       keyBio.get(), nullptr, [](char *, int, int, void *) { return 0; }, nullptr)
                          : nullptr);
    if (!key)
        return cryptoError(tr("The demo CA's private key is not an unencrypted PEM key."));
    if (X509_check_private_key(certificate.get(), key.get()) != 1)
        return cryptoError(tr("The demo CA's private key does not belong to its certificate."));
    if (X509_check_ca(certificate.get()) == 0)
        return fail(ErrorCode::InvalidInput,
                    tr("The demo CA's certificate is not a CA certificate."));
    auto der = toDer(certificate.get());
    if (!der)
        return errorOf(der);
    auto described = describe(*der);
    if (!described)
        return errorOf(described);
    return DemoCertificateAuthority(std::move(certificate), std::move(key), std::move(*described));
}

QByteArray DemoCertificateAuthority::certificatePem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), m_certificate.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    return bioBytes(bio.get());
}

QByteArray DemoCertificateAuthority::privateKeyPem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio
        || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1) {
        ERR_clear_error();
        return {};
    }
    return bioBytes(bio.get());
}

Result<DemoCertificateAuthority> DemoCertificateAuthority::openOrCreate(const QString &directory,
                                                                        const QDateTime &notBefore,
                                                                        int validityYears)
{
    const QDir folder(directory);
    const QString certificatePath = folder.filePath(QStringLiteral("ca.pem"));
    const QString keyPath = folder.filePath(QStringLiteral("ca-key.pem"));
    if (QFile::exists(certificatePath) && QFile::exists(keyPath)) {
        auto certificate = LocalFile::read(certificatePath);
        if (!certificate)
            return errorOf(certificate);
        auto key = LocalFile::read(keyPath);
        if (!key)
            return errorOf(key);
        return load(*certificate, *key);
    }
    if (auto ok = LocalFile::ensureFolder(directory); !ok)
        return errorOf(ok);
    auto created = create(notBefore, validityYears);
    if (!created)
        return errorOf(created);
    if (auto ok = LocalFile::write(keyPath, created->privateKeyPem(), LocalFile::Access::OwnerOnly);
        !ok)
        return errorOf(ok);
    if (auto ok = LocalFile::write(certificatePath, created->certificatePem()); !ok)
        return errorOf(ok);
    return created;
}

Result<IssuedCertificate> DemoCertificateAuthority::issue(const CertificateSubject &subject,
                                                          const QDateTime &notBefore) const
{
    return issue(subject, notBefore, defaultUrls());
}

Result<IssuedCertificate> DemoCertificateAuthority::issue(const CertificateSubject &subject,
                                                          const QDateTime &notBefore,
                                                          const CertificateUrls &urls) const
{
    ERR_clear_error();
    for (const QString &url : {urls.ocsp, urls.crlDistributionPoint, urls.caIssuers}) {
        if (!url.isEmpty() && !validUrl(url))
            return fail(ErrorCode::InvalidInput,
                        tr("%1 is not an http or https URL without commas or spaces.").arg(url));
    }
    // The e-mail goes into a configuration string for subjectAltName, where a comma would start
    // a second entry; an address never needs one.
    static const QRegularExpression email(
        QRegularExpression::anchoredPattern(QStringLiteral("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+")));
    if (!email.match(subject.email).hasMatch())
        return fail(ErrorCode::InvalidInput, tr("%1 is not an e-mail address.").arg(subject.email));
    if (subject.commonName.trimmed().isEmpty() || subject.organizationalUnit.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("A holder certificate needs the holder's name and unit."));
    if (!notBefore.isValid())
        return fail(ErrorCode::InvalidInput, tr("A holder certificate needs a start date."));

    auto key = generateKey();
    if (!key)
        return errorOf(key);
    X509Ptr certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1)
        return cryptoError(tr("Could not create the certificate."));
    auto serial = randomSerial();
    if (!serial)
        return errorOf(serial);
    if (X509_set_serialNumber(certificate.get(), serial->get()) != 1)
        return cryptoError(tr("Could not set the serial number."));
    if (!setTime(X509_getm_notBefore(certificate.get()), notBefore)
        || !setTime(X509_getm_notAfter(certificate.get()), notBefore.addYears(HolderValidityYears)))
        return cryptoError(tr("Could not set the certificate's validity."));

    // BSrE's subject shape, most general first in the encoding, so that the RFC 4514 text reads
    // emailAddress=...,CN=...,OU=...,O=...,L=...,ST=...,C=ID.
    X509NamePtr name(X509_NAME_new());
    if (!name || !addEntry(name.get(), NID_countryName, QStringLiteral("ID"))
        || !addEntry(name.get(), NID_stateOrProvinceName, QStringLiteral("Kepulauan Riau"))
        || !addEntry(name.get(), NID_localityName, QStringLiteral("Natuna"))
        || !addEntry(name.get(), NID_organizationName,
                     QStringLiteral("Pemerintah Kabupaten Natuna"))
        || !addEntry(name.get(), NID_organizationalUnitName, subject.organizationalUnit.trimmed())
        || !addEntry(name.get(), NID_commonName, subject.commonName.trimmed())
        || !addEntry(name.get(), NID_pkcs9_emailAddress, subject.email))
        return cryptoError(tr("Could not build the subject name for %1.").arg(subject.commonName));
    if (X509_set_subject_name(certificate.get(), name.get()) != 1
        || X509_set_issuer_name(certificate.get(), X509_get_subject_name(m_certificate.get())) != 1
        || X509_set_pubkey(certificate.get(), key->get()) != 1)
        return cryptoError(tr("Could not build the certificate."));

    X509V3_CTX context {};
    X509V3_set_ctx(&context, m_certificate.get(), certificate.get(), nullptr, nullptr, 0);
    const bool extended = addExtension(certificate.get(), &context, NID_basic_constraints,
                                       QStringLiteral("critical,CA:FALSE"))
        && addExtension(certificate.get(), &context, NID_key_usage,
                        QStringLiteral("critical,digitalSignature,nonRepudiation"))
        && addExtension(certificate.get(), &context, NID_subject_key_identifier,
                        QStringLiteral("hash"))
        && addExtension(certificate.get(), &context, NID_authority_key_identifier,
                        QStringLiteral("keyid:always"))
        && addExtension(certificate.get(), &context, NID_subject_alt_name,
                        QStringLiteral("email:") + subject.email)
        && (urls.crlDistributionPoint.isEmpty()
            || addExtension(certificate.get(), &context, NID_crl_distribution_points,
                            QStringLiteral("URI:") + urls.crlDistributionPoint));
    QStringList access;
    if (!urls.ocsp.isEmpty())
        access << QStringLiteral("OCSP;URI:") + urls.ocsp;
    if (!urls.caIssuers.isEmpty())
        access << QStringLiteral("caIssuers;URI:") + urls.caIssuers;
    if (!extended
        || (!access.isEmpty()
            && !addExtension(certificate.get(), &context, NID_info_access,
                             access.join(QLatin1Char(',')))))
        return cryptoError(tr("Could not add the certificate's extensions."));
    if (X509_sign(certificate.get(), m_key.get(), EVP_sha256()) <= 0)
        return cryptoError(tr("Could not sign the certificate."));

    auto der = toDer(certificate.get());
    if (!der)
        return errorOf(der);
    return describe(*der);
}

Result<QByteArray> DemoCertificateAuthority::crl(const std::vector<RevokedSerial> &revoked,
                                                 const QDateTime &thisUpdate,
                                                 const QDateTime &nextUpdate,
                                                 qint64 crlNumber) const
{
    ERR_clear_error();
    if (!thisUpdate.isValid() || !nextUpdate.isValid() || nextUpdate <= thisUpdate)
        return fail(ErrorCode::InvalidInput,
                    tr("A CRL needs a this-update time before its next-update time."));
    if (crlNumber < 0)
        return fail(ErrorCode::InvalidInput, tr("A CRL number cannot be negative."));
    X509CrlPtr list(X509_CRL_new());
    if (!list || X509_CRL_set_version(list.get(), X509_CRL_VERSION_2) != 1
        || X509_CRL_set_issuer_name(list.get(), X509_get_subject_name(m_certificate.get())) != 1)
        return cryptoError(tr("Could not create the CRL."));
    Asn1TimePtr time(ASN1_TIME_new());
    if (!time || !setTime(time.get(), thisUpdate)
        || X509_CRL_set1_lastUpdate(list.get(), time.get()) != 1 || !setTime(time.get(), nextUpdate)
        || X509_CRL_set1_nextUpdate(list.get(), time.get()) != 1)
        return cryptoError(tr("Could not set the CRL's update times."));

    for (const RevokedSerial &entry : revoked) {
        if (entry.reasonCode < 0 || entry.reasonCode > 10 || entry.reasonCode == 7)
            return fail(ErrorCode::InvalidInput,
                        tr("%1 is not a CRL reason code.").arg(entry.reasonCode));
        if (!entry.revokedAt.isValid())
            return fail(ErrorCode::InvalidInput,
                        tr("The revocation of %1 has no time.").arg(entry.serialHex));
        auto serial = serialFromHex(entry.serialHex);
        if (!serial)
            return errorOf(serial);
        X509RevokedPtr item(X509_REVOKED_new());
        if (!item || X509_REVOKED_set_serialNumber(item.get(), serial->get()) != 1
            || !setTime(time.get(), entry.revokedAt)
            || X509_REVOKED_set_revocationDate(item.get(), time.get()) != 1)
            return cryptoError(tr("Could not add %1 to the CRL.").arg(entry.serialHex));
        if (entry.reasonCode != 0) {
            Asn1EnumeratedPtr reason(ASN1_ENUMERATED_new());
            if (!reason || ASN1_ENUMERATED_set(reason.get(), entry.reasonCode) != 1
                || X509_REVOKED_add1_ext_i2d(item.get(), NID_crl_reason, reason.get(), 0, 0) != 1)
                return cryptoError(tr("Could not add %1 to the CRL.").arg(entry.serialHex));
        }
        if (X509_CRL_add0_revoked(list.get(), item.get()) != 1)
            return cryptoError(tr("Could not add %1 to the CRL.").arg(entry.serialHex));
        item.release(); // the CRL owns it now
    }
    if (X509_CRL_sort(list.get()) != 1)
        return cryptoError(tr("Could not sort the CRL."));

    Asn1IntegerPtr number(ASN1_INTEGER_new());
    if (!number || ASN1_INTEGER_set_int64(number.get(), crlNumber) != 1
        || X509_CRL_add1_ext_i2d(list.get(), NID_crl_number, number.get(), 0, 0) != 1)
        return cryptoError(tr("Could not set the CRL number."));
    X509V3_CTX context {};
    X509V3_set_ctx(&context, m_certificate.get(), nullptr, nullptr, list.get(), 0);
    X509ExtensionPtr keyIdentifier(
        X509V3_EXT_nconf_nid(nullptr, &context, NID_authority_key_identifier, "keyid:always"));
    if (!keyIdentifier || X509_CRL_add_ext(list.get(), keyIdentifier.get(), -1) != 1)
        return cryptoError(tr("Could not add the CRL's authority key identifier."));
    if (X509_CRL_sign(list.get(), m_key.get(), EVP_sha256()) <= 0)
        return cryptoError(tr("Could not sign the CRL."));

    const int length = i2d_X509_CRL(list.get(), nullptr);
    if (length <= 0)
        return cryptoError(tr("Could not encode the CRL."));
    QByteArray der(length, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_X509_CRL(list.get(), &cursor) != length)
        return cryptoError(tr("Could not encode the CRL."));
    return der;
}

QString DemoCertificateAuthority::distinguishedName(const X509_NAME *name)
{
    return Certificate::distinguishedName(name);
}

Result<IssuedCertificate> DemoCertificateAuthority::describe(const QByteArray &der)
{
    // Exactly one DER certificate, as a certificate row holds; Certificate reads its fields.
    ERR_clear_error();
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    const auto *end = cursor + der.size();
    X509Ptr parsed(d2i_X509(nullptr, &cursor, long(der.size())));
    if (!parsed)
        return cryptoError(tr("The data is not a DER-encoded X.509 certificate."));
    if (cursor != end)
        return fail(
            ErrorCode::InvalidInput,
            tr("The certificate is followed by %n stray byte(s).", nullptr, int(end - cursor)));
    auto certificate = Certificate::fromX509(parsed.get());
    if (!certificate)
        return errorOf(certificate);
    IssuedCertificate result;
    result.der = der;
    result.serialHex = certificate->serialHex();
    if (result.serialHex.isEmpty())
        return cryptoError(tr("Could not read the certificate's serial number."));
    result.issuerDn = certificate->issuerDn();
    result.subjectDn = certificate->subjectDn();
    result.notBefore = certificate->notBefore();
    result.notAfter = certificate->notAfter();
    if (!result.notBefore.isValid() || !result.notAfter.isValid())
        return cryptoError(tr("Could not read the certificate's validity."));
    result.sha256Fingerprint = certificate->sha256Fingerprint();
    return result;
}

} // namespace rd
