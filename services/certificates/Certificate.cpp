#include "certificates/Certificate.h"

#include "certificates/OpenSslPointers.h"
#include "core/LocalFile.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QScopeGuard>
#include <QTimeZone>

#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>

namespace rd {

namespace {

std::unexpected<Error> cryptoError(const QString &message)
{
    return fail(ErrorCode::Crypto, message, openSslErrors());
}

std::unexpected<Error> invalidInput(const QString &message)
{
    // The OpenSSL queue says which ASN.1 element broke: useful in the log, noise for people.
    return fail(ErrorCode::InvalidInput, message, openSslErrors());
}

QString fromAsn1String(const ASN1_STRING *string)
{
    if (!string)
        return {};
    unsigned char *utf8 = nullptr;
    // Converts BMPString, UniversalString and TeletexString (read as Latin-1) to UTF-8.
    const int length = ASN1_STRING_to_UTF8(&utf8, string);
    if (length < 0) {
        ERR_clear_error();
        return {};
    }
    OpenSslStringPtr owned(reinterpret_cast<char *>(utf8));
    return QString::fromUtf8(owned.get(), length);
}

QString fromIa5(const ASN1_IA5STRING *string)
{
    if (!string)
        return {};
    return QString::fromLatin1(reinterpret_cast<const char *>(ASN1_STRING_get0_data(string)),
                               ASN1_STRING_length(string));
}

QDateTime fromAsn1Time(const ASN1_TIME *time)
{
    std::tm parts {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), QTimeZone::utc());
}

QString objectText(const ASN1_OBJECT *object, bool numeric)
{
    char buffer[128] = {};
    const int length = OBJ_obj2txt(buffer, sizeof buffer, object, numeric ? 1 : 0);
    if (length <= 0)
        return {};
    return QString::fromLatin1(buffer, qMin(length, int(sizeof buffer) - 1));
}

QStringList uris(const GENERAL_NAMES *names)
{
    QStringList result;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_URI)
            result << fromIa5(name->d.uniformResourceIdentifier);
    }
    return result;
}

QStringList accessUrls(X509 *certificate, int method)
{
    const AuthorityInfoAccessPtr access(static_cast<AUTHORITY_INFO_ACCESS *>(
        X509_get_ext_d2i(certificate, NID_info_access, nullptr, nullptr)));
    QStringList result;
    for (int i = 0; access && i < sk_ACCESS_DESCRIPTION_num(access.get()); ++i) {
        const ACCESS_DESCRIPTION *description = sk_ACCESS_DESCRIPTION_value(access.get(), i);
        if (OBJ_obj2nid(description->method) == method && description->location->type == GEN_URI)
            result << fromIa5(description->location->d.uniformResourceIdentifier);
    }
    ERR_clear_error();
    return result;
}

bool isPrivateKeyLabel(const QByteArray &label)
{
    return label.endsWith("PRIVATE KEY");
}

// The labels of every PEM block, read from the text alone, so that a private key is recognised
// without ever being decoded.
QList<QByteArray> pemLabels(const QByteArray &bytes)
{
    QList<QByteArray> labels;
    static const QByteArray begin("-----BEGIN ");
    qsizetype from = 0;
    while ((from = bytes.indexOf(begin, from)) >= 0) {
        from += begin.size();
        const qsizetype end = bytes.indexOf("-----", from);
        if (end < 0)
            break;
        labels << bytes.mid(from, end - from).trimmed();
        from = end + 5;
    }
    return labels;
}

Result<void> appendPkcs7(PKCS7 *pkcs7, std::vector<Certificate> *certificates)
{
    STACK_OF(X509) *stack = nullptr;
    const int type = OBJ_obj2nid(pkcs7->type);
    if (type == NID_pkcs7_signed && pkcs7->d.sign)
        stack = pkcs7->d.sign->cert;
    else if (type == NID_pkcs7_signedAndEnveloped && pkcs7->d.signed_and_enveloped)
        stack = pkcs7->d.signed_and_enveloped->cert;
    else
        return fail(ErrorCode::InvalidInput,
                    Certificate::tr("The PKCS#7 file is not a certificate bundle (.p7b/.p7c)."));
    for (int i = 0; stack && i < sk_X509_num(stack); ++i) {
        auto certificate = Certificate::fromX509(sk_X509_value(stack, i));
        if (!certificate)
            return errorOf(certificate);
        certificates->push_back(std::move(*certificate));
    }
    if (certificates->empty())
        return fail(ErrorCode::InvalidInput,
                    Certificate::tr("The PKCS#7 file holds no certificate."));
    return {};
}

