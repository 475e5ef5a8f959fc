#include "AmsTestSupport.h"
#include "SimulatorProcess.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "ams/AmsOperationQueue.h"
#include "ams/AmsOperationRunner.h"
#include "ams/RestAmsGateway.h"
#include "core/Clock.h"
#include "database/DatabaseUrl.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <QUuid>

#include <csignal>

using namespace rd;
using namespace rd::test;

namespace {

std::unique_ptr<RestAmsGateway> makeGateway(QNetworkAccessManager &network, const QUrl &url,
                                            AmsHttpClient::Policy policy)
{
    auto gateway = std::make_unique<RestAmsGateway>(network, url);
    gateway->setPolicy(policy);
    gateway->setCredentials({QString::fromLatin1(SimulatorProcess::OperatorName),
                             QString::fromLatin1(SimulatorProcess::OperatorPassword),
                             QString::fromLatin1(SimulatorProcess::TotpSecret)});
    return gateway;
}

// The client that the test kills in the middle of a revoke: this same executable, started
// with RD_AMS_CHILD=database-url|simulator-url|operation-id.
int childMain(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QStringList parts = qEnvironmentVariable("RD_AMS_CHILD").split(QLatin1Char('|'));
    auto url = DatabaseUrl::parse(parts.value(0));
    if (!url)
        return 10;
    auto database = Database::open(*url);
    if (!database)
        return 11;
    QNetworkAccessManager network;
    auto gateway = makeGateway(network, QUrl(parts.value(1)), {60000, 1, 100});
    AmsOperationRunner runner(*database, *gateway);
    runner.send(parts.value(2).toLongLong(), {&application, [](Result<AmsOperation> done) {
                                                  QCoreApplication::exit(done ? 0 : 12);
                                              }});
    return QCoreApplication::exec();
}

} // namespace

// Timeouts, 503s, dropped connections, restarts and a killed client: every revocation ends
// done exactly once, or stays stored with its key and a readable error.
class TestAmsReliability : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_network;

    // Files an AMS request for the holder's first certificate; its id.
    QString fileAtAms(RestAmsGateway &gateway, const char *nik)
    {
        auto list = awaitCall<std::vector<AmsCertificate>>(
            [&](auto done) { gateway.listCertificates(QString::fromLatin1(nik), done); });
        if (!list || list->empty())
            return {};
        AmsRevocationFiling filing {QString::fromLatin1(nik),
                                    list->front().serialHex,
                                    1,
                                    QStringLiteral("Perangkat hilang"),
                                    {QStringLiteral("surat.pdf"), statementLetterPdf()}};
        auto filed = awaitCall<AmsRequestRecord>([&](auto done) {
            gateway.fileRevocationRequest(filing, QUuid::createUuid().toString(), done);
        });
        return filed ? filed->id : QString();
    }

    // A request row in our database for the queue's foreign key.
    static qint64 localRequest(const DatabasePtr &database)
    {
        const qint64 holder = TestFixtures::addHolder(database, 7);
        return holder > 0 ? TestFixtures::fileRequest(database, holder) : 0;
    }

