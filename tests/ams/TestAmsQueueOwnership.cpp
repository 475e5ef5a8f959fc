// Who owns an AMS operation, and for how long its idempotency key lives. Against the simulator
// (tools/ams-simulator), which does a keyed call once and replays its answer for the same key:
// - a filing that timed out (it reached AMS) and then failed on a refused log-in is queued again
//   with the same key, so AMS files it once, not twice;
// - two runners on one PostgreSQL database (two workstations) send one operation once: the
//   second finds it leased and sends nothing.
#include "AmsTestSupport.h"
#include "SimulatorProcess.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "ams/AmsOperationQueue.h"
#include "ams/AmsOperationRunner.h"
#include "ams/RestAmsGateway.h"
#include "core/Clock.h"

#include <QGuiApplication>
#include <QUuid>

using namespace rd;
using namespace rd::test;

namespace {

std::unique_ptr<RestAmsGateway>
makeGateway(QNetworkAccessManager &network, const QUrl &url, AmsHttpClient::Policy policy,
            const char *password = SimulatorProcess::OperatorPassword)
{
    auto gateway = std::make_unique<RestAmsGateway>(network, url);
    gateway->setPolicy(policy);
    gateway->setCredentials({QString::fromLatin1(SimulatorProcess::OperatorName),
                             QString::fromLatin1(password),
                             QString::fromLatin1(SimulatorProcess::TotpSecret)});
    return gateway;
}

int eventsInState(const QString &stateFile, const QString &kind)
{
    QFile file(stateFile);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QJsonArray events = QJsonDocument::fromJson(file.readAll())
                                  .object()
                                  .value(QStringLiteral("events"))
                                  .toArray();
    int count = 0;
    for (const QJsonValue &event : events)
        count += event[QStringLiteral("kind")].toString() == kind ? 1 : 0;
    return count;
}

qint64 localRequest(const DatabasePtr &database)
{
    const qint64 holder = TestFixtures::addHolder(database, 7);
    return holder > 0 ? TestFixtures::fileRequest(database, holder) : 0;
}

} // namespace

class TestAmsQueueOwnership : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

