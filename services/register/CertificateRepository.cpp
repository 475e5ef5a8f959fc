#include "register/CertificateRepository.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"

#include <QJsonObject>

namespace rd {

namespace {

constexpr int kCertificateHold = 6;

const QString s_columns = QStringLiteral(
    "id, holder_id, serial_hex, issuer_dn, subject_dn, not_before, not_after, sha256_fingerprint, "
    "der, status, revoked_at, revocation_reason_code");

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

QVariant nullInteger()
{
    return QVariant(QMetaType::fromType<int>());
}

CertificateRecord readRecord(const QSqlQuery &query)
{
    CertificateRecord record;
    record.id = query.value(0).toLongLong();
    record.holderId = query.value(1).isNull() ? 0 : query.value(1).toLongLong();
    record.serialHex = query.value(2).toString();
    record.issuerDn = query.value(3).toString();
    record.subjectDn = query.value(4).toString();
    record.notBefore = Clock::fromIsoUtc(query.value(5).toString());
    record.notAfter = Clock::fromIsoUtc(query.value(6).toString());
    record.sha256Fingerprint = query.value(7).toString();
    record.der = query.value(8).toByteArray();
    record.status = query.value(9).toString();
    if (!query.value(10).isNull())
        record.revokedAt = Clock::fromIsoUtc(query.value(10).toString());
    if (!query.value(11).isNull())
        record.revocationReasonCode = query.value(11).toInt();
    return record;
}

} // namespace

CertificateRepository::CertificateRepository(DatabasePtr database, Clock clock)
    : m_database(std::move(database))
    , m_clock(std::move(clock))
{ }

const QStringList &CertificateRepository::statuses()
{
    static const QStringList list = {QStringLiteral("active"), QStringLiteral("revoked"),
                                     QStringLiteral("expired"), QStringLiteral("unknown")};
    return list;
}

bool CertificateRepository::isCrlReasonCode(int code)
{
    return code >= 0 && code <= 10 && code != 7;
}

QString CertificateRepository::problem(const CertificateRecord &record)
{
    if (record.serialHex.isEmpty() || record.issuerDn.isEmpty() || record.subjectDn.isEmpty())
        return tr("A certificate needs its serial number, issuer and subject.");
    if (!record.notBefore.isValid() || !record.notAfter.isValid()
        || record.notAfter <= record.notBefore)
        return tr("The certificate's validity period is not a valid range.");
    if (record.sha256Fingerprint.size() != 64)
        return tr("The certificate's SHA-256 fingerprint must have 64 hex digits.");
    if (!statuses().contains(record.status))
        return tr("Unknown certificate status %1.").arg(record.status);
    if (record.status == QLatin1String("revoked")) {
        if (!record.revokedAt.isValid())
            return tr("A revoked certificate needs the time of its revocation.");
        if (!record.revocationReasonCode || !isCrlReasonCode(*record.revocationReasonCode))
            return tr("A revoked certificate needs an RFC 5280 reason code.");
    } else if (record.revokedAt.isValid() || record.revocationReasonCode) {
        return tr("Only a revoked certificate has a revocation time and reason.");
    }
    return {};
}

Result<qint64> CertificateRepository::insert(const Actor &actor, const CertificateRecord &record)
{
    if (const QString why = problem(record); !why.isEmpty())
        return fail(ErrorCode::InvalidInput, why);
    const bool revoked = record.status == QLatin1String("revoked");
    auto id = m_database->scalar(
        QStringLiteral("INSERT INTO certificates (holder_id, serial_hex, issuer_dn, subject_dn, "
                       "not_before, not_after, sha256_fingerprint, der, status, revoked_at, "
                       "revocation_reason_code, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {record.holderId > 0 ? QVariant(record.holderId)
                             : QVariant(QMetaType::fromType<qlonglong>()),
         record.serialHex, record.issuerDn, record.subjectDn, Clock::toIsoUtc(record.notBefore),
         Clock::toIsoUtc(record.notAfter), record.sha256Fingerprint,
         record.der.isEmpty() ? QVariant(QMetaType::fromType<QByteArray>()) : QVariant(record.der),
         record.status, revoked ? QVariant(Clock::toIsoUtc(record.revokedAt)) : nullText(),
         revoked ? QVariant(*record.revocationReasonCode) : nullInteger(),
         Clock::toIsoUtc(m_clock.now())});
    if (!id) {
        if (id.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict,
                        tr("The certificate with serial number %1 is already registered.")
                            .arg(record.serialHex),
                        id.error().detail);
        return errorOf(id);
    }
    QJsonObject details {{QStringLiteral("serial"), record.serialHex},
                         {QStringLiteral("sha256"), record.sha256Fingerprint},
                         {QStringLiteral("status"), record.status}};
    if (record.holderId > 0)
        details.insert(QStringLiteral("holder_id"), record.holderId);
    auto audit = AuditLog::append(*m_database, actor, QStringLiteral("certificate.create"),
                                  QStringLiteral("certificate"), QString::number(id->toLongLong()),
                                  details, m_clock);
    if (!audit)
        return errorOf(audit);
    return id->toLongLong();
}

Result<void> CertificateRepository::updateStatus(const Actor &actor, qint64 id,
                                                 const QString &status, const QDateTime &revokedAt,
                                                 std::optional<int> reasonCode)
{
    if (!statuses().contains(status))
        return fail(ErrorCode::InvalidInput, tr("Unknown certificate status %1.").arg(status));
    const bool revoked = status == QLatin1String("revoked");
    if (revoked && reasonCode && !isCrlReasonCode(*reasonCode))
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is not an RFC 5280 reason code.").arg(*reasonCode));
    auto current = findById(id);
    if (!current)
        return errorOf(current);
    // A CRL never takes a revoked serial back, except one that was only put on hold.
    if (current->status == QLatin1String("revoked") && !revoked
        && current->revocationReasonCode != kCertificateHold) {
        return fail(ErrorCode::InvalidTransition,
                    tr("Certificate %1 is revoked and cannot become %2 again.")
                        .arg(current->serialHex, status));
    }
    const QDateTime when
        = revoked ? (revokedAt.isValid() ? revokedAt : m_clock.now()) : QDateTime();
    const int code = reasonCode.value_or(0);
    auto updated
        = m_database->execute(QStringLiteral("UPDATE certificates SET status = ?, revoked_at = ?, "
                                             "revocation_reason_code = ? WHERE id = ?"),
                              {status, revoked ? QVariant(Clock::toIsoUtc(when)) : nullText(),
                               revoked ? QVariant(code) : nullInteger(), id});
    if (!updated)
        return errorOf(updated);
    QJsonObject details {{QStringLiteral("from"), current->status}, {QStringLiteral("to"), status}};
    if (revoked) {
        details.insert(QStringLiteral("revoked_at"), Clock::toIsoUtc(when));
        details.insert(QStringLiteral("reason_code"), code);
    }
    auto audit
        = AuditLog::append(*m_database, actor, QStringLiteral("certificate.status"),
                           QStringLiteral("certificate"), QString::number(id), details, m_clock);
    if (!audit)
        return errorOf(audit);
    return {};
}

Result<CertificateRecord> CertificateRepository::findById(qint64 id) const
{
    auto query = m_database->execute(QStringLiteral("SELECT ") + s_columns
                                         + QStringLiteral(" FROM certificates WHERE id = ?"),
                                     {id});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound, tr("There is no certificate with id %1.").arg(id));
    return readRecord(*query);
}

Result<std::vector<CertificateRecord>> CertificateRepository::listForHolder(qint64 holderId) const
{
    auto query = m_database->execute(QStringLiteral("SELECT ") + s_columns
                                         + QStringLiteral(" FROM certificates WHERE holder_id = ? "
                                                          "ORDER BY not_before, id"),
                                     {holderId});
    if (!query)
        return errorOf(query);
    std::vector<CertificateRecord> records;
    while (query->next())
        records.push_back(readRecord(*query));
    return records;
}

} // namespace rd
