// sslmode reaches libpq: against the test server (loopback, no TLS) an explicit
// sslmode=disable connects, and sslmode=require or verify-full is refused with a message that
// says TLS is what is missing, instead of being dropped from the URL and connecting in clear.
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "database/Database.h"

#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;

class TestDatabaseTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loopbackWithSslModeDisableConnects();
    void requiredTlsIsRefusedClearly_data();
    void requiredTlsIsRefusedClearly();

private:
    QString m_server;
};

void TestDatabaseTls::initTestCase()
{
    QString why;
    m_server = TestDatabase::postgresServerUrl(&why);
    QVERIFY2(!m_server.isEmpty(), qPrintable(why));
}

void TestDatabaseTls::loopbackWithSslModeDisableConnects()
{
    auto url = DatabaseUrl::parse(m_server + QStringLiteral("?sslmode=disable"));
    RD_VERIFY_RESULT(url);
    QVERIFY(url->isLoopback());
    auto database = Database::open(*url);
    RD_VERIFY_RESULT(database);
    auto ssl = (*database)->scalar(QStringLiteral("SELECT ssl FROM pg_stat_ssl "
                                                  "WHERE pid = pg_backend_pid()"));
    RD_VERIFY_RESULT(ssl);
    QCOMPARE(ssl->toBool(), false);
}

void TestDatabaseTls::requiredTlsIsRefusedClearly_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("require") << QStringLiteral("require");
    QTest::newRow("verify-full") << QStringLiteral("verify-full");
}

void TestDatabaseTls::requiredTlsIsRefusedClearly()
{
    QFETCH(QString, mode);
    auto url = DatabaseUrl::parse(m_server + QStringLiteral("?sslmode=") + mode);
    RD_VERIFY_RESULT(url);
    auto database = Database::open(*url);
    QVERIFY2(!database, "connected in clear although the URL asked for TLS");
    QCOMPARE(database.error().code, ErrorCode::DatabaseUnavailable);
    QVERIFY2(database.error().message.contains(QStringLiteral("TLS (sslmode=%1)").arg(mode)),
             qPrintable(database.error().toString()));
}

QTEST_GUILESS_MAIN(TestDatabaseTls)
#include "TestDatabaseTls.moc"
