#include "requests/KioskFilings.h"

#include "core/Clock.h"

namespace rd {

KioskFilings::KioskFilings(DatabasePtr database)
    : m_database(std::move(database))
{ }

Result<bool> KioskFilings::onlyThroughFunctions(const Database &database)
{
    if (database.isSqlite())
        return false;
    // Asked of the rights themselves, not of a role's name: a login role that is a member of
    // the kiosk role is the kiosk too.
    auto restricted = database.scalar(QStringLiteral(
        "SELECT NOT has_table_privilege('revocation_requests', 'INSERT') "
        "AND has_function_privilege('kiosk_file_request(TEXT, TEXT, BIGINT, TEXT, TEXT, TEXT, "
        "TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT)', 'EXECUTE')"));
    if (!restricted)
        return errorOf(restricted);
    return restricted->toBool();
}

Result<std::optional<KioskHolder>> KioskFilings::lookUp(const QString &nik,
                                                        const QString &email) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT holder_id, full_name, unit, certificate_id, serial_hex, "
                       "subject_dn, not_before, not_after FROM kiosk_lookup_holder(?, ?)"),
        {nik, email.trimmed()});
    if (!query)
        return errorOf(query);
    std::optional<KioskHolder> holder;
    while (query->next()) {
        if (!holder) {
            holder = KioskHolder {};
            holder->holderId = query->value(0).toLongLong();
            holder->fullName = query->value(1).toString();
            holder->unit = query->value(2).toString();
        }
        if (query->value(3).isNull())
            continue;
        holder->certificates.append({query->value(3).toLongLong(), query->value(4).toString(),
                                     query->value(5).toString(),
                                     Clock::fromIsoUtc(query->value(6).toString()),
                                     Clock::fromIsoUtc(query->value(7).toString())});
    }
    return holder;
}

Result<qint64> KioskFilings::file(const QString &nik, const QString &email,
                                  const NewRevocationRequest &request,
                                  const QString &kioskHost) const
{
    const bool official = request.filedBy == NewRevocationRequest::FiledBy::Official;
    auto id = m_database->scalar(
        QStringLiteral("SELECT kiosk_file_request(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {nik, email.trimmed(),
         request.certificateId ? QVariant(*request.certificateId)
                               : QVariant(QMetaType::fromType<qlonglong>()),
         RevocationReasons::key(request.reason), Database::nullIfEmpty(request.reasonText),
         request.effectiveDate.isValid() ? QVariant(request.effectiveDate.toString(Qt::ISODate))
                                         : QVariant(QMetaType::fromType<QString>()),
         official ? QStringLiteral("official") : QStringLiteral("holder"),
         Database::nullIfEmpty(official ? request.officialName : QString()),
         Database::nullIfEmpty(official ? request.officialNip : QString()),
         Database::nullIfEmpty(official ? request.officialPosition : QString()),
         request.applicantEmail.trimmed(), request.applicantLanguage, kioskHost});
    if (!id) {
        // The function's own refusals carry their SQLSTATE: no such holder, or a bad value.
        if (id.error().detail.contains(QLatin1String("[P0002]")))
            return fail(ErrorCode::NotFound, tr("NIK and e-mail do not match the register."),
                        id.error().detail);
        if (id.error().detail.contains(QLatin1String("[22023]")))
            return fail(ErrorCode::InvalidInput,
                        tr("The request was refused: a value is missing or not allowed."),
                        id.error().detail);
        return errorOf(id);
    }
    return id->toLongLong();
}

QString KioskFilings::filingNumber(qint64 id)
{
    return QStringLiteral("K-%1").arg(id, 6, 10, QLatin1Char('0'));
}

} // namespace rd
