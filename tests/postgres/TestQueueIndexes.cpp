// Every filter and search of the operator's queue is answered from an index on PostgreSQL: the
// plans (EXPLAIN (FORMAT JSON), run as QPSQL runs the statement: PREPARE, then EXECUTE with the
// values) of RevocationRequestRepository's queue and count statements, on a database that the
// benchmark's generator filled with 200,000 holders and 40,000 requests and that was vacuumed and
// analysed. The planner works from those statistics as it would in an office; nothing is forced
// (enable_seqscan stays on). Without the server that scripts/test starts, the test fails.
// The SQLite twin is tests/unit/TestQueueIndexes.cpp; the forms both check are
// tests/benchmarks/QueueForms.
#include "BulkDataGenerator.h"
#include "QueryPlan.h"
#include "QueueForms.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "requests/RequestState.h"
#include "requests/RevocationRequestRepository.h"

#include <QtTest>

#include <algorithm>
#include <map>

using namespace rd;
using rd::test::TestDatabase;

namespace {

// A page may also be read by walking revocation_requests backwards along its primary key,
// testing the filter on each row and stopping at 200 (Index Scan Backward using
// revocation_requests_pkey, no Sort). That is an index plan whose cost is bounded by how many
// rows the walk passes, about 200 x requests / matches; the planner picks it when a filter
// matches many rows. It is accepted only where that number stays below this bound, that is
// where at least 1% of the requests match.
constexpr double kMaximumWalk = 20000;

const QStringList s_indexNodes = {QStringLiteral("Index Scan"), QStringLiteral("Index Only Scan"),
                                  QStringLiteral("Bitmap Index Scan")};

} // namespace

class TestQueueIndexes : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void generatedDataIsValid();
    void schemaIsAsMigrated();
    void plansUseIndexes_data();
    void plansUseIndexes();

private:
    QStringList indexesOn(const QString &table, const QString &column, const QString &method) const;

    std::unique_ptr<TestDatabase> m_test;
    DatabasePtr m_database;
    bench::BulkDataSample m_sample;
    std::map<QString, QStringList> m_index; // role -> names of the indexes that can serve it
};

QStringList TestQueueIndexes::indexesOn(const QString &table, const QString &column,
                                        const QString &method) const
{
    // The indexes of this access method (btree, gin) whose first column is this one.
    auto query = m_database->execute(
        QStringLiteral("SELECT i.relname FROM pg_index x "
                       "JOIN pg_class i ON i.oid = x.indexrelid "
                       "JOIN pg_class t ON t.oid = x.indrelid "
                       "JOIN pg_am am ON am.oid = i.relam "
                       "JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0] "
                       "WHERE t.relnamespace = current_schema()::regnamespace "
                       "AND t.relname = ? AND a.attname = ? AND am.amname = ? "
                       "ORDER BY i.relname"),
        {table, column, method});
    QStringList names;
    while (query && query->next())
        names << query->value(0).toString();
    return names;
}

void TestQueueIndexes::initTestCase()
{
    m_test = TestDatabase::create(TestDatabase::Engine::Postgres);
    QVERIFY2(m_test && m_test->database(), qPrintable(m_test ? m_test->error() : QString()));
    m_database = m_test->database();

    const auto sample = bench::QueueForms::fill(m_database);
    RD_VERIFY_RESULT(sample);
    m_sample = *sample;
    // ANALYZE reads a random sample of 300 rows a unit of statistics target (30,000 at the
    // default), a part of these tables: the plans of the borderline filters then flipped from
    // run to run. A target that takes every row makes the statistics, and the plans, repeatable.
    RD_VERIFY_RESULT(
        m_database->executeUnprepared(QStringLiteral("SET default_statistics_target = 1000")));
    RD_VERIFY_RESULT(m_database->executeUnprepared(
        QStringLiteral("ANALYZE holders, revocation_requests, users")));

    const QString btree = QStringLiteral("btree");
    const QString requests = QStringLiteral("revocation_requests");
    const QString holders = QStringLiteral("holders");
    m_index[QStringLiteral("id")] = indexesOn(requests, QStringLiteral("id"), btree);
    m_index[QStringLiteral("state")] = indexesOn(requests, QStringLiteral("state"), btree);
    m_index[QStringLiteral("agenda")] = indexesOn(requests, QStringLiteral("agenda_number"), btree);
    m_index[QStringLiteral("nik")] = indexesOn(holders, QStringLiteral("nik"), btree);
    m_index[QStringLiteral("nip")] = indexesOn(holders, QStringLiteral("nip"), btree);
    m_index[QStringLiteral("name prefix")] = indexesOn(holders, QStringLiteral("full_name"), btree);
    m_index[QStringLiteral("name trigram")]
        = indexesOn(holders, QStringLiteral("full_name"), QStringLiteral("gin"));
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
    // The generator dropped and re-created the secondary indexes (the trigram one included):
    // the result must be exactly what the migrations make.
    auto fresh = TestDatabase::create(TestDatabase::Engine::Postgres);
    QVERIFY2(fresh && fresh->database(), qPrintable(fresh ? fresh->error() : QString()));
    const auto generated = bench::BulkDataGenerator::schemaDefinition(*m_database);
    const auto migrated = bench::BulkDataGenerator::schemaDefinition(*fresh->database());
    RD_VERIFY_RESULT(generated);
    RD_VERIFY_RESULT(migrated);
    QCOMPARE(*generated, *migrated);
}

