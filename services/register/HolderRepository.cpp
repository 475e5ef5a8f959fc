#include "register/HolderRepository.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "register/IdentityNumbers.h"
#include "register/SearchText.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace rd {

namespace {

const QString s_columns = QStringLiteral(
    "id, nik, nip, full_name, email, phone, unit, position, employment_status, ams_username");

Holder readHolder(const QSqlQuery &query)
{
    Holder holder;
    holder.id = query.value(0).toLongLong();
    holder.nik = query.value(1).toString();
    holder.nip = query.value(2).toString();
    holder.fullName = query.value(3).toString();
    holder.email = query.value(4).toString();
    holder.phone = query.value(5).toString();
    holder.unit = query.value(6).toString();
    holder.position = query.value(7).toString();
    holder.employmentStatus = query.value(8).toString();
    holder.amsUsername = query.value(9).toString();
    return holder;
}

} // namespace

HolderRepository::HolderRepository(DatabasePtr database, Clock clock)
    : m_database(std::move(database))
    , m_clock(std::move(clock))
{ }

const QStringList &HolderRepository::employmentStatuses()
{
    static const QStringList statuses
        = {QStringLiteral("active"), QStringLiteral("retired"), QStringLiteral("deceased"),
           QStringLiteral("dismissed"), QStringLiteral("transferred")};
    return statuses;
}

QString HolderRepository::problem(const Holder &holder)
{
    if (const QString nik = IdentityNumbers::nikProblem(holder.nik); !nik.isEmpty())
        return nik;
    if (!holder.nip.isEmpty()) {
        if (const QString nip = IdentityNumbers::nipProblem(holder.nip); !nip.isEmpty())
            return nip;
    }
    if (holder.fullName.trimmed().isEmpty())
        return tr("The holder's full name is missing.");
    if (holder.unit.trimmed().isEmpty())
        return tr("The holder's unit (perangkat daerah) is missing.");
    if (!employmentStatuses().contains(holder.employmentStatus))
        return tr("Unknown employment status %1.").arg(holder.employmentStatus);
    static const QRegularExpression email(
        QRegularExpression::anchoredPattern(QStringLiteral("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")));
    if (!holder.email.isEmpty() && !email.match(holder.email).hasMatch())
        return tr("%1 is not an e-mail address.").arg(holder.email);
    return {};
}

Result<qint64> HolderRepository::insert(const Actor &actor, const Holder &holder)
{
    if (const QString why = problem(holder); !why.isEmpty())
        return fail(ErrorCode::InvalidInput, why);
    const QString now = Clock::toIsoUtc(m_clock.now());
    auto id = m_database->scalar(
        QStringLiteral("INSERT INTO holders (nik, nip, full_name, email, phone, unit, position, "
                       "employment_status, ams_username, created_at, updated_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {holder.nik, Database::nullIfEmpty(holder.nip), holder.fullName.trimmed(),
         Database::nullIfEmpty(holder.email), Database::nullIfEmpty(holder.phone),
         holder.unit.trimmed(), Database::nullIfEmpty(holder.position), holder.employmentStatus,
         Database::nullIfEmpty(holder.amsUsername), now, now});
    if (!id) {
        if (id.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict,
                        tr("A holder with NIK %1 or NIP %2 is already registered.")
                            .arg(holder.nik, holder.nip));
        return errorOf(id);
    }
    auto audit = AuditLog::append(
        *m_database, actor, QStringLiteral("holder.create"), QStringLiteral("holder"),
        QString::number(id->toLongLong()),
        QJsonObject {{QStringLiteral("nik"), holder.nik}, {QStringLiteral("unit"), holder.unit}},
        m_clock);
    if (!audit)
        return errorOf(audit);
    return id->toLongLong();
}

