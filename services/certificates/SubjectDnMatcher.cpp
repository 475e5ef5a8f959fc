#include "certificates/SubjectDnMatcher.h"

#include "certificates/StringPreparation.h"
#include "register/PersonalName.h"

#include <QRegularExpression>

namespace rd {

namespace {

const QString OidCommonName = QStringLiteral("2.5.4.3");
const QString OidSerialNumber = QStringLiteral("2.5.4.5");
const QString OidLocality = QStringLiteral("2.5.4.7");
const QString OidState = QStringLiteral("2.5.4.8");
const QString OidOrganization = QStringLiteral("2.5.4.10");
const QString OidOrganizationalUnit = QStringLiteral("2.5.4.11");
const QString OidEmailAddress = QStringLiteral("1.2.840.113549.1.9.1");

BilingualText text(const QString &id, const QString &en)
{
    return BilingualText {id, en};
}

QStringList valuesOf(const std::vector<DnAttribute> &attributes, const QString &oid)
{
    QStringList values;
    for (const DnAttribute &attribute : attributes) {
        if (attribute.oid == oid)
            values << attribute.value;
    }
    return values;
}

// The prepared, readable form, or an empty string when the value holds a prohibited character.
QString prepared(const QString &value,
                 StringPreparation::Matching matching = StringPreparation::Matching::CaseIgnore)
{
    auto result = StringPreparation::prepare(value, matching);
    return result ? StringPreparation::readable(*result) : QString();
}

QString joined(const QStringList &values)
{
    return values.join(QStringLiteral("; "));
}

AttributeComparison compareName(const std::vector<DnAttribute> &subject,
                                const HolderIdentity &holder)
{
    AttributeComparison row;
    row.attribute = QStringLiteral("common_name");
    row.certificateAttribute = QStringLiteral("CN");
    row.decisive = true;
    row.expectedSource = QStringLiteral("holder.full_name");
    row.expectedValue = holder.fullName;
    const QStringList names = valuesOf(subject, OidCommonName);
    row.certificateValue = joined(names);
    if (names.isEmpty()) {
        row.result = AttributeResult::Missing;
        row.note = text(QStringLiteral("Sertifikat tidak memuat CN (nama)."),
                        QStringLiteral("The certificate has no CN (name)."));
        return row;
    }
    const QString expected = PersonalName::withoutTitles(holder.fullName);
    row.expectedPrepared = prepared(expected);
    QStringList preparedNames;
    for (const QString &name : names)
        preparedNames << prepared(PersonalName::withoutTitles(name));
    row.certificatePrepared = joined(preparedNames);
    if (holder.fullName.trimmed().isEmpty()) {
        row.result = AttributeResult::Missing;
        row.note = text(QStringLiteral("Data pemegang tidak memuat nama lengkap."),
                        QStringLiteral("The holder record has no full name."));
        return row;
    }
    const bool same
        = !row.expectedPrepared.isEmpty() && preparedNames.contains(row.expectedPrepared);
    row.result = same ? AttributeResult::Match : AttributeResult::Mismatch;
    const QStringList titles = PersonalName::titles(holder.fullName);
    if (same && !titles.isEmpty()) {
        row.note = text(
            QStringLiteral("Cocok setelah gelar dihapus (%1).").arg(titles.join(u' ')),
            QStringLiteral("Matches once the titles are removed (%1).").arg(titles.join(u' ')));
    } else if (!same) {
        row.note = text(QStringLiteral("Nama pada sertifikat berbeda dari nama pemegang; ejaan "
                                       "yang mirip tetap dianggap berbeda."),
                        QStringLiteral("The name in the certificate differs from the holder's; "
                                       "a similar spelling still counts as different."));
    }
    return row;
}

// Compares the certificate's e-mail addresses with one expected address.
AttributeComparison compareEmail(const QStringList &dnAddresses, const QStringList &sanAddresses,
                                 const QString &expected)
{
    AttributeComparison row;
    row.decisive = true;
    row.expectedValue = expected;
    row.expectedPrepared = SubjectDnMatcher::normalizedEmailAddress(expected);
    QStringList sources;
    if (!dnAddresses.isEmpty())
        sources << QStringLiteral("emailAddress");
    if (!sanAddresses.isEmpty())
        sources << QStringLiteral("SAN rfc822Name");
    row.certificateAttribute = sources.isEmpty() ? QStringLiteral("emailAddress / SAN rfc822Name")
                                                 : sources.join(QStringLiteral(" + "));
    QStringList all = sanAddresses;
    for (const QString &address : dnAddresses) {
        if (!all.contains(address))
            all << address;
    }
    row.certificateValue = joined(all);
    QStringList normalized;
    for (const QString &address : all)
        normalized << SubjectDnMatcher::normalizedEmailAddress(address);
    normalized.removeDuplicates();
    row.certificatePrepared = joined(normalized);
    if (all.isEmpty()) {
        row.result = AttributeResult::Missing;
        row.note = text(QStringLiteral("Sertifikat tidak memuat alamat e-mail (tidak di DN, "
                                       "tidak di SAN)."),
                        QStringLiteral("The certificate has no e-mail address (neither in the "
                                       "DN nor in the SAN)."));
        return row;
    }
    if (expected.trimmed().isEmpty()) {
        row.result = AttributeResult::Missing;
        row.note = text(QStringLiteral("Data pemegang tidak memuat alamat e-mail."),
                        QStringLiteral("The holder record has no e-mail address."));
        return row;
    }
    bool same = false;
    bool caseOnly = false;
    for (const QString &address : all) {
        same = same || SubjectDnMatcher::sameEmailAddress(address, expected);
        caseOnly
            = caseOnly || address.trimmed().compare(expected.trimmed(), Qt::CaseInsensitive) == 0;
    }
    row.result = same ? AttributeResult::Match : AttributeResult::Mismatch;
    if (!same && caseOnly) {
        row.note = text(QStringLiteral("Bagian lokal alamat (sebelum @) hanya berbeda huruf "
                                       "besar/kecil, tetapi bagian lokal harus sama persis."),
                        QStringLiteral("The local part (before the @) differs only in letter "
                                       "case, but the local part must be exactly equal."));
    } else if (!same) {
        row.note = text(QStringLiteral("Alamat e-mail pada sertifikat berbeda."),
                        QStringLiteral("The e-mail address in the certificate differs."));
    }
    return row;
}

AttributeComparison compareNik(const std::vector<DnAttribute> &subject, const QString &nik,
                               const QString &attribute, const QString &source)
{
    AttributeComparison row;
    row.attribute = attribute;
    row.certificateAttribute = QStringLiteral("serialNumber");
    row.decisive = false;
    row.expectedValue = nik;
    row.expectedSource = source;
    row.expectedPrepared = prepared(nik, StringPreparation::Matching::Numeric);
    const QStringList serials = valuesOf(subject, OidSerialNumber);
    row.certificateValue = joined(serials);
    for (const QString &serial : serials) {
        // BSrE-like profiles that do carry it write the bare number or "NIK:<number>".
        static const QRegularExpression nonDigits(QStringLiteral("\\D"));
        const QString digits = QString(serial).remove(nonDigits);
        if (!row.expectedPrepared.isEmpty() && digits == row.expectedPrepared) {
            row.certificatePrepared = digits;
            row.result = AttributeResult::Match;
            return row;
        }
    }
    row.result = AttributeResult::NotInCertificate;
    row.note = text(QStringLiteral("NIK tidak dimuat dalam DN sertifikat BSrE; ini bukan "
                                   "ketidakcocokan."),
                    QStringLiteral("BSrE certificate names do not carry the NIK; this is not a "
                                   "mismatch."));
    return row;
}

AttributeComparison compareInformative(const std::vector<DnAttribute> &subject, const QString &oid,
                                       const QString &attribute, const QString &shortName,
                                       const QString &expected, const QString &source)
{
    AttributeComparison row;
    row.attribute = attribute;
    row.certificateAttribute = shortName;
    row.decisive = false;
    row.expectedValue = expected;
    row.expectedSource = source;
    const QStringList values = valuesOf(subject, oid);
    row.certificateValue = joined(values);
    QStringList preparedValues;
    for (const QString &value : values)
        preparedValues << prepared(value);
    row.certificatePrepared = joined(preparedValues);
    if (expected.trimmed().isEmpty()) {
        row.result = AttributeResult::NotApplicable;
        return row;
    }
    row.expectedPrepared = prepared(expected);
    if (values.isEmpty()) {
        row.result = AttributeResult::Missing;
    } else {
        row.result
            = !row.expectedPrepared.isEmpty() && preparedValues.contains(row.expectedPrepared)
            ? AttributeResult::Match
            : AttributeResult::Mismatch;
    }
    if (row.result != AttributeResult::Match)
        row.note = text(QStringLiteral("Hanya informasi; tidak menentukan hasil."),
                        QStringLiteral("Informative only; it does not decide the verdict."));
    return row;
}

} // namespace

HolderIdentity HolderIdentity::fromHolder(const Holder &holder)
{
    HolderIdentity identity;
    identity.fullName = holder.fullName;
    identity.email = holder.email;
    identity.nik = holder.nik;
    identity.amsUsername = holder.amsUsername;
    identity.unit = holder.unit;
    return identity;
}

SubjectDnMatcher::SubjectDnMatcher(TrustedIssuers issuers)
    : m_issuers(std::move(issuers))
{ }

QString SubjectDnMatcher::normalizedEmailAddress(const QString &address)
{
    const QString trimmed = address.trimmed();
    const qsizetype at = trimmed.lastIndexOf(QLatin1Char('@'));
    if (at < 0)
        return trimmed;
    return trimmed.left(at) + QLatin1Char('@') + trimmed.mid(at + 1).toLower();
}

bool SubjectDnMatcher::sameEmailAddress(const QString &left, const QString &right)
{
    const QString a = normalizedEmailAddress(left);
    return !a.isEmpty() && a.contains(QLatin1Char('@')) && a == normalizedEmailAddress(right);
}

bool SubjectDnMatcher::looksLikeNik(const QString &text)
{
    static const QRegularExpression nik(
        QRegularExpression::anchoredPattern(QStringLiteral("\\d{16}")));
    return nik.match(text.trimmed()).hasMatch();
}

DnMatchReport SubjectDnMatcher::match(const Certificate &certificate, const HolderIdentity &holder,
                                      const QDateTime &at) const
{
    DnMatchReport report;
    const std::vector<DnAttribute> subject = certificate.subjectAttributes();
    const std::vector<DnAttribute> issuer = certificate.issuerAttributes();
    report.subjectDn = certificate.subjectDn();
    report.issuerDn = certificate.issuerDn();
    report.serialHex = certificate.serialHex();
    report.sha256Fingerprint = certificate.sha256Fingerprint();
    report.notBefore = certificate.notBefore();
    report.notAfter = certificate.notAfter();
    report.checkedAt = at.toUTC();
    report.validity = certificate.validityAt(at);

    report.attributes.push_back(compareName(subject, holder));

    const QStringList dnAddresses = valuesOf(subject, OidEmailAddress);
    const QStringList sanAddresses = certificate.sanEmailAddresses();
    AttributeComparison email = compareEmail(dnAddresses, sanAddresses, holder.email);
    email.attribute = QStringLiteral("email");
    email.expectedSource = QStringLiteral("holder.email");
    report.attributes.push_back(email);

    if (holder.amsUsername.trimmed().isEmpty()) {
        AttributeComparison row;
        row.attribute = QStringLiteral("ams_username");
        row.decisive = true;
        row.result = AttributeResult::NotApplicable;
        row.expectedSource = QStringLiteral("ams_username");
        report.attributes.push_back(row);
    } else if (holder.amsUsername.contains(QLatin1Char('@'))) {
        AttributeComparison row = compareEmail(dnAddresses, sanAddresses, holder.amsUsername);
        row.attribute = QStringLiteral("ams_username");
        row.expectedSource = QStringLiteral("ams_username");
        report.attributes.push_back(row);
    } else if (looksLikeNik(holder.amsUsername)) {
        AttributeComparison row
            = compareNik(subject, holder.amsUsername.trimmed(), QStringLiteral("ams_username"),
                         QStringLiteral("ams_username"));
        row.decisive = true; // yet never a mismatch: a NIK either matches or is not there
        report.attributes.push_back(row);
    } else {
        AttributeComparison row;
        row.attribute = QStringLiteral("ams_username");
        row.decisive = true;
        row.expectedValue = holder.amsUsername;
        row.expectedSource = QStringLiteral("ams_username");
        row.result = AttributeResult::NotApplicable;
        row.note = text(QStringLiteral("Nama pengguna AMS bukan alamat e-mail maupun NIK; tidak "
                                       "dapat dibandingkan dengan sertifikat."),
                        QStringLiteral("The AMS user name is neither an e-mail address nor a "
                                       "NIK; it cannot be compared with the certificate."));
        report.attributes.push_back(row);
    }
    if (!holder.nik.trimmed().isEmpty())
        report.attributes.push_back(compareNik(subject, holder.nik.trimmed(), QStringLiteral("nik"),
                                               QStringLiteral("holder.nik")));

    report.attributes.push_back(
        compareInformative(subject, OidOrganizationalUnit, QStringLiteral("organizational_unit"),
                           QStringLiteral("OU"), holder.unit, QStringLiteral("holder.unit")));
    report.attributes.push_back(
        compareInformative(subject, OidOrganization, QStringLiteral("organization"),
                           QStringLiteral("O"), holder.agency, QStringLiteral("holder.agency")));
    report.attributes.push_back(compareInformative(subject, OidLocality, QStringLiteral("locality"),
                                                   QStringLiteral("L"), holder.locality,
                                                   QStringLiteral("holder.locality")));
    report.attributes.push_back(compareInformative(subject, OidState, QStringLiteral("state"),
                                                   QStringLiteral("ST"), holder.province,
                                                   QStringLiteral("holder.province")));

    AttributeComparison issuerRow;
    issuerRow.attribute = QStringLiteral("issuer");
    issuerRow.certificateAttribute = QStringLiteral("issuer");
    // Decisive towards needs_review only: an outside issuer is no proof of another holder.
    issuerRow.decisive = true;
    issuerRow.certificateValue = report.issuerDn;
    issuerRow.expectedSource = TrustedIssuers::settingKey();
    report.trustedIssuer = m_issuers.find(issuer);
    report.issuerTrusted = !report.trustedIssuer.isEmpty();
    issuerRow.expectedValue
        = report.issuerTrusted ? report.trustedIssuer : joined(m_issuers.issuers());
    issuerRow.result = report.issuerTrusted ? AttributeResult::Match : AttributeResult::Mismatch;
    report.attributes.push_back(issuerRow);

    // The verdict, and the reasons in the order an operator should read them.
    QList<BilingualText> mismatches;
    QList<BilingualText> reviews;
    QList<BilingualText> informative;
    for (const AttributeComparison &row : report.attributes) {
        if (row.attribute == QLatin1String("issuer"))
            continue;
        if (row.decisive && row.result == AttributeResult::Mismatch) {
            if (row.attribute == QLatin1String("common_name"))
                mismatches << text(
                    QStringLiteral("Nama (CN) \"%1\" tidak sama dengan nama pemegang \"%2\".")
                        .arg(row.certificateValue, row.expectedValue),
                    QStringLiteral("The name (CN) \"%1\" is not the holder's name \"%2\".")
                        .arg(row.certificateValue, row.expectedValue));
            else if (row.attribute == QLatin1String("email"))
                mismatches << text(
                    QStringLiteral("E-mail sertifikat \"%1\" tidak sama dengan e-mail resmi "
                                   "pemegang \"%2\".")
                        .arg(row.certificateValue, row.expectedValue),
                    QStringLiteral("The certificate's e-mail \"%1\" is not the holder's official "
                                   "e-mail \"%2\".")
                        .arg(row.certificateValue, row.expectedValue));
            else
                mismatches << text(
                    QStringLiteral("E-mail sertifikat \"%1\" tidak sama dengan nama pengguna AMS "
                                   "\"%2\".")
                        .arg(row.certificateValue, row.expectedValue),
                    QStringLiteral("The certificate's e-mail \"%1\" is not the AMS user name "
                                   "\"%2\".")
                        .arg(row.certificateValue, row.expectedValue));
        } else if (row.decisive && row.result == AttributeResult::Missing) {
            reviews << text(
                QStringLiteral("Tidak dapat membandingkan %1: %2")
                    .arg(row.certificateAttribute, row.note.id),
                QStringLiteral("Cannot compare %1: %2").arg(row.certificateAttribute, row.note.en));
        } else if (!row.decisive && row.result == AttributeResult::Mismatch) {
            informative << text(
                QStringLiteral("%1 \"%2\" berbeda dari \"%3\" (hanya informasi).")
                    .arg(row.certificateAttribute, row.certificateValue, row.expectedValue),
                QStringLiteral("%1 \"%2\" differs from \"%3\" (informative only).")
                    .arg(row.certificateAttribute, row.certificateValue, row.expectedValue));
        }
    }
    if (!report.issuerTrusted)
        reviews << text(QStringLiteral("Penerbit \"%1\" tidak termasuk penerbit tepercaya; "
                                       "periksa asal sertifikat.")
                            .arg(report.issuerDn),
                        QStringLiteral("The issuer \"%1\" is not one of the trusted issuers; "
                                       "check where the certificate comes from.")
                            .arg(report.issuerDn));
    const QString notAfter = report.notAfter.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    const QString notBefore = report.notBefore.toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    if (report.validity == QLatin1String("expired"))
        reviews << text(QStringLiteral("Sertifikat sudah kedaluwarsa sejak %1.").arg(notAfter),
                        QStringLiteral("The certificate expired on %1.").arg(notAfter));
    else if (report.validity == QLatin1String("not_yet_valid"))
        reviews << text(QStringLiteral("Sertifikat belum berlaku sampai %1.").arg(notBefore),
                        QStringLiteral("The certificate is not valid before %1.").arg(notBefore));

    if (!mismatches.isEmpty()) {
        report.verdict = MatchVerdict::Mismatch;
        report.reasons = mismatches + reviews;
    } else if (!reviews.isEmpty()) {
        report.verdict = MatchVerdict::NeedsReview;
        report.reasons = reviews;
    } else {
        report.verdict = MatchVerdict::Match;
        report.reasons << text(QStringLiteral("Nama dan alamat e-mail pada sertifikat cocok dengan "
                                              "data pemegang; penerbit tepercaya dan sertifikat "
                                              "masih berlaku."),
                               QStringLiteral("The name and e-mail address in the certificate "
                                              "match the holder's record; the issuer is trusted "
                                              "and the certificate is within its validity."));
    }
    report.reasons += informative;
    return report;
}

} // namespace rd
