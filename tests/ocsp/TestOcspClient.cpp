// OcspClient and RevocationStatusChecker against OpenSSL's real OCSP responder
// (`openssl ocsp -index ... -port 0`) serving a test CA made at test time.

#include "AwaitCall.h"
#include "RevocationTestPki.h"
#include "TestDatabase.h"
#include "TinyHttpServer.h"
#include "VerifyResult.h"
#include "core/Clock.h"
#include "demo/DemoCertificateAuthority.h"
#include "status/CertificateRevocationList.h"
#include "status/OcspClient.h"
#include "status/RevocationStatusChecker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rd::test;

namespace {

QDateTime wholeSeconds(const QDateTime &time)
{
    return QDateTime::fromSecsSinceEpoch(time.toSecsSinceEpoch(), Qt::UTC);
}

} // namespace

class TestOcspClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void good();
    void revokedWithReason_data();
    void revokedWithReason();
    void unknownSerial();
    void usesTheCertificatesOwnResponder();
    void responderStoppedIsAnError();
    void responseSignedByAnotherCaIsAnError();
    void delegatedResponder_data();
    void delegatedResponder();
    void staleAnswerIsAnError();
    void nonceOfAnotherRequestIsAnError();
    void garbageResponseIsAnError();
    void silentResponderTimesOut();
    void oversizedAnswerIsRefused();
    void notIssuedByTheIssuer();
    void checkerFallsBackToTheCrl();
    void checkerReportsEveryFailure();

private:
    Result<RevocationStatus> ask(const TestCertificate &certificate, const QUrl &url,
                                 int timeoutMilliseconds = 10000);
    QString startResponder(OcspResponder &responder, const QString &signerName,
                           const TestCertificate &signer);

    QTemporaryDir m_folder;
    std::optional<RevocationTestPki> m_pki;
    QNetworkAccessManager m_network;
    // One responder for the plain cases: good, revoked with several reasons, and unknown.
    OcspResponder m_responder;
    std::vector<TestCertificate> m_holders;
    QDateTime m_revokedAt;
};

void TestOcspClient::initTestCase()
{
    QVERIFY(m_folder.isValid());
    auto pki = RevocationTestPki::create(m_folder.path());
    RD_VERIFY_RESULT(pki);
    m_pki.emplace(std::move(*pki));
    // 0 good, 1..5 revoked (keyCompromise, affiliationChanged, superseded,
    // cessationOfOperation, no reason), 6 not in the index at all.
    for (int i = 0; i < 7; ++i) {
        auto holder = m_pki->holder(QStringLiteral("Holder %1").arg(i));
        RD_VERIFY_RESULT(holder);
        m_holders.push_back(std::move(*holder));
    }
    m_revokedAt = wholeSeconds(QDateTime::currentDateTimeUtc().addDays(-3));
    const QStringList reasons {QString(),
                               QStringLiteral("keyCompromise"),
                               QStringLiteral("affiliationChanged"),
                               QStringLiteral("superseded"),
                               QStringLiteral("cessationOfOperation"),
                               QString()};
    std::vector<IndexEntry> index;
    for (int i = 0; i < 6; ++i)
        index.push_back(
            {RevocationTestPki::indexSerial(m_holders[size_t(i)]), i > 0, m_revokedAt, reasons[i]});
    auto started = m_responder.start(m_folder.path(), m_pki->caPath, m_pki->caPath,
                                     m_folder.filePath(QStringLiteral("ca.key")), index);
    RD_VERIFY_RESULT(started);
}

void TestOcspClient::cleanup()
{
    Clock::setFixedUtc({});
}

Result<RevocationStatus> TestOcspClient::ask(const TestCertificate &certificate, const QUrl &url,
                                             int timeoutMilliseconds)
{
    OcspClient client(&m_network);
    client.setTimeout(timeoutMilliseconds);
    return awaitCall<RevocationStatus>(
        [&](auto done) {
            client.check(RevocationTestPki::wrap(certificate), RevocationTestPki::wrap(m_pki->ca),
                         url, done);
        },
        timeoutMilliseconds + 10000);
}

QString TestOcspClient::startResponder(OcspResponder &responder, const QString &signerName,
                                       const TestCertificate &signer)
{
    const QString signerPath = m_pki->write(signerName, signer);
    std::vector<IndexEntry> index {{RevocationTestPki::indexSerial(m_holders[0]), false, {}, {}}};
    auto started = responder.start(m_folder.path(), m_pki->caPath, signerPath,
                                   m_folder.filePath(signerName + QStringLiteral(".key")), index);
    return started ? QString() : started.error().toString();
}

