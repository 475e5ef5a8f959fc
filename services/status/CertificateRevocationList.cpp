#include "status/CertificateRevocationList.h"

#include "certificates/Certificate.h"
#include "certificates/OpenSslPointers.h"
#include "core/LocalFile.h"

#include <QFile>
#include <QFileInfo>
#include <QTimeZone>

#include <openssl/pem.h>

#include <cstring>
#include <ctime>

namespace rd {

namespace {

constexpr unsigned char kNegativeFlag = 0x80;
// A serial longer than this is not an X.509 serial (RFC 5280 allows 20 octets); the length has
// to fit in the seven bits of the index's length byte.
constexpr qsizetype kMaximumSerialBytes = 127;

std::unexpected<Error> cryptoError(const QString &message)
{
    return fail(ErrorCode::Crypto, message, openSslErrors());
}

QByteArrayView withoutLeadingZeros(QByteArrayView bytes)
{
    qsizetype start = 0;
    while (start < bytes.size() && bytes[start] == '\0')
        ++start;
    return bytes.sliced(start);
}

// FNV-1a over 8-byte words with a final avalanche (MurmurHash3's fmix64): random 16-byte serials
// and sequential small ones both spread evenly over the table.
std::uint64_t serialHash(QByteArrayView magnitude, bool negative)
{
    std::uint64_t hash
        = 0xcbf29ce484222325ULL ^ std::uint64_t(magnitude.size()) ^ (negative ? 0x8000ULL : 0);
    const char *data = magnitude.data();
    qsizetype left = magnitude.size();
    while (left > 0) {
        std::uint64_t word = 0;
        const auto chunk = std::size_t(qMin<qsizetype>(left, 8));
        std::memcpy(&word, data, chunk);
        hash = (hash ^ word) * 0x100000001b3ULL;
        hash ^= hash >> 29;
        data += chunk;
        left -= qsizetype(chunk);
    }
    hash ^= hash >> 33;
    hash *= 0xff51afd7ed558ccdULL;
    hash ^= hash >> 33;
    hash *= 0xc4ceb9fe1a85ec53ULL;
    hash ^= hash >> 33;
    return hash;
}

QByteArrayView magnitudeOf(const ASN1_INTEGER *serial)
{
    return withoutLeadingZeros(
        QByteArrayView(ASN1_STRING_get0_data(serial), ASN1_STRING_length(serial)));
}

bool isNegative(const ASN1_INTEGER *serial)
{
    return ASN1_STRING_type(serial) == V_ASN1_NEG_INTEGER;
}

// Extensions of the CRL itself that we understand; any other critical one means the CRL
// says something we cannot honour (RFC 5280 section 5.2).
bool understood(int nid)
{
    return nid == NID_crl_number || nid == NID_authority_key_identifier
        || nid == NID_issuing_distribution_point || nid == NID_freshest_crl
        || nid == NID_info_access;
}

constexpr qint64 kNoTime = std::numeric_limits<qint64>::min();

int digits(const unsigned char *text, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return -1;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// Seconds since the epoch, kNoTime for a null or malformed time. RFC 5280 fixes the two forms
// (YYMMDDHHMMSSZ and YYYYMMDDHHMMSSZ), which are read here directly: indexing a million entries
// through ASN1_TIME_to_tm and QDateTime would take longer than OpenSSL takes to parse the CRL.
qint64 secondsOf(const ASN1_TIME *time)
{
    if (!time)
        return kNoTime;
    const unsigned char *text = ASN1_STRING_get0_data(time);
    const int length = ASN1_STRING_length(time);
    int year = -1;
    const unsigned char *rest = nullptr;
    if (ASN1_STRING_type(time) == V_ASN1_UTCTIME && length == 13 && text[12] == 'Z') {
        year = digits(text, 2);
        year += year >= 50 ? 1900 : 2000;
        rest = text + 2;
    } else if (ASN1_STRING_type(time) == V_ASN1_GENERALIZEDTIME && length == 15
               && text[14] == 'Z') {
        year = digits(text, 4);
        rest = text + 4;
    }
    std::tm parts {};
    if (year >= 0 && rest) {
        parts.tm_year = year - 1900;
        parts.tm_mon = digits(rest, 2) - 1;
        parts.tm_mday = digits(rest + 2, 2);
        parts.tm_hour = digits(rest + 4, 2);
        parts.tm_min = digits(rest + 6, 2);
        parts.tm_sec = digits(rest + 8, 2);
        if (parts.tm_mon < 0 || parts.tm_mon > 11 || parts.tm_mday < 1 || parts.tm_mday > 31
            || parts.tm_hour < 0 || parts.tm_hour > 23 || parts.tm_min < 0 || parts.tm_min > 59
            || parts.tm_sec < 0 || parts.tm_sec > 60)
            return kNoTime;
    } else if (ASN1_TIME_to_tm(time, &parts) != 1) {
        // Any other form OpenSSL accepts (it is stricter than most parsers about these).
        ERR_clear_error();
        return kNoTime;
    }
    // Days from the civil date (H. Hinnant's algorithm).
    const qint64 civilYear = qint64(parts.tm_year) + 1900 - (parts.tm_mon < 2 ? 1 : 0);
    const qint64 era = (civilYear >= 0 ? civilYear : civilYear - 399) / 400;
    const qint64 yearOfEra = civilYear - era * 400;
    const qint64 month = parts.tm_mon + 1;
    const qint64 dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + parts.tm_mday - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    const qint64 days = era * 146097 + dayOfEra - 719468;
    return days * 86400 + parts.tm_hour * 3600 + parts.tm_min * 60 + parts.tm_sec;
}

// The reasonCode's value straight from its DER (ENUMERATED, length 1, value): decoding it with
// X509_REVOKED_get_ext_d2i allocates, a million times over for a large CRL.
int reasonOf(const X509_REVOKED *entry)
{
    const int index = X509_REVOKED_get_ext_by_NID(entry, NID_crl_reason, -1);
    if (index < 0)
        return RevocationStatus::NoReason;
    const ASN1_OCTET_STRING *value = X509_EXTENSION_get_data(X509_REVOKED_get_ext(entry, index));
    const unsigned char *der = ASN1_STRING_get0_data(value);
    if (ASN1_STRING_length(value) == 3 && der[0] == V_ASN1_ENUMERATED && der[1] == 1
        && der[2] <= 10)
        return der[2];
    return RevocationStatus::NoReason;
}

// The URIs among general names, for messages; other kinds of name are only counted.
QString namesText(const GENERAL_NAMES *names)
{
    QStringList texts;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, i);
        if (name->type == GEN_URI) {
            texts << QString::fromLatin1(reinterpret_cast<const char *>(ASN1_STRING_get0_data(
                                             name->d.uniformResourceIdentifier)),
                                         ASN1_STRING_length(name->d.uniformResourceIdentifier));
        } else {
            texts << QStringLiteral("(name of type %1)").arg(name->type);
        }
    }
    return texts.join(QStringLiteral(", "));
}

bool anyNameInCommon(const GENERAL_NAMES *left, const GENERAL_NAMES *right)
{
    for (int i = 0; i < sk_GENERAL_NAME_num(left); ++i) {
        for (int j = 0; j < sk_GENERAL_NAME_num(right); ++j) {
            if (GENERAL_NAME_cmp(sk_GENERAL_NAME_value(left, i), sk_GENERAL_NAME_value(right, j))
                == 0)
                return true;
        }
    }
    return false;
}

} // namespace

