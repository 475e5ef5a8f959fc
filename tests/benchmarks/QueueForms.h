#pragma once

#include "BulkDataGenerator.h"
#include "database/Database.h"
#include "requests/RevocationRequestRepository.h"

#include <QString>
#include <QStringList>

#include <map>

namespace rd::bench {

// The operator's queue forms (every filter and search the queue offers) and the statements they
// run, shared by the two TestQueueIndexes (tests/unit for SQLite, tests/postgres for
// PostgreSQL); what a good plan is stays with each engine's test.
class QueueForms
{
public:
    // A fifth of the full benchmark: below this an engine rightly reads small tables whole, and
    // the plans stop being the ones an office with a province's data gets.
    static constexpr qint64 Holders = 200000;
    static constexpr qint64 Requests = 40000;

    // Role ("id", "state", "agenda", "nik", "nip", "name prefix", "name trigram") -> the names,
    // as the engine gives them, of the indexes that can serve it.
    using IndexRoles = std::map<QString, QStringList>;

    // Fills a migrated database with Holders and Requests (progress on the test's log) and
    // returns the values its forms search for.
    static Result<BulkDataSample> fill(const DatabasePtr &database);

    // The rows of a QTest _data table with the columns state, search, statement ("page", "next
    // page", "count") and indexes (at least one of them answers the filter): each form with each
    // statement. `readAlongKey` names the statements that read an unfiltered queue along the
    // "id" index (on SQLite the first page walks the rowid, which is no index).
    static void addRows(const BulkDataSample &sample, const IndexRoles &indexes,
                        const QStringList &readAlongKey);

    static RequestQueueFilter filter(const QString &state, const QString &search);
    // The SQL that one row's statement runs; the next page is the one after the first page.
    static Result<RevocationRequestRepository::Statement>
    statement(const RevocationRequestRepository &repository, const RequestQueueFilter &filter,
              const QString &statement);
};

} // namespace rd::bench
