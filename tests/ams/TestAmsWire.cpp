// What the AMS and Esign clients refuse on the wire, against real HTTP servers on loopback:
// plain http:// to another computer, a redirect that would carry the Authorization header to
// another origin, and answers larger than any answer of theirs.
#include "AwaitCall.h"
#include "TinyHttpServer.h"
#include "VerifyResult.h"
#include "ams/AmsSettings.h"
#include "ams/EsignStatusClient.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rd::test;

namespace {

const QString kNik = QStringLiteral("3203010101010002");
const QByteArray kIssue = QByteArrayLiteral(R"({"status_code":1111,"status":"ISSUE"})");

} // namespace

class TestAmsWire : public QObject
{
    Q_OBJECT

private slots:
    void plainHttpOnlyToLoopback();
    void settingsRefusePlainHttpToAnotherComputer();
    void redirectToAnotherOriginIsNotFollowed();
    void oversizedAnswerIsRefused();
    void announcedOversizedAnswerIsRefusedAtOnce();

private:
    Result<EsignStatus> askEsign(const QUrl &url, int timeoutMs = 5000)
    {
        EsignStatusClient client(m_network, url, EsignApiVersion::V1);
        client.setCredentials(QStringLiteral("operator"), QStringLiteral("rahasia"));
        client.setPolicy({timeoutMs, 1, 100});
        return awaitCall<EsignStatus>([&](auto done) { client.statusByNik(kNik, done); }, 20000);
    }

    QNetworkAccessManager m_network;
};

void TestAmsWire::plainHttpOnlyToLoopback()
{
    TinyHttpServer server;
    server.setContentType("application/json");
    server.setBody(kIssue);
    QVERIFY(server.listen());
    auto local = askEsign(server.url(QString()));
    RD_VERIFY_RESULT(local);
    QCOMPARE(local->status, QStringLiteral("ISSUE"));
    QVERIFY(server.lastRequest().contains("Authorization: Basic "));

    // TEST-NET-2 (RFC 5737): refused before a connection is tried.
    QElapsedTimer clock;
    clock.start();
    auto remote = askEsign(QUrl(QStringLiteral("http://198.51.100.7:%1/").arg(9)), 3000);
    QVERIFY(!remote);
    QVERIFY2(clock.elapsed() < 1000, "refused without trying to connect");
    QCOMPARE(remote.error().code, ErrorCode::InvalidInput);
    QVERIFY2(remote.error().message.contains(QLatin1String("https://")),
             qPrintable(remote.error().message));
}

void TestAmsWire::settingsRefusePlainHttpToAnotherComputer()
{
    QTemporaryDir dir;
    QSettings ini(dir.filePath(QStringLiteral("rd.ini")), QSettings::IniFormat);
    AmsSettings settings(ini);
    for (const QString &key : {QStringLiteral("ams/url"), QStringLiteral("esign/url")}) {
        ini.setValue(key, QStringLiteral("http://ams.bsre.example/"));
        auto refused = settings.validate();
        QVERIFY2(!refused, qPrintable(key));
        QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
        QVERIFY(refused.error().message.contains(key));
        ini.setValue(key, QStringLiteral("http://127.0.0.1:8080/"));
        RD_VERIFY_RESULT(settings.validate());
        ini.setValue(key, QStringLiteral("https://ams.bsre.example/"));
        RD_VERIFY_RESULT(settings.validate());
    }
}

void TestAmsWire::redirectToAnotherOriginIsNotFollowed()
{
    // Another port on the same machine is another origin already.
    TinyHttpServer elsewhere;
    elsewhere.setContentType("application/json");
    elsewhere.setBody(kIssue);
    QVERIFY(elsewhere.listen());
    TinyHttpServer server;
    server.setContentType("application/json");
    server.setBody(kIssue);
    QVERIFY(server.listen());
    const QString path = QStringLiteral("/api/user/status/") + kNik;
    server.setRedirect(path, elsewhere.url(path));

    auto redirected = askEsign(server.url(QString()));
    QVERIFY2(!redirected, "a redirect to another origin must not be followed");
    QCOMPARE(server.requests(), 1);
    QCOMPARE(elsewhere.requests(), 0);
    QVERIFY2(redirected.error().message.contains(elsewhere.url(path).toDisplayString()),
             qPrintable(redirected.error().message));

    // Within the same origin a redirect is followed, credentials and all.
    server.setRedirect(QStringLiteral("/old") + path, server.url(path));
    auto followed = askEsign(server.url(QStringLiteral("/old")));
    RD_VERIFY_RESULT(followed);
    QCOMPARE(server.requests(), 3);
    QVERIFY(server.lastRequest().contains("Authorization: Basic "));
}

void TestAmsWire::oversizedAnswerIsRefused()
{
    // Well-formed JSON that would parse, only far too large.
    QByteArray body = kIssue;
    body.chop(1);
    body += ",\"padding\":\"" + QByteArray(int(AmsHttpClient::MaximumAnswerSize), 'x') + "\"}";
    TinyHttpServer server;
    server.setContentType("application/json");
    server.setBody(body);
    QVERIFY(server.listen());
    auto answer = askEsign(server.url(QString()));
    QVERIFY2(!answer, "an answer over the limit must not be read");
    QCOMPARE(answer.error().code, ErrorCode::Io);
    QVERIFY2(answer.error().message.contains(QLatin1String("1 MiB")),
             qPrintable(answer.error().message));
}

void TestAmsWire::announcedOversizedAnswerIsRefusedAtOnce()
{
    // 50 MiB announced, a few bytes sent, the connection held open: refused on the header,
    // not after the timeout.
    TinyHttpServer server;
    server.setContentType("application/json");
    server.setBody(kIssue);
    server.setAnnouncedLength(50LL * 1024 * 1024);
    QVERIFY(server.listen());
    QElapsedTimer clock;
    clock.start();
    auto answer = askEsign(server.url(QString()), 8000);
    QVERIFY(!answer);
    QVERIFY2(clock.elapsed() < 4000, "refused on the announced length");
    QCOMPARE(answer.error().code, ErrorCode::Io);
    QVERIFY2(answer.error().message.contains(QLatin1String("1 MiB")),
             qPrintable(answer.error().message));
}

QTEST_GUILESS_MAIN(TestAmsWire)
#include "TestAmsWire.moc"
