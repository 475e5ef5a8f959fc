#include "requests/KioskIntake.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "requests/KioskFilings.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcIntake, "rd.requests.intake", QtWarningMsg)

namespace rd {

namespace {

// A filing the lifecycle refuses for what it says (not for a database that is down).
bool refusesTheFiling(const Error &error)
{
    return error.code == ErrorCode::InvalidInput || error.code == ErrorCode::NotFound;
}

} // namespace

KioskIntake::KioskIntake(DatabasePtr database, RequestLifecycle::Options options)
    : m_database(std::move(database))
    , m_lifecycle(m_database, std::move(options))
{ }

Result<int> KioskIntake::pendingCount() const
{
    auto count = m_database->scalar(
        QStringLiteral("SELECT COUNT(*) FROM kiosk_filings WHERE state = 'pending'"));
    if (!count)
        return errorOf(count);
    return count->toInt();
}

Result<QList<KioskIntakeOutcome>> KioskIntake::takeIn(const QString &takenBy)
{
    auto query = m_database->execute(
        QStringLiteral("SELECT id FROM kiosk_filings WHERE state = 'pending' ORDER BY id LIMIT ?"),
        {BatchSize});
    if (!query)
        return errorOf(query);
    QList<qint64> ids;
    while (query->next())
        ids << query->value(0).toLongLong();
    QList<KioskIntakeOutcome> outcomes;
    for (qint64 id : std::as_const(ids)) {
        auto outcome = takeOne(id, takenBy);
        if (!outcome)
            return errorOf(outcome);
        if (*outcome)
            outcomes << **outcome;
    }
    return outcomes;
}

Result<std::optional<KioskIntakeOutcome>> KioskIntake::takeOne(qint64 filingId,
                                                               const QString &takenBy)
{
    QString kioskHost;
    auto taken
        = AuditLog::inTransaction(*m_database, [&]() -> Result<std::optional<KioskIntakeOutcome>> {
              // The chain's lock is held: a second desk waits here and then finds it taken.
              auto row = m_database->execute(
                  QStringLiteral("SELECT holder_id, certificate_id, reason, reason_text, "
                                 "effective_date, filed_by_kind, filed_by_name, filed_by_nip, "
                                 "filed_by_position, applicant_email, applicant_language, "
                                 "kiosk_host, filed_as FROM kiosk_filings "
                                 "WHERE id = ? AND state = 'pending'"),
                  {filingId});
              if (!row)
                  return errorOf(row);
              if (!row->next())
                  return std::optional<KioskIntakeOutcome>();
              NewRevocationRequest request;
              request.holderId = row->value(0).toLongLong();
              if (!row->value(1).isNull())
                  request.certificateId = row->value(1).toLongLong();
              const QString reasonKey = row->value(2).toString();
              request.reason
                  = RevocationReasons::fromKey(reasonKey).value_or(RevocationReason::Other);
              request.reasonText = row->value(3).toString();
              request.effectiveDate = QDate::fromString(row->value(4).toString(), Qt::ISODate);
              request.filedBy = row->value(5).toString() == QLatin1String("official")
                  ? NewRevocationRequest::FiledBy::Official
                  : NewRevocationRequest::FiledBy::Holder;
              request.officialName = row->value(6).toString();
              request.officialNip = row->value(7).toString();
              request.officialPosition = row->value(8).toString();
              request.channel = QStringLiteral("kiosk");
              request.applicantEmail = row->value(9).toString();
              request.applicantLanguage = row->value(10).toString();
              kioskHost = row->value(11).toString();
              if (!RevocationReasons::fromKey(reasonKey)) {
                  return fail(ErrorCode::InvalidInput,
                              tr("The kiosk filing names an unknown reason %1.").arg(reasonKey));
              }

              const QJsonObject details {{QStringLiteral("kiosk_filing"), filingId},
                                         {QStringLiteral("kiosk_role"), row->value(12).toString()},
                                         {QStringLiteral("taken_by"), takenBy}};
              auto filed = m_lifecycle.fileInTransaction(Actor::kiosk(kioskHost), request, details);
              if (!filed)
                  return errorOf(filed);
              auto marked = m_database->execute(
                  QStringLiteral("UPDATE kiosk_filings SET state = 'taken', request_id = ?, "
                                 "taken_at = ?, taken_by = ? WHERE id = ? AND state = 'pending'"),
                  {filed->requestId, Clock::toIsoUtc(Clock::currentUtc()), takenBy, filingId});
              if (!marked)
                  return errorOf(marked);
              if (marked->numRowsAffected() != 1)
                  return fail(ErrorCode::Conflict,
                              tr("Kiosk filing %1 was taken in by another desk meanwhile.")
                                  .arg(KioskFilings::filingNumber(filingId)));
              return KioskIntakeOutcome {filingId, filed->requestId, filed->agendaNumber, {}};
          });
    if (taken || !refusesTheFiling(taken.error()) || kioskHost.isEmpty())
        return taken;
    // The lifecycle said no (e.g. the holder's certificate is no longer theirs): the request
    // and its audit entries rolled back; the filing is refused for good, and that is audited.
    qCInfo(lcIntake).noquote() << "kiosk filing" << filingId
                               << "refused:" << taken.error().toString();
    if (auto ok = refuse(filingId, kioskHost, takenBy, taken.error()); !ok)
        return errorOf(ok);
    return KioskIntakeOutcome {filingId, 0, {}, taken.error().message};
}

Result<void> KioskIntake::refuse(qint64 filingId, const QString &kioskHost, const QString &takenBy,
                                 const Error &why)
{
    return AuditLog::inTransaction(*m_database, [&]() -> Result<void> {
        auto marked = m_database->execute(
            QStringLiteral("UPDATE kiosk_filings SET state = 'refused', refusal = ?, "
                           "taken_at = ?, taken_by = ? WHERE id = ? AND state = 'pending'"),
            {why.message, Clock::toIsoUtc(Clock::currentUtc()), takenBy, filingId});
        if (!marked)
            return errorOf(marked);
        if (marked->numRowsAffected() != 1)
            return {};
        auto audit = AuditLog::append(*m_database, Actor::kiosk(kioskHost),
                                      QStringLiteral("kiosk_filing.refuse"),
                                      QStringLiteral("kiosk_filing"), QString::number(filingId),
                                      QJsonObject {{QStringLiteral("reason"), why.message},
                                                   {QStringLiteral("taken_by"), takenBy}});
        if (!audit)
            return errorOf(audit);
        return {};
    });
}

} // namespace rd
