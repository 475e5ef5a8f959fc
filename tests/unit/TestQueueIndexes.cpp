// Every filter and search of the operator's queue is answered from an index on SQLite: the plans
// (EXPLAIN QUERY PLAN) of RevocationRequestRepository's queue and count statements, on a database
// that the benchmark's generator filled with 200,000 holders and 40,000 requests and that was
// analysed. The PostgreSQL twin is tests/postgres/TestQueueIndexes.cpp; the forms both check are
// tests/benchmarks/QueueForms.
#include "BulkDataGenerator.h"
#include "QueryPlan.h"
#include "QueueForms.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "requests/RequestState.h"
#include "requests/RevocationRequestRepository.h"

#include <QRegularExpression>
#include <QtTest>

#include <algorithm>
#include <map>

using namespace rd;
using rd::test::TestDatabase;

namespace {

// The queue's tables under the names and aliases the repository's SQL gives them.
const QStringList s_baseTables = {QStringLiteral("r"),       QStringLiteral("h"),
                                  QStringLiteral("u"),       QStringLiteral("revocation_requests"),
                                  QStringLiteral("holders"), QStringLiteral("users")};

bool usesIndex(const QString &line, const QString &index)
{
    if (index == QLatin1String("INTEGER PRIMARY KEY"))
        return line.startsWith(QLatin1String("SEARCH r USING INTEGER PRIMARY KEY"));
    return line.contains(QStringLiteral("USING INDEX ") + index + QLatin1Char(' '))
        || line.contains(QStringLiteral("USING COVERING INDEX ") + index + QLatin1Char(' '))
        || line.contains(QStringLiteral("SCAN ") + index + QStringLiteral(" VIRTUAL TABLE INDEX"));
}

} // namespace

class TestQueueIndexes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void generatedDataIsValid();
    void schemaIsAsMigrated();
    void nameIndexIsInSync();
    void plansUseIndexes_data();
    void plansUseIndexes();

private:
    QStringList indexesOn(const QString &table, const QString &column) const;

    std::unique_ptr<TestDatabase> m_test;
    DatabasePtr m_database;
    bench::BulkDataSample m_sample;
    std::map<QString, QStringList> m_index; // role -> names of the indexes that can serve it
};

QStringList TestQueueIndexes::indexesOn(const QString &table, const QString &column) const
{
    // The indexes whose first column is this one (UNIQUE constraints get sqlite_autoindex_*).
    auto query = m_database->execute(
        QStringLiteral("SELECT il.name FROM pragma_index_list(?) il "
                       "JOIN pragma_index_info(il.name) ii ON ii.seqno = 0 WHERE ii.name = ? "
                       "ORDER BY il.name"),
        {table, column});
    QStringList names;
    while (query && query->next())
        names << query->value(0).toString();
    return names;
}

void TestQueueIndexes::initTestCase()
{
    m_test = TestDatabase::create(TestDatabase::Engine::Sqlite);
    QVERIFY2(m_test && m_test->database(), qPrintable(m_test ? m_test->error() : QString()));
    m_database = m_test->database();

    const auto sample = bench::QueueForms::fill(m_database);
    RD_VERIFY_RESULT(sample);
    m_sample = *sample;

    const QString requests = QStringLiteral("revocation_requests");
    const QString holders = QStringLiteral("holders");
    m_index[QStringLiteral("state")] = indexesOn(requests, QStringLiteral("state"));
    m_index[QStringLiteral("agenda")] = indexesOn(requests, QStringLiteral("agenda_number"));
    m_index[QStringLiteral("nik")] = indexesOn(holders, QStringLiteral("nik"));
    m_index[QStringLiteral("nip")] = indexesOn(holders, QStringLiteral("nip"));
    m_index[QStringLiteral("name prefix")] = indexesOn(holders, QStringLiteral("full_name"));
    m_index[QStringLiteral("name trigram")] = {QStringLiteral("holders_name_index")};
    m_index[QStringLiteral("id")] = {QStringLiteral("INTEGER PRIMARY KEY")};
    for (const auto &[role, names] : m_index)
        QVERIFY2(!names.isEmpty(), qPrintable(QStringLiteral("no index for ") + role));
}

void TestQueueIndexes::generatedDataIsValid()
{
    QCOMPARE(m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM holders"))->toLongLong(),
             bench::QueueForms::Holders);
    QCOMPARE(m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM revocation_requests"))
                 ->toLongLong(),
             bench::QueueForms::Requests);
    RD_VERIFY_RESULT(bench::BulkDataGenerator::verify(*m_database));
}

void TestQueueIndexes::schemaIsAsMigrated()
{
    // The generator dropped and re-created indexes and triggers: the result must be exactly what
    // the migrations make.
    auto fresh = TestDatabase::create(TestDatabase::Engine::Sqlite);
    QVERIFY2(fresh && fresh->database(), qPrintable(fresh ? fresh->error() : QString()));
    const auto generated = bench::BulkDataGenerator::schemaDefinition(*m_database);
    const auto migrated = bench::BulkDataGenerator::schemaDefinition(*fresh->database());
    RD_VERIFY_RESULT(generated);
    RD_VERIFY_RESULT(migrated);
    QCOMPARE(*generated, *migrated);
}

