#include "certificates/TrustedIssuers.h"

#include "certificates/StringPreparation.h"

#include <openssl/err.h>
#include <openssl/objects.h>

#include <algorithm>
#include <map>

namespace rd {

namespace {

QString dottedOid(const QString &type)
{
    if (!type.isEmpty() && type.at(0).isDigit())
        return type;
    // Common spellings that OpenSSL's table lacks.
    static const std::map<QString, QString> aliases {
        {QStringLiteral("e"), QStringLiteral("1.2.840.113549.1.9.1")},
        {QStringLiteral("email"), QStringLiteral("1.2.840.113549.1.9.1")},
        {QStringLiteral("s"), QStringLiteral("2.5.4.8")},
    };
    if (auto it = aliases.find(type.toLower()); it != aliases.end())
        return it->second;
    const QByteArray latin = type.toLatin1();
    int nid = OBJ_sn2nid(latin.constData());
    if (nid == NID_undef)
        nid = OBJ_ln2nid(latin.constData());
    if (nid == NID_undef) {
        // Keywords are case-insensitive (RFC 4514 section 3); OpenSSL's table is not.
        for (const char *candidate : {"CN", "O", "OU", "L", "ST", "C", "DC", "UID", "STREET",
                                      "emailAddress", "serialNumber", "title", "description"}) {
            if (type.compare(QLatin1String(candidate), Qt::CaseInsensitive) == 0) {
                nid = OBJ_sn2nid(candidate);
                break;
            }
        }
    }
    if (nid == NID_undef) {
        ERR_clear_error();
        return {};
    }
    char buffer[80] = {};
    const int length = OBJ_obj2txt(buffer, sizeof buffer, OBJ_nid2obj(nid), 1);
    return length > 0 ? QString::fromLatin1(buffer, qMin(length, int(sizeof buffer) - 1))
                      : QString();
}

int hexValue(QChar c)
{
    if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        return c.unicode() - '0';
    if (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        return c.unicode() - 'a' + 10;
    if (c >= QLatin1Char('A') && c <= QLatin1Char('F'))
        return c.unicode() - 'A' + 10;
    return -1;
}

} // namespace

QString TrustedIssuers::demoCertificateAuthorityName()
{
    return QStringLiteral("CN=Revocation Desk Demo CA,O=Diskominfo Kabupaten Natuna,C=ID");
}

QStringList TrustedIssuers::defaultIssuers()
{
    return {QStringLiteral("CN=BSRE CA DS G1,O=Badan Siber dan Sandi Negara,C=ID"),
            QStringLiteral("CN=OSD LU Kelas 2,O=Lembaga Sandi Negara,C=ID"),
            demoCertificateAuthorityName()};
}

Result<TrustedIssuers> TrustedIssuers::fromSettings(const QSettings &settings)
{
    if (!settings.contains(settingKey()))
        return fromList(defaultIssuers());
    return fromList(settings.value(settingKey()).toStringList());
}

Result<TrustedIssuers> TrustedIssuers::fromList(const QStringList &names)
{
    TrustedIssuers issuers;
    for (const QString &name : names) {
        auto attributes = parseDistinguishedName(name);
        if (!attributes)
            return fail(ErrorCode::InvalidInput,
                        tr("The trusted issuer \"%1\" in %2 is not a distinguished name: %3")
                            .arg(name, settingKey(), attributes.error().message));
        issuers.m_names << name;
        issuers.m_keys << canonicalKey(*attributes);
    }
    return issuers;
}

QString TrustedIssuers::find(const std::vector<DnAttribute> &name) const
{
    const QString key = canonicalKey(name);
    if (key.isEmpty())
        return {};
    const qsizetype index = m_keys.indexOf(key);
    return index >= 0 ? m_names.at(index) : QString();
}

bool TrustedIssuers::sameName(const std::vector<DnAttribute> &left,
                              const std::vector<DnAttribute> &right)
{
    const QString key = canonicalKey(left);
    return !key.isEmpty() && key == canonicalKey(right);
}

QString TrustedIssuers::canonicalKey(const std::vector<DnAttribute> &name)
{
    // RDN by RDN in order; inside a multi-valued RDN the order does not count (it is a SET).
    QStringList rdns;
    QStringList current;
    int currentIndex = -1;
    const auto flush = [&] {
        if (currentIndex >= 0) {
            current.sort();
            rdns << current.join(QChar(0x1F));
        }
        current.clear();
    };
    for (const DnAttribute &attribute : name) {
        if (attribute.rdnIndex != currentIndex) {
            flush();
            currentIndex = attribute.rdnIndex;
        }
        // A value given as #hex (BER) is compared as written.
        QString value;
        if (attribute.value.startsWith(QLatin1Char('#')) && attribute.asn1Type.isEmpty()) {
            value = attribute.value.toLower();
        } else {
            auto prepared = StringPreparation::prepare(attribute.value);
            if (!prepared)
                return {};
            value = *prepared;
        }
        current << attribute.oid + QLatin1Char('=') + value;
    }
    flush();
    return rdns.join(QChar(0x1E));
}

Result<std::vector<DnAttribute>> TrustedIssuers::parseDistinguishedName(const QString &text)
{
    // Parsed in text order, then numbered from the end: RFC 4514 writes the last RDN first.
    std::vector<DnAttribute> attributes;
    int rdn = 0;
    qsizetype i = 0;
    const qsizetype n = text.size();
    const auto skipSpaces = [&] {
        while (i < n && text.at(i) == QLatin1Char(' '))
            ++i;
    };
    skipSpaces();
    if (i == n)
        return fail(ErrorCode::InvalidInput, tr("The name is empty."));
    while (i < n) {
        skipSpaces();
        const qsizetype equals = text.indexOf(QLatin1Char('='), i);
        if (equals < 0)
            return fail(ErrorCode::InvalidInput,
                        tr("\"%1\" has no \"=\" between type and value.").arg(text.mid(i)));
        const QString type = text.mid(i, equals - i).trimmed();
        DnAttribute attribute;
        attribute.rdnIndex = rdn;
        attribute.oid = dottedOid(type);
        attribute.shortName = type;
        if (attribute.oid.isEmpty())
            return fail(ErrorCode::InvalidInput,
                        tr("\"%1\" is not a known attribute type.").arg(type));
        i = equals + 1;
        skipSpaces();
        if (i < n && text.at(i) == QLatin1Char('#')) {
            const qsizetype start = i;
            while (i < n && text.at(i) != QLatin1Char(',') && text.at(i) != QLatin1Char('+'))
                ++i;
            attribute.value = text.mid(start, i - start).trimmed();
        } else {
            QByteArray bytes;
            bool quoted = i < n && text.at(i) == QLatin1Char('"');
            if (quoted)
                ++i;
            qsizetype lastSignificant = 0; // bytes up to here survive trailing-space trimming
            while (i < n) {
                const QChar c = text.at(i);
                if (quoted && c == QLatin1Char('"')) {
                    ++i;
                    quoted = false;
                    lastSignificant = bytes.size();
                    skipSpaces();
                    break;
                }
                if (!quoted
                    && (c == QLatin1Char(',') || c == QLatin1Char('+') || c == QLatin1Char(';')))
                    break;
                if (c == QLatin1Char('\\')) {
                    if (i + 1 >= n)
                        return fail(ErrorCode::InvalidInput,
                                    tr("\"%1\" ends with a lone backslash.").arg(text));
                    const int high = hexValue(text.at(i + 1));
                    const int low = i + 2 < n ? hexValue(text.at(i + 2)) : -1;
                    if (high >= 0 && low >= 0) {
                        bytes.append(char(high * 16 + low));
                        i += 3;
                    } else {
                        bytes.append(QString(text.at(i + 1)).toUtf8());
                        i += 2;
                    }
                    lastSignificant = bytes.size();
                    continue;
                }
                bytes.append(QString(c).toUtf8());
                if (c != QLatin1Char(' '))
                    lastSignificant = bytes.size();
                ++i;
            }
            if (quoted)
                return fail(ErrorCode::InvalidInput,
                            tr("\"%1\" has a quotation mark that is not closed.").arg(text));
            attribute.value = QString::fromUtf8(bytes.left(lastSignificant));
        }
        attributes.push_back(std::move(attribute));
        if (i < n) {
            const QChar separator = text.at(i);
            ++i;
            if (separator != QLatin1Char('+'))
                ++rdn;
            skipSpaces();
            if (i == n)
                return fail(ErrorCode::InvalidInput, tr("\"%1\" ends with a separator.").arg(text));
        }
    }
    // Reverse the RDN order, keeping the attributes of one RDN together.
    const int last = attributes.empty() ? 0 : attributes.back().rdnIndex;
    for (DnAttribute &attribute : attributes)
        attribute.rdnIndex = last - attribute.rdnIndex;
    std::stable_sort(
        attributes.begin(), attributes.end(),
        [](const DnAttribute &a, const DnAttribute &b) { return a.rdnIndex < b.rdnIndex; });
    return attributes;
}

} // namespace rd
