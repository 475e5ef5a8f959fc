#pragma once

#include "database/Database.h"

#include <QTemporaryDir>

#include <memory>

namespace rd::test {

// A fresh, migrated database for one test: a SQLite file in a temporary folder, or a new
// database on the PostgreSQL server that scripts/test started (REVOCATION_DESK_TEST_POSTGRES_URL).
// The PostgreSQL one is dropped again when the object goes.
class TestDatabase
{
public:
    enum class Engine { Sqlite, Postgres };

    static std::unique_ptr<TestDatabase> create(Engine engine, bool migrate = true);
    // Suites that run on both engines take it from REVOCATION_DESK_TEST_ENGINE (sqlite when
    // unset; "postgres" for their ...Postgres twin in ctest).
    static Engine engineUnderTest();
    ~TestDatabase();

    // The URL to hand to a second connection or a child process.
    QString url() const { return m_url; }
    DatabasePtr database() const { return m_database; }
    // Opens another connection to the same database (for concurrency tests).
    DatabasePtr openAnother() const;
    QString error() const { return m_error; }

    // The server's URL for tests that need it; empty with a reason when scripts/test did not
    // start one (the test then fails with that reason).
    static QString postgresServerUrl(QString *why = nullptr);

private:
    TestDatabase() = default;

    QTemporaryDir m_dir;
    QString m_url;
    QString m_databaseName;
    DatabasePtr m_database;
    QString m_error;
};

} // namespace rd::test

// Fails the test (never skips) when the engine cannot be reached.
#define RD_OPEN_DATABASE(var, engine)                                                              \
    auto var = rd::test::TestDatabase::create(engine);                                             \
    QVERIFY2(var && var->database(), qPrintable(var ? var->error() : QStringLiteral("no database")))
