#include "AmsTestSupport.h"
#include "CliRunner.h"
#include "SimulatorProcess.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "ams/RestAmsGateway.h"
#include "certificates/Certificate.h"
#include "database/Database.h"
#include "status/OcspClient.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>

#include <map>

using namespace rd;
using namespace rd::test;

// One set of demo certificates: `demo seed --authority-dir` issues them with the simulator's CA,
// and the simulator started on that folder with --import-database knows the same certificates,
// revocations included, once however often it starts.
class TestDemoSimulatorImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_work;
    SimulatorProcess m_simulator;
    QNetworkAccessManager m_network;
    DatabasePtr m_database;
    quint16 m_port = 0;
    QString m_simulatorErrors;

    QString databasePath() const
    {
        return QDir(m_work.path()).filePath(QStringLiteral("demo.sqlite"));
    }
    QString databaseUrl() const { return QStringLiteral("sqlite:") + databasePath(); }

    CliRunner::Run cli(const QStringList &arguments) const
    {
        CliRunner runner;
        runner.useFolder(m_work.path());
        runner.set(QStringLiteral("REVOCATION_DESK_AUDIT_KEY"),
                   QStringLiteral("test-only-audit-key"));
        return runner.run(QStringList {QStringLiteral("--database"), databaseUrl()} + arguments);
    }

    QString startSimulator()
    {
        return m_simulator.start({QStringLiteral("--port"), QString::number(m_port),
                                  QStringLiteral("--import-database"), databaseUrl()});
    }

    // The simulator's standard error up to the line that says what it imported.
    QString importReport()
    {
        const bool reported = QTest::qWaitFor(
            [&] {
                m_simulatorErrors += m_simulator.standardError();
                return m_simulatorErrors.contains(QLatin1String("imported"));
            },
            10000);
        return reported ? m_simulatorErrors
                        : QStringLiteral("no import report: ") + m_simulatorErrors;
    }

    std::unique_ptr<RestAmsGateway> gateway()
    {
        auto gateway = std::make_unique<RestAmsGateway>(m_network, m_simulator.url());
        gateway->setPolicy({10000, 3, 100});
        gateway->setCredentials({QString::fromLatin1(SimulatorProcess::OperatorName),
                                 QString::fromLatin1(SimulatorProcess::OperatorPassword),
                                 QString::fromLatin1(SimulatorProcess::TotpSecret)});
        return gateway;
    }

    // Serials of the register by NIK.
    std::map<QString, QStringList> serialsByHolder()
    {
        std::map<QString, QStringList> serials;
        auto query = m_database->execute(
            QStringLiteral("SELECT h.nik, c.serial_hex FROM certificates c JOIN holders h ON "
                           "h.id = c.holder_id ORDER BY c.serial_hex"));
        if (!query)
            return serials;
        while (query->next())
            serials[query->value(0).toString()] << query->value(1).toString();
        return serials;
    }

    int certificatesInState()
    {
        QFile file(m_simulator.dataPath(QStringLiteral("state.json")));
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        return int(QJsonDocument::fromJson(file.readAll())
                       .object()
                       .value(QStringLiteral("certificates"))
                       .toArray()
                       .size());
    }

    Result<RevocationStatus> ocspOf(const QByteArray &der)
    {
        auto certificates = Certificate::readAll(der);
        if (!certificates)
            return errorOf(certificates);
        auto ca = Certificate::readFile(m_simulator.dataPath(QStringLiteral("ca.pem")));
        if (!ca)
            return errorOf(ca);
        OcspClient ocsp(&m_network);
        // The responder named in the certificate: the demo's --public-url.
        return awaitCall<RevocationStatus>(
            [&](auto done) { ocsp.check(certificates->front(), ca->front(), {}, done); }, 20000);
    }

    // A certificate of the register with `status` (and for a revoked one a reason other than
    // unspecified): its DER and reason code.
    std::optional<std::pair<QByteArray, int>> registerCertificate(const QString &status)
    {
        auto query = m_database->execute(
            QStringLiteral("SELECT der, revocation_reason_code FROM certificates WHERE status = ? "
                           "AND (status <> 'revoked' OR revocation_reason_code > 0) AND "
                           "not_after > ? ORDER BY id LIMIT 1"),
            {status, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)});
        if (!query || !query->next())
            return std::nullopt;
        return std::pair {query->value(0).toByteArray(), query->value(1).toInt()};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_work.isValid());
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_port = probe.serverPort();
        probe.close();

        const auto migrated = cli({QStringLiteral("db"), QStringLiteral("migrate")});
        QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.describe()));
        const auto seeded = cli({QStringLiteral("demo"), QStringLiteral("seed"),
                                 QStringLiteral("--authority-dir"), m_simulator.dataDirectory(),
                                 QStringLiteral("--public-url"),
                                 QStringLiteral("http://127.0.0.1:%1").arg(m_port)});
        QVERIFY2(seeded.exitCode == 0, qPrintable(seeded.describe()));
        QVERIFY(QFile::exists(m_simulator.dataPath(QStringLiteral("ca.pem"))));
        QCOMPARE(QFile::permissions(m_simulator.dataPath(QStringLiteral("ca-key.pem")))
                     & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());

        auto database = Database::open(DatabaseUrl::sqlite(databasePath()));
        RD_VERIFY_RESULT(database);
        m_database = *database;

        const QString why = startSimulator();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        QCOMPARE(m_simulator.url().port(), int(m_port));
        const QString report = importReport();
        QVERIFY2(report.contains(QLatin1String("imported")), qPrintable(report));
    }

    void cleanupTestCase()
    {
        m_simulator.stop();
        m_database.reset();
    }

    void listsTheSameSerialsAsTheRegister()
    {
        const auto expected = serialsByHolder();
        QVERIFY(expected.size() > 100);
        auto ams = gateway();
        int checked = 0;
        // Every tenth holder: enough to catch a mix-up, quick enough for two cores.
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            if (checked++ % 10)
                continue;
            auto listed = awaitCall<std::vector<AmsCertificate>>(
                [&](auto done) { ams->listCertificates(it->first, done); });
            RD_VERIFY_RESULT(listed);
            QStringList serials;
            for (const AmsCertificate &certificate : *listed)
                serials << certificate.serialHex;
            serials.sort();
            QStringList want = it->second;
            want.sort();
            QCOMPARE(serials, want);
        }
    }

    void revokedInTheRegisterIsRevokedByOcsp()
    {
        const auto revoked = registerCertificate(QStringLiteral("revoked"));
        QVERIFY2(revoked, "the demo has no revoked certificate with a reason");
        auto status = ocspOf(revoked->first);
        RD_VERIFY_RESULT(status);
        QCOMPARE(status->state, RevocationStatus::State::Revoked);
        QCOMPARE(status->reasonCode, revoked->second);
        QCOMPARE(status->location, QStringLiteral("http://127.0.0.1:%1/ocsp").arg(m_port));
    }

    void activeInTheRegisterIsGoodByOcsp()
    {
        const auto active = registerCertificate(QStringLiteral("active"));
        QVERIFY2(active, "the demo has no active certificate");
        auto status = ocspOf(active->first);
        RD_VERIFY_RESULT(status);
        QCOMPARE(status->state, RevocationStatus::State::Good);
    }

    void restartingImportsNothingTwice()
    {
        const int before = certificatesInState();
        auto count = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM certificates"));
        RD_VERIFY_RESULT(count);
        // The register's certificates plus the two the seed file's holders got.
        QCOMPARE(before, count->toInt() + 2);

        m_simulator.stop();
        m_simulatorErrors.clear();
        const QString why = startSimulator();
        QVERIFY2(why.isEmpty(), qPrintable(why));
        const QString report = importReport();
        QVERIFY2(report.contains(QLatin1String("imported 0 certificate(s)")), qPrintable(report));
        QCOMPARE(certificatesInState(), before);

        const auto expected = serialsByHolder();
        auto ams = gateway();
        const auto &[nik, serials] = *expected.begin();
        auto listed = awaitCall<std::vector<AmsCertificate>>(
            [&](auto done) { ams->listCertificates(nik, done); });
        RD_VERIFY_RESULT(listed);
        QCOMPARE(qsizetype(listed->size()), serials.size());
    }
};

QTEST_GUILESS_MAIN(TestDemoSimulatorImport)
#include "TestDemoSimulatorImport.moc"
