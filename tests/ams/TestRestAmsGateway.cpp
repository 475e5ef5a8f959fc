#include "AmsTestSupport.h"
#include "SimulatorProcess.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "ams/EsignStatusClient.h"
#include "ams/RestAmsGateway.h"
#include "ams/Totp.h"
#include "certificates/Certificate.h"
#include "status/CertificateRevocationList.h"
#include "status/OcspClient.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QUuid>

using namespace rd;
using namespace rd::test;

// The REST gateway and the Esign client against the AMS simulator as a real process, and the
// simulator's OCSP, CRL and index.txt checked with the certificate services and with OpenSSL.
class TestRestAmsGateway : public QObject
{
    Q_OBJECT

private:
    SimulatorProcess m_simulator;
    QNetworkAccessManager m_network;
    std::unique_ptr<RestAmsGateway> m_gateway;

    static QString currentCode()
    {
        return Totp::code(*Totp::decodeBase32(QString::fromLatin1(SimulatorProcess::TotpSecret)),
                          QDateTime::currentDateTimeUtc());
    }

    std::unique_ptr<RestAmsGateway> loggedInGateway(const QUrl &url)
    {
        auto gateway = std::make_unique<RestAmsGateway>(m_network, url);
        gateway->setPolicy({10000, 3, 100});
        gateway->setCredentials({QString::fromLatin1(SimulatorProcess::OperatorName),
                                 QString::fromLatin1(SimulatorProcess::OperatorPassword),
                                 QString::fromLatin1(SimulatorProcess::TotpSecret)});
        return gateway;
    }

    Result<AmsRequestRecord> fileFor(const QString &nik, const QString &serial)
    {
        AmsRevocationFiling filing {nik,
                                    serial,
                                    5,
                                    QStringLiteral("Purna tugas"),
                                    {QStringLiteral("surat-keterangan.pdf"), statementLetterPdf()}};
        return awaitCall<AmsRequestRecord>([&](auto done) {
            m_gateway->fileRevocationRequest(filing, QUuid::createUuid().toString(), done);
        });
    }

    Result<AmsCertificate> firstCertificate(const QString &nik)
    {
        auto list = awaitCall<std::vector<AmsCertificate>>(
            [&](auto done) { m_gateway->listCertificates(nik, done); });
        if (!list)
            return errorOf(list);
        if (list->empty())
            return fail(ErrorCode::NotFound, QStringLiteral("no certificate"));
        return list->front();
    }