// Without trimmed(), which would leave an unwiped copy of whatever the file held.
bool onlyWhitespace(const QByteArray &bytes)
{
    return std::all_of(bytes.cbegin(), bytes.cend(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
}

QString notACertificate()
{
    return Certificate::tr("The data is not a certificate: neither PEM, DER nor PKCS#7 could be "
                           "read from it.");
}

QString privateKeyMessage()
{
    return Certificate::tr("This is a private key, not a certificate. It was not read or kept; "
                           "keep it secret and give the certificate file (.cer, .crt, .pem or "
                           ".p7b) instead.");
}

Result<std::vector<Certificate>> readPem(const QByteArray &bytes)
{
    const QList<QByteArray> labels = pemLabels(bytes);
    for (const QByteArray &label : labels) {
        if (isPrivateKeyLabel(label))
            return fail(ErrorCode::InvalidInput, privateKeyMessage());
    }
    BioPtr bio(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
    if (!bio)
        return cryptoError(Certificate::tr("Could not read the data."));
    std::vector<Certificate> certificates;
    QStringList otherLabels;
    for (;;) {
        char *name = nullptr;
        char *header = nullptr;
        unsigned char *data = nullptr;
        long length = 0;
        ERR_clear_error();
        const int read = PEM_read_bio(bio.get(), &name, &header, &data, &length);
        OpenSslStringPtr ownedName(name);
        OpenSslStringPtr ownedHeader(header);
        OpenSslStringPtr ownedData(reinterpret_cast<char *>(data));
        if (read != 1) {
            const unsigned long error = ERR_peek_last_error();
            if (ERR_GET_LIB(error) == ERR_LIB_PEM && ERR_GET_REASON(error) == PEM_R_NO_START_LINE
                && (!certificates.empty() || !otherLabels.isEmpty())) {
                ERR_clear_error();
                break;
            }
            return invalidInput(Certificate::tr("The PEM text is damaged (broken base64 or a "
                                                "missing BEGIN/END line)."));
        }
        const QByteArray label(name);
        const auto *cursor = data;
        if (label == "CERTIFICATE" || label == "X509 CERTIFICATE"
            || label == "TRUSTED CERTIFICATE") {
            X509Ptr x509(label == "TRUSTED CERTIFICATE" ? d2i_X509_AUX(nullptr, &cursor, length)
                                                        : d2i_X509(nullptr, &cursor, length));
            if (!x509)
                return invalidInput(Certificate::tr(
                    "A PEM certificate block is damaged or truncated inside its base64."));
            auto certificate = Certificate::fromX509(x509.get());
            if (!certificate)
                return errorOf(certificate);
            certificates.push_back(std::move(*certificate));
        } else if (label == "PKCS7" || label == "CMS") {
            Pkcs7Ptr pkcs7(d2i_PKCS7(nullptr, &cursor, length));
            if (!pkcs7)
                return invalidInput(Certificate::tr("The PEM PKCS#7 block is damaged."));
            if (auto appended = appendPkcs7(pkcs7.get(), &certificates); !appended)
                return errorOf(appended);
        } else {
            otherLabels << QString::fromLatin1(label);
        }
    }
    if (certificates.empty())
        return fail(ErrorCode::InvalidInput,
                    Certificate::tr("The PEM text holds no certificate, only: %1.")
                        .arg(otherLabels.join(QStringLiteral(", "))));
    return certificates;
}

// Whether a DER element's header promises more bytes than there are.
bool looksTruncated(const QByteArray &bytes)
{
    if (bytes.size() < 2 || static_cast<unsigned char>(bytes.at(0)) != 0x30)
        return false;
    const auto first = static_cast<unsigned char>(bytes.at(1));
    qint64 length = 0;
    qsizetype header = 2;
    if (first < 0x80) {
        length = first;
    } else {
        const int count = first & 0x7F;
        if (count == 0 || count > 4 || bytes.size() < 2 + count)
            return count > 0 && count <= 4;
        for (int i = 0; i < count; ++i)
            length = (length << 8) | static_cast<unsigned char>(bytes.at(2 + i));
        header += count;
    }
    return header + length > bytes.size();
}

Result<std::vector<Certificate>> readDer(const QByteArray &bytes)
{
    const auto *begin = reinterpret_cast<const unsigned char *>(bytes.constData());
    const auto *end = begin + bytes.size();
    std::vector<Certificate> certificates;
    // Several DER certificates one after the other are rare, but cost nothing to accept.
    const unsigned char *cursor = begin;
    while (cursor < end) {
        ERR_clear_error();
        const unsigned char *next = cursor;
        X509Ptr x509(d2i_X509(nullptr, &next, long(end - cursor)));
        if (!x509)
            break;
        auto certificate = Certificate::fromX509(x509.get());
        if (!certificate)
            return errorOf(certificate);
        certificates.push_back(std::move(*certificate));
        cursor = next;
    }
    if (!certificates.empty() && cursor == end)
        return certificates;
    if (!certificates.empty())
        return invalidInput(
            Certificate::tr("The certificate is followed by %n byte(s) that are not a certificate.",
                            nullptr, int(end - cursor)));

    ERR_clear_error();
    cursor = begin;
    if (Pkcs7Ptr pkcs7(d2i_PKCS7(nullptr, &cursor, long(bytes.size()))); pkcs7) {
        if (auto appended = appendPkcs7(pkcs7.get(), &certificates); !appended)
            return errorOf(appended);
        return certificates;
    }

    ERR_clear_error();
    cursor = begin;
    // A DER private key (PKCS#1, SEC 1, PKCS#8, or encrypted PKCS#8) is recognised and dropped
    // at once; EVP_PKEY_free wipes it.
    if (EvpPkeyPtr key(d2i_AutoPrivateKey(nullptr, &cursor, long(bytes.size()))); key) {
        ERR_clear_error();
        return fail(ErrorCode::InvalidInput, privateKeyMessage());
    }
    ERR_clear_error();
    cursor = begin;
    if (X509SigPtr encrypted(d2i_X509_SIG(nullptr, &cursor, long(bytes.size()))); encrypted) {
        ERR_clear_error();
        return fail(ErrorCode::InvalidInput, privateKeyMessage());
    }
    if (looksTruncated(bytes))
        return invalidInput(Certificate::tr(
            "The certificate data is truncated: it ends before its DER encoding does."));
    return invalidInput(notACertificate());
}

} // namespace

QJsonObject DnAttribute::toJson() const
{
    return QJsonObject {{QStringLiteral("rdn_index"), rdnIndex},
                        {QStringLiteral("oid"), oid},
                        {QStringLiteral("short_name"), shortName},
                        {QStringLiteral("asn1_type"), asn1Type},
                        {QStringLiteral("value"), value}};
}

void Certificate::X509Release::operator()(X509 *certificate) const noexcept
{
    X509_free(certificate);
}

Certificate::Certificate(Handle certificate)
    : m_certificate(std::move(certificate))
{ }

const Certificate &Certificate::endEntityOf(const std::vector<Certificate> &certificates)
{
    for (const Certificate &candidate : certificates) {
        if (X509_check_ca(candidate.handle()) == 0)
            return candidate;
    }
    return certificates.front();
}

Certificate::Certificate(const Certificate &other)
{
    if (other.m_certificate && X509_up_ref(other.m_certificate.get()) == 1)
        m_certificate.reset(other.m_certificate.get());
}

Certificate &Certificate::operator=(const Certificate &other)
{
    if (this != &other) {
        Handle copy;
        if (other.m_certificate && X509_up_ref(other.m_certificate.get()) == 1)
            copy.reset(other.m_certificate.get());
        m_certificate = std::move(copy);
    }
    return *this;
}

Result<Certificate> Certificate::fromX509(const X509 *certificate)
{
    // Up-ref'ing does not change the certificate; OpenSSL's signature just lacks the const.
    auto *mutableCertificate = const_cast<X509 *>(certificate);
    if (!certificate || X509_up_ref(mutableCertificate) != 1)
        return cryptoError(tr("Could not take a reference to the certificate."));
    return Certificate(Handle(mutableCertificate));
}

Result<std::vector<Certificate>> Certificate::readAll(const QByteArray &bytes)
{
    ERR_clear_error();
    if (onlyWhitespace(bytes))
        return fail(ErrorCode::InvalidInput, tr("The data is empty: there is no certificate."));
    if (bytes.size() > MaximumFileSize)
        return fail(ErrorCode::InvalidInput,
                    tr("The data is larger than %1 MB; a certificate file is a few kilobytes.")
                        .arg(MaximumFileSize / (1024 * 1024)));
    if (bytes.contains("-----BEGIN "))
        return readPem(bytes);
    return readDer(bytes);
}

Result<std::vector<Certificate>> Certificate::readFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(ErrorCode::NotFound, tr("The file %1 does not exist.").arg(path));
    if (info.isDir())
        return fail(ErrorCode::InvalidInput, tr("%1 is a folder, not a file.").arg(path));
    if (info.size() > MaximumFileSize)
        return fail(ErrorCode::InvalidInput,
                    tr("The file %1 is larger than %2 MB; a certificate file is a few kilobytes.")
                        .arg(path)
                        .arg(MaximumFileSize / (1024 * 1024)));
    QFile file;
    if (auto opened = LocalFile::openRegular(path, file); !opened)
        return errorOf(opened);
    // At most one byte past the limit, in case the file grew or is a device that reports no size.
    QByteArray bytes = file.read(MaximumFileSize + 1);
    // The file may hold a private key given by mistake: wipe the copy whatever the outcome.
    const auto wipe
        = qScopeGuard([&bytes] { OPENSSL_cleanse(bytes.data(), size_t(bytes.size())); });
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::Io, tr("Could not read %1.").arg(path), file.errorString());
    if (onlyWhitespace(bytes))
        return fail(ErrorCode::InvalidInput,
                    tr("The file %1 is empty: there is no certificate.").arg(path));
    auto certificates = readAll(bytes);
    if (!certificates) {
        Error error = certificates.error();
        error.message = QStringLiteral("%1: %2").arg(info.fileName(), error.message);
        return std::unexpected(error);
    }
    return certificates;
}

