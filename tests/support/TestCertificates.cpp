#include "TestCertificates.h"

#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>

namespace rd::test {

namespace {

std::unexpected<Error> cryptoError(const QString &what)
{
    return fail(ErrorCode::Crypto, what, openSslErrors());
}

QByteArray encode(const QString &value, int type)
{
    switch (type) {
    case V_ASN1_BMPSTRING: {
        QByteArray bytes;
        for (const QChar c : value) {
            bytes.append(char(c.unicode() >> 8));
            bytes.append(char(c.unicode() & 0xFF));
        }
        return bytes;
    }
    case V_ASN1_UTF8STRING:
        return value.toUtf8();
    default: // PrintableString, IA5String, TeletexString (read as Latin-1 by OpenSSL)
        return value.toLatin1();
    }
}

bool addEntries(X509_NAME *name, const std::vector<NameEntry> &entries)
{
    for (const NameEntry &entry : entries) {
        const QByteArray field = entry.field.toLatin1();
        ASN1_OBJECT *object = OBJ_txt2obj(field.constData(), 0);
        if (!object)
            return false;
        const QByteArray bytes = encode(entry.value, entry.type);
        const int added = X509_NAME_add_entry_by_OBJ(
            name, object, entry.type, reinterpret_cast<const unsigned char *>(bytes.constData()),
            int(bytes.size()), -1, entry.sameRdnAsPrevious ? -1 : 0);
        ASN1_OBJECT_free(object);
        if (added != 1)
            return false;
    }
    return true;
}

bool addExtension(X509 *certificate, X509V3_CTX *context, int nid, const QString &value)
{
    const QByteArray text = value.toUtf8();
    X509ExtensionPtr extension(X509V3_EXT_nconf_nid(nullptr, context, nid, text.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return length > 0 ? QByteArray(data, qsizetype(length)) : QByteArray();
}

} // namespace

QByteArray TestCertificate::der() const
{
    const int length = i2d_X509(certificate.get(), nullptr);
    QByteArray bytes(qMax(length, 0), Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(bytes.data());
    i2d_X509(certificate.get(), &cursor);
    return bytes;
}

QByteArray TestCertificate::pem() const
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), certificate.get());
    return bioBytes(bio.get());
}

Result<EvpPkeyPtr> TestCertificates::generateKey()
{
    EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
    if (!key)
        return cryptoError(QStringLiteral("EC key generation failed"));
    return key;
}

Result<QByteArray> TestCertificates::name(const std::vector<NameEntry> &entries)
{
    X509NamePtr name(X509_NAME_new());
    if (!name || !addEntries(name.get(), entries))
        return cryptoError(QStringLiteral("could not build the name"));
    unsigned char *der = nullptr;
    const int length = i2d_X509_NAME(name.get(), &der);
    if (length <= 0)
        return cryptoError(QStringLiteral("could not encode the name"));
    QByteArray bytes(reinterpret_cast<const char *>(der), length);
    OPENSSL_free(der);
    return bytes;
}

Result<TestCertificate> TestCertificates::build(const CertificateSpec &spec,
                                                const TestCertificate *issuer, const EVP_PKEY *key)
{
    ERR_clear_error();
    TestCertificate result;
    if (key) {
        EVP_PKEY *shared = const_cast<EVP_PKEY *>(key);
        if (EVP_PKEY_up_ref(shared) != 1)
            return cryptoError(QStringLiteral("EVP_PKEY_up_ref"));
        result.key.reset(shared);
    } else {
        auto fresh = generateKey();
        if (!fresh)
            return errorOf(fresh);
        result.key = std::move(*fresh);
    }
    result.certificate.reset(X509_new());
    X509 *certificate = result.certificate.get();
    if (!certificate || X509_set_version(certificate, X509_VERSION_3) != 1)
        return cryptoError(QStringLiteral("X509_new"));

    BignumPtr serial(BN_new());
    if (spec.serialHex.isEmpty()) {
        unsigned char bytes[16];
        RAND_bytes(bytes, sizeof bytes);
        bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7F) | 0x40);
        BN_bin2bn(bytes, sizeof bytes, serial.get());
    } else {
        BIGNUM *raw = serial.release();
        const QByteArray hex = spec.serialHex.toLatin1();
        if (BN_hex2bn(&raw, hex.constData()) == 0)
            return cryptoError(QStringLiteral("bad serial"));
        serial.reset(raw);
    }
    Asn1IntegerPtr serialInteger(BN_to_ASN1_INTEGER(serial.get(), nullptr));
    if (!serialInteger || X509_set_serialNumber(certificate, serialInteger.get()) != 1)
        return cryptoError(QStringLiteral("serial"));
    if (!ASN1_TIME_set(X509_getm_notBefore(certificate), time_t(spec.notBefore.toSecsSinceEpoch()))
        || !ASN1_TIME_set(X509_getm_notAfter(certificate),
                          time_t(spec.notAfter.toSecsSinceEpoch())))
        return cryptoError(QStringLiteral("validity"));
    X509NamePtr subject(X509_NAME_new());
    if (!subject || !addEntries(subject.get(), spec.subject)
        || X509_set_subject_name(certificate, subject.get()) != 1)
        return cryptoError(QStringLiteral("subject"));
    X509 *issuerCertificate = issuer ? issuer->certificate.get() : certificate;
    EVP_PKEY *signingKey = issuer ? issuer->key.get() : result.key.get();
    if (X509_set_issuer_name(certificate, X509_get_subject_name(issuerCertificate)) != 1
        || X509_set_pubkey(certificate, result.key.get()) != 1)
        return cryptoError(QStringLiteral("issuer or key"));

    X509V3_CTX context {};
    X509V3_set_ctx(&context, issuerCertificate, certificate, nullptr, nullptr, 0);
    bool ok = addExtension(certificate, &context, NID_basic_constraints,
                           spec.ca ? QStringLiteral("critical,CA:TRUE")
                                   : QStringLiteral("critical,CA:FALSE"))
        && addExtension(certificate, &context, NID_subject_key_identifier, QStringLiteral("hash"));
    if (ok && !spec.keyUsage.isEmpty())
        ok = addExtension(certificate, &context, NID_key_usage,
                          spec.ca ? QStringLiteral("critical,keyCertSign,cRLSign") : spec.keyUsage);
    if (ok && !spec.extendedKeyUsage.isEmpty())
        ok = addExtension(certificate, &context, NID_ext_key_usage, spec.extendedKeyUsage);
    if (ok && !spec.sanEmails.isEmpty()) {
        QStringList names;
        for (const QString &email : spec.sanEmails)
            names << QStringLiteral("email:") + email;
        ok = addExtension(certificate, &context, NID_subject_alt_name,
                          names.join(QLatin1Char(',')));
    }
    if (ok && !spec.crlUrl.isEmpty())
        ok = addExtension(certificate, &context, NID_crl_distribution_points,
                          QStringLiteral("URI:") + spec.crlUrl);
    QStringList access;
    if (!spec.ocspUrl.isEmpty())
        access << QStringLiteral("OCSP;URI:") + spec.ocspUrl;
    if (!spec.caIssuersUrl.isEmpty())
        access << QStringLiteral("caIssuers;URI:") + spec.caIssuersUrl;
    if (ok && !access.isEmpty())
        ok = addExtension(certificate, &context, NID_info_access, access.join(QLatin1Char(',')));
    if (!ok)
        return cryptoError(QStringLiteral("extensions"));
    if (X509_sign(certificate, signingKey, EVP_sha256()) <= 0)
        return cryptoError(QStringLiteral("X509_sign"));
    return result;
}