private slots:
    void cleanup() { Clock::setFixedUtc({}); }

    void timedOutRevokeRetriedRevokesOnce()
    {
        SimulatorProcess simulator;
        QString why = simulator.start({QStringLiteral("--port"), QStringLiteral("0"),
                                       QStringLiteral("--latency-ms"), QStringLiteral("1500")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        auto patient = makeGateway(m_network, simulator.url(), {8000, 1, 100});
        const QString id = fileAtAms(*patient, SimulatorProcess::HolderNik);
        QVERIFY(!id.isEmpty());

        auto hasty = makeGateway(m_network, simulator.url(), {400, 1, 100});
        hasty->setToken(patient->token());
        const QString key = QUuid::createUuid().toString();
        auto timedOut
            = awaitCall<AmsRequestRecord>([&](auto done) { hasty->revoke(id, 1, key, done); });
        QVERIFY(!timedOut);
        QCOMPARE(timedOut.error().code, ErrorCode::Io);
        QVERIFY2(timedOut.error().message.contains(QStringLiteral("kept and will be sent again")),
                 qPrintable(timedOut.error().message));

        auto retried
            = awaitCall<AmsRequestRecord>([&](auto done) { patient->revoke(id, 1, key, done); });
        RD_VERIFY_RESULT(retried);
        QCOMPARE(retried->status, QStringLiteral("revoked"));
        QCOMPARE(revocationsOf(m_network, simulator.url(), id), 1);
    }

    void failuresAndDropsEndInSuccessAfterRetries_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("every 2nd answer is 503") << QStringLiteral("--fail-every");
        QTest::newRow("every 2nd connection dropped") << QStringLiteral("--drop-every");
    }
    void failuresAndDropsEndInSuccessAfterRetries()
    {
        QFETCH(QString, fault);
        SimulatorProcess simulator;
        QString why = simulator.start(
            {QStringLiteral("--port"), QStringLiteral("0"), fault, QStringLiteral("2")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        auto gateway = makeGateway(m_network, simulator.url(), {5000, 4, 50});
        const QString id = fileAtAms(*gateway, SimulatorProcess::SecondNik);
        QVERIFY(!id.isEmpty());
        auto revoked = awaitCall<AmsRequestRecord>(
            [&](auto done) { gateway->revoke(id, 1, QUuid::createUuid().toString(), done); });
        RD_VERIFY_RESULT(revoked);
        QCOMPARE(revoked->status, QStringLiteral("revoked"));
        QCOMPARE(revocationsOf(m_network, simulator.url(), id), 1);
    }

    void deadAmsKeepsTheRequestThenDeliversOnce()
    {
        RD_OPEN_DATABASE(test, TestDatabase::Engine::Sqlite);
        const qint64 requestId = localRequest(test->database());
        QVERIFY(requestId > 0);
        SimulatorProcess simulator;
        QString why = simulator.start({QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        auto gateway = makeGateway(m_network, simulator.url(), {5000, 2, 50});
        const QString id = fileAtAms(*gateway, SimulatorProcess::HolderNik);
        QVERIFY(!id.isEmpty());

        AmsOperationQueue queue(test->database());
        const QJsonObject payload {{QStringLiteral("ams_request_id"), id},
                                   {QStringLiteral("reason_code"), 1}};
        auto operation = queue.enqueue(requestId, QStringLiteral("revoke"), payload);
        RD_VERIFY_RESULT(operation);
        auto same = queue.enqueue(requestId, QStringLiteral("revoke"), payload);
        RD_VERIFY_RESULT(same);
        QCOMPARE(same->idempotencyKey, operation->idempotencyKey);

        // AMS answers 503 to everything: a readable error, and the operation stays pending.
        const QUrl firstUrl = simulator.url();
        simulator.stop();
        why = simulator.start({QStringLiteral("--fail-every"), QStringLiteral("1")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(simulator.url(), firstUrl); // the port kept in --data: certificate URLs stay valid
        {
            auto failing = makeGateway(m_network, simulator.url(), {5000, 2, 50});
            failing->setToken(gateway->token());
            AmsOperationRunner runner(test->database(), *failing);
            auto sent
                = awaitCall<AmsOperation>([&](auto done) { runner.send(operation->id, done); });
            QVERIFY(!sent);
            QVERIFY2(sent.error().message.contains(QStringLiteral("kept and will be sent again")),
                     qPrintable(sent.error().message));
        }
        auto kept = queue.find(operation->id);
        RD_VERIFY_RESULT(kept);
        QCOMPARE(kept->state, AmsOperation::State::Pending);
        QCOMPARE(kept->attempts, 1);
        QCOMPARE(kept->idempotencyKey, operation->idempotencyKey);
        QVERIFY(!kept->lastError.isEmpty());
        QVERIFY(kept->nextAttemptAt > Clock::currentUtc());
        auto notYet = queue.due(Clock::currentUtc());
        RD_VERIFY_RESULT(notYet);
        QVERIFY(notYet->empty());

        // AMS is back (same data, same port): the due operation goes, once.
        simulator.stop();
        why = simulator.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        Clock::setFixedUtc(QDateTime::currentDateTimeUtc().addSecs(3600));
        // Connections to the simulator that was stopped may linger in m_network: 3 attempts.
        auto healthy = makeGateway(m_network, simulator.url(), {5000, 3, 50});
        AmsOperationRunner runner(test->database(), *healthy);
        auto summary
            = awaitCall<AmsOperationRunner::Summary>([&](auto done) { runner.runDue(done); });
        RD_VERIFY_RESULT(summary);
        QVERIFY2(summary->done == 1, qPrintable(summary->errors.join(QLatin1Char('\n'))));
        auto done = queue.find(operation->id);
        RD_VERIFY_RESULT(done);
        QCOMPARE(done->state, AmsOperation::State::Done);
        QCOMPARE(done->response.value(QStringLiteral("status")).toString(),
                 QStringLiteral("revoked"));
        QCOMPARE(revocationsOf(m_network, simulator.url(), id), 1);
    }

    void killedClientResumesAndRevokesOnce()
    {
        RD_OPEN_DATABASE(test, TestDatabase::Engine::Sqlite);
        const qint64 requestId = localRequest(test->database());
        QVERIFY(requestId > 0);
        SimulatorProcess simulator;
        QString why = simulator.start({QStringLiteral("--port"), QStringLiteral("0"),
                                       QStringLiteral("--latency-ms"), QStringLiteral("4000")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
        auto gateway = makeGateway(m_network, simulator.url(), {15000, 1, 50});
        const QString id = fileAtAms(*gateway, SimulatorProcess::HolderNik);
        QVERIFY(!id.isEmpty());
        AmsOperationQueue queue(test->database());
        auto operation = queue.enqueue(
            requestId, QStringLiteral("revoke"),
            {{QStringLiteral("ams_request_id"), id}, {QStringLiteral("reason_code"), 1}});
        RD_VERIFY_RESULT(operation);

        QProcess child;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(
            QStringLiteral("RD_AMS_CHILD"),
            QStringList {test->url(), simulator.url().toString(), QString::number(operation->id)}
                .join(QLatin1Char('|')));
        child.setProcessEnvironment(environment);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY2(child.waitForStarted(5000), "the client process did not start");
        // Killed once AMS has done the revocation but before its answer (4 s late) arrives.
        const QString stateFile = simulator.dataPath(QStringLiteral("state.json"));
        QVERIFY2(QTest::qWaitFor([&] { return revocationsInState(stateFile, id) == 1; }, 30000),
                 "the client's revoke never reached the simulator");
        QVERIFY2(
            child.state() == QProcess::Running,
            qPrintable(
                QStringLiteral("the client ended by itself, exit code %1").arg(child.exitCode())));
        child.kill();
        child.waitForFinished(5000);

        auto inDoubt = queue.find(operation->id);
        RD_VERIFY_RESULT(inDoubt);
        QCOMPARE(inDoubt->state, AmsOperation::State::Sending);
        // The dead client's lease still holds: nobody takes it over yet ...
        auto held = queue.due(Clock::currentUtc());
        RD_VERIFY_RESULT(held);
        QVERIFY(held->empty());
        // ... until it has run out.
        Clock::setFixedUtc(
            QDateTime::currentDateTimeUtc().addSecs(AmsOperationQueue::LeaseSeconds + 60));
        auto due = queue.due(Clock::currentUtc());
        RD_VERIFY_RESULT(due);
        QCOMPARE(due->size(), std::size_t(1));

        // The client starts again and sends the same key: AMS replays its answer. Stopping AMS
        // before it kept the key would lose the replay (a race under load, not the client's).
        QVERIFY2(QTest::qWaitFor([&] { return keyInState(stateFile, operation->idempotencyKey); },
                                 10000),
                 "the simulator never kept the revoke's idempotency key");
        simulator.stop();
        why = simulator.start();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        // A restarted client has a network manager of its own, without the old connections.
        QNetworkAccessManager restartedNetwork;
        auto resumed = makeGateway(restartedNetwork, simulator.url(), {15000, 2, 50});
        AmsOperationRunner runner(test->database(), *resumed);
        auto summary
            = awaitCall<AmsOperationRunner::Summary>([&](auto done) { runner.runDue(done); });
        RD_VERIFY_RESULT(summary);
        QVERIFY2(summary->done == 1, qPrintable(summary->errors.join(QLatin1Char('\n'))));
        QCOMPARE(queue.find(operation->id)->state, AmsOperation::State::Done);
        QCOMPARE(revocationsOf(m_network, simulator.url(), id), 1);
    }
};

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet("RD_AMS_CHILD"))
        return childMain(argc, argv);
    // QGuiApplication: the statement letter is drawn with fonts.
    QGuiApplication application(argc, argv);
    TestAmsReliability test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "TestAmsReliability.moc"
