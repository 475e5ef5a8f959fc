#include "requests/RevocationRequestRepository.h"

#include "core/Clock.h"
#include "register/SearchText.h"
#include "requests/RequestEventRepository.h"

namespace rd {

RevocationRequestRepository::RevocationRequestRepository(DatabasePtr database)
    : m_database(std::move(database))
{ }

QString RevocationRequestRepository::whereClause(const RequestQueueFilter &filter,
                                                 QVariantList &values) const
{
    QStringList conditions;
    if (filter.state) {
        conditions << QStringLiteral("r.state = ?");
        values << RequestStates::key(*filter.state);
    }
    const SearchText search(filter.search);
    if (search.kind() == SearchText::Kind::AgendaNumber)
        conditions << search.agendaCondition(QStringLiteral("r.agenda_number"), values);
    else if (search.kind() != SearchText::Kind::Empty)
        conditions << search.holderCondition(*m_database, QStringLiteral("r.holder_id"), values);
    return conditions.join(QStringLiteral(" AND "));
}

RevocationRequestRepository::Statement
RevocationRequestRepository::queueStatement(const RequestQueueFilter &filter, int limit,
                                            std::optional<qint64> afterId) const
{
    Statement statement;
    QString where = whereClause(filter, statement.values);
    if (afterId) {
        if (!where.isEmpty())
            where += QStringLiteral(" AND ");
        where += filter.newestFirst ? QStringLiteral("r.id < ?") : QStringLiteral("r.id > ?");
        statement.values << *afterId;
    }
    // The page's ids come from revocation_requests alone (its indexes give them in order);
    // only those rows are then joined to holders and users, never every match.
    const QString order = filter.newestFirst ? QStringLiteral(" ORDER BY r.id DESC")
                                             : QStringLiteral(" ORDER BY r.id ASC");
    statement.sql = QStringLiteral("SELECT r.id, r.agenda_number, h.full_name, h.nik, h.unit, "
                                   "r.reason, r.state, r.filed_at, u.username, r.channel, "
                                   "r.version FROM (SELECT r.id FROM revocation_requests r");
    if (!where.isEmpty())
        statement.sql += QStringLiteral(" WHERE ") + where;
    statement.sql += order
        + QStringLiteral(" LIMIT ?) page JOIN revocation_requests r ON r.id = page.id "
                         "JOIN holders h ON h.id = r.holder_id "
                         "LEFT JOIN users u ON u.id = r.assigned_operator_id")
        + order;
    statement.values << limit;
    return statement;
}

RevocationRequestRepository::Statement
RevocationRequestRepository::countStatement(const RequestQueueFilter &filter) const
{
    Statement statement;
    const QString where = whereClause(filter, statement.values);
    statement.sql = QStringLiteral("SELECT COUNT(*) FROM revocation_requests r");
    if (!where.isEmpty())
        statement.sql += QStringLiteral(" WHERE ") + where;
    return statement;
}

Result<std::vector<RequestQueueRow>>
RevocationRequestRepository::queuePage(const RequestQueueFilter &filter, int limit,
                                       std::optional<qint64> afterId) const
{
    const Statement statement = queueStatement(filter, limit, afterId);
    auto query = m_database->execute(statement.sql, statement.values);
    if (!query)
        return errorOf(query);
    std::vector<RequestQueueRow> rows;
    rows.reserve(size_t(limit));
    while (query->next()) {
        RequestQueueRow row;
        row.id = query->value(0).toLongLong();
        row.agendaNumber = query->value(1).toString();
        row.holderName = query->value(2).toString();
        row.holderNik = query->value(3).toString();
        row.holderUnit = query->value(4).toString();
        row.reason = query->value(5).toString();
        row.state
            = RequestStates::fromKey(query->value(6).toString()).value_or(RequestState::Draft);
        row.filedAt = query->value(7).toString();
        row.assignedOperator = query->value(8).toString();
        row.channel = query->value(9).toString();
        row.version = query->value(10).toInt();
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<qint64> RevocationRequestRepository::queueCount(const RequestQueueFilter &filter) const
{
    const Statement statement = countStatement(filter);
    auto value = m_database->scalar(statement.sql, statement.values);
    if (!value)
        return errorOf(value);
    return value->toLongLong();
}

Result<std::map<QString, qint64>> RevocationRequestRepository::countsByState() const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT state, COUNT(*) FROM revocation_requests GROUP BY state"));
    if (!query)
        return errorOf(query);
    std::map<QString, qint64> counts;
    while (query->next())
        counts[query->value(0).toString()] = query->value(1).toLongLong();
    return counts;
}

Result<RevocationRequestRecord> RevocationRequestRepository::find(const QString &agendaOrId) const
{
    const QString text = agendaOrId.trimmed();
    if (text.startsWith(QLatin1Char('#'))) {
        bool ok = false;
        const qint64 id = text.mid(1).toLongLong(&ok);
        if (!ok || id <= 0)
            return fail(ErrorCode::InvalidInput, tr("%1 is not a request number.").arg(text));
        return findById(id);
    }
    auto id = m_database->scalar(
        QStringLiteral("SELECT id FROM revocation_requests WHERE agenda_number = ?"),
        {text.toUpper()});
    if (!id) {
        if (id.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound, tr("No request has agenda number %1.").arg(text));
        return errorOf(id);
    }
    return findById(id->toLongLong());
}

Result<RevocationRequestRecord> RevocationRequestRepository::findById(qint64 id) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT r.id, r.agenda_number, r.holder_id, h.full_name, h.nik, h.unit, "
                       "r.certificate_id, c.serial_hex, r.reason, r.reason_text, r.effective_date, "
                       "r.filed_by_kind, r.filed_by_name, r.filed_by_nip, r.filed_by_position, "
                       "r.filed_by_relationship, r.channel, r.applicant_email, "
                       "r.applicant_language, r.state, r.ams_reference, u.username, "
                       "r.closing_reason, r.filed_at, r.updated_at, r.version "
                       "FROM revocation_requests r JOIN holders h ON h.id = r.holder_id "
                       "LEFT JOIN certificates c ON c.id = r.certificate_id "
                       "LEFT JOIN users u ON u.id = r.assigned_operator_id WHERE r.id = ?"),
        {id});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound, tr("There is no revocation request with id %1.").arg(id));
    RevocationRequestRecord r;
    int i = 0;
    r.id = query->value(i++).toLongLong();
    r.agendaNumber = query->value(i++).toString();
    r.holderId = query->value(i++).toLongLong();
    r.holderName = query->value(i++).toString();
    r.holderNik = query->value(i++).toString();
    r.holderUnit = query->value(i++).toString();
    const QVariant certificate = query->value(i++);
    if (!certificate.isNull())
        r.certificateId = certificate.toLongLong();
    r.certificateSerial = query->value(i++).toString();
    r.reason = RevocationReasons::fromKey(query->value(i++).toString())
                   .value_or(RevocationReason::Other);
    r.reasonText = query->value(i++).toString();
    r.effectiveDate = QDate::fromString(query->value(i++).toString(), Qt::ISODate);
    r.filedByKind = query->value(i++).toString();
    r.officialName = query->value(i++).toString();
    r.officialNip = query->value(i++).toString();
    r.officialPosition = query->value(i++).toString();
    r.officialRelationship = query->value(i++).toString();
    r.channel = query->value(i++).toString();
    r.applicantEmail = query->value(i++).toString();
    r.applicantLanguage = query->value(i++).toString();
    r.state = RequestStates::fromKey(query->value(i++).toString()).value_or(RequestState::Draft);
    r.amsReference = query->value(i++).toString();
    r.assignedOperator = query->value(i++).toString();
    r.closingReason = query->value(i++).toString();
    r.filedAt = Clock::fromIsoUtc(query->value(i++).toString());
    r.updatedAt = Clock::fromIsoUtc(query->value(i++).toString());
    r.version = query->value(i++).toInt();
    return r;
}

