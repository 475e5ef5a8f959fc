#include "TestDatabase.h"

#include "database/Migrations.h"

#include <QAtomicInteger>
#include <QCoreApplication>

namespace rd::test {

namespace {
QAtomicInteger<int> s_counter;
}

QString TestDatabase::postgresServerUrl(QString *why)
{
    const QString url = qEnvironmentVariable("REVOCATION_DESK_TEST_POSTGRES_URL");
    if (url.isEmpty() && why) {
        *why = QStringLiteral(
            "REVOCATION_DESK_TEST_POSTGRES_URL is not set: run the tests through scripts/test, "
            "which starts a throwaway PostgreSQL server");
    }
    return url;
}

TestDatabase::Engine TestDatabase::engineUnderTest()
{
    return qEnvironmentVariable("REVOCATION_DESK_TEST_ENGINE") == QLatin1String("postgres")
        ? Engine::Postgres
        : Engine::Sqlite;
}

std::unique_ptr<TestDatabase> TestDatabase::create(Engine engine, bool migrate)
{
    std::unique_ptr<TestDatabase> test(new TestDatabase);
    if (engine == Engine::Sqlite) {
        if (!test->m_dir.isValid()) {
            test->m_error = QStringLiteral("cannot create a temporary folder");
            return test;
        }
        test->m_url
            = QStringLiteral("sqlite:") + test->m_dir.filePath(QStringLiteral("test.sqlite"));
    } else {
        QString why;
        const QString server = postgresServerUrl(&why);
        if (server.isEmpty()) {
            test->m_error = why;
            return test;
        }
        auto adminUrl = DatabaseUrl::parse(server);
        if (!adminUrl) {
            test->m_error = adminUrl.error().toString();
            return test;
        }
        auto admin = Database::open(*adminUrl);
        if (!admin) {
            test->m_error = QStringLiteral("cannot reach the test PostgreSQL server: ")
                + admin.error().toString();
            return test;
        }
        test->m_databaseName = QStringLiteral("rd_test_%1_%2")
                                   .arg(QCoreApplication::applicationPid())
                                   .arg(++s_counter);
        auto created = (*admin)->executeUnprepared(QStringLiteral("CREATE DATABASE ")
                                                   + test->m_databaseName);
        if (!created) {
            test->m_error = created.error().toString();
            return test;
        }
        QString url = server;
        url.replace(url.lastIndexOf(QLatin1Char('/')), url.size(),
                    QStringLiteral("/") + test->m_databaseName);
        test->m_url = url;
    }
    auto parsed = DatabaseUrl::parse(test->m_url);
    auto database = parsed ? Database::open(*parsed) : Result<DatabasePtr>(errorOf(parsed));
    if (!database) {
        test->m_error = database.error().toString();
        return test;
    }
    if (migrate) {
        auto migrated = Migrations::migrate(**database);
        if (!migrated) {
            test->m_error = migrated.error().toString();
            return test;
        }
    }
    test->m_database = *database;
    return test;
}

DatabasePtr TestDatabase::openAnother() const
{
    auto parsed = DatabaseUrl::parse(m_url);
    if (!parsed)
        return {};
    auto database = Database::open(*parsed);
    return database ? *database : DatabasePtr();
}

TestDatabase::~TestDatabase()
{
    m_database.reset();
    if (m_databaseName.isEmpty())
        return;
    auto adminUrl = DatabaseUrl::parse(postgresServerUrl());
    if (!adminUrl)
        return;
    auto admin = Database::open(*adminUrl);
    if (admin)
        (void)(*admin)->executeUnprepared(QStringLiteral("DROP DATABASE IF EXISTS ")
                                          + m_databaseName + QStringLiteral(" WITH (FORCE)"));
}

} // namespace rd::test
