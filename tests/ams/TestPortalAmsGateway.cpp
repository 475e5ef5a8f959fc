#include "AmsTestSupport.h"
#include "SimulatorProcess.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "ams/AmsOperationQueue.h"
#include "ams/PortalAmsGateway.h"
#include "ams/RestAmsGateway.h"
#include "audit/AuditLog.h"
#include "certificates/Certificate.h"
#include "status/OcspClient.h"

#include <QUuid>

#include <type_traits>

using namespace rd;
using namespace rd::test;

// The portal backend never takes a person's word for a revocation: the outcome they read back
// from AMS stays claimed until a signature-checked OCSP answer says revoked.
class TestPortalAmsGateway : public QObject
{
    Q_OBJECT

private:
    SimulatorProcess m_simulator;
    QNetworkAccessManager m_network;

    Result<RevocationStatus> ocspStatus(const Certificate &holder)
    {
        auto ca = Certificate::readFile(m_simulator.dataPath(QStringLiteral("ca.pem")));
        if (!ca)
            return errorOf(ca);
        OcspClient client(&m_network);
        return awaitCall<RevocationStatus>(
            [&](auto done) { client.check(holder, ca->front(), {}, done); }, 20000);
    }

private slots:
    void initTestCase()
    {
        const QString why = m_simulator.start({QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void claimedUntilOcspSaysRevoked()
    {
        RD_OPEN_DATABASE(test, TestDatabase::Engine::Sqlite);
        const qint64 holderId = TestFixtures::addHolder(test->database(), 3);
        QVERIFY(holderId > 0);
        const qint64 requestId = TestFixtures::fileRequest(test->database(), holderId);
        QVERIFY(requestId > 0);

        // The "real AMS" here is the simulator, worked by hand through its REST face.
        RestAmsGateway ams(m_network, m_simulator.url());
        ams.setCredentials({QString::fromLatin1(SimulatorProcess::OperatorName),
                            QString::fromLatin1(SimulatorProcess::OperatorPassword),
                            QString::fromLatin1(SimulatorProcess::TotpSecret)});
        const QString nik = QString::fromLatin1(SimulatorProcess::HolderNik);
        auto certificates = awaitCall<std::vector<AmsCertificate>>(
            [&](auto done) { ams.listCertificates(nik, done); });
        RD_VERIFY_RESULT(certificates);
        const AmsCertificate listed = certificates->front();
        const Certificate holder = Certificate::readAll(listed.pem)->front();

        PortalAmsGateway portal(m_network, m_simulator.url());
        auto reachable = awaitCall<AmsHealth>([&](auto done) { portal.ping(done); });
        RD_VERIFY_RESULT(reachable);
        // Without an API the portal cannot be handed to what files, revokes or rejects.
        static_assert(!std::is_base_of_v<AmsRevocationGateway, PortalAmsGateway>);

        PortalRevocationTask task {QStringLiteral("Budi Santoso"),
                                   nik,
                                   QStringLiteral("budi.santoso"),
                                   listed.serialHex,
                                   listed.subjectDn,
                                   5,
                                   QStringLiteral("Purna tugas / pensiun"),
                                   QStringLiteral("Retired"),
                                   QStringLiteral("surat-keterangan.pdf")};
        const PortalInstructions instructions = portal.revocationInstructions(task);
        QCOMPARE(instructions.url, m_simulator.url());
        for (const QString &text : {instructions.indonesian, instructions.english}) {
            QVERIFY(text.contains(nik));
            QVERIFY(text.contains(listed.serialHex));
            QVERIFY(text.contains(QStringLiteral("surat-keterangan.pdf")));
        }
        QVERIFY(instructions.indonesian.contains(QStringLiteral("Cabut sertifikat")));
        QVERIFY(instructions.english.contains(QStringLiteral("Revoke the certificate")));

        AmsOperationQueue queue(test->database());
        QCOMPARE(PortalAmsGateway::recordReadBack(queue, requestId, task, QStringLiteral("  "),
                                                  QStringLiteral("revoked"))
                     .error()
                     .code,
                 ErrorCode::InvalidInput);
        QCOMPARE(PortalAmsGateway::recordReadBack(
                     queue, requestId, task, QStringLiteral("AMS-REV-1"), QStringLiteral("done"))
                     .error()
                     .code,
                 ErrorCode::InvalidInput);

        // The person says "revoked", but nobody revoked anything yet.
        auto claimed = PortalAmsGateway::recordReadBack(
            queue, requestId, task, QStringLiteral("AMS-REV-000123"), QStringLiteral("revoked"));
        RD_VERIFY_RESULT(claimed);
        QCOMPARE(claimed->state, AmsOperation::State::Pending);
        QCOMPARE(claimed->response.value(QStringLiteral("ams_reference")).toString(),
                 QStringLiteral("AMS-REV-000123"));
        QCOMPARE(claimed->response.value(QStringLiteral("confirmed")).toBool(), false);
        auto due = queue.due(QDateTime::currentDateTimeUtc().addDays(1));
        RD_VERIFY_RESULT(due);
        QVERIFY(due->empty()); // a person does it: never sent by the runner

        auto good = ocspStatus(holder);
        RD_VERIFY_RESULT(good);
        QCOMPARE(good->state, RevocationStatus::State::Good);
        auto notYet = PortalAmsGateway::confirm(queue, claimed->id, *good);
        RD_VERIFY_RESULT(notYet);
        QCOMPARE(*notYet, PortalAmsGateway::Confirmation::PendingProof);
        auto stillClaimed = queue.find(claimed->id);
        RD_VERIFY_RESULT(stillClaimed);
        QCOMPARE(stillClaimed->state, AmsOperation::State::Pending);
        QVERIFY2(stillClaimed->lastError.contains(QStringLiteral("good")),
                 qPrintable(stillClaimed->lastError));

        RevocationStatus otherSerial = *good;
        otherSerial.serialHex = QStringLiteral("01");
        QVERIFY(!PortalAmsGateway::confirm(queue, claimed->id, otherSerial));

        // Now it really happens in AMS; OCSP shows it at once.
        AmsRevocationFiling filing {nik,
                                    listed.serialHex,
                                    5,
                                    {},
                                    {QStringLiteral("surat-keterangan.pdf"), statementLetterPdf()}};
        auto filed = awaitCall<AmsRequestRecord>([&](auto done) {
            ams.fileRevocationRequest(filing, QUuid::createUuid().toString(), done);
        });
        RD_VERIFY_RESULT(filed);
        auto revoked = awaitCall<AmsRequestRecord>(
            [&](auto done) { ams.revoke(filed->id, 5, QUuid::createUuid().toString(), done); });
        RD_VERIFY_RESULT(revoked);
        auto proof = ocspStatus(holder);
        RD_VERIFY_RESULT(proof);
        QCOMPARE(proof->state, RevocationStatus::State::Revoked);
        auto confirmed = PortalAmsGateway::confirm(queue, claimed->id, *proof);
        RD_VERIFY_RESULT(confirmed);
        QCOMPARE(*confirmed, PortalAmsGateway::Confirmation::Confirmed);
        auto done = queue.find(claimed->id);
        RD_VERIFY_RESULT(done);
        QCOMPARE(done->state, AmsOperation::State::Done);
        QCOMPARE(done->response.value(QStringLiteral("confirmed")).toBool(), true);

        // Queued, read back twice, confirmed: each step is in the audit log, the chain intact.
        for (const auto &[action, expected] : {std::pair {QStringLiteral("ams.queued"), 1},
                                               std::pair {QStringLiteral("ams.reported"), 2},
                                               std::pair {QStringLiteral("ams.done"), 1}}) {
            auto count = test->database()->scalar(
                QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = ? AND entity_id = ?"),
                {action, QString::number(claimed->id)});
            RD_VERIFY_RESULT(count);
            QCOMPARE(count->toInt(), expected);
        }
        auto verified = AuditLog::verify(*test->database());
        RD_VERIFY_RESULT(verified);
        QVERIFY(verified->intact());
    }
};

QTEST_MAIN(TestPortalAmsGateway)
#include "TestPortalAmsGateway.moc"