Result<std::vector<RequestEvent>> RevocationRequestRepository::events(qint64 requestId) const
{
    return RequestEventRepository(m_database).forRequest(requestId);
}

Result<std::optional<StoredRevocationProof>>
RevocationRequestRepository::revocationProof(qint64 requestId) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT verdict, report, created_at FROM verification_results "
                       "WHERE request_id = ? AND kind = 'revocation_proof' "
                       "ORDER BY id DESC LIMIT 1"),
        {requestId});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return std::optional<StoredRevocationProof>();
    return std::optional<StoredRevocationProof>(StoredRevocationProof {
        query->value(0).toString(), query->value(1).toString(), query->value(2).toString()});
}

Result<qint64> RevocationRequestRepository::insertDraft(const NewRevocationRequest &request,
                                                        const QString &filedAt) const
{
    const bool official = request.filedBy == NewRevocationRequest::FiledBy::Official;
    auto id = m_database->scalar(
        QStringLiteral(
            "INSERT INTO revocation_requests (holder_id, certificate_id, reason, reason_text, "
            "effective_date, filed_by_kind, filed_by_name, filed_by_nip, filed_by_position, "
            "filed_by_relationship, channel, applicant_email, applicant_language, state, filed_at, "
            "updated_at, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, 1) RETURNING id"),
        {request.holderId,
         request.certificateId ? QVariant(*request.certificateId)
                               : QVariant(QMetaType::fromType<qlonglong>()),
         RevocationReasons::key(request.reason),
         Database::nullIfEmpty(request.reasonText.trimmed()),
         request.effectiveDate.isValid() ? QVariant(request.effectiveDate.toString(Qt::ISODate))
                                         : QVariant(QMetaType::fromType<QString>()),
         official ? QStringLiteral("official") : QStringLiteral("holder"),
         Database::nullIfEmpty(official ? request.officialName.trimmed() : QString()),
         Database::nullIfEmpty(official ? request.officialNip : QString()),
         Database::nullIfEmpty(official ? request.officialPosition.trimmed() : QString()),
         Database::nullIfEmpty(official ? request.officialRelationship.trimmed() : QString()),
         request.channel, Database::nullIfEmpty(request.applicantEmail.trimmed()),
         request.applicantLanguage, filedAt, filedAt});
    if (!id)
        return errorOf(id);
    return id->toLongLong();
}

