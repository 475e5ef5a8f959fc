#include "status/RevocationStatus.h"

#include "certificates/CrlReason.h"

#include <QJsonValue>

namespace rd {

namespace {

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODate)) : QJsonValue();
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

} // namespace

QString RevocationStatus::stateName(State state)
{
    switch (state) {
    case State::Good:
        return QStringLiteral("good");
    case State::Revoked:
        return QStringLiteral("revoked");
    case State::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString RevocationStatus::sourceName(Source source)
{
    return source == Source::Crl ? QStringLiteral("crl") : QStringLiteral("ocsp");
}

QString RevocationStatus::reasonName(int reasonCode)
{
    if (reasonCode == NoReason)
        return {};
    const QString name = CrlReason::name(reasonCode);
    return name.isEmpty() ? QString::number(reasonCode) : name;
}

QString RevocationStatus::describe() const
{
    const QString by = source == Source::Crl ? tr("CRL %1").arg(location)
                                             : tr("OCSP responder %1").arg(location);
    QString text;
    switch (state) {
    case State::Good:
        text = tr("Certificate %1 is not revoked, according to %2.").arg(serialHex, by);
        break;
    case State::Revoked:
        text = reasonCode == NoReason
            ? tr("Certificate %1 was revoked on %2, according to %3.")
                  .arg(serialHex, timeText(revokedAt), by)
            : tr("Certificate %1 was revoked on %2 (reason: %3), according to %4.")
                  .arg(serialHex, timeText(revokedAt), reasonName(reasonCode), by);
        break;
    case State::Unknown:
        text = tr("Certificate %1 is unknown to %2.").arg(serialHex, by);
        break;
    }
    text += QLatin1Char('\n');
    text += nextUpdate.isValid()
        ? tr("Answer of %1, valid until %2.").arg(timeText(thisUpdate), timeText(nextUpdate))
        : tr("Answer of %1.").arg(timeText(thisUpdate));
    return text;
}

QJsonObject RevocationStatus::toJson() const
{
    return QJsonObject {
        {QStringLiteral("status"), stateName(state)},
        {QStringLiteral("source"), sourceName(source)},
        {QStringLiteral("serial"), serialHex},
        {QStringLiteral("issuer"), issuerDn},
        {QStringLiteral("location"), location},
        {QStringLiteral("revoked_at"),
         state == State::Revoked ? timeJson(revokedAt) : QJsonValue()},
        {QStringLiteral("reason_code"),
         reasonCode == NoReason ? QJsonValue() : QJsonValue(reasonCode)},
        {QStringLiteral("reason"),
         reasonCode == NoReason ? QJsonValue() : QJsonValue(reasonName(reasonCode))},
        {QStringLiteral("this_update"), timeJson(thisUpdate)},
        {QStringLiteral("next_update"), timeJson(nextUpdate)},
        {QStringLiteral("produced_at"), timeJson(producedAt)},
        {QStringLiteral("checked_at"), timeJson(checkedAt)},
        {QStringLiteral("signer"), signerDn},
        {QStringLiteral("nonce"), nonce.isEmpty() ? QJsonValue() : QJsonValue(nonce)},
        {QStringLiteral("crl_number"), crlNumber < 0 ? QJsonValue() : QJsonValue(crlNumber)},
    };
}

} // namespace rd