void CertificateRevocationList::X509CrlRelease::operator()(X509_CRL *crl) const noexcept
{
    X509_CRL_free(crl);
}

CertificateRevocationList::CertificateRevocationList(Handle crl)
    : m_crl(std::move(crl))
{ }

QDateTime CertificateRevocationList::timeOf(const ASN1_TIME *time)
{
    const qint64 seconds = secondsOf(time);
    return seconds == kNoTime ? QDateTime() : QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
}

Result<CertificateRevocationList> CertificateRevocationList::fromBytes(const QByteArray &bytes)
{
    ERR_clear_error();
    if (bytes.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("The CRL is empty."));
    if (bytes.size() > MaximumSize)
        return fail(ErrorCode::InvalidInput,
                    tr("The CRL is larger than %1 MB.").arg(MaximumSize / (1024 * 1024)));
    X509CrlPtr crl;
    if (bytes.contains("-----BEGIN")) {
        BioPtr bio(BIO_new_mem_buf(bytes.constData(), int(bytes.size())));
        if (bio)
            crl.reset(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
        if (!crl)
            return fail(ErrorCode::InvalidInput,
                        tr("The data is PEM but holds no readable X509 CRL block."),
                        openSslErrors());
    } else {
        const auto *cursor = reinterpret_cast<const unsigned char *>(bytes.constData());
        const auto *end = cursor + bytes.size();
        crl.reset(d2i_X509_CRL(nullptr, &cursor, long(bytes.size())));
        if (!crl)
            return fail(ErrorCode::InvalidInput, tr("The data is not a CRL in DER or PEM."),
                        openSslErrors());
        if (cursor != end)
            return fail(ErrorCode::InvalidInput,
                        tr("The CRL is followed by %n stray byte(s).", nullptr, int(end - cursor)));
    }
    CertificateRevocationList list(Handle(crl.release()));
    if (auto indexed = list.buildIndex(); !indexed)
        return errorOf(indexed);
    return list;
}

Result<CertificateRevocationList> CertificateRevocationList::readFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return fail(ErrorCode::NotFound, tr("There is no file %1.").arg(path));
    if (info.size() > MaximumSize)
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is larger than %2 MB, too large for a CRL.")
                        .arg(path)
                        .arg(MaximumSize / (1024 * 1024)));
    QFile file;
    if (auto opened = LocalFile::openRegular(path, file); !opened)
        return errorOf(opened);
    // In pieces rather than read(MaximumSize + 1), which would reserve the whole maximum at
    // once; a pipe or a growing file still stops at the limit.
    QByteArray bytes;
    bytes.reserve(qMin(info.size(), MaximumSize) + 1);
    while (!file.atEnd() && bytes.size() <= MaximumSize) {
        const QByteArray piece = file.read(4 * 1024 * 1024);
        if (piece.isEmpty())
            break;
        bytes += piece;
    }
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::Io, tr("Could not read %1.").arg(path), file.errorString());
    return fromBytes(bytes);
}