Result<Certificate> Certificate::readFirst(const QString &path)
{
    auto certificates = readFile(path);
    if (!certificates)
        return errorOf(certificates);
    return std::move(certificates->front());
}

X509 *Certificate::handle() const
{
    return m_certificate.get();
}

QByteArray Certificate::der() const
{
    const int length = i2d_X509(m_certificate.get(), nullptr);
    if (length <= 0) {
        ERR_clear_error();
        return {};
    }
    QByteArray der(length, Qt::Uninitialized);
    auto *cursor = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_X509(m_certificate.get(), &cursor) != length) {
        ERR_clear_error();
        return {};
    }
    return der;
}

QString Certificate::serialHex() const
{
    BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_certificate.get()), nullptr));
    OpenSslStringPtr hex(serial ? BN_bn2hex(serial.get()) : nullptr);
    if (!hex) {
        ERR_clear_error();
        return {};
    }
    return QString::fromLatin1(hex.get()).toUpper();
}

QString Certificate::serialDecimal() const
{
    BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(m_certificate.get()), nullptr));
    OpenSslStringPtr decimal(serial ? BN_bn2dec(serial.get()) : nullptr);
    if (!decimal) {
        ERR_clear_error();
        return {};
    }
    return QString::fromLatin1(decimal.get());
}

