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

// Where a request stands: what a state change reads of its row before it writes.
struct RequestProgress
{
    QString stateKey; // as stored; the lifecycle names a key it does not know
    int version = 0;
    QString agendaNumber;
    QString enteredStateAt; // updated_at, as stored
    qint64 assignedOperatorId = 0;
    QString assignedOperator; // the username
};

// One state change as it is written. It applies only while the row is still at `from` and
// `fromVersion`: a change made meanwhile on another workstation is never overwritten.
struct RequestStateChange
{
    qint64 requestId = 0;
    RequestState from = RequestState::Draft;
    int fromVersion = 0;
    RequestState to = RequestState::Draft;
    QString at; // ISO 8601 UTC text
    QString agendaNumber;
    qint64 assignedOperatorId = 0; // 0: nobody
    QString closingReason; // empty keeps the stored one
    QString amsReference; // empty keeps the stored one
};

// The newest proof that AMS's revocation shows in OCSP or the CRL.
struct StoredRevocationProof
{
    QString verdict;
    QString report;
    QString checkedAt; // ISO 8601 UTC text
};

// Reads and writes revocation requests; state changes go through RequestLifecycle, which calls
// the writing functions inside its transaction. Filtering and ordering happen in SQL on indexed
// columns; the queue is read in pages by key (id), so the first page costs the same on 200 rows or
// 200,000.
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
    Result<std::optional<StoredRevocationProof>> revocationProof(qint64 requestId) const;
    // Actual against standard time per SOP step.
    Result<std::vector<StepTiming>> stepTimings(qint64 requestId) const;

    // For RequestLifecycle, inside its transaction.
    Result<qint64> insertDraft(const NewRevocationRequest &request, const QString &filedAt) const;
    // Nothing when there is no such request.
    Result<std::optional<RequestProgress>> progress(qint64 id) const;
    // False when the row moved on meanwhile (another workstation's change came first).
    Result<bool> changeState(const RequestStateChange &change) const;

private:
    QString whereClause(const RequestQueueFilter &filter, QVariantList &values) const;

    DatabasePtr m_database;
};

} // namespace rd