void TestQueueIndexes::plansUseIndexes_data()
{
    // Without a filter the page is read along the primary key.
    bench::QueueForms::addRows(m_sample, m_index,
                               {QStringLiteral("page"), QStringLiteral("next page")});
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
    const bool count = statement == QLatin1String("count");

    const auto sql = bench::QueueForms::statement(repository, filter, statement);
    RD_VERIFY_RESULT(sql);
    auto plan = bench::QueryPlan::explain(*m_database, sql->sql, sql->values);
    RD_VERIFY_RESULT(plan);
    const QString shown = QStringLiteral("\n") + plan->toString();
    const auto &nodes = plan->nodes();

    // A name search whose holders come from the name index (trigram or prefix) may be joined to
    // the queue by hashing: for a common name, thousands of matched holders are cheaper to hash
    // against one pass over revocation_requests than to probe one by one, and PostgreSQL's
    // planner chooses so by cost. The search itself is still answered by the index.
    const QStringList nameIndexes
        = m_index[QStringLiteral("name trigram")] + m_index[QStringLiteral("name prefix")];
    const bool nameFromIndex = std::any_of(nodes.begin(), nodes.end(), [&](const auto &node) {
        return s_indexNodes.contains(node.nodeType) && nameIndexes.contains(node.index)
            && indexes.contains(node.index);
    });
    for (const auto &node : nodes) {
        if (node.nodeType != QLatin1String("Seq Scan"))
            continue;
        // Counting every request may read the table whole: it has to visit every row anyway.
        const bool countAll
            = (!filtered && count && node.relation == QLatin1String("revocation_requests"))
            || (nameFromIndex && node.relation == QLatin1String("revocation_requests"));
        const bool queueTable = node.relation == QLatin1String("revocation_requests")
            || node.relation == QLatin1String("holders");
        QVERIFY2(countAll || !queueTable,
                 qPrintable(QStringLiteral("sequential scan: ") + node.text + shown));
    }
    if (indexes.isEmpty())
        return;

    const bool answered = std::any_of(nodes.begin(), nodes.end(), [&](const auto &node) {
        return s_indexNodes.contains(node.nodeType) && indexes.contains(node.index);
    });
    if (answered)
        return;
    // Not answered by the filter's own index: acceptable only as the bounded primary-key walk of
    // a page whose filter matches at least 1% of the requests (see kMaximumWalk).
    // The walk: revocation_requests read backwards along its primary key, under a Limit with no
    // Sort in between (a Sort would make the walk read every match before the Limit applies).
    bool walk = false;
    for (const auto &node : nodes) {
        if (count || node.nodeType != QLatin1String("Index Scan")
            || !m_index[QStringLiteral("id")].contains(node.index)
            || !node.text.contains(QLatin1String(" Backward "))) {
            continue;
        }
        for (const auto *above = plan->node(node.parent); above;
             above = plan->node(above->parent)) {
            if (above->nodeType.endsWith(QLatin1String("Sort")))
                break;
            if (above->nodeType == QLatin1String("Limit")) {
                walk = true;
                break;
            }
        }
    }
    auto matches = repository.queueCount(filter);
    RD_VERIFY_RESULT(matches);
    const double walked = *matches > 0
        ? 200.0 * double(bench::QueueForms::Requests) / double(*matches)
        : double(bench::QueueForms::Requests);
    const QString why = QStringLiteral("none of %1 answers the filter (%2 of %3 requests match)")
                            .arg(indexes.join(QStringLiteral(", ")))
                            .arg(*matches)
                            .arg(bench::QueueForms::Requests);
    QVERIFY2(walk && walked <= kMaximumWalk, qPrintable(why + QLatin1Char(':') + shown));
    qInfo().noquote() << why << "- accepted as a primary-key walk of about" << qRound(walked)
                      << "rows:" << shown;
}

QTEST_GUILESS_MAIN(TestQueueIndexes)
#include "TestQueueIndexes.moc"