QString Certificate::distinguishedName(const X509_NAME *name)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !name)
        return {};
    // Plain XN_FLAG_RFC2253 would escape every UTF-8 byte (J\C3\B6rg); without ESC_MSB the text
    // stays readable while ',', '+', '"' and the other RFC 4514 specials are still escaped.
    if (X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    if (length <= 0 || !data)
        return {};
    return QString::fromUtf8(data, qsizetype(length));
}

QString Certificate::asn1TypeName(int type)
{
    switch (type) {
    case V_ASN1_PRINTABLESTRING:
        return QStringLiteral("PrintableString");
    case V_ASN1_UTF8STRING:
        return QStringLiteral("UTF8String");
    case V_ASN1_BMPSTRING:
        return QStringLiteral("BMPString");
    case V_ASN1_T61STRING:
        return QStringLiteral("TeletexString");
    case V_ASN1_IA5STRING:
        return QStringLiteral("IA5String");
    case V_ASN1_UNIVERSALSTRING:
        return QStringLiteral("UniversalString");
    case V_ASN1_VISIBLESTRING:
        return QStringLiteral("VisibleString");
    case V_ASN1_NUMERICSTRING:
        return QStringLiteral("NumericString");
    case V_ASN1_VIDEOTEXSTRING:
        return QStringLiteral("VideotexString");
    case V_ASN1_GENERALSTRING:
        return QStringLiteral("GeneralString");
    case V_ASN1_OCTET_STRING:
        return QStringLiteral("OCTET STRING");
    default:
        return QString::fromLatin1(ASN1_tag2str(type));
    }
}