Result<void> CertificateRevocationList::buildIndex()
{
    const STACK_OF(X509_REVOKED) *revoked = X509_CRL_get_REVOKED(m_crl.get());
    const int count = revoked ? sk_X509_REVOKED_num(revoked) : 0;
    m_entryCount = count;
    std::size_t capacity = 16;
    while (capacity < std::size_t(count) * 2)
        capacity *= 2;
    m_slots.assign(capacity, Slot {});
    m_mask = capacity - 1;
    m_serials.clear();
    m_serials.reserve(std::size_t(count) * 26);
    std::vector<Slot> pending;
    pending.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i) {
        X509_REVOKED *entry = sk_X509_REVOKED_value(revoked, i);
        const ASN1_INTEGER *serial = X509_REVOKED_get0_serialNumber(entry);
        const QByteArrayView magnitude = magnitudeOf(serial);
        const bool negative = isNegative(serial);
        if (magnitude.size() > kMaximumSerialBytes)
            return fail(ErrorCode::InvalidInput,
                        tr("The CRL lists a serial number of %n byte(s), more than any "
                           "certificate has.",
                           nullptr, int(magnitude.size())));
        if (m_serials.size() > std::numeric_limits<std::uint32_t>::max() - 256)
            return fail(ErrorCode::InvalidInput, tr("The CRL has too many entries."));
        const auto offset = std::uint32_t(m_serials.size());
        m_serials.push_back(
            static_cast<unsigned char>(magnitude.size() | (negative ? kNegativeFlag : 0)));
        m_serials.insert(m_serials.end(), magnitude.begin(), magnitude.end());
        const qint64 seconds = secondsOf(X509_REVOKED_get0_revocationDate(entry));
        const auto *secondsBytes = reinterpret_cast<const unsigned char *>(&seconds);
        m_serials.insert(m_serials.end(), secondsBytes, secondsBytes + sizeof seconds);
        m_serials.push_back(static_cast<unsigned char>(static_cast<signed char>(reasonOf(entry))));

        pending.push_back(Slot {serialHash(magnitude, negative), std::uint32_t(i + 1), offset});
    }
    // Inserting is a cache miss per entry in a table far larger than the cache; asking for the
    // slot a few entries ahead lets those misses overlap instead of queueing.
    constexpr std::size_t kAhead = 16;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        if (i + kAhead < pending.size())
            __builtin_prefetch(&m_slots[pending[i + kAhead].hash & m_mask], 1);
        std::uint64_t at = pending[i].hash & m_mask;
        while (m_slots[at].entry != 0)
            at = (at + 1) & m_mask;
        m_slots[at] = pending[i];
    }
    return {};
}