Result<qint64> HolderRepository::insertTenure(const Actor &actor, const Tenure &tenure)
{
    if (tenure.position.trimmed().isEmpty() || tenure.unit.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("A term of office needs a position and a unit."));
    if (!tenure.startDate.isValid())
        return fail(ErrorCode::InvalidInput, tr("A term of office needs a start date."));
    if (tenure.endDate.isValid() && tenure.endDate < tenure.startDate)
        return fail(ErrorCode::InvalidInput, tr("A term of office cannot end before it starts."));
    auto id = m_database->scalar(
        QStringLiteral("INSERT INTO tenures (holder_id, position, unit, start_date, end_date, "
                       "decree_number, source, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                       "RETURNING id"),
        {tenure.holderId, tenure.position.trimmed(), tenure.unit.trimmed(),
         tenure.startDate.toString(Qt::ISODate),
         tenure.endDate.isValid() ? QVariant(tenure.endDate.toString(Qt::ISODate))
                                  : QVariant(QMetaType::fromType<QString>()),
         Database::nullIfEmpty(tenure.decreeNumber), tenure.source,
         Clock::toIsoUtc(m_clock.now())});
    if (!id)
        return errorOf(id);
    auto audit = AuditLog::append(
        *m_database, actor, QStringLiteral("tenure.create"), QStringLiteral("tenure"),
        QString::number(id->toLongLong()),
        QJsonObject {{QStringLiteral("holder_id"), tenure.holderId},
                     {QStringLiteral("end_date"), tenure.endDate.toString(Qt::ISODate)}},
        m_clock);
    if (!audit)
        return errorOf(audit);
    return id->toLongLong();
}

Result<Holder> HolderRepository::findByNik(const QString &nik) const
{
    auto query = m_database->execute(QStringLiteral("SELECT ") + s_columns
                                         + QStringLiteral(" FROM holders WHERE nik = ?"),
                                     {nik});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound, tr("No holder has NIK %1.").arg(nik));
    return readHolder(*query);
}

Result<Holder> HolderRepository::findById(qint64 id) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT ") + s_columns + QStringLiteral(" FROM holders WHERE id = ?"), {id});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound, tr("There is no holder with id %1.").arg(id));
    return readHolder(*query);
}

Result<std::vector<Holder>> HolderRepository::list(const QString &search, int limit,
                                                   int offset) const
{
    QVariantList values;
    const QString condition
        = SearchText(search).holderCondition(*m_database, QStringLiteral("id"), values);
    QString sql = QStringLiteral("SELECT ") + s_columns + QStringLiteral(" FROM holders");
    if (!condition.isEmpty())
        sql += QStringLiteral(" WHERE ") + condition;
    sql += QStringLiteral(" ORDER BY full_name, id LIMIT ? OFFSET ?");
    values << limit << offset;
    auto query = m_database->execute(sql, values);
    if (!query)
        return errorOf(query);
    std::vector<Holder> holders;
    while (query->next())
        holders.push_back(readHolder(*query));
    return holders;
}

Result<std::vector<Tenure>> HolderRepository::tenures(qint64 holderId) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT id, holder_id, position, unit, start_date, end_date, decree_number, "
                       "source FROM tenures WHERE holder_id = ? ORDER BY start_date, id"),
        {holderId});
    if (!query)
        return errorOf(query);
    std::vector<Tenure> result;
    while (query->next()) {
        Tenure tenure;
        tenure.id = query->value(0).toLongLong();
        tenure.holderId = query->value(1).toLongLong();
        tenure.position = query->value(2).toString();
        tenure.unit = query->value(3).toString();
        tenure.startDate = QDate::fromString(query->value(4).toString(), Qt::ISODate);
        tenure.endDate = QDate::fromString(query->value(5).toString(), Qt::ISODate);
        tenure.decreeNumber = query->value(6).toString();
        tenure.source = query->value(7).toString();
        result.push_back(tenure);
    }
    return result;
}

Result<qint64> HolderRepository::count() const
{
    auto value = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM holders"));
    if (!value)
        return errorOf(value);
    return value->toLongLong();
}

} // namespace rd