void TestOcspClient::good()
{
    const QDateTime before = wholeSeconds(QDateTime::currentDateTimeUtc());
    auto status = ask(m_holders[0], m_responder.url());
    RD_VERIFY_RESULT(status);
    QCOMPARE(status->state, RevocationStatus::State::Good);
    QCOMPARE(status->source, RevocationStatus::Source::Ocsp);
    QCOMPARE(status->nonce, QStringLiteral("verified"));
    QCOMPARE(status->signerDn, RevocationTestPki::wrap(m_pki->ca).subjectDn());
    QCOMPARE(status->serialHex, RevocationTestPki::wrap(m_holders[0]).serialHex());
    QCOMPARE(status->reasonCode, RevocationStatus::NoReason);
    QVERIFY(!status->revokedAt.isValid());
    QVERIFY(status->thisUpdate >= before.addSecs(-5));
    QCOMPARE(status->nextUpdate, status->thisUpdate.addSecs(5 * 60));
    QVERIFY(status->producedAt.isValid());
    QCOMPARE(status->toJson().value(QStringLiteral("status")).toString(), QStringLiteral("good"));
}

void TestOcspClient::revokedWithReason_data()
{
    QTest::addColumn<int>("holder");
    QTest::addColumn<int>("reasonCode");
    QTest::addColumn<QString>("reasonName");
    QTest::newRow("keyCompromise") << 1 << 1 << QStringLiteral("keyCompromise");
    QTest::newRow("affiliationChanged") << 2 << 3 << QStringLiteral("affiliationChanged");
    QTest::newRow("superseded") << 3 << 4 << QStringLiteral("superseded");
    QTest::newRow("cessationOfOperation") << 4 << 5 << QStringLiteral("cessationOfOperation");
    QTest::newRow("no reason given") << 5 << RevocationStatus::NoReason << QString();
}

void TestOcspClient::revokedWithReason()
{
    QFETCH(int, holder);
    QFETCH(int, reasonCode);
    QFETCH(QString, reasonName);
    auto status = ask(m_holders[size_t(holder)], m_responder.url());
    RD_VERIFY_RESULT(status);
    QCOMPARE(status->state, RevocationStatus::State::Revoked);
    QCOMPARE(status->revokedAt, m_revokedAt);
    QCOMPARE(status->reasonCode, reasonCode);
    QCOMPARE(RevocationStatus::reasonName(status->reasonCode), reasonName);
    const QJsonObject json = status->toJson();
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
    QCOMPARE(json.value(QStringLiteral("revoked_at")).toString(),
             m_revokedAt.toString(Qt::ISODate));
}

void TestOcspClient::unknownSerial()
{
    auto status = ask(m_holders[6], m_responder.url());
    RD_VERIFY_RESULT(status);
    QCOMPARE(status->state, RevocationStatus::State::Unknown);
}

void TestOcspClient::usesTheCertificatesOwnResponder()
{
    auto holder = m_pki->holder(QStringLiteral("With AIA"), m_responder.url().toString());
    RD_VERIFY_RESULT(holder);
    auto status = ask(*holder, QUrl());
    RD_VERIFY_RESULT(status);
    QCOMPARE(status->location, m_responder.url().toString());
    QCOMPARE(status->state, RevocationStatus::State::Unknown); // not in the index

    auto without = ask(m_holders[0], QUrl());
    QVERIFY(!without);
    QCOMPARE(without.error().code, ErrorCode::InvalidInput);
}

void TestOcspClient::responderStoppedIsAnError()
{
    OcspResponder responder;
    const QString failure = startResponder(responder, QStringLiteral("ca"), m_pki->ca);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QUrl url = responder.url();
    auto before = ask(m_holders[0], url);
    RD_VERIFY_RESULT(before);
    QCOMPARE(before->state, RevocationStatus::State::Good);

    responder.stop();
    auto after = ask(m_holders[0], url);
    QVERIFY(!after);
    QCOMPARE(after.error().code, ErrorCode::Io);
}

void TestOcspClient::responseSignedByAnotherCaIsAnError()
{
    OcspResponder responder;
    const QString failure = startResponder(responder, QStringLiteral("other-ca"), m_pki->otherCa);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    auto status = ask(m_holders[0], responder.url());
    QVERIFY2(!status, "an answer signed by a stranger must not count");
    QCOMPARE(status.error().code, ErrorCode::Crypto);
}

void TestOcspClient::delegatedResponder_data()
{
    QTest::addColumn<bool>("issuedByTheCa");
    QTest::addColumn<bool>("ocspSigning");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("issued by the CA, id-kp-OCSPSigning") << true << true << true;
    QTest::newRow("issued by the CA, no id-kp-OCSPSigning") << true << false << false;
    QTest::newRow("issued by another CA, id-kp-OCSPSigning") << false << true << false;
}