std::optional<std::uint32_t> CertificateRevocationList::recordOffset(QByteArrayView magnitude,
                                                                     bool negative) const
{
    magnitude = withoutLeadingZeros(magnitude);
    if (m_slots.empty() || magnitude.size() > kMaximumSerialBytes)
        return std::nullopt;
    const auto lengthByte
        = static_cast<unsigned char>(magnitude.size() | (negative ? kNegativeFlag : 0));
    const std::uint64_t hash = serialHash(magnitude, negative);
    for (std::uint64_t at = hash & m_mask; m_slots[at].entry != 0; at = (at + 1) & m_mask) {
        const Slot &slot = m_slots[at];
        if (slot.hash != hash)
            continue;
        const unsigned char *stored = m_serials.data() + slot.offset;
        if (stored[0] == lengthByte
            && std::memcmp(stored + 1, magnitude.data(), std::size_t(magnitude.size())) == 0)
            return slot.offset;
    }
    return std::nullopt;
}

CertificateRevocationList::Revocation
CertificateRevocationList::revocationAt(std::uint32_t offset) const
{
    // The record: length byte, magnitude, revocation time (8 bytes), reason (1 byte).
    const unsigned char *record = m_serials.data() + offset;
    const std::size_t length = record[0] & ~kNegativeFlag;
    qint64 seconds = 0;
    std::memcpy(&seconds, record + 1 + length, sizeof seconds);
    const auto reason = static_cast<signed char>(record[1 + length + sizeof seconds]);
    Revocation revocation;
    if (seconds != kNoTime)
        revocation.revokedAt = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
    revocation.reasonCode = reason;
    return revocation;
}

std::optional<CertificateRevocationList::Revocation>
CertificateRevocationList::find(QByteArrayView magnitude, bool negative) const
{
    const auto at = recordOffset(magnitude, negative);
    if (!at)
        return std::nullopt;
    return revocationAt(*at);
}

std::optional<CertificateRevocationList::Revocation>
CertificateRevocationList::find(const ASN1_INTEGER *serial) const
{
    if (!serial)
        return std::nullopt;
    return find(magnitudeOf(serial), isNegative(serial));
}

