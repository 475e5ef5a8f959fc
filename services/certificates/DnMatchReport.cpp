#include "certificates/DnMatchReport.h"

#include <QJsonArray>

namespace rd {

namespace {

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

} // namespace

QString BilingualText::in(const QString &language) const
{
    return language == QLatin1String("en") ? en : id;
}

QJsonObject BilingualText::toJson() const
{
    return QJsonObject {{QStringLiteral("id"), id}, {QStringLiteral("en"), en}};
}

QJsonObject AttributeComparison::toJson() const
{
    return QJsonObject {
        {QStringLiteral("attribute"), attribute},
        {QStringLiteral("certificate_attribute"), certificateAttribute},
        {QStringLiteral("decisive"), decisive},
        {QStringLiteral("result"), DnMatchReport::resultName(result)},
        {QStringLiteral("certificate_value"), certificateValue},
        {QStringLiteral("certificate_prepared"), certificatePrepared},
        {QStringLiteral("expected_value"), expectedValue},
        {QStringLiteral("expected_prepared"), expectedPrepared},
        {QStringLiteral("expected_source"), expectedSource},
        {QStringLiteral("note"), note.isEmpty() ? QJsonValue() : QJsonValue(note.toJson())},
    };
}

const AttributeComparison *DnMatchReport::find(const QString &attribute) const
{
    for (const AttributeComparison &comparison : attributes) {
        if (comparison.attribute == attribute)
            return &comparison;
    }
    return nullptr;
}

QJsonObject DnMatchReport::toJson() const
{
    QJsonArray reasonArray;
    for (const BilingualText &reason : reasons)
        reasonArray.append(reason.toJson());
    QJsonArray attributeArray;
    for (const AttributeComparison &comparison : attributes)
        attributeArray.append(comparison.toJson());
    return QJsonObject {
        {QStringLiteral("verdict"), verdictName(verdict)},
        {QStringLiteral("reasons"), reasonArray},
        {QStringLiteral("attributes"), attributeArray},
        {QStringLiteral("subject"), subjectDn},
        {QStringLiteral("issuer"), issuerDn},
        {QStringLiteral("serial_hex"), serialHex},
        {QStringLiteral("sha256_fingerprint"), sha256Fingerprint},
        {QStringLiteral("issuer_trusted"), issuerTrusted},
        {QStringLiteral("trusted_issuer"),
         trustedIssuer.isEmpty() ? QJsonValue() : QJsonValue(trustedIssuer)},
        {QStringLiteral("validity"), validity},
        {QStringLiteral("not_before"), timeJson(notBefore)},
        {QStringLiteral("not_after"), timeJson(notAfter)},
        {QStringLiteral("checked_at"), timeJson(checkedAt)},
    };
}

QString DnMatchReport::resultName(AttributeResult result)
{
    switch (result) {
    case AttributeResult::Match:
        return QStringLiteral("match");
    case AttributeResult::Mismatch:
        return QStringLiteral("mismatch");
    case AttributeResult::Missing:
        return QStringLiteral("missing");
    case AttributeResult::NotApplicable:
        return QStringLiteral("not_applicable");
    case AttributeResult::NotInCertificate:
        return QStringLiteral("not_in_certificate");
    }
    return {};
}

QString DnMatchReport::verdictName(MatchVerdict verdict)
{
    switch (verdict) {
    case MatchVerdict::Match:
        return QStringLiteral("match");
    case MatchVerdict::Mismatch:
        return QStringLiteral("mismatch");
    case MatchVerdict::NeedsReview:
        return QStringLiteral("needs_review");
    }
    return {};
}

} // namespace rd