std::vector<DnAttribute> Certificate::attributes(const X509_NAME *name)
{
    std::vector<DnAttribute> result;
    const int count = name ? X509_NAME_entry_count(name) : 0;
    result.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const X509_NAME_ENTRY *entry = X509_NAME_get_entry(name, i);
        const ASN1_OBJECT *object = X509_NAME_ENTRY_get_object(entry);
        const ASN1_STRING *data = X509_NAME_ENTRY_get_data(entry);
        DnAttribute attribute;
        attribute.rdnIndex = X509_NAME_ENTRY_set(entry);
        attribute.oid = objectText(object, true);
        if (const int nid = OBJ_obj2nid(object); nid != NID_undef)
            attribute.shortName = QString::fromLatin1(OBJ_nid2sn(nid));
        attribute.asn1Type = asn1TypeName(ASN1_STRING_type(data));
        attribute.value = fromAsn1String(data);
        result.push_back(std::move(attribute));
    }
    return result;
}

QString Certificate::subjectDn() const
{
    return distinguishedName(X509_get_subject_name(m_certificate.get()));
}

QString Certificate::issuerDn() const
{
    return distinguishedName(X509_get_issuer_name(m_certificate.get()));
}

std::vector<DnAttribute> Certificate::subjectAttributes() const
{
    return attributes(X509_get_subject_name(m_certificate.get()));
}

std::vector<DnAttribute> Certificate::issuerAttributes() const
{
    return attributes(X509_get_issuer_name(m_certificate.get()));
}

QDateTime Certificate::notBefore() const
{
    return fromAsn1Time(X509_get0_notBefore(m_certificate.get()));
}

QDateTime Certificate::notAfter() const
{
    return fromAsn1Time(X509_get0_notAfter(m_certificate.get()));
}

QString Certificate::validityAt(const QDateTime &at) const
{
    if (at < notBefore())
        return QStringLiteral("not_yet_valid");
    if (at > notAfter())
        return QStringLiteral("expired");
    return QStringLiteral("valid");
}

QStringList Certificate::keyUsage() const
{
    X509 *certificate = m_certificate.get();
    const uint32_t bits = X509_get_key_usage(certificate);
    ERR_clear_error();
    if (!(X509_get_extension_flags(certificate) & EXFLAG_KUSAGE))
        return {};
    static const std::pair<uint32_t, const char *> names[] = {
        {KU_DIGITAL_SIGNATURE, "digitalSignature"},
        {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},
        {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},
        {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},
        {KU_ENCIPHER_ONLY, "encipherOnly"},
        {KU_DECIPHER_ONLY, "decipherOnly"},
    };
    QStringList result;
    for (const auto &[bit, name] : names) {
        if (bits & bit)
            result << QString::fromLatin1(name);
    }
    return result;
}

QStringList Certificate::extendedKeyUsage() const
{
    const ExtendedKeyUsagePtr usage(static_cast<EXTENDED_KEY_USAGE *>(
        X509_get_ext_d2i(m_certificate.get(), NID_ext_key_usage, nullptr, nullptr)));
    QStringList result;
    for (int i = 0; usage && i < sk_ASN1_OBJECT_num(usage.get()); ++i) {
        const ASN1_OBJECT *object = sk_ASN1_OBJECT_value(usage.get(), i);
        const int nid = OBJ_obj2nid(object);
        result << (nid != NID_undef ? QString::fromLatin1(OBJ_nid2sn(nid))
                                    : objectText(object, true));
    }
    ERR_clear_error();
    return result;
}