void TestOcspClient::delegatedResponder()
{
    QFETCH(bool, issuedByTheCa);
    QFETCH(bool, ocspSigning);
    QFETCH(bool, accepted);
    auto signer = m_pki->ocspSigner(issuedByTheCa ? m_pki->ca : m_pki->otherCa, ocspSigning);
    RD_VERIFY_RESULT(signer);
    OcspResponder responder;
    const QString failure = startResponder(
        responder, QStringLiteral("signer-%1-%2").arg(issuedByTheCa).arg(ocspSigning), *signer);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    auto status = ask(m_holders[0], responder.url());
    if (accepted) {
        RD_VERIFY_RESULT(status);
        QCOMPARE(status->state, RevocationStatus::State::Good);
        QCOMPARE(status->signerDn, RevocationTestPki::wrap(*signer).subjectDn());
    } else {
        QVERIFY2(!status, "an unauthorised responder's answer must not count");
        QCOMPARE(status.error().code, ErrorCode::Crypto);
    }
}

void TestOcspClient::staleAnswerIsAnError()
{
    // The responder's answers are valid for five minutes; an hour later they are stale.
    Clock::setFixedUtc(QDateTime::currentDateTimeUtc().addSecs(3600));
    auto status = ask(m_holders[0], m_responder.url());
    QVERIFY2(!status, "a stale answer must not count");
    QCOMPARE(status.error().code, ErrorCode::Crypto);
    QVERIFY2(status.error().message.contains(QStringLiteral("stale")),
             qPrintable(status.error().message));

    // And one dated well ahead of our clock is refused too.
    Clock::setFixedUtc(QDateTime::currentDateTimeUtc().addSecs(-3600));
    auto early = ask(m_holders[0], m_responder.url());
    QVERIFY(!early);
    QCOMPARE(early.error().code, ErrorCode::Crypto);
}

void TestOcspClient::nonceOfAnotherRequestIsAnError()
{
    const Certificate certificate = RevocationTestPki::wrap(m_holders[0]);
    const Certificate issuer = RevocationTestPki::wrap(m_pki->ca);
    auto first = OcspClient::buildRequest(certificate, issuer);
    auto second = OcspClient::buildRequest(certificate, issuer);
    QVERIFY2(first && second, "building the requests failed");
    QVERIFY(first->der != second->der); // fresh nonces

    QNetworkRequest request(m_responder.url());
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/ocsp-request"));
    std::unique_ptr<QNetworkReply> reply(m_network.post(request, first->der));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QByteArray answer = reply->readAll();
    const QDateTime now = QDateTime::currentDateTimeUtc();

    auto matching = OcspClient::evaluate(answer, *first, certificate, issuer, {}, now);
    RD_VERIFY_RESULT(matching);
    QCOMPARE(matching->state, RevocationStatus::State::Good);
    auto replayed = OcspClient::evaluate(answer, *second, certificate, issuer, {}, now);
    QVERIFY2(!replayed, "an answer to another request must not count");
    QCOMPARE(replayed.error().code, ErrorCode::Crypto);
    QVERIFY(replayed.error().message.contains(QStringLiteral("nonce")));
}

void TestOcspClient::garbageResponseIsAnError()
{
    const Certificate certificate = RevocationTestPki::wrap(m_holders[0]);
    const Certificate issuer = RevocationTestPki::wrap(m_pki->ca);
    auto request = OcspClient::buildRequest(certificate, issuer);
    QVERIFY(request);
    for (const QByteArray &garbage :
         {QByteArray(), QByteArrayLiteral("<html>Service Unavailable</html>"),
          QByteArray::fromHex("3003020101"), request->der}) {
        auto status = OcspClient::evaluate(garbage, *request, certificate, issuer, {},
                                           QDateTime::currentDateTimeUtc());
        QVERIFY2(!status, garbage.toHex().constData());
        QCOMPARE(status.error().code, ErrorCode::Crypto);
    }
}

void TestOcspClient::silentResponderTimesOut()
{
    TinyHttpServer server;
    server.setSilent(true);
    QVERIFY(server.listen());
    auto status = ask(m_holders[0], server.url(QStringLiteral("/ocsp")), 500);
    QVERIFY(!status);
    QCOMPARE(status.error().code, ErrorCode::Io);
}