Result<TestCertificate> TestCertificates::certificateAuthority(const QString &commonName,
                                                               const QString &organization)
{
    CertificateSpec spec;
    spec.ca = true;
    spec.notBefore = QDateTime::currentDateTimeUtc().addYears(-1);
    spec.notAfter = QDateTime::currentDateTimeUtc().addYears(10);
    spec.subject = {{QStringLiteral("C"), QStringLiteral("ID"), V_ASN1_PRINTABLESTRING},
                    {QStringLiteral("O"), organization},
                    {QStringLiteral("CN"), commonName}};
    return build(spec);
}

Result<QByteArray> TestCertificates::pkcs7(const std::vector<const X509 *> &certificates, bool pem)
{
    ERR_clear_error();
    Pkcs7Ptr bundle(PKCS7_new());
    if (!bundle || PKCS7_set_type(bundle.get(), NID_pkcs7_signed) != 1
        || PKCS7_content_new(bundle.get(), NID_pkcs7_data) != 1)
        return cryptoError(QStringLiteral("PKCS7_new"));
    for (const X509 *certificate : certificates) {
        if (PKCS7_add_certificate(bundle.get(), const_cast<X509 *>(certificate)) != 1)
            return cryptoError(QStringLiteral("PKCS7_add_certificate"));
    }
    BioPtr bio(BIO_new(BIO_s_mem()));
    const int written = pem ? PEM_write_bio_PKCS7(bio.get(), bundle.get())
                            : i2d_PKCS7_bio(bio.get(), bundle.get());
    if (written != 1)
        return cryptoError(QStringLiteral("PKCS7 encode"));
    return bioBytes(bio.get());
}

QByteArray TestCertificates::privateKeyPem(const EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
    return bioBytes(bio.get());
}

QByteArray TestCertificates::privateKeyDer(const EVP_PKEY *key)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    i2d_PrivateKey_bio(bio.get(), key);
    return bioBytes(bio.get());
}

} // namespace rd::test
