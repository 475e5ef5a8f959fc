#include "workflow/VerificationResultRepository.h"

#include "core/Clock.h"

#include <QJsonDocument>
#include <QSqlQuery>

namespace rd {

VerificationResultRepository::VerificationResultRepository(DatabasePtr database)
    : m_database(std::move(database))
{ }

Result<qint64> VerificationResultRepository::insert(qint64 requestId, const QString &kind,
                                                    const QString &verdict,
                                                    const QJsonObject &report, const QString &actor,
                                                    const QDateTime &at) const
{
    auto id = m_database->scalar(
        QStringLiteral("INSERT INTO verification_results (request_id, kind, verdict, report, "
                       "actor, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
        {requestId, kind, verdict,
         QString::fromUtf8(QJsonDocument(report).toJson(QJsonDocument::Compact)), actor,
         Clock::toIsoUtc(at)});
    if (!id)
        return errorOf(id);
    return id->toLongLong();
}

Result<std::vector<VerificationResult>>
VerificationResultRepository::forRequest(qint64 requestId) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT id, request_id, kind, verdict, report, actor, created_at FROM "
                       "verification_results WHERE request_id = ? ORDER BY id"),
        {requestId});
    if (!query)
        return errorOf(query);
    std::vector<VerificationResult> results;
    while (query->next()) {
        VerificationResult result;
        result.id = query->value(0).toLongLong();
        result.requestId = query->value(1).toLongLong();
        result.kind = query->value(2).toString();
        result.verdict = query->value(3).toString();
        result.report = QJsonDocument::fromJson(query->value(4).toString().toUtf8()).object();
        result.actor = query->value(5).toString();
        result.createdAt = Clock::fromIsoUtc(query->value(6).toString());
        results.push_back(result);
    }
    return results;
}

} // namespace rd
