// Migrations from an empty database, twice, on SQLite and (as TestMigrationsPostgres) on
// PostgreSQL: every table of the design page, recorded versions, nothing changed the second time.
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "database/Migrations.h"

#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;

class TestMigrations : public QObject
{
    Q_OBJECT

private slots:
    void fromEmptyToLatest();
    void secondRunChangesNothing();
    void concurrentMigratorsAgree();
    void sqliteIsWalWithForeignKeys();
    void unmigratedDatabaseIsRefused();
    void sopStandardTimesAreData();

private:
    static QStringList tables(const Database &database);
};

QStringList TestMigrations::tables(const Database &database)
{
    auto query = database.isSqlite()
        ? database.execute(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name"))
        : database.execute(
            QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                           "current_schema() ORDER BY table_name"));
    QStringList names;
    while (query && query->next())
        names << query->value(0).toString();
    return names;
}

void TestMigrations::fromEmptyToLatest()
{
    auto test = TestDatabase::create(TestDatabase::engineUnderTest(), false);
    QVERIFY2(test->database(), qPrintable(test->error()));
    auto url = DatabaseUrl::parse(test->url());
    RD_VERIFY_RESULT(url);
    auto db = Database::open(*url);
    RD_VERIFY_RESULT(db);
    auto before = Migrations::status(**db);
    RD_VERIFY_RESULT(before);
    QCOMPARE(before->currentVersion, 0);

    auto applied = Migrations::migrate(**db);
    RD_VERIFY_RESULT(applied);
    QCOMPARE(applied->size(), qsizetype(Migrations::all().size()));
    const QStringList names = tables(**db);
    for (const char *table :
         {"holders", "tenures", "certificates", "revocation_requests", "request_events",
          "attachments", "verification_results", "dispositions", "outbox", "audit_log",
          "audit_checkpoint", "users", "sop_steps", "agenda_counters", "ams_operations",
          "schema_migrations"})
        QVERIFY2(names.contains(QLatin1String(table)), table);
    auto after = Migrations::status(**db);
    RD_VERIFY_RESULT(after);
    QCOMPARE(after->currentVersion, Migrations::latestVersion());
    QCOMPARE(after->applied.size(), qsizetype(Migrations::all().size()));
    RD_VERIFY_RESULT(Migrations::requireCurrent(**db));
}

void TestMigrations::secondRunChangesNothing()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const QStringList before = tables(*test->database());
    auto again = Migrations::migrate(*test->database());
    RD_VERIFY_RESULT(again);
    QVERIFY(again->isEmpty());
    QCOMPARE(tables(*test->database()), before);
    auto rows = test->database()->scalar(QStringLiteral("SELECT COUNT(*) FROM schema_migrations"));
    QCOMPARE(rows->toInt(), int(Migrations::all().size()));
    auto steps = test->database()->scalar(QStringLiteral("SELECT COUNT(*) FROM sop_steps"));
    QCOMPARE(steps->toInt(), 10);
}

void TestMigrations::concurrentMigratorsAgree()
{
    // Two connections migrate one empty database; the second sees the first's work.
    auto test = TestDatabase::create(TestDatabase::engineUnderTest(), false);
    QVERIFY2(!test->url().isEmpty(), qPrintable(test->error()));
    auto url = DatabaseUrl::parse(test->url());
    auto first = Database::open(*url);
    auto second = Database::open(*url);
    RD_VERIFY_RESULT(first);
    RD_VERIFY_RESULT(second);
    auto a = Migrations::migrate(**first);
    auto b = Migrations::migrate(**second);
    RD_VERIFY_RESULT(a);
    RD_VERIFY_RESULT(b);
    QCOMPARE(a->size() + b->size(), qsizetype(Migrations::all().size()));
}

void TestMigrations::sqliteIsWalWithForeignKeys()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Sqlite);
    auto mode = test->database()->scalar(QStringLiteral("PRAGMA journal_mode"));
    QCOMPARE(mode->toString(), QStringLiteral("wal"));
    auto keys = test->database()->scalar(QStringLiteral("PRAGMA foreign_keys"));
    QCOMPARE(keys->toInt(), 1);
    auto orphan = test->database()->execute(
        QStringLiteral("INSERT INTO tenures (holder_id, position, unit, start_date, created_at) "
                       "VALUES (4242, 'x', 'y', '2020-01-01', '2020-01-01')"));
    QVERIFY(!orphan);
}

void TestMigrations::unmigratedDatabaseIsRefused()
{
    auto test = TestDatabase::create(TestDatabase::engineUnderTest(), false);
    QVERIFY2(!test->url().isEmpty(), qPrintable(test->error()));
    auto db = Database::open(*DatabaseUrl::parse(test->url()));
    RD_VERIFY_RESULT(db);
    auto current = Migrations::requireCurrent(**db);
    QVERIFY(!current);
    QCOMPARE(current.error().code, ErrorCode::MigrationFailed);
    QVERIFY(current.error().message.contains(QStringLiteral("db migrate")));
}

void TestMigrations::sopStandardTimesAreData()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    auto total
        = test->database()->scalar(QStringLiteral("SELECT SUM(standard_minutes) FROM sop_steps"));
    QCOMPARE(total->toInt(), 45);
    auto applicant = test->database()->scalar(
        QStringLiteral("SELECT SUM(standard_minutes) FROM sop_steps WHERE actor = 'applicant'"));
    QCOMPARE(applicant->toInt(), 31);
}

QTEST_GUILESS_MAIN(TestMigrations)
#include "TestMigrations.moc"