std::optional<CertificateRevocationList::Revocation>
CertificateRevocationList::findHex(const QString &serialHex) const
{
    QString digits = serialHex;
    const bool negative = digits.startsWith(QLatin1Char('-'));
    if (negative)
        digits.remove(0, 1);
    if (digits.size() % 2 != 0)
        digits.prepend(QLatin1Char('0'));
    const QByteArray latin = digits.toLatin1();
    const auto decoded = QByteArray::fromHex(latin);
    // fromHex skips what is not a hex digit; a round trip tells the two apart.
    if (digits.isEmpty() || decoded.toHex().compare(latin, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    return find(decoded, negative);
}

Result<void> CertificateRevocationList::verify(X509 *issuer, const QDateTime &now) const
{
    ERR_clear_error();
    if (!issuer)
        return fail(ErrorCode::InvalidInput, tr("No issuer certificate to check the CRL with."));
    const QString issuerName = Certificate::distinguishedName(X509_get_subject_name(issuer));
    if (X509_NAME_cmp(X509_CRL_get_issuer(m_crl.get()), X509_get_subject_name(issuer)) != 0)
        return fail(ErrorCode::Crypto,
                    tr("The CRL was issued by %1, not by %2.").arg(issuerDn(), issuerName));
    EVP_PKEY *key = X509_get0_pubkey(issuer);
    if (!key || X509_CRL_verify(m_crl.get(), key) != 1)
        return cryptoError(
            tr("The CRL's signature does not verify with the key of %1.").arg(issuerName));
    if ((X509_get_extension_flags(issuer) & EXFLAG_KUSAGE) != 0
        && (X509_get_key_usage(issuer) & KU_CRL_SIGN) == 0)
        return fail(ErrorCode::Crypto,
                    tr("%1 may not sign CRLs: its key usage lacks cRLSign.").arg(issuerName));

    for (int i = 0; i < X509_CRL_get_ext_count(m_crl.get()); ++i) {
        X509_EXTENSION *extension = X509_CRL_get_ext(m_crl.get(), i);
        const int nid = OBJ_obj2nid(X509_EXTENSION_get_object(extension));
        if (nid == NID_delta_crl)
            return fail(ErrorCode::InvalidInput,
                        tr("This is a delta CRL; a complete CRL is needed."));
        if (X509_EXTENSION_get_critical(extension) == 1 && !understood(nid))
            return fail(ErrorCode::InvalidInput,
                        tr("The CRL has a critical extension this program does not know."));
    }
    int critical = 0;
    if (const IssuingDistPointPtr point(static_cast<ISSUING_DIST_POINT *>(
            X509_CRL_get_ext_d2i(m_crl.get(), NID_issuing_distribution_point, &critical, nullptr)));
        point) {
        const bool partial = point->indirectCRL || point->onlysomereasons || point->onlyattr;
        if (partial)
            return fail(ErrorCode::InvalidInput,
                        tr("The CRL covers only some reasons or other issuers' certificates; a "
                           "complete, direct CRL is needed."));
    }
    ERR_clear_error();

    const QDateTime issued = thisUpdate();
    const QDateTime expires = nextUpdate();
    if (!issued.isValid())
        return fail(ErrorCode::InvalidInput, tr("The CRL's thisUpdate time cannot be read."));
    if (issued > now.addSecs(ClockLeewaySeconds))
        return fail(ErrorCode::Crypto,
                    tr("The CRL is dated %1, in the future.").arg(issued.toString(Qt::ISODate)));
    if (!expires.isValid())
        return fail(ErrorCode::Crypto,
                    tr("The CRL does not say when it expires (no nextUpdate), so it cannot be "
                       "known to be current."));
    if (expires.addSecs(ClockLeewaySeconds) < now)
        return fail(ErrorCode::Crypto,
                    tr("The CRL expired at %1 (nextUpdate); a current one is needed.")
                        .arg(expires.toString(Qt::ISODate)));
    return {};
}

Result<RevocationStatus> CertificateRevocationList::statusOf(const Certificate &certificate,
                                                             const Certificate &issuer,
                                                             const QString &location,
                                                             const QDateTime &now) const
{
    ERR_clear_error();
    if (X509_check_issued(issuer.handle(), certificate.handle()) != X509_V_OK)
        return fail(ErrorCode::InvalidInput,
                    tr("Certificate %1 was not issued by %2.")
                        .arg(certificate.serialHex(), issuer.subjectDn()),
                    openSslErrors());
    if (auto verified = verify(issuer.handle(), now); !verified)
        return errorOf(verified);
    if (auto covered = covers(certificate); !covered)
        return errorOf(covered);

    RevocationStatus status;
    status.source = RevocationStatus::Source::Crl;
    status.serialHex = certificate.serialHex();
    status.issuerDn = issuer.subjectDn();
    status.location = location;
    status.thisUpdate = thisUpdate();
    status.nextUpdate = nextUpdate();
    status.checkedAt = now;
    status.signerDn = issuer.subjectDn();
    status.crlNumber = crlNumber();
    if (const auto revocation = find(X509_get0_serialNumber(certificate.handle()))) {
        status.state = RevocationStatus::State::Revoked;
        status.revokedAt = revocation->revokedAt;
        status.reasonCode = revocation->reasonCode;
    } else {
        // A complete CRL from the certificate's own issuer that does not list it: good.
        status.state = RevocationStatus::State::Good;
    }
    return status;
}

Result<void> CertificateRevocationList::covers(const Certificate &certificate) const
{
    ERR_clear_error();
    int critical = 0;
    const IssuingDistPointPtr point(static_cast<ISSUING_DIST_POINT *>(
        X509_CRL_get_ext_d2i(m_crl.get(), NID_issuing_distribution_point, &critical, nullptr)));
    if (!point) {
        ERR_clear_error();
        // -1: no such extension, a CRL of the whole issuer; anything else it cannot be read.
        if (critical == -1)
            return {};
        return fail(ErrorCode::InvalidInput,
                    tr("The CRL's issuing distribution point cannot be read, so what it covers "
                       "is not known."));
    }
    // Refused by verify() already; repeated so that this check stands on its own.
    if (point->indirectCRL || point->onlyattr || point->onlysomereasons)
        return fail(ErrorCode::InvalidInput,
                    tr("The CRL covers only some reasons, attribute certificates or other "
                       "issuers' certificates; a complete, direct CRL is needed."));
    X509 *subject = certificate.handle();
    const bool isCa = (X509_get_extension_flags(subject) & EXFLAG_CA) != 0;
    if (point->onlyCA && !isCa)
        return fail(ErrorCode::InvalidInput,
                    tr("The CRL lists only CA certificates (an authority revocation list); it "
                       "cannot say whether the holder certificate %1 is revoked.")
                        .arg(certificate.serialHex()));
    if (point->onlyuser && isCa)
        return fail(ErrorCode::InvalidInput,
                    tr("The CRL lists only holder certificates; it cannot say whether the CA "
                       "certificate %1 is revoked.")
                        .arg(certificate.serialHex()));
    if (!point->distpoint)
        return {};
    if (point->distpoint->type != 0)
        return fail(ErrorCode::InvalidInput,
                    tr("The CRL names its distribution point relative to its issuer, which this "
                       "program does not support; use the CRL the certificate names."));
    const GENERAL_NAMES *partition = point->distpoint->name.fullname;
    const CrlDistPointsPtr points(static_cast<CRL_DIST_POINTS *>(
        X509_get_ext_d2i(subject, NID_crl_distribution_points, nullptr, nullptr)));
    ERR_clear_error();
    QStringList named;
    for (int i = 0; points && i < sk_DIST_POINT_num(points.get()); ++i) {
        const DIST_POINT *distribution = sk_DIST_POINT_value(points.get(), i);
        // A point with a cRLIssuer is served by an indirect CRL, which is refused above.
        if (distribution->CRLissuer || !distribution->distpoint
            || distribution->distpoint->type != 0)
            continue;
        if (anyNameInCommon(partition, distribution->distpoint->name.fullname))
            return {};
        named << namesText(distribution->distpoint->name.fullname);
    }
    return fail(
        ErrorCode::InvalidInput,
        tr("The CRL covers only the distribution point %1, and certificate %2 is not "
           "among its certificates (it names %3).")
            .arg(namesText(partition), certificate.serialHex(),
                 named.isEmpty() ? tr("no distribution point") : named.join(QStringLiteral("; "))));
}

QString CertificateRevocationList::issuerDn() const
{
    return Certificate::distinguishedName(X509_CRL_get_issuer(m_crl.get()));
}

QDateTime CertificateRevocationList::thisUpdate() const
{
    return timeOf(X509_CRL_get0_lastUpdate(m_crl.get()));
}

QDateTime CertificateRevocationList::nextUpdate() const
{
    return timeOf(X509_CRL_get0_nextUpdate(m_crl.get()));
}

qint64 CertificateRevocationList::crlNumber() const
{
    int critical = 0;
    auto *number = static_cast<ASN1_INTEGER *>(
        X509_CRL_get_ext_d2i(m_crl.get(), NID_crl_number, &critical, nullptr));
    if (!number) {
        ERR_clear_error();
        return -1;
    }
    Asn1IntegerPtr owned(number);
    std::int64_t value = -1;
    if (ASN1_INTEGER_get_int64(&value, owned.get()) != 1) {
        ERR_clear_error();
        return -1;
    }
    return value;
}

} // namespace rd
