#pragma once

#include "database/Database.h"
#include "requests/RevocationRequest.h"

#include <QCoreApplication>

#include <map>
#include <vector>

namespace rd {

struct RequestQueueFilter
{
    std::optional<RequestState> state;
    QString search; // agenda number, NIK/NIP prefix, or a fragment of the holder's name
    bool newestFirst = true;
};

// One row of the operator's queue: only what the table shows.
struct RequestQueueRow
{
    qint64 id = 0;
    QString agendaNumber;
    QString holderName;
    QString holderNik;
    QString holderUnit;
    QString reason;
    RequestState state = RequestState::Draft;
    QString filedAt;
    QString assignedOperator;
    QString channel;
    int version = 0;
};

// Reads revocation requests. Filtering and ordering happen in SQL on indexed columns; the queue
// is read in pages by key (id), so the first page costs the same on 200 rows or 200,000.
class RevocationRequestRepository
{
    Q_DECLARE_TR_FUNCTIONS(RevocationRequestRepository)

public:
    explicit RevocationRequestRepository(DatabasePtr database);

    struct Statement
    {
        QString sql;
        QVariantList values;
    };
    // The queue's statement, public so that tests can EXPLAIN it.
    Statement queueStatement(const RequestQueueFilter &filter, int limit,
                             std::optional<qint64> afterId) const;
    Statement countStatement(const RequestQueueFilter &filter) const;

    Result<std::vector<RequestQueueRow>> queuePage(const RequestQueueFilter &filter, int limit,
                                                   std::optional<qint64> afterId = {}) const;
    Result<qint64> queueCount(const RequestQueueFilter &filter) const;
    Result<std::map<QString, qint64>> countsByState() const;

    // By agenda number (SE/2026/11/0001) or by id written as #12 (drafts have no number yet).
    Result<RevocationRequestRecord> find(const QString &agendaOrId) const;
    Result<RevocationRequestRecord> findById(qint64 id) const;
    Result<std::vector<RequestEvent>> events(qint64 requestId) const;
    // Actual against standard time per SOP step.
    Result<std::vector<StepTiming>> stepTimings(qint64 requestId) const;

private:
    QString whereClause(const RequestQueueFilter &filter, QVariantList &values) const;

    DatabasePtr m_database;
};

} // namespace rd