QStringList Certificate::sanEmailAddresses() const
{
    GeneralNamesPtr names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(m_certificate.get(), NID_subject_alt_name, nullptr, nullptr)));
    QStringList result;
    for (int i = 0; names && i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type == GEN_EMAIL)
            result << fromIa5(name->d.rfc822Name);
    }
    ERR_clear_error();
    return result;
}

QStringList Certificate::dnEmailAddresses() const
{
    QStringList result;
    for (const DnAttribute &attribute : subjectAttributes()) {
        if (attribute.oid == QLatin1String("1.2.840.113549.1.9.1"))
            result << attribute.value;
    }
    return result;
}

QStringList Certificate::emailAddresses() const
{
    QStringList result = sanEmailAddresses();
    for (const QString &address : dnEmailAddresses()) {
        if (!result.contains(address))
            result << address;
    }
    return result;
}

QStringList Certificate::crlDistributionPoints() const
{
    const CrlDistPointsPtr points(static_cast<CRL_DIST_POINTS *>(
        X509_get_ext_d2i(m_certificate.get(), NID_crl_distribution_points, nullptr, nullptr)));
    QStringList result;
    for (int i = 0; points && i < sk_DIST_POINT_num(points.get()); ++i) {
        const DIST_POINT *point = sk_DIST_POINT_value(points.get(), i);
        if (point->distpoint && point->distpoint->type == 0)
            result << uris(point->distpoint->name.fullname);
    }
    ERR_clear_error();
    return result;
}

QStringList Certificate::ocspUrls() const
{
    return accessUrls(m_certificate.get(), NID_ad_OCSP);
}

QStringList Certificate::caIssuersUrls() const
{
    return accessUrls(m_certificate.get(), NID_ad_ca_issuers);
}

bool Certificate::isSignedBy(const Certificate &issuer) const
{
    ERR_clear_error();
    if (X509_check_issued(issuer.handle(), handle()) != X509_V_OK)
        return false;
    EVP_PKEY *key = X509_get0_pubkey(issuer.handle());
    const bool verified = key && X509_verify(handle(), key) == 1;
    ERR_clear_error();
    return verified;
}

QString Certificate::sha256Fingerprint() const
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(m_certificate.get(), EVP_sha256(), digest, &length) != 1) {
        ERR_clear_error();
        return {};
    }
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex().toUpper());
}

QJsonObject Certificate::toJson() const
{
    const auto attributeArray = [](const std::vector<DnAttribute> &attributes) {
        QJsonArray array;
        for (const DnAttribute &attribute : attributes)
            array.append(attribute.toJson());
        return array;
    };
    const auto time = [](const QDateTime &value) {
        return value.isValid() ? QJsonValue(value.toUTC().toString(Qt::ISODate)) : QJsonValue();
    };
    return QJsonObject {
        {QStringLiteral("subject"), subjectDn()},
        {QStringLiteral("subject_attributes"), attributeArray(subjectAttributes())},
        {QStringLiteral("issuer"), issuerDn()},
        {QStringLiteral("issuer_attributes"), attributeArray(issuerAttributes())},
        {QStringLiteral("serial_hex"), serialHex()},
        {QStringLiteral("serial_decimal"), serialDecimal()},
        {QStringLiteral("not_before"), time(notBefore())},
        {QStringLiteral("not_after"), time(notAfter())},
        {QStringLiteral("key_usage"), QJsonArray::fromStringList(keyUsage())},
        {QStringLiteral("extended_key_usage"), QJsonArray::fromStringList(extendedKeyUsage())},
        {QStringLiteral("email_addresses"), QJsonArray::fromStringList(emailAddresses())},
        {QStringLiteral("crl_distribution_points"),
         QJsonArray::fromStringList(crlDistributionPoints())},
        {QStringLiteral("ocsp_urls"), QJsonArray::fromStringList(ocspUrls())},
        {QStringLiteral("ca_issuers_urls"), QJsonArray::fromStringList(caIssuersUrls())},
        {QStringLiteral("sha256_fingerprint"), sha256Fingerprint()},
    };
}

} // namespace rd
