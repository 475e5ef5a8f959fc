// Database URLs: the PostgreSQL TLS options (sslmode, sslrootcert) as written, the default for a
// host that is not this computer, the QPSQL connect options built from them, and what is refused.
#include "VerifyResult.h"
#include "database/DatabaseUrl.h"

#include <QtTest>

using namespace rd;

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void tlsOptions_data();
    void tlsOptions();
    void refused_data();
    void refused();
    void displayStringKeepsTheTlsOptions();
};

void TestDatabaseUrl::tlsOptions_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("loopback");
    QTest::addColumn<QString>("sslMode");
    QTest::addColumn<QString>("options");
    const QString base = QStringLiteral("connect_timeout=10;application_name=revocation-desk");
    QTest::newRow("remote host: verify-full by default")
        << QStringLiteral("postgresql://desk@db.natunakab.example/desk") << false
        << QStringLiteral("verify-full") << base + QStringLiteral(";sslmode=verify-full");
    QTest::newRow("remote address: verify-full by default")
        << QStringLiteral("postgresql://desk@10.20.0.5:5433/desk") << false
        << QStringLiteral("verify-full") << base + QStringLiteral(";sslmode=verify-full");
    QTest::newRow("loopback: libpq's default")
        << QStringLiteral("postgresql://desk@127.0.0.1/desk") << true << QString() << base;
    QTest::newRow("localhost: libpq's default")
        << QStringLiteral("postgresql://desk@localhost/desk") << true << QString() << base;
    QTest::newRow("IPv6 loopback")
        << QStringLiteral("postgresql://desk@[::1]/desk") << true << QString() << base;
    QTest::newRow("loopback, explicit disable")
        << QStringLiteral("postgresql://desk@127.0.0.1/desk?sslmode=disable") << true
        << QStringLiteral("disable") << base + QStringLiteral(";sslmode=disable");
    QTest::newRow("remote, explicit require")
        << QStringLiteral("postgresql://desk@db.natunakab.example/desk?sslmode=require") << false
        << QStringLiteral("require") << base + QStringLiteral(";sslmode=require");
    QTest::newRow("remote, verify-ca with a root certificate")
        << QStringLiteral("postgres://desk:secret@db.natunakab.example/desk?sslmode=verify-ca&"
                          "sslrootcert=/etc/revocation-desk/db-ca.pem")
        << false << QStringLiteral("verify-ca")
        << base + QStringLiteral(";sslmode=verify-ca;sslrootcert=/etc/revocation-desk/db-ca.pem");
    QTest::newRow("remote, root certificate only")
        << QStringLiteral("postgresql://desk@db.natunakab.example/desk?sslrootcert=/etc/ca.pem")
        << false << QStringLiteral("verify-full")
        << base + QStringLiteral(";sslmode=verify-full;sslrootcert=/etc/ca.pem");
}

void TestDatabaseUrl::tlsOptions()
{
    QFETCH(QString, url);
    QFETCH(bool, loopback);
    QFETCH(QString, sslMode);
    QFETCH(QString, options);
    auto parsed = DatabaseUrl::parse(url);
    RD_VERIFY_RESULT(parsed);
    QCOMPARE(parsed->isLoopback(), loopback);
    QCOMPARE(parsed->sslMode(), sslMode);
    QCOMPARE(parsed->postgresConnectOptions(), options);
}

void TestDatabaseUrl::refused_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("why");
    QTest::newRow("unknown sslmode")
        << QStringLiteral("postgresql://desk@db.example/desk?sslmode=maybe")
        << QStringLiteral("sslmode must be one of");
    QTest::newRow("root certificate path with a space")
        << QStringLiteral("postgresql://desk@db.example/desk?sslrootcert=/etc/my%20ca.pem")
        << QStringLiteral("sslrootcert must be");
    QTest::newRow("an option smuggled in the path") << QStringLiteral(
        "postgresql://desk@db.example/desk?sslrootcert=/etc/ca.pem%3Bsslmode%3Ddisable")
                                                    << QStringLiteral("sslrootcert must be");
    QTest::newRow("another libpq option")
        << QStringLiteral("postgresql://desk@db.example/desk?sslmode=require&sslcompression=1")
        << QStringLiteral("not \"sslcompression\"");
    QTest::newRow("empty") << QString() << QStringLiteral("Unknown database URL");
}

void TestDatabaseUrl::refused()
{
    QFETCH(QString, url);
    QFETCH(QString, why);
    auto parsed = DatabaseUrl::parse(url);
    QVERIFY(!parsed);
    QCOMPARE(parsed.error().code, ErrorCode::Usage);
    QVERIFY2(parsed.error().message.contains(why), qPrintable(parsed.error().message));
}

void TestDatabaseUrl::displayStringKeepsTheTlsOptions()
{
    auto parsed = DatabaseUrl::parse(
        QStringLiteral("postgresql://desk:secret@db.example:5433/desk?sslmode=verify-ca&"
                       "sslrootcert=/etc/ca.pem"));
    RD_VERIFY_RESULT(parsed);
    const QString shown = parsed->toDisplayString();
    QCOMPARE(shown,
             QStringLiteral("postgresql://desk@db.example:5433/desk?sslmode=verify-ca&"
                            "sslrootcert=/etc/ca.pem"));
    // What is shown (and kept in the settings) reads back the same.
    auto again = DatabaseUrl::parse(shown);
    RD_VERIFY_RESULT(again);
    QCOMPARE(again->postgresConnectOptions(), parsed->postgresConnectOptions());
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "TestDatabaseUrl.moc"