private slots:
    void cleanup() { Clock::setFixedUtc({}); }

    void requeueAfterRefusedLogInKeepsTheKey()
    {
        RD_OPEN_DATABASE(test, TestDatabase::Engine::Sqlite);
        const qint64 requestId = localRequest(test->database());
        QVERIFY(requestId > 0);
        SimulatorProcess simulator;
        QString why = simulator.start({QStringLiteral("--port"), QStringLiteral("0"),
                                       QStringLiteral("--latency-ms"), QStringLiteral("1500")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QString stateFile = simulator.dataPath(QStringLiteral("state.json"));
        auto patient = makeGateway(m_network, simulator.url(), {8000, 1, 100});
        auto certificates = awaitCall<std::vector<AmsCertificate>>([&](auto done) {
            patient->listCertificates(QString::fromLatin1(SimulatorProcess::HolderNik), done);
        });
        RD_VERIFY_RESULT(certificates);
        QVERIFY(!certificates->empty());

        AmsOperationQueue queue(test->database());
        const QJsonObject payload {
            {QStringLiteral("nik"), QString::fromLatin1(SimulatorProcess::HolderNik)},
            {QStringLiteral("serial"), certificates->front().serialHex},
            {QStringLiteral("reason_code"), 1},
            {QStringLiteral("reason_text"), QStringLiteral("Perangkat hilang")},
            {QStringLiteral("letter_file_name"), QStringLiteral("surat.pdf")},
            {QStringLiteral("letter_base64"),
             QString::fromLatin1(statementLetterPdf().toBase64())}};
        auto first = queue.enqueue(requestId, QStringLiteral("file_request"), payload);
        RD_VERIFY_RESULT(first);

        // 1. The filing reaches AMS but its answer comes too late: kept, to be sent again.
        {
            auto hasty = makeGateway(m_network, simulator.url(), {400, 1, 100});
            hasty->setToken(patient->token());
            AmsOperationRunner runner(test->database(), *hasty);
            auto sent = awaitCall<AmsOperation>([&](auto done) { runner.send(first->id, done); });
            QVERIFY(!sent);
            QCOMPARE(sent.error().code, ErrorCode::Io);
        }
        QVERIFY2(
            QTest::qWaitFor([&] { return keyInState(stateFile, first->idempotencyKey); }, 20000),
            "the filing never reached the simulator");
        QCOMPARE(eventsInState(stateFile, QStringLiteral("file")), 1);

        // 2. The next attempt cannot log in (a changed password): failed for good.
        {
            auto refused = makeGateway(m_network, simulator.url(), {8000, 1, 100}, "wrong");
            AmsOperationRunner runner(test->database(), *refused);
            auto sent = awaitCall<AmsOperation>([&](auto done) { runner.send(first->id, done); });
            QVERIFY(!sent);
            QCOMPARE(sent.error().code, ErrorCode::AuthenticationFailed);
        }
        auto failed = queue.find(first->id);
        RD_VERIFY_RESULT(failed);
        QCOMPARE(failed->state, AmsOperation::State::Failed);

        // 3. The password is mended and the operator queues the filing again: the same
        //    operation, the same key.
        auto again = queue.enqueue(requestId, QStringLiteral("file_request"), payload);
        RD_VERIFY_RESULT(again);
        QCOMPARE(again->id, first->id);
        QCOMPARE(again->idempotencyKey, first->idempotencyKey);
        QCOMPARE(again->state, AmsOperation::State::Pending);
        auto requeued = test->database()->scalar(
            QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'ams.requeued'"));
        RD_VERIFY_RESULT(requeued);
        QCOMPARE(requeued->toInt(), 1);

        // 4. Sent: AMS recognises the key and answers with the filing it already made.
        AmsOperationRunner runner(test->database(), *patient);
        auto done
            = awaitCall<AmsOperation>([&](auto finished) { runner.send(again->id, finished); });
        RD_VERIFY_RESULT(done);
        QCOMPARE(done->state, AmsOperation::State::Done);
        QCOMPARE(eventsInState(stateFile, QStringLiteral("file")), 1);
        auto rows = queue.all(requestId);
        RD_VERIFY_RESULT(rows);
        QCOMPARE(rows->size(), std::size_t(1));
        // Done is done: queuing it once more sends nothing.
        auto once = queue.enqueue(requestId, QStringLiteral("file_request"), payload);
        RD_VERIFY_RESULT(once);
        QCOMPARE(once->state, AmsOperation::State::Done);
        QCOMPARE(once->id, first->id);
    }

    void twoRunnersSendOneOperationOnce()
    {
        RD_OPEN_DATABASE(test, TestDatabase::Engine::Postgres);
        const qint64 requestId = localRequest(test->database());
        QVERIFY(requestId > 0);
        SimulatorProcess simulator;
        QString why = simulator.start({QStringLiteral("--port"), QStringLiteral("0"),
                                       QStringLiteral("--latency-ms"), QStringLiteral("1000")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        auto gatewayA = makeGateway(m_network, simulator.url(), {10000, 1, 100});
        auto certificates = awaitCall<std::vector<AmsCertificate>>([&](auto done) {
            gatewayA->listCertificates(QString::fromLatin1(SimulatorProcess::SecondNik), done);
        });
        RD_VERIFY_RESULT(certificates);
        QVERIFY(!certificates->empty());
        AmsRevocationFiling filing {QString::fromLatin1(SimulatorProcess::SecondNik),
                                    certificates->front().serialHex,
                                    1,
                                    QStringLiteral("Perangkat hilang"),
                                    {QStringLiteral("surat.pdf"), statementLetterPdf()}};
        auto filed = awaitCall<AmsRequestRecord>([&](auto done) {
            gatewayA->fileRevocationRequest(filing, QUuid::createUuid().toString(), done);
        });
        RD_VERIFY_RESULT(filed);

        AmsOperationQueue queue(test->database());
        auto operation = queue.enqueue(
            requestId, QStringLiteral("revoke"),
            {{QStringLiteral("ams_request_id"), filed->id}, {QStringLiteral("reason_code"), 1}});
        RD_VERIFY_RESULT(operation);

        // Two workstations: a connection, a gateway and a runner each.
        DatabasePtr second = test->openAnother();
        QVERIFY(second);
        auto gatewayB = makeGateway(m_network, simulator.url(), {10000, 1, 100});
        gatewayB->setToken(gatewayA->token());
        AmsOperationRunner runnerA(test->database(), *gatewayA);
        AmsOperationRunner runnerB(second, *gatewayB);
        std::optional<Result<AmsOperation>> a;
        std::optional<Result<AmsOperation>> b;
        QObject receiver;
        runnerA.send(operation->id, {&receiver, [&a](Result<AmsOperation> r) { a.emplace(r); }});
        runnerB.send(operation->id, {&receiver, [&b](Result<AmsOperation> r) { b.emplace(r); }});
        QVERIFY2(QTest::qWaitFor([&] { return a && b; }, 30000), "a runner never answered");

        RD_VERIFY_RESULT(*a);
        QCOMPARE((*a)->state, AmsOperation::State::Done);
        QVERIFY2(!*b, "the second runner sent an operation the first one held");
        QCOMPARE(b->error().code, ErrorCode::Conflict);
        auto stored = queue.find(operation->id);
        RD_VERIFY_RESULT(stored);
        QCOMPARE(stored->state, AmsOperation::State::Done);
        QCOMPARE(stored->attempts, 1);
        QVERIFY(stored->leaseOwner.isEmpty());
        QCOMPARE(revocationsOf(m_network, simulator.url(), filed->id), 1);
    }

    void leaseOfARunnerThatDiedRunsOut()
    {
        RD_OPEN_DATABASE(test, TestDatabase::Engine::Sqlite);
        const qint64 requestId = localRequest(test->database());
        QVERIFY(requestId > 0);
        AmsOperationQueue queue(test->database());
        auto operation = queue.enqueue(requestId, QStringLiteral("reject"),
                                       {{QStringLiteral("ams_request_id"), QStringLiteral("X")},
                                        {QStringLiteral("reason"), QStringLiteral("dup")}});
        RD_VERIFY_RESULT(operation);
        auto lease = queue.markSending(operation->id);
        RD_VERIFY_RESULT(lease);
        // Held: neither due nor to be taken, and only its owner may mark it.
        auto taken = queue.markSending(operation->id);
        QVERIFY(!taken);
        QCOMPARE(taken.error().code, ErrorCode::Conflict);
        auto foreign = queue.markFailed(operation->id, QStringLiteral("not-the-owner"),
                                        QStringLiteral("late answer"));
        QVERIFY(!foreign);
        QCOMPARE(foreign.error().code, ErrorCode::Conflict);
        auto due = queue.due(Clock::currentUtc());
        RD_VERIFY_RESULT(due);
        QVERIFY(due->empty());
        // Run out: due again (in doubt, with its key), and a new runner takes it; the old
        // owner's late answer changes nothing.
        Clock::setFixedUtc(
            QDateTime::currentDateTimeUtc().addSecs(AmsOperationQueue::LeaseSeconds + 1));
        due = queue.due(Clock::currentUtc());
        RD_VERIFY_RESULT(due);
        QCOMPARE(due->size(), std::size_t(1));
        auto renewed = queue.markSending(operation->id);
        RD_VERIFY_RESULT(renewed);
        QVERIFY(*renewed != *lease);
        auto late = queue.markDone(operation->id, {}, *lease);
        QVERIFY(!late);
        QCOMPARE(late.error().code, ErrorCode::Conflict);
        RD_VERIFY_RESULT(queue.markDone(operation->id, {}, *renewed));
        QCOMPARE(queue.find(operation->id)->attempts, 2);
    }
};

int main(int argc, char *argv[])
{
    // QGuiApplication: the statement letter is drawn with fonts.
    QGuiApplication application(argc, argv);
    TestAmsQueueOwnership test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestAmsQueueOwnership.moc"
