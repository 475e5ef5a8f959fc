#include "workflow/RevocationProof.h"

#include "core/Clock.h"

namespace rd {

namespace {

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(Clock::toIsoUtc(time)) : QJsonValue();
}

QDateTime timeFrom(const QJsonObject &json, const char *key)
{
    return Clock::fromIsoUtc(json.value(QLatin1String(key)).toString());
}

QString isoOrDash(const QDateTime &time)
{
    return time.isValid() ? Clock::toIsoUtc(time) : QStringLiteral("-");
}

} // namespace

std::optional<RevocationProof> RevocationProof::fromStatus(const RevocationStatus &status,
                                                           qint64 latencyMs)
{
    if (status.state != RevocationStatus::State::Revoked)
        return std::nullopt;
    RevocationProof proof;
    proof.source = RevocationStatus::sourceName(status.source);
    proof.location = status.location;
    proof.serialHex = status.serialHex;
    proof.issuerDn = status.issuerDn;
    proof.signerDn = status.signerDn;
    proof.producedAt = status.producedAt;
    proof.thisUpdate = status.thisUpdate;
    proof.nextUpdate = status.nextUpdate;
    proof.crlNumber = status.crlNumber;
    proof.revokedAt = status.revokedAt;
    proof.reasonCode = status.reasonCode;
    proof.checkedAt = status.checkedAt;
    proof.latencyMs = latencyMs;
    if (status.nextUpdate.isValid() && status.thisUpdate.isValid() && status.revokedAt.isValid())
        proof.trustedUntilAtWorst
            = status.revokedAt.addSecs(status.thisUpdate.secsTo(status.nextUpdate));
    return proof;
}

QJsonObject RevocationProof::toJson() const
{
    return QJsonObject {
        {QStringLiteral("source"), source},
        {QStringLiteral("location"), location},
        {QStringLiteral("serial"), serialHex},
        {QStringLiteral("issuer"), issuerDn},
        {QStringLiteral("signer"), signerDn},
        {QStringLiteral("produced_at"), timeOrNull(producedAt)},
        {QStringLiteral("this_update"), timeOrNull(thisUpdate)},
        {QStringLiteral("next_update"), timeOrNull(nextUpdate)},
        {QStringLiteral("crl_number"), crlNumber >= 0 ? QJsonValue(crlNumber) : QJsonValue()},
        {QStringLiteral("revoked_at"), timeOrNull(revokedAt)},
        {QStringLiteral("reason_code"), reasonCode >= 0 ? QJsonValue(reasonCode) : QJsonValue()},
        {QStringLiteral("reason"), RevocationStatus::reasonName(reasonCode)},
        {QStringLiteral("checked_at"), timeOrNull(checkedAt)},
        {QStringLiteral("latency_ms"), latencyMs},
        {QStringLiteral("trusted_until_at_worst"), timeOrNull(trustedUntilAtWorst)},
        {QStringLiteral("summary"), summary()},
    };
}

RevocationProof RevocationProof::fromJson(const QJsonObject &json)
{
    RevocationProof proof;
    proof.source = json.value(QStringLiteral("source")).toString();
    proof.location = json.value(QStringLiteral("location")).toString();
    proof.serialHex = json.value(QStringLiteral("serial")).toString();
    proof.issuerDn = json.value(QStringLiteral("issuer")).toString();
    proof.signerDn = json.value(QStringLiteral("signer")).toString();
    proof.producedAt = timeFrom(json, "produced_at");
    proof.thisUpdate = timeFrom(json, "this_update");
    proof.nextUpdate = timeFrom(json, "next_update");
    proof.crlNumber = json.value(QStringLiteral("crl_number")).toInteger(-1);
    proof.revokedAt = timeFrom(json, "revoked_at");
    proof.reasonCode = json.value(QStringLiteral("reason_code")).toInt(RevocationStatus::NoReason);
    proof.checkedAt = timeFrom(json, "checked_at");
    proof.latencyMs = json.value(QStringLiteral("latency_ms")).toInteger();
    proof.trustedUntilAtWorst = timeFrom(json, "trusted_until_at_worst");
    return proof;
}

QString RevocationProof::describe() const
{
    const QString by = source == QLatin1String("crl")
        ? (crlNumber >= 0 ? tr("CRL number %1 at %2").arg(crlNumber).arg(location)
                          : tr("CRL at %1").arg(location))
        : tr("OCSP responder %1").arg(location);
    QString text = tr("Certificate %1 is revoked since %2, according to %3.")
                       .arg(serialHex, isoOrDash(revokedAt), by);
    if (reasonCode >= 0)
        text += QLatin1Char(' ') + tr("Reason: %1.").arg(RevocationStatus::reasonName(reasonCode));
    text += QLatin1Char('\n')
        + tr("Signed by %1; this update %2, next update %3; checked %4 (%5 ms).")
              .arg(signerDn, isoOrDash(thisUpdate), isoOrDash(nextUpdate), isoOrDash(checkedAt))
              .arg(latencyMs);
    if (trustedUntilAtWorst.isValid())
        text += QLatin1Char('\n')
            + tr("A relying party holding the previous answer may trust the certificate until %1 "
                 "at the latest.")
                  .arg(isoOrDash(trustedUntilAtWorst));
    return text;
}

QString RevocationProof::summary() const
{
    QStringList lines;
    lines << QStringLiteral("source: %1 %2").arg(source.toUpper(), location);
    lines << QStringLiteral("serial: %1").arg(serialHex);
    lines << QStringLiteral("issuer: %1").arg(issuerDn);
    lines << QStringLiteral("revoked: %1%2")
                 .arg(isoOrDash(revokedAt),
                      reasonCode >= 0
                          ? QStringLiteral(" (%1)").arg(RevocationStatus::reasonName(reasonCode))
                          : QString());
    if (producedAt.isValid())
        lines << QStringLiteral("produced: %1").arg(isoOrDash(producedAt));
    if (crlNumber >= 0)
        lines << QStringLiteral("crl number: %1").arg(crlNumber);
    lines << QStringLiteral("this update: %1; next update: %2")
                 .arg(isoOrDash(thisUpdate), isoOrDash(nextUpdate));
    lines << QStringLiteral("signed by: %1").arg(signerDn);
    return lines.join(QLatin1Char('\n'));
}

} // namespace rd