void TestOcspClient::oversizedAnswerIsRefused()
{
    // 100 KiB sent, then 50 MiB only announced with the connection held open: both refused
    // for their size, the second on the header rather than at the timeout.
    for (const qint64 announced : {qint64(-1), qint64(50) * 1024 * 1024}) {
        TinyHttpServer server;
        server.setContentType("application/ocsp-response");
        server.setBody(QByteArray(announced < 0 ? 100 * 1024 : 16, '\x30'));
        server.setAnnouncedLength(announced);
        QVERIFY(server.listen());
        QElapsedTimer clock;
        clock.start();
        auto status = ask(m_holders[0], server.url(QStringLiteral("/ocsp")), 8000);
        QVERIFY(!status);
        QVERIFY2(clock.elapsed() < 4000, "refused for its size, not for the time");
        QCOMPARE(status.error().code, ErrorCode::Io);
        QVERIFY2(
            status.error().message.contains(QLatin1String("64 KiB"))
                && status.error().message.contains(server.url(QStringLiteral("/ocsp")).toString()),
            qPrintable(status.error().message));
    }
}

void TestOcspClient::notIssuedByTheIssuer()
{
    auto stranger = m_pki->holder(QStringLiteral("Stranger"), {}, {}, &m_pki->otherCa);
    QVERIFY(stranger);
    auto status = ask(*stranger, m_responder.url());
    QVERIFY(!status);
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
}

void TestOcspClient::checkerFallsBackToTheCrl()
{
    auto authority = DemoCertificateAuthority::load(
        m_pki->ca.pem(), TestCertificates::privateKeyPem(m_pki->ca.key.get()));
    RD_VERIFY_RESULT(authority);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto crl = authority->crl({{RevocationTestPki::wrap(m_holders[1]).serialHex(), m_revokedAt, 1}},
                              now.addSecs(-60), now.addDays(1), 7);
    RD_VERIFY_RESULT(crl);
    const QString crlPath = m_folder.filePath(QStringLiteral("fallback.crl"));
    QFile file(crlPath);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(*crl) == crl->size());
    file.close();

    OcspResponder stopped;
    const QString failure = startResponder(stopped, QStringLiteral("ca"), m_pki->ca);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QUrl down = stopped.url();
    stopped.stop();

    RevocationStatusChecker checker(&m_network);
    const auto result = awaitCall<RevocationStatus>([&](auto done) {
        checker.check(RevocationTestPki::wrap(m_holders[1]), RevocationTestPki::wrap(m_pki->ca),
                      {down, crlPath}, done);
    });
    RD_VERIFY_RESULT(result);
    QCOMPARE(result->source, RevocationStatus::Source::Crl);
    QCOMPARE(result->state, RevocationStatus::State::Revoked);
    QCOMPARE(result->reasonCode, 1);
    QCOMPARE(result->crlNumber, 7);
    QCOMPARE(checker.failedAttempts().size(), size_t(1));
    QCOMPARE(checker.failedAttempts().front().source, RevocationStatus::Source::Ocsp);

    // With a live responder the OCSP answer decides and the CRL is not read.
    RevocationStatusChecker live(&m_network);
    const auto liveResult = awaitCall<RevocationStatus>([&](auto done) {
        live.check(RevocationTestPki::wrap(m_holders[1]), RevocationTestPki::wrap(m_pki->ca),
                   {m_responder.url(), QStringLiteral("/nonexistent.crl")}, done);
    });
    RD_VERIFY_RESULT(liveResult);
    QCOMPARE(liveResult->source, RevocationStatus::Source::Ocsp);
    QCOMPARE(liveResult->state, RevocationStatus::State::Revoked);
    QVERIFY(live.failedAttempts().empty());
}

void TestOcspClient::checkerReportsEveryFailure()
{
    OcspResponder stopped;
    const QString failure = startResponder(stopped, QStringLiteral("ca"), m_pki->ca);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
    const QUrl down = stopped.url();
    stopped.stop();

    RevocationStatusChecker checker(&m_network);
    const auto result = awaitCall<RevocationStatus>([&](auto done) {
        checker.check(RevocationTestPki::wrap(m_holders[0]), RevocationTestPki::wrap(m_pki->ca),
                      {down, m_folder.filePath(QStringLiteral("missing.crl"))}, done);
    });
    QVERIFY2(!result, "no source answered, so there is no status");
    QCOMPARE(checker.failedAttempts().size(), size_t(2));
    QVERIFY(result.error().message.contains(QStringLiteral("OCSP")));
    QVERIFY(result.error().message.contains(QStringLiteral("CRL")));
    // Where each source was asked.
    QVERIFY2(result.error().message.contains(down.toString())
                 && result.error().message.contains(QStringLiteral("missing.crl")),
             qPrintable(result.error().message));
}

QTEST_GUILESS_MAIN(TestOcspClient)
#include "TestOcspClient.moc"