    std::unique_ptr<EsignStatusClient> esign(EsignApiVersion api)
    {
        auto client = std::make_unique<EsignStatusClient>(m_network, m_simulator.url(), api);
        client->setCredentials(QString::fromLatin1(SimulatorProcess::EsignName),
                               QString::fromLatin1(SimulatorProcess::EsignPassword));
        return client;
    }

private slots:
    void initTestCase()
    {
        const QString why = m_simulator.start({QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        m_gateway = loggedInGateway(m_simulator.url());
    }

    void cleanupTestCase()
    {
        m_gateway.reset();
        m_simulator.stop();
    }

    void ping()
    {
        auto health = awaitCall<AmsHealth>([&](auto done) { m_gateway->ping(done); });
        RD_VERIFY_RESULT(health);
        QCOMPARE(health->status, QStringLiteral("ok"));
        QCOMPARE(health->apiVersion, QStringLiteral("1"));
    }

    void logIn()
    {
        RestAmsGateway gateway(m_network, m_simulator.url());
        const QString user = QString::fromLatin1(SimulatorProcess::OperatorName);
        const QString password = QString::fromLatin1(SimulatorProcess::OperatorPassword);

        auto wrongPassword = awaitCall<void>(
            [&](auto done) { gateway.logIn(user, QStringLiteral("salah"), currentCode(), done); });
        QVERIFY(!wrongPassword);
        QCOMPARE(wrongPassword.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY2(wrongPassword.error().message.contains(QStringLiteral("password")),
                 qPrintable(wrongPassword.error().message));
        QVERIFY(RestAmsGateway::isWrongPassword(wrongPassword.error()));
        QVERIFY(!RestAmsGateway::isWrongOneTimeCode(wrongPassword.error()));
        QCOMPARE(RestAmsGateway::amsErrorCode(wrongPassword.error()),
                 QStringLiteral("invalid_credentials"));

        // A code ten steps away is never accepted, even with the right password.
        const QByteArray key
            = *Totp::decodeBase32(QString::fromLatin1(SimulatorProcess::TotpSecret));
        const QString stale = Totp::code(key, QDateTime::currentDateTimeUtc().addSecs(-300));
        QVERIFY(!Totp::verify(key, stale, QDateTime::currentDateTimeUtc()));
        auto wrongCode
            = awaitCall<void>([&](auto done) { gateway.logIn(user, password, stale, done); });
        QVERIFY(!wrongCode);
        QCOMPARE(wrongCode.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY2(wrongCode.error().message.contains(QStringLiteral("one-time code")),
                 qPrintable(wrongCode.error().message));
        QVERIFY(RestAmsGateway::isWrongOneTimeCode(wrongCode.error()));
        QVERIFY(!RestAmsGateway::isWrongPassword(wrongCode.error()));
        QVERIFY(gateway.token().isEmpty());

        auto notLoggedIn = awaitCall<std::vector<AmsCertificate>>([&](auto done) {
            gateway.listCertificates(QString::fromLatin1(SimulatorProcess::HolderNik), done);
        });
        QVERIFY(!notLoggedIn);
        QCOMPARE(notLoggedIn.error().code, ErrorCode::AuthenticationFailed);
        QVERIFY(!RestAmsGateway::isWrongPassword(notLoggedIn.error()));
        QVERIFY(!RestAmsGateway::isWrongOneTimeCode(notLoggedIn.error()));

        // Nothing listens: unreachable, neither a wrong password nor a wrong code.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        QUrl nowhere = m_simulator.url();
        nowhere.setPort(closed.serverPort());
        closed.close();
        RestAmsGateway unreachable(m_network, nowhere);
        unreachable.setPolicy({2000, 1, 50});
        auto noAnswer = awaitCall<void>(
            [&](auto done) { unreachable.logIn(user, password, currentCode(), done); });
        QVERIFY(!noAnswer);
        QCOMPARE(noAnswer.error().code, ErrorCode::Io);
        QVERIFY(!RestAmsGateway::isWrongPassword(noAnswer.error()));
        QVERIFY(!RestAmsGateway::isWrongOneTimeCode(noAnswer.error()));
        QVERIFY(RestAmsGateway::amsErrorCode(noAnswer.error()).isEmpty());

        auto right = awaitCall<void>(
            [&](auto done) { gateway.logIn(user, password, currentCode(), done); });
        RD_VERIFY_RESULT(right);
        QVERIFY(!gateway.token().isEmpty());
    }

    void listCertificates()
    {
        auto certificate = firstCertificate(QString::fromLatin1(SimulatorProcess::HolderNik));
        RD_VERIFY_RESULT(certificate);
        QCOMPARE(certificate->status, QStringLiteral("active"));
        QCOMPARE(certificate->notBefore.daysTo(certificate->notAfter) / 365, 2);
        auto parsed = Certificate::readAll(certificate->pem);
        RD_VERIFY_RESULT(parsed);
        const Certificate &c = parsed->front();
        QCOMPARE(c.serialHex(), certificate->serialHex);
        QStringList shortNames;
        for (const DnAttribute &attribute : c.subjectAttributes())
            shortNames << attribute.shortName;
        for (const char *name : {"emailAddress", "CN", "OU", "O", "L", "ST", "C"})
            QVERIFY2(shortNames.contains(QString::fromLatin1(name)), name);
        QVERIFY(c.keyUsage().contains(QStringLiteral("digitalSignature")));
        QVERIFY(c.keyUsage().contains(QStringLiteral("nonRepudiation")));
        const QString base = m_simulator.url().toString();
        QCOMPARE(c.ocspUrls(), QStringList {base + QStringLiteral("/ocsp")});
        QCOMPARE(c.crlDistributionPoints(), QStringList {base + QStringLiteral("/crl/ca.crl")});

        auto unknown = awaitCall<std::vector<AmsCertificate>>([&](auto done) {
            m_gateway->listCertificates(QStringLiteral("3203019901010009"), done);
        });
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    }

    void fileRejectAndRevoke()
    {
        const QString nik = QString::fromLatin1(SimulatorProcess::HolderNik);
        auto certificate = firstCertificate(nik);
        RD_VERIFY_RESULT(certificate);

        // A letter that is not a PDF never leaves the workstation.
        AmsRevocationFiling notPdf {nik,
                                    certificate->serialHex,
                                    5,
                                    {},
                                    {QStringLiteral("x.pdf"), QByteArrayLiteral("hello")}};
        auto refused = awaitCall<AmsRequestRecord>([&](auto done) {
            m_gateway->fileRevocationRequest(notPdf, QStringLiteral("k-not-pdf"), done);
        });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidInput);

        auto first = fileFor(nik, certificate->serialHex);
        RD_VERIFY_RESULT(first);
        QCOMPARE(first->status, QStringLiteral("pending"));
        QCOMPARE(first->letterSha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash(statementLetterPdf(), QCryptographicHash::Sha256)
                         .toHex()));
        auto second = fileFor(nik, certificate->serialHex);
        RD_VERIFY_RESULT(second);

        auto pending = awaitCall<std::vector<AmsRequestRecord>>(
            [&](auto done) { m_gateway->listRequests(QStringLiteral("pending"), done); });
        RD_VERIFY_RESULT(pending);
        QVERIFY(pending->size() >= 2);

        auto rejected = awaitCall<AmsRequestRecord>([&](auto done) {
            m_gateway->reject(second->id, QStringLiteral("Dobel"), QStringLiteral("k-reject"),
                              done);
        });
        RD_VERIFY_RESULT(rejected);
        QCOMPARE(rejected->status, QStringLiteral("rejected"));
        QCOMPARE(rejected->rejectionReason, QStringLiteral("Dobel"));

        auto revoked = awaitCall<AmsRequestRecord>([&](auto done) {
            m_gateway->revoke(first->id, 5, QStringLiteral("k-revoke-1"), done);
        });
        RD_VERIFY_RESULT(revoked);
        QCOMPARE(revoked->status, QStringLiteral("revoked"));
        auto fetched = awaitCall<AmsRequestRecord>(
            [&](auto done) { m_gateway->fetchRequest(first->id, done); });
        RD_VERIFY_RESULT(fetched);
        QCOMPARE(fetched->status, QStringLiteral("revoked"));
        auto after = firstCertificate(nik);
        RD_VERIFY_RESULT(after);
        QCOMPARE(after->status, QStringLiteral("revoked"));
        QCOMPARE(after->reasonCode, 5);

        // The certificate services: OCSP (signature checked against the CA) and the CRL.
        const Certificate holder = Certificate::readAll(certificate->pem)->front();
        auto ca = Certificate::readFile(m_simulator.dataPath(QStringLiteral("ca.pem")));
        RD_VERIFY_RESULT(ca);
        const Certificate issuer = ca->front();
        OcspClient ocsp(&m_network);
        auto status = awaitCall<RevocationStatus>(
            [&](auto done) { ocsp.check(holder, issuer, {}, done); }, 20000);
        RD_VERIFY_RESULT(status);
        QCOMPARE(status->state, RevocationStatus::State::Revoked);
        QCOMPARE(status->reasonCode, 5);

        const QByteArray crlDer
            = httpGet(m_network, QUrl(holder.crlDistributionPoints().constFirst()));
        auto crl = CertificateRevocationList::fromBytes(crlDer);
        RD_VERIFY_RESULT(crl);
        auto crlStatus = crl->statusOf(holder, issuer, QStringLiteral("simulator"),
                                       QDateTime::currentDateTimeUtc());
        RD_VERIFY_RESULT(crlStatus);
        QCOMPARE(crlStatus->state, RevocationStatus::State::Revoked);

        // Esign, v1 and v2, by NIK and by e-mail.
        auto v1 = esign(EsignApiVersion::V1);
        auto statusV1 = awaitCall<EsignStatus>([&](auto done) { v1->statusByNik(nik, done); });
        RD_VERIFY_RESULT(statusV1);
        QCOMPARE(statusV1->status, QStringLiteral("REVOKE"));
        auto v2 = esign(EsignApiVersion::V2);
        auto statusV2 = awaitCall<EsignStatus>([&](auto done) {
            v2->statusByEmail(QString::fromLatin1(SimulatorProcess::HolderEmail), done);
        });
        RD_VERIFY_RESULT(statusV2);
        QCOMPARE(statusV2->status, QStringLiteral("REVOKE"));

        // OpenSSL's own responder over the simulator's index.txt says the same.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString port = QString::number(probe.serverPort());
        probe.close();
        QProcess responder;
        responder.setProcessChannelMode(QProcess::MergedChannels);
        const QString caPem = m_simulator.dataPath(QStringLiteral("ca.pem"));
        responder.start(QStringLiteral("openssl"),
                        {QStringLiteral("ocsp"), QStringLiteral("-index"),
                         m_simulator.dataPath(QStringLiteral("index.txt")), QStringLiteral("-port"),
                         port, QStringLiteral("-rsigner"), caPem, QStringLiteral("-rkey"),
                         m_simulator.dataPath(QStringLiteral("ca-key.pem")), QStringLiteral("-CA"),
                         caPem, QStringLiteral("-nrequest"), QStringLiteral("1")});
        QVERIFY2(responder.waitForStarted(5000), "openssl ocsp -index did not start");
        QTemporaryDir dir;
        const QString certPath = dir.filePath(QStringLiteral("holder.pem"));
        QFile out(certPath);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(certificate->pem);
        out.close();
        QString answer;
        int exitCode = -1;
        for (int i = 0; i < 50 && !answer.contains(QStringLiteral(": revoked")); ++i) {
            answer = runProgram(QStringLiteral("openssl"),
                                {QStringLiteral("ocsp"), QStringLiteral("-issuer"), caPem,
                                 QStringLiteral("-cert"), certPath, QStringLiteral("-url"),
                                 QStringLiteral("http://127.0.0.1:") + port,
                                 QStringLiteral("-CAfile"), caPem},
                                &exitCode);
            if (!answer.contains(QStringLiteral(": revoked")))
                QTest::qWait(100);
        }
        responder.waitForFinished(5000);
        QVERIFY2(answer.contains(QStringLiteral("Response verify OK")), qPrintable(answer));
        QVERIFY2(answer.contains(QStringLiteral("holder.pem: revoked")), qPrintable(answer));
    }

    void esignStatuses()
    {
        auto v1 = esign(EsignApiVersion::V1);
        auto v2 = esign(EsignApiVersion::V2);
        auto issued = awaitCall<EsignStatus>([&](auto done) {
            v1->statusByNik(QString::fromLatin1(SimulatorProcess::SecondNik), done);
        });
        RD_VERIFY_RESULT(issued);
        QCOMPARE(issued->status, QStringLiteral("ISSUE"));
        QCOMPARE(issued->statusCode, 1111);
        auto unregistered = awaitCall<EsignStatus>([&](auto done) {
            v1->statusByNik(QString::fromLatin1(SimulatorProcess::UnregisteredNik), done);
        });
        RD_VERIFY_RESULT(unregistered);
        QCOMPARE(unregistered->status, QStringLiteral("NOT_REGISTERED"));
        QCOMPARE(unregistered->statusCode, 1110);
        auto unregisteredV2 = awaitCall<EsignStatus>([&](auto done) {
            v2->statusByNik(QString::fromLatin1(SimulatorProcess::UnregisteredNik), done);
        });
        RD_VERIFY_RESULT(unregisteredV2);
        QCOMPARE(unregisteredV2->statusCode, 2011);
        auto none = awaitCall<EsignStatus>([&](auto done) {
            v2->statusByNik(QString::fromLatin1(SimulatorProcess::NoCertificateNik), done);
        });
        RD_VERIFY_RESULT(none);
        QCOMPARE(none->status, QStringLiteral("NO_CERTIFICATE"));
        QCOMPARE(none->statusCode, 2021);
        auto profile = awaitCall<EsignProfile>([&](auto done) {
            v1->profile(QString::fromLatin1(SimulatorProcess::SecondNik), done);
        });
        RD_VERIFY_RESULT(profile);
        QCOMPARE(profile->certificates.size(), std::size_t(1));
        QVERIFY(profile->certificates.front().validUntil.isValid());

        EsignStatusClient wrong(m_network, m_simulator.url(), EsignApiVersion::V1);
        wrong.setCredentials(QString::fromLatin1(SimulatorProcess::EsignName),
                             QStringLiteral("salah"));
        auto refused = awaitCall<EsignStatus>([&](auto done) {
            wrong.statusByNik(QString::fromLatin1(SimulatorProcess::SecondNik), done);
        });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::AuthenticationFailed);
        auto badNik = awaitCall<EsignStatus>(
            [&](auto done) { v1->statusByNik(QStringLiteral("123456789012345"), done); });
        QVERIFY(!badNik);
        QCOMPARE(badNik.error().code, ErrorCode::InvalidInput);
    }

    // A holder's own account (the applicant kiosk): its own certificates, nothing of others.
    void holderAccount()
    {
        RestAmsGateway holder(m_network, m_simulator.url());
        holder.setPolicy({10000, 3, 100});
        holder.setCredentials({QString::fromLatin1(SimulatorProcess::HolderAccountName),
                               QString::fromLatin1(SimulatorProcess::HolderAccountPassword),
                               QString::fromLatin1(SimulatorProcess::HolderTotpSecret)});
        auto own = awaitCall<std::vector<AmsCertificate>>([&](auto done) {
            holder.listCertificates(QString::fromLatin1(SimulatorProcess::HolderNik), done);
        });
        RD_VERIFY_RESULT(own);
        QVERIFY(!own->empty());
        auto other = awaitCall<std::vector<AmsCertificate>>([&](auto done) {
            holder.listCertificates(QString::fromLatin1(SimulatorProcess::SecondNik), done);
        });
        QVERIFY(!other);
        QCOMPARE(other.error().code, ErrorCode::PermissionDenied);
        QCOMPARE(RestAmsGateway::amsErrorCode(other.error()), QStringLiteral("forbidden"));
        QVERIFY2(other.error().message.contains(QStringLiteral("does not allow")),
                 qPrintable(other.error().message));
        auto requests = awaitCall<std::vector<AmsRequestRecord>>(
            [&](auto done) { holder.listRequests(QString(), done); });
        QVERIFY(!requests);
        QCOMPARE(requests.error().code, ErrorCode::PermissionDenied);
    }

    void sameKeyRevokesOnce()
    {
        const QString nik = QString::fromLatin1(SimulatorProcess::SecondNik);
        auto certificate = firstCertificate(nik);
        RD_VERIFY_RESULT(certificate);
        auto filed = fileFor(nik, certificate->serialHex);
        RD_VERIFY_RESULT(filed);
        const QString key = QUuid::createUuid().toString();
        auto first = awaitCall<AmsRequestRecord>(
            [&](auto done) { m_gateway->revoke(filed->id, 9, key, done); });
        RD_VERIFY_RESULT(first);
        auto again = awaitCall<AmsRequestRecord>(
            [&](auto done) { m_gateway->revoke(filed->id, 9, key, done); });
        RD_VERIFY_RESULT(again);
        QCOMPARE(again->revokedAt, first->revokedAt);
        QCOMPARE(revocationsOf(m_network, m_simulator.url(), filed->id), 1);

        // Another key is another call: AMS refuses to revoke twice.
        auto other = awaitCall<AmsRequestRecord>([&](auto done) {
            m_gateway->revoke(filed->id, 9, QUuid::createUuid().toString(), done);
        });
        QVERIFY(!other);
        QCOMPARE(other.error().code, ErrorCode::Conflict);
        QCOMPARE(revocationsOf(m_network, m_simulator.url(), filed->id), 1);
    }

    void answersThatAreNotTheContract_data()
    {
        QTest::addColumn<QString>("junk");
        QTest::addColumn<int>("code");
        QTest::newRow("not JSON") << QStringLiteral("not-json") << int(ErrorCode::Internal);
        QTest::newRow("JSON of the wrong shape")
            << QStringLiteral("wrong-shape") << int(ErrorCode::Internal);
        QTest::newRow("HTTP 500 with HTML") << QStringLiteral("html-500") << int(ErrorCode::Io);
    }
    void answersThatAreNotTheContract()
    {
        QFETCH(QString, junk);
        QFETCH(int, code);
        SimulatorProcess broken;
        const QString why = broken.start(
            {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--junk"), junk});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        auto gateway = loggedInGateway(broken.url());
        gateway->setPolicy({5000, 1, 50});
        auto health = awaitCall<AmsHealth>([&](auto done) { gateway->ping(done); });
        QVERIFY(!health);
        QCOMPARE(int(health.error().code), code);
        auto list = awaitCall<std::vector<AmsCertificate>>([&](auto done) {
            gateway->listCertificates(QString::fromLatin1(SimulatorProcess::HolderNik), done);
        });
        QVERIFY(!list);
        QCOMPARE(int(list.error().code), code);
        QVERIFY2(list.error().message.contains(QStringLiteral("JSON")),
                 qPrintable(list.error().message));
        auto esignClient
            = std::make_unique<EsignStatusClient>(m_network, broken.url(), EsignApiVersion::V1);
        auto status = awaitCall<EsignStatus>([&](auto done) {
            esignClient->statusByNik(QString::fromLatin1(SimulatorProcess::HolderNik), done);
        });
        QVERIFY(!status);
    }

    void tlsNotTrustedThenTrusted()
    {
        QTemporaryDir dir;
        const QString certificate = dir.filePath(QStringLiteral("tls.pem"));
        const QString key = dir.filePath(QStringLiteral("tls-key.pem"));
        int exitCode = -1;
        const QString output
            = runProgram(QStringLiteral("openssl"),
                         {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                          QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                          QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                          QStringLiteral("-keyout"), key, QStringLiteral("-out"), certificate,
                          QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                          QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
                          QStringLiteral("subjectAltName=IP:127.0.0.1")},
                         &exitCode);
        QVERIFY2(exitCode == 0, qPrintable(output));
        SimulatorProcess secure;
        const QString why = secure.start({QStringLiteral("--port"), QStringLiteral("0"),
                                          QStringLiteral("--tls"), certificate, key});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(secure.url().scheme(), QStringLiteral("https"));

        RestAmsGateway untrusting(m_network, secure.url());
        auto refused = awaitCall<AmsHealth>([&](auto done) { untrusting.ping(done); });
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Crypto);
        QVERIFY2(refused.error().message.contains(QStringLiteral("secure connection")),
                 qPrintable(refused.error().message));

        // A manager of its own: QNetworkAccessManager keeps connections per host and port.
        QNetworkAccessManager network;
        RestAmsGateway trusting(network, secure.url());
        RD_VERIFY_RESULT(trusting.setCaFile(certificate));
        auto health = awaitCall<AmsHealth>([&](auto done) { trusting.ping(done); });
        RD_VERIFY_RESULT(health);
        QCOMPARE(health->status, QStringLiteral("ok"));
    }
};

QTEST_MAIN(TestRestAmsGateway)
#include "TestRestAmsGateway.moc"
