#pragma once

#include "core/Error.h"
#include "database/Database.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace rd {

// What a step found, kept with the request (hasil verifikasi): the step-6 checklist
// (data_checklist), the step-7 DN report (dn_match), the step-8 proof (revocation_proof).
struct VerificationResult
{
    qint64 id = 0;
    qint64 requestId = 0;
    QString kind;
    QString verdict;
    QJsonObject report;
    QString actor;
    QDateTime createdAt;
};

class VerificationResultRepository
{
public:
    explicit VerificationResultRepository(DatabasePtr database);

    // Inside the caller's transaction, with the state change the result belongs to.
    Result<qint64> insert(qint64 requestId, const QString &kind, const QString &verdict,
                          const QJsonObject &report, const QString &actor,
                          const QDateTime &at) const;
    // Oldest first: a request verified twice (after completion) shows both checks.
    Result<std::vector<VerificationResult>> forRequest(qint64 requestId) const;

private:
    DatabasePtr m_database;
};

} // namespace rd
