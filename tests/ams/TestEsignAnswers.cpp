#include "VerifyResult.h"
#include "ams/EsignStatusClient.h"

#include <QFile>
#include <QTest>

using namespace rd;

// The Esign client reads BSrE's answers as tests/ams/fixtures/ has them, written from the SOP's
// documentation of the service (not recorded from it).
class TestEsignAnswers : public QObject
{
    Q_OBJECT

private:
    static QByteArray fixture(const QString &name)
    {
        QFile file(QStringLiteral(ESIGN_FIXTURES "/") + name);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", qPrintable(name));
        return file.readAll();
    }

private slots:
    void statuses_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("api");
        QTest::addColumn<QString>("status");
        QTest::addColumn<int>("code");
        QTest::newRow("v1 ISSUE") << QStringLiteral("v1-status-issue.json") << QStringLiteral("v1")
                                  << QStringLiteral("ISSUE") << 1111;
        QTest::newRow("v1 REVOKE") << QStringLiteral("v1-status-revoke.json")
                                   << QStringLiteral("v1") << QStringLiteral("REVOKE") << 1111;
        QTest::newRow("v1 EXPIRED") << QStringLiteral("v1-status-expired.json")
                                    << QStringLiteral("v1") << QStringLiteral("EXPIRED") << 1111;
        QTest::newRow("v1 RENEW") << QStringLiteral("v1-status-renew.json") << QStringLiteral("v1")
                                  << QStringLiteral("RENEW") << 1111;
        QTest::newRow("v1 NOT_REGISTERED")
            << QStringLiteral("v1-status-not-registered.json") << QStringLiteral("v1")
            << QStringLiteral("NOT_REGISTERED") << 1110;
        QTest::newRow("v2 NOT_REGISTERED")
            << QStringLiteral("v2-status-not-registered.json") << QStringLiteral("v2")
            << QStringLiteral("NOT_REGISTERED") << 2011;
        QTest::newRow("v2 NO_CERTIFICATE")
            << QStringLiteral("v2-status-no-certificate.json") << QStringLiteral("v2")
            << QStringLiteral("NO_CERTIFICATE") << 2021;
    }
    void statuses()
    {
        QFETCH(QString, file);
        QFETCH(QString, api);
        QFETCH(QString, status);
        QFETCH(int, code);
        auto parsed = EsignStatusClient::parseStatus(200, fixture(file), api);
        RD_VERIFY_RESULT(parsed);
        QCOMPARE(parsed->status, status);
        QCOMPARE(parsed->statusCode, code);
        QCOMPARE(parsed->api, api);
    }

    void codesWithoutWords()
    {
        // The codes the SOP names say the word when an answer leaves it out.
        auto v2
            = EsignStatusClient::parseStatus(200, R"({"status_code":2021})", QStringLiteral("v2"));
        QVERIFY(v2.has_value());
        QCOMPARE(v2->status, QStringLiteral("NO_CERTIFICATE"));
        auto v1 = EsignStatusClient::parseStatus(200, R"({"status_code":"1110"})",
                                                 QStringLiteral("v1"));
        QVERIFY(v1.has_value());
        QCOMPARE(v1->status, QStringLiteral("NOT_REGISTERED"));
    }

    void profile()
    {
        auto profile
            = EsignStatusClient::parseProfile(200, fixture(QStringLiteral("v1-profile.json")));
        QVERIFY(profile.has_value());
        QCOMPARE(profile->nik, QStringLiteral("3203010101010001"));
        QCOMPARE(profile->certificates.size(), std::size_t(1));
        QCOMPARE(profile->certificates.front().validUntil, QDate(2028, 10, 27));
        QCOMPARE(profile->certificates.front().status, QStringLiteral("ISSUE"));
    }

    void refusals_data()
    {
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("code");
        QTest::newRow("not JSON") << 200 << QByteArray("<html>ok</html>")
                                  << int(ErrorCode::Internal);
        QTest::newRow("unknown word")
            << 200 << QByteArray(R"({"status_code":1111,"status":"MAYBE"})")
            << int(ErrorCode::Internal);
        QTest::newRow("empty object") << 200 << QByteArray("{}") << int(ErrorCode::Internal);
        QTest::newRow("array") << 200 << QByteArray("[1,2]") << int(ErrorCode::Internal);
        QTest::newRow("401") << 401 << QByteArray(R"({"message":"Unauthorized"})")
                             << int(ErrorCode::AuthenticationFailed);
        QTest::newRow("500 HTML") << 500 << QByteArray("<html>Internal Server Error</html>")
                                  << int(ErrorCode::Io);
    }
    void refusals()
    {
        QFETCH(int, httpStatus);
        QFETCH(QByteArray, body);
        QFETCH(int, code);
        auto parsed = EsignStatusClient::parseStatus(httpStatus, body, QStringLiteral("v1"));
        QVERIFY(!parsed.has_value());
        QCOMPARE(int(parsed.error().code), code);
        QVERIFY(!parsed.error().message.isEmpty());
    }

    void profileRefusals()
    {
        QVERIFY(
            !EsignStatusClient::parseProfile(
                 200, R"({"success":true,"data":{"sertifikat":[{"berlaku_sampai":"2028-10-27"}]}})")
                 .has_value());
        auto missing = EsignStatusClient::parseProfile(404, R"({"success":false,"message":"x"})");
        QVERIFY(!missing.has_value());
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestEsignAnswers)
#include "TestEsignAnswers.moc"