Result<std::optional<RequestProgress>> RevocationRequestRepository::progress(qint64 id) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT r.state, r.version, r.agenda_number, r.updated_at, "
                       "r.assigned_operator_id, u.username FROM revocation_requests r "
                       "LEFT JOIN users u ON u.id = r.assigned_operator_id WHERE r.id = ?"),
        {id});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return std::optional<RequestProgress>();
    RequestProgress row;
    row.stateKey = query->value(0).toString();
    row.version = query->value(1).toInt();
    row.agendaNumber = query->value(2).toString();
    row.enteredStateAt = query->value(3).toString();
    row.assignedOperatorId = query->value(4).toLongLong();
    row.assignedOperator = query->value(5).toString();
    return std::optional<RequestProgress>(row);
}

Result<bool> RevocationRequestRepository::changeState(const RequestStateChange &change) const
{
    auto updated = m_database->execute(
        QStringLiteral("UPDATE revocation_requests SET state = ?, version = version + 1, "
                       "updated_at = ?, agenda_number = ?, assigned_operator_id = ?, "
                       "closing_reason = COALESCE(?, closing_reason), "
                       "ams_reference = COALESCE(?, ams_reference) "
                       "WHERE id = ? AND version = ? AND state = ?"),
        {RequestStates::key(change.to), change.at, Database::nullIfEmpty(change.agendaNumber),
         Database::nullIfNoId(change.assignedOperatorId),
         Database::nullIfEmpty(change.closingReason), Database::nullIfEmpty(change.amsReference),
         change.requestId, change.fromVersion, RequestStates::key(change.from)});
    if (!updated)
        return errorOf(updated);
    return updated->numRowsAffected() == 1;
}

Result<std::vector<StepTiming>> RevocationRequestRepository::stepTimings(qint64 requestId) const
{
    auto steps = m_database->execute(QStringLiteral(
        "SELECT step, activity_id, activity_en, standard_minutes FROM sop_steps ORDER BY step"));
    if (!steps)
        return errorOf(steps);
    const bool indonesian = QLocale().language() == QLocale::Indonesian;
    std::vector<StepTiming> timings;
    while (steps->next()) {
        StepTiming timing;
        timing.step = steps->value(0).toInt();
        timing.activity = steps->value(indonesian ? 1 : 2).toString();
        timing.standardMinutes = steps->value(3).toInt();
        timings.push_back(timing);
    }
    auto recorded = events(requestId);
    if (!recorded)
        return errorOf(recorded);
    for (const RequestEvent &event : *recorded) {
        for (StepTiming &timing : timings) {
            if (timing.step == event.step && event.startedAt.isValid()
                && event.finishedAt.isValid()) {
                timing.actualMinutes += double(event.startedAt.msecsTo(event.finishedAt)) / 60000.0;
                timing.recorded = true;
            }
        }
    }
    return timings;
}

} // namespace rd