void TestQueueIndexes::nameIndexIsInSync()
{
    auto check = m_database->execute(QStringLiteral(
        "INSERT INTO holders_name_index (holders_name_index) VALUES ('integrity-check')"));
    RD_VERIFY_RESULT(check);
    for (const QString &fragment : {QStringLiteral("rahma"), QStringLiteral("xaverius"),
                                    QStringLiteral("wati, S"), QStringLiteral("Hj. Siti")}) {
        // The table itself (no index can answer a leading wildcard) against the FTS index.
        auto scanned = m_database->scalar(
            QStringLiteral("SELECT COUNT(*) FROM holders WHERE full_name LIKE ?"),
            {QString(QLatin1Char('%') + fragment + QLatin1Char('%'))});
        auto indexed = m_database->scalar(
            QStringLiteral("SELECT COUNT(*) FROM holders_name_index WHERE holders_name_index "
                           "MATCH ?"),
            {QString(QLatin1Char('"') + fragment + QLatin1Char('"'))});
        RD_VERIFY_RESULT(scanned);
        RD_VERIFY_RESULT(indexed);
        QVERIFY2(scanned->toLongLong() > 0, qPrintable(fragment));
        QCOMPARE(indexed->toLongLong(), scanned->toLongLong());
    }
}

void TestQueueIndexes::plansUseIndexes_data()
{
    // The next page by key: the rowid (no filter) or the filter's index; the first page walks
    // the rowid, which is no index.
    bench::QueueForms::addRows(m_sample, m_index, {QStringLiteral("next page")});
}

void TestQueueIndexes::plansUseIndexes()
{
    QFETCH(QString, state);
    QFETCH(QString, search);
    QFETCH(QString, statement);
    QFETCH(QStringList, indexes);

    RevocationRequestRepository repository(m_database);
    const RequestQueueFilter filter = bench::QueueForms::filter(state, search);
    const bool filtered = filter.state || !search.isEmpty();

    const auto sql = bench::QueueForms::statement(repository, filter, statement);
    RD_VERIFY_RESULT(sql);
    auto plan = bench::QueryPlan::explain(*m_database, sql->sql, sql->values);
    RD_VERIFY_RESULT(plan);
    const QString shown = QStringLiteral("\n") + plan->toString();
    const QStringList lines = [&] {
        QStringList result;
        for (const auto &node : plan->nodes())
            result << node.text;
        return result;
    }();

    static const QRegularExpression scan(QStringLiteral("^SCAN (\\S+)(.*)$"));
    for (const QString &line : lines) {
        const auto match = scan.match(line);
        if (!match.hasMatch() || !s_baseTables.contains(match.captured(1)))
            continue;
        // Without a filter the page walks r in rowid order and stops after 200 rows, and the
        // count reads a whole index (it has to count every row); anything else is a full scan
        // where an index should answer.
        const bool walk
            = !filtered && statement != QLatin1String("count") && line == QLatin1String("SCAN r");
        const bool countAll = !filtered && statement == QLatin1String("count")
            && match.captured(2).startsWith(QLatin1String(" USING COVERING INDEX"));
        QVERIFY2(walk || countAll, qPrintable(QStringLiteral("full scan: ") + line + shown));
    }
    if (!indexes.isEmpty()) {
        const bool answered = std::any_of(lines.begin(), lines.end(), [&](const QString &line) {
            return std::any_of(indexes.begin(), indexes.end(),
                               [&](const QString &index) { return usesIndex(line, index); });
        });
        QVERIFY2(answered,
                 qPrintable(QStringLiteral("none of ") + indexes.join(QStringLiteral(", "))
                            + QStringLiteral(" answers the filter:") + shown));
    }
    // Where the order comes from the index (rowid, or state then id), no sort may creep in at
    // the level that reads r: the page would then read every match instead of 200 rows. Sorting
    // the page's own rows (a level that only looks r up by rowid) costs nothing.
    if (statement != QLatin1String("count") && search.isEmpty()) {
        for (const auto &sort : plan->nodes()) {
            if (sort.text != QLatin1String("USE TEMP B-TREE FOR ORDER BY"))
                continue;
            for (const auto &sibling : plan->nodes()) {
                const bool readsR = sibling.text == QLatin1String("SCAN r")
                    || sibling.text.startsWith(QLatin1String("SCAN r "))
                    || sibling.text.startsWith(QLatin1String("SEARCH r "));
                QVERIFY2(
                    sibling.parent != sort.parent || !readsR
                        || sibling.text.endsWith(QLatin1String("(rowid=?)")),
                    qPrintable(QStringLiteral("sorts instead of reading in index order:") + shown));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestQueueIndexes)
#include "TestQueueIndexes.moc"
