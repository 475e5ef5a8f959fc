// Which hosts count as this computer, where a password or a message may go in plain text.
#include "core/NetworkHost.h"

#include <QTest>

using namespace rd;

class TestNetworkHost : public QObject
{
    Q_OBJECT

private slots:
    void loopback_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("loopback");
        QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
        QTest::newRow("127.8.9.10") << QStringLiteral("127.8.9.10") << true;
        QTest::newRow("::1") << QStringLiteral("::1") << true;
        QTest::newRow("[::1]") << QStringLiteral("[::1]") << true;
        QTest::newRow("IPv4-mapped") << QStringLiteral("::ffff:127.0.0.1") << true;
        QTest::newRow("localhost") << QStringLiteral("localhost") << true;
        QTest::newRow("LOCALHOST.") << QStringLiteral("LOCALHOST.") << true;
        QTest::newRow("128.0.0.1") << QStringLiteral("128.0.0.1") << false;
        QTest::newRow("10.0.0.1") << QStringLiteral("10.0.0.1") << false;
        QTest::newRow("0.0.0.0") << QStringLiteral("0.0.0.0") << false;
        QTest::newRow("::") << QStringLiteral("::") << false;
        QTest::newRow("mapped other") << QStringLiteral("::ffff:10.0.0.1") << false;
        QTest::newRow("localhost.example") << QStringLiteral("localhost.example") << false;
        QTest::newRow("127.0.0.1.nip.io") << QStringLiteral("127.0.0.1.nip.io") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void loopback()
    {
        QFETCH(QString, host);
        QFETCH(bool, loopback);
        QCOMPARE(NetworkHost::isLoopback(host), loopback);
    }

    void credentials_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("https remote") << QStringLiteral("https://ams.bsre.example/") << true;
        QTest::newRow("http loopback") << QStringLiteral("http://127.0.0.1:8080/") << true;
        QTest::newRow("http [::1]") << QStringLiteral("http://[::1]:8080/") << true;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost/") << true;
        QTest::newRow("http remote") << QStringLiteral("http://ams.bsre.example/") << false;
        QTest::newRow("ftp loopback") << QStringLiteral("ftp://127.0.0.1/") << false;
        QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false;
    }
    void credentials()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(NetworkHost::allowsCredentials(QUrl(url)), allowed);
    }
};

QTEST_GUILESS_MAIN(TestNetworkHost)
#include "TestNetworkHost.moc"
