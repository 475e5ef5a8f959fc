#include "AmsTestSupport.h"
#include "CliRunner.h"
#include "SimulatorProcess.h"

#include <QDir>
#include <QJsonDocument>
#include <QSettings>
#include <QTemporaryDir>

using namespace rd;
using namespace rd::test;

// `revocation-desk-cli ams ...` against the simulator, with settings in a temporary config
// home and secrets in the environment (as on a server without a keychain).
class TestAmsCli : public QObject
{
    Q_OBJECT

private:
    SimulatorProcess m_simulator;
    QTemporaryDir m_home;
    CliRunner m_cli;

    void writeSettings(const QString &backend, const QString &api = QStringLiteral("v1"))
    {
        QSettings settings(
            QDir(m_home.path())
                .filePath(QStringLiteral("config/revocation-desk/revocation-desk.ini")),
            QSettings::IniFormat);
        settings.setValue(QStringLiteral("ams/backend"), backend);
        settings.setValue(QStringLiteral("ams/url"), m_simulator.url().toString());
        settings.setValue(QStringLiteral("ams/username"),
                          QString::fromLatin1(SimulatorProcess::OperatorName));
        settings.setValue(QStringLiteral("esign/url"), m_simulator.url().toString());
        settings.setValue(QStringLiteral("esign/api"), api);
        settings.setValue(QStringLiteral("esign/username"),
                          QString::fromLatin1(SimulatorProcess::EsignName));
        settings.sync();
    }

    using Run = CliRunner::Run;

    Run cli(const QStringList &arguments) const { return m_cli.run(arguments); }

private slots:
    void initTestCase()
    {
        QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
        m_cli.useFolder(m_home.path());
        m_cli.set(QStringLiteral("REVOCATION_DESK_AMS_PASSWORD"),
                  QString::fromLatin1(SimulatorProcess::OperatorPassword));
        m_cli.set(QStringLiteral("REVOCATION_DESK_AMS_TOTP_SECRET"),
                  QString::fromLatin1(SimulatorProcess::TotpSecret));
        m_cli.set(QStringLiteral("REVOCATION_DESK_ESIGN_PASSWORD"),
                  QString::fromLatin1(SimulatorProcess::EsignPassword));
        m_cli.set(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        m_cli.set(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        const QString why = m_simulator.start({QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }

    void ping()
    {
        writeSettings(QStringLiteral("rest"));
        const Run run
            = cli({QStringLiteral("--json"), QStringLiteral("ams"), QStringLiteral("ping")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = run.json().object();
        QCOMPARE(json.value(QStringLiteral("backend")).toString(), QStringLiteral("rest"));
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));

        writeSettings(QStringLiteral("portal"));
        const Run portal = cli({QStringLiteral("ams"), QStringLiteral("ping")});
        QVERIFY2(portal.exitCode == 0, qPrintable(portal.err));
        QVERIFY(portal.out.contains(QLatin1String("reachable")));
    }

    void status()
    {
        writeSettings(QStringLiteral("portal"), QStringLiteral("v2"));
        const Run run
            = cli({QStringLiteral("--json"), QStringLiteral("ams"), QStringLiteral("status"),
                   QStringLiteral("--nik"), QString::fromLatin1(SimulatorProcess::HolderNik)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = run.json().object();
        QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("ISSUE"));
        QCOMPARE(json.value(QStringLiteral("api")).toString(), QStringLiteral("v2"));
        QCOMPARE(json.value(QStringLiteral("has_valid_certificate")).toBool(), true);

        const Run none
            = cli({QStringLiteral("ams"), QStringLiteral("status"), QStringLiteral("--nik"),
                   QString::fromLatin1(SimulatorProcess::UnregisteredNik)});
        QCOMPARE(none.exitCode, 3);
        QVERIFY(none.out.contains(QLatin1String("NOT_REGISTERED")));

        const Run bad = cli({QStringLiteral("ams"), QStringLiteral("status"),
                             QStringLiteral("--nik"), QStringLiteral("12345")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains(QLatin1String("invalid_input")));
        const Run neither = cli({QStringLiteral("ams"), QStringLiteral("status")});
        QCOMPARE(neither.exitCode, 2);
    }

    void certificates()
    {
        writeSettings(QStringLiteral("portal"));
        const Run portal
            = cli({QStringLiteral("ams"), QStringLiteral("certificates"), QStringLiteral("--nik"),
                   QString::fromLatin1(SimulatorProcess::HolderNik)});
        QCOMPARE(portal.exitCode, 1);
        QVERIFY2(portal.err.contains(QLatin1String("rest")), qPrintable(portal.err));

        writeSettings(QStringLiteral("rest"));
        const Run run
            = cli({QStringLiteral("--json"), QStringLiteral("ams"), QStringLiteral("certificates"),
                   QStringLiteral("--nik"), QString::fromLatin1(SimulatorProcess::HolderNik)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject json = run.json().object();
        const QJsonArray list = json.value(QStringLiteral("certificates")).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject first = list.first().toObject();
        for (const char *key : {"serial", "issuer", "subject", "not_before", "not_after", "status",
                                "revoked_at", "reason_code", "pem"})
            QVERIFY2(first.contains(QString::fromLatin1(key)), key);
        QVERIFY(first.value(QStringLiteral("pem"))
                    .toString()
                    .startsWith(QStringLiteral("-----BEGIN CERTIFICATE-----")));
    }

    void help()
    {
        const Run run
            = cli({QStringLiteral("ams"), QStringLiteral("status"), QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(QLatin1String("--nik")));
    }
};

QTEST_GUILESS_MAIN(TestAmsCli)
#include "TestAmsCli.moc"
