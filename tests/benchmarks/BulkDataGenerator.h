#pragma once

#include "database/Database.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QRandomGenerator>
#include <QStringList>

#include <functional>
#include <vector>

namespace rd::bench {

struct BulkDataOptions
{
    qint64 holders = 20000;
    qint64 requests = 4000;
    // Rows per multi-row INSERT: 500 holders are 5,500 bound values, 500 requests 10,000; both
    // far below SQLite's 32,766 and PostgreSQL's 65,535.
    int rowsPerStatement = 500;
    // Requests are filed over this many months up to `end` (default: now).
    int months = 24;
    QDateTime end;
    quint32 seed = 20261101;
    // Drop the holders' and requests' secondary indexes and search triggers before the load and
    // create them again afterwards from the very definitions the migrations left in the
    // database: building an index from a full table is much faster than growing it row by row.
    bool deferIndexes = true;
};

struct BulkDataReport
{
    qint64 holders = 0;
    qint64 requests = 0;
    qint64 operators = 0;
    double holdersMs = 0;
    double requestsMs = 0;
    double indexesMs = 0; // creating the deferred indexes and rebuilding the name index
    double analyzeMs = 0;
    double totalMs = 0;

    double rowsPerSecond() const;
    double holdersPerSecond() const;
    double requestsPerSecond() const;
};

// Real values to search for, read back from generated data: a holder with a NIP and at least one
// request with an agenda number.
struct BulkDataSample
{
    QString nik;
    QString nip;
    QString agendaNumber;
};

// Fills a migrated database with realistic holders and revocation requests, fast, on SQLite and
// PostgreSQL alike: multi-row INSERTs with bound values in one transaction, then ANALYZE. It
// bypasses RequestLifecycle (no step events, no audit entries for the requests: it is benchmark
// data) but keeps every constraint of the schema: NIKs and NIPs that IdentityNumbers accepts,
// unique agenda numbers counted per month (with agenda_counters advanced to match), the name
// search index in sync. The same seed gives the same holders and requests, their times counted
// back from `end`.
class BulkDataGenerator
{
    Q_DECLARE_TR_FUNCTIONS(BulkDataGenerator)

public:
    explicit BulkDataGenerator(DatabasePtr database, BulkDataOptions options = {});
    Q_DISABLE_COPY_MOVE(BulkDataGenerator)

    // Called between the phases with a line for people ("holders: 1000000 rows in ...").
    void setProgress(std::function<void(const QString &)> progress);

    Result<BulkDataReport> run();

    // A holder from the middle of the requests (by id), with a NIP and an agenda number.
    static Result<BulkDataSample> sample(const Database &database);
    // Checks what is in the database as the services would: every holder passes
    // HolderRepository::problem, every request has known state and reason keys, an agenda number
    // exactly when it is past draft, an ISO 8601 UTC filing time, version 1, a valid NIP when an
    // official filed; every state occurs; agenda_counters match the highest numbers. The first
    // problem found is the error.
    static Result<void> verify(const Database &database);
    // The schema objects (tables, indexes, triggers) with their definitions, in a stable order:
    // after a generation it must equal that of a freshly migrated database.
    static Result<QStringList> schemaDefinition(const Database &database);

    // The n-th NIK of a permutation of all NIKs this generator can make (about 28 million):
    // "2103" (Natuna) + district + birth date (day + 40 for women) + sequence. Unique in n.
    static QString nik(qint64 n);
    // The matching NIP (birth date, appointment month, sex, number): unique in n as well.
    static QString nip(qint64 n);
    static qint64 maximumHolders();

private:
    struct Identity
    {
        int district = 1; // kecamatan code 01..15
        QDate birth;
        bool female = false;
        int sequence = 0; // 0..kSequences-1
    };
    static Identity identity(qint64 n);

    QString personName(bool female);
    QString fullName(bool female, bool civilServant);
    QString pick(const QStringList &list) { return list.at(m_random.bounded(int(list.size()))); }
    bool chance(int percent) { return int(m_random.bounded(100)) < percent; }

    Result<void> insertHolders(std::vector<qint64> &ids);
    Result<std::vector<qint64>> ensureOperators();
    Result<void> insertRequests(const std::vector<qint64> &holderIds,
                                const std::vector<qint64> &operatorIds);
    Result<void> analyze();
    void report(const QString &line) const;

    DatabasePtr m_database;
    BulkDataOptions m_options;
    QRandomGenerator m_random;
    std::function<void(const QString &)> m_progress;
};

} // namespace rd::bench
