// `revocation-desk-cli config` as a person or a script runs it: the office's settings in the
// database and this workstation's in revocation-desk.ini, every key of the catalog, each bad
// value refused with nothing changed, secrets sent to `secrets`.
#include "CliRunner.h"
#include "VerifyResult.h"
#include "audit/Actor.h"
#include "database/Database.h"
#include "database/DatabaseUrl.h"
#include "users/UserAccounts.h"
#include "workflow/SettingsCatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using namespace rd::test;

using Run = CliRunner::Run;

class TestConfigCommands : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void workstationSetGetUnset();
    void refusesBadValues_data();
    void refusesBadValues();
    void secretsAreNotSettings_data();
    void secretsAreNotSettings();
    void officeSettingByBothNames();
    void listIsComplete();
    void kioskExitPinIsNeverShown();

private:
    Run cli(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return m_cli.run(arguments, input);
    }
    QString iniPath() const;
    QByteArray iniBytes() const;
    void writeIni(const QByteArray &bytes) const;
    // A migrated database with the administrator root and the operator ani.
    QString deskWithAccounts();
    Run as(const QString &user, const QStringList &arguments) const
    {
        return m_cli.run(QStringList {QStringLiteral("--user"), user} + arguments,
                         (QStringLiteral("kata-sandi-") + user + QStringLiteral("-1\n")).toUtf8());
    }
    static QString officeState(const QString &db);

    CliRunner m_cli;
    QTemporaryDir m_dir;
    int m_folders = 0;
    QString m_folder;
};

void TestConfigCommands::initTestCase()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QVERIFY(m_dir.isValid());
    m_cli.set(QStringLiteral("LANG"), QStringLiteral("en_GB.UTF-8"));
    m_cli.set(QStringLiteral("LC_ALL"), QStringLiteral("en_GB.UTF-8"));
    m_cli.unset(QStringLiteral("REVOCATION_DESK_DATABASE"));
}

// Each test its own settings and data folders: no ini file of another test leaks in.
void TestConfigCommands::init()
{
    m_folder = m_dir.filePath(QStringLiteral("home%1").arg(++m_folders));
    QVERIFY(QDir().mkpath(m_folder));
    m_cli.useFolder(m_folder);
}

QString TestConfigCommands::iniPath() const
{
    return m_folder + QStringLiteral("/config/revocation-desk/revocation-desk.ini");
}

QByteArray TestConfigCommands::iniBytes() const
{
    QFile file(iniPath());
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(no file)");
}

void TestConfigCommands::writeIni(const QByteArray &bytes) const
{
    QVERIFY(QDir().mkpath(QFileInfo(iniPath()).path()));
    QFile file(iniPath());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

QString TestConfigCommands::deskWithAccounts()
{
    const QString db = QStringLiteral("sqlite:") + m_folder + QStringLiteral("/desk.sqlite");
    if (cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode
        != 0)
        return {};
    auto database = Database::open(*DatabaseUrl::parse(db));
    if (!database)
        return {};
    UserAccounts users(*database);
    const Actor setUp = Actor::user(QStringLiteral("setup"), Actor::Role::Administrator);
    if (!users.add(setUp, QStringLiteral("root"), QStringLiteral("Root"),
                   Actor::Role::Administrator, QStringLiteral("kata-sandi-root-1"))
        || !users.add(setUp, QStringLiteral("ani"), QStringLiteral("Ani"), Actor::Role::Operator,
                      QStringLiteral("kata-sandi-ani-1")))
        return {};
    return db;
}

QString TestConfigCommands::officeState(const QString &db)
{
    auto database = Database::open(*DatabaseUrl::parse(db));
    if (!database)
        return QStringLiteral("no database");
    QString text;
    for (const QString &sql :
         {QStringLiteral("SELECT key || '=' || value || ' by ' || updated_by FROM office_settings "
                         "ORDER BY key"),
          QStringLiteral("SELECT COUNT(*) FROM audit_log")}) {
        auto query = (*database)->execute(sql);
        if (!query)
            return query.error().toString();
        while (query->next())
            text += query->value(0).toString() + QLatin1Char('\n');
    }
    return text;
}

void TestConfigCommands::workstationSetGetUnset()
{
    // No database anywhere: this workstation's settings need none, and no log-in.
    const Run initial
        = cli({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("mail/port")});
    QVERIFY2(initial.exitCode == 0, qPrintable(initial.describe()));
    QCOMPARE(initial.out.trimmed(), QStringLiteral("587"));
    QVERIFY(!QFileInfo::exists(m_folder + QStringLiteral("/data/revocation-desk")));

    const Run set = cli({QStringLiteral("config"), QStringLiteral("set"),
                         QStringLiteral("mail/port"), QStringLiteral("2525")});
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QVERIFY2(iniBytes().contains("[mail]\nport=2525\n"), iniBytes().constData());
    const Run json = cli({QStringLiteral("--json"), QStringLiteral("config"), QStringLiteral("get"),
                          QStringLiteral("mail/port")});
    const QJsonObject port = json.json().object();
    QCOMPARE(port.value(QStringLiteral("key")).toString(), QStringLiteral("mail/port"));
    QCOMPARE(port.value(QStringLiteral("value")).toString(), QStringLiteral("2525"));
    QCOMPARE(port.value(QStringLiteral("where")).toString(), QStringLiteral("workstation"));
    QCOMPARE(port.value(QStringLiteral("stored")).toBool(), true);
    QCOMPARE(port.value(QStringLiteral("is_default")).toBool(), false);
    QCOMPARE(port.value(QStringLiteral("default")).toString(), QStringLiteral("587"));
    QCOMPARE(port.value(QStringLiteral("file")).toString(), iniPath());

    // The port's default follows mail/security once the stored port is gone.
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("mail/security"),
                  QStringLiteral("TLS")})
                 .exitCode,
             0);
    const Run unset
        = cli({QStringLiteral("config"), QStringLiteral("unset"), QStringLiteral("mail/port")});
    QVERIFY2(unset.exitCode == 0, qPrintable(unset.describe()));
    QVERIFY(!iniBytes().contains("port="));
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("mail/port")})
                 .out.trimmed(),
             QStringLiteral("465"));
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("mail/security")})
                 .out.trimmed(),
             QStringLiteral("tls"));

    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("set"),
                  QStringLiteral("office/timeZone"), QStringLiteral("Asia/Makassar")})
                 .exitCode,
             0);
    QCOMPARE(
        cli({QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("office/timeZone")})
            .out.trimmed(),
        QStringLiteral("Asia/Makassar"));
    // Plain http is for a simulator on this computer only.
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("ams/url"),
                  QStringLiteral("http://127.0.0.1:8443")})
                 .exitCode,
             0);
    QCOMPARE(cli({QStringLiteral("config"), QStringLiteral("set"),
                  QStringLiteral("attachments/maxBytes"), QStringLiteral("2097152")})
                 .exitCode,
             0);

    // A list: each value one name, read back as the program reads it.
    const QStringList issuers {
        QStringLiteral("CN=BSRE CA DS G1,O=Badan Siber dan Sandi Negara,C=ID"),
        QStringLiteral("CN=Demo CA,O=Pemerintah Kabupaten Natuna,C=ID")};
    const Run list = cli(QStringList {QStringLiteral("config"), QStringLiteral("set"),
                                      QStringLiteral("certificates/trustedIssuers")}
                         + issuers);
    QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
    const Run got = cli({QStringLiteral("--json"), QStringLiteral("config"), QStringLiteral("get"),
                         QStringLiteral("certificates/trustedIssuers")});
    QCOMPARE(got.json().object().value(QStringLiteral("value")).toArray(),
             QJsonArray::fromStringList(issuers));
    QSettings written(iniPath(), QSettings::IniFormat);
    QCOMPARE(written.value(QStringLiteral("certificates/trustedIssuers")).toStringList(), issuers);
    QCOMPARE(written.value(QStringLiteral("attachments/maxBytes")).toLongLong(), 2097152);

    // A key the program does not read (the old per-PC dual control) can still be removed.
    writeIni(iniBytes() + "\n[revocation]\ndualControl=false\n");
    const Run stale = cli({QStringLiteral("config"), QStringLiteral("unset"),
                           QStringLiteral("revocation/dualControl")});
    QVERIFY2(stale.exitCode == 0, qPrintable(stale.describe()));
    QVERIFY(!iniBytes().contains("dualControl"));
    QVERIFY(iniBytes().contains("timeZone=Asia/Makassar"));
}

void TestConfigCommands::refusesBadValues_data()
{
    QTest::addColumn<QStringList>("arguments"); // after `config set`
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errorCode");
    QTest::addColumn<QString>("named"); // what the message must name (not translated)
    auto row = [](const char *name, const QStringList &arguments, const char *named,
                  int exitCode = 1, const char *errorCode = "invalid_input") {
        QTest::newRow(name) << arguments << exitCode << QString::fromLatin1(errorCode)
                            << QString::fromLatin1(named);
    };
    row("port 0", {QStringLiteral("mail/port"), QStringLiteral("0")}, "65535");
    row("port 65536", {QStringLiteral("mail/port"), QStringLiteral("65536")}, "65535");
    row("port word", {QStringLiteral("mail/port"), QStringLiteral("smtp")}, "mail/port");
    row("port empty", {QStringLiteral("mail/port"), QString()}, "config unset mail/port");
    row("two ports", {QStringLiteral("mail/port"), QStringLiteral("25"), QStringLiteral("26")},
        "mail/port", 2, "usage");
    row("security ssl", {QStringLiteral("mail/security"), QStringLiteral("ssl")},
        "none, starttls, tls");
    // mail/host is smtp.natunakab.example in the file: plain text would cross the network.
    row("plain mail to a remote host", {QStringLiteral("mail/security"), QStringLiteral("none")},
        "smtp.natunakab.example");
    row("host with a path", {QStringLiteral("mail/host"), QStringLiteral("smtp.example/x")},
        "mail/host");
    row("sender without @", {QStringLiteral("mail/senderAddress"), QStringLiteral("diskominfo")},
        "mail/senderAddress");
    row("verify maybe", {QStringLiteral("mail/verifyCertificate"), QStringLiteral("maybe")},
        "true or false");
    row("mail timeout 0", {QStringLiteral("mail/timeoutSeconds"), QStringLiteral("0")},
        "mail/timeoutSeconds");
    row("ams url plain http to another computer",
        {QStringLiteral("ams/url"), QStringLiteral("http://ams.bsre.example")}, "https://");
    row("ams url ftp", {QStringLiteral("ams/url"), QStringLiteral("ftp://127.0.0.1/")}, "https://");
    row("esign url not a url", {QStringLiteral("esign/url"), QStringLiteral("esign")}, "esign/url");
    row("ams backend soap", {QStringLiteral("ams/backend"), QStringLiteral("soap")},
        "rest, portal");
    row("esign api v3", {QStringLiteral("esign/api"), QStringLiteral("v3")}, "v1, v2");
    row("ams timeout 5 ms", {QStringLiteral("ams/timeoutMs"), QStringLiteral("5")}, "1000");
    row("ams attempts 0", {QStringLiteral("ams/attempts"), QStringLiteral("0")}, "ams/attempts");
    row("ca file missing", {QStringLiteral("ams/caFile"), QStringLiteral("/nonexistent/ca.pem")},
        "/nonexistent/ca.pem");
    row("unknown time zone", {QStringLiteral("office/timeZone"), QStringLiteral("Mars/Olympus")},
        "Mars/Olympus");
    row("attachments 0", {QStringLiteral("attachments/maxBytes"), QStringLiteral("0")}, "20971520");
    row("attachments over 20 MiB",
        {QStringLiteral("attachments/maxBytes"), QStringLiteral("20971521")}, "20971520");
    row("attachments 1MB", {QStringLiteral("attachments/maxBytes"), QStringLiteral("1MB")},
        "attachments/maxBytes");
    row("language fr", {QStringLiteral("ui/language"), QStringLiteral("fr")}, "id, en");
    row("database url with a password",
        {QStringLiteral("database/url"),
         QStringLiteral("postgresql://desk:rahasia@db.natunakab.example/desk")},
        "PGPASSWORD");
    row("issuer not a name",
        {QStringLiteral("certificates/trustedIssuers"), QStringLiteral("BSrE")},
        "certificates/trustedIssuers");
    // The office's setting is checked before a database or a password is asked for.
    row("dual control maybe", {QStringLiteral("workflow/dualControl"), QStringLiteral("maybe")},
        "true or false");
    row("exit PIN of five digits", {QStringLiteral("kiosk/exitPin"), QStringLiteral("48291")},
        "6 to 12 digits");
    row("exit PIN with a letter", {QStringLiteral("kiosk/exitPin"), QStringLiteral("48291a")},
        "6 to 12 digits");
    row("unknown key", {QStringLiteral("mail/hots"), QStringLiteral("smtp.example")}, "mail/hots",
        2, "usage");
}

void TestConfigCommands::refusesBadValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, errorCode);
    QFETCH(QString, named);
    writeIni("[mail]\nhost=smtp.natunakab.example\nport=2525\nsecurity=starttls\n"
             "[ams]\nurl=https://ams.bsre.example\n");
    const QByteArray before = iniBytes();
    const Run run = cli(QStringList {QStringLiteral("config"), QStringLiteral("set")} + arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(
        run.err.startsWith(QStringLiteral("revocation-desk-cli: ") + errorCode + QLatin1Char(':')),
        qPrintable(run.err));
    QVERIFY2(run.err.contains(named), qPrintable(run.err));
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(iniBytes(), before);
    QVERIFY(!QFileInfo::exists(m_folder + QStringLiteral("/data/revocation-desk")));
}

void TestConfigCommands::secretsAreNotSettings_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("pointer");
    QTest::newRow("set smtp/password")
        << QStringList {QStringLiteral("set"), QStringLiteral("smtp/password"),
                        QStringLiteral("rahasia-123")}
        << QStringLiteral("secrets set smtp/password");
    QTest::newRow("set ams/token")
        << QStringList {QStringLiteral("set"), QStringLiteral("ams/token"), QStringLiteral("abc")}
        << QStringLiteral("secrets set ams/token");
    QTest::newRow("get esign/password")
        << QStringList {QStringLiteral("get"), QStringLiteral("esign/password")}
        << QStringLiteral("secrets set esign/password");
    QTest::newRow("set audit/key")
        << QStringList {QStringLiteral("set"), QStringLiteral("audit/key"), QStringLiteral("k")}
        << QStringLiteral("secrets set audit/key");
    // Not a secret the desk knows, but it reads like one: not into the file either.
    QTest::newRow("set mail/password")
        << QStringList {QStringLiteral("set"), QStringLiteral("mail/password"),
                        QStringLiteral("rahasia-123")}
        << QStringLiteral("secrets list");
    QTest::newRow("set ams/apiKey")
        << QStringList {QStringLiteral("set"), QStringLiteral("ams/apiKey"), QStringLiteral("abc")}
        << QStringLiteral("secrets list");
}

void TestConfigCommands::secretsAreNotSettings()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, pointer);
    writeIni("[mail]\nhost=127.0.0.1\n");
    const QByteArray before = iniBytes();
    const Run run = cli(QStringList {QStringLiteral("config")} + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith(QStringLiteral("revocation-desk-cli: usage:"))
                 && run.err.contains(pointer),
             qPrintable(run.err));
    QVERIFY(!run.err.contains(QStringLiteral("rahasia")));
    QCOMPARE(iniBytes(), before);
}

void TestConfigCommands::officeSettingByBothNames()
{
    const QString db = deskWithAccounts();
    QVERIFY(!db.isEmpty());
    const QStringList database {QStringLiteral("--database"), db};
    const QString untouched = officeState(db);
    // The office's rules stay an administrator's: without a log-in, and as an operator, refused.
    for (const QString &user : {QString(), QStringLiteral("ani")}) {
        const QStringList command = database
            + QStringList {QStringLiteral("config"), QStringLiteral("set"),
                           QStringLiteral("workflow/dualControl"), QStringLiteral("true")};
        const Run refused = user.isEmpty() ? cli(command) : as(user, command);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.startsWith(QStringLiteral("revocation-desk-cli: permission_denied:")),
                 qPrintable(refused.err));
    }
    QCOMPARE(officeState(db), untouched);

    const Run set
        = as(QStringLiteral("root"),
             database
                 + QStringList {QStringLiteral("--json"), QStringLiteral("config"),
                                QStringLiteral("set"), QStringLiteral("workflow/dualControl"),
                                QStringLiteral("true")});
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    const QJsonObject row = set.json().object();
    QCOMPARE(row.value(QStringLiteral("key")).toString(), QStringLiteral("workflow/dualControl"));
    QCOMPARE(row.value(QStringLiteral("where")).toString(), QStringLiteral("office"));
    QCOMPARE(row.value(QStringLiteral("updated_by")).toString(), QStringLiteral("user:root"));
    QCOMPARE(row.value(QStringLiteral("aliases")).toArray(),
             QJsonArray {QStringLiteral("dual_control")});
    // The old name reads the same setting.
    QCOMPARE(cli(database
                 + QStringList {QStringLiteral("config"), QStringLiteral("get"),
                                QStringLiteral("dual_control")})
                 .out.trimmed(),
             QStringLiteral("true"));
    QVERIFY(officeState(db).startsWith(QStringLiteral("dual_control=true by user:root\n")));

    // unset by the old name: back to the default, audited like a set.
    const Run unset = as(QStringLiteral("root"),
                         database
                             + QStringList {QStringLiteral("config"), QStringLiteral("unset"),
                                            QStringLiteral("dual_control")});
    QVERIFY2(unset.exitCode == 0, qPrintable(unset.describe()));
    QCOMPARE(cli(database
                 + QStringList {QStringLiteral("config"), QStringLiteral("get"),
                                QStringLiteral("workflow/dualControl")})
                 .out.trimmed(),
             QStringLiteral("false"));
    auto opened = Database::open(*DatabaseUrl::parse(db));
    RD_VERIFY_RESULT(opened);
    auto audited = (*opened)->scalar(QStringLiteral(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'office.setting' AND actor = 'user:root'"));
    RD_VERIFY_RESULT(audited);
    QCOMPARE(audited->toInt(), 2);
}

void TestConfigCommands::listIsComplete()
{
    const QString db = deskWithAccounts();
    QVERIFY(!db.isEmpty());
    // A value set, one edited by hand into something set would refuse, an old key, and a
    // password someone put in the file.
    writeIni("[mail]\nport=2525\npassword=rahasia-sekali\n[ams]\nbackend=soap\n"
             "[revocation]\ndualControl=true\n");
    const Run listed = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("config"), QStringLiteral("list")});
    QVERIFY2(listed.exitCode == 0, qPrintable(listed.describe()));
    QVERIFY(!listed.out.contains(QStringLiteral("rahasia-sekali")));
    QMap<QString, QJsonObject> rows;
    for (const QJsonValue &value : listed.json().array()) {
        const QJsonObject row = value.toObject();
        QVERIFY2(!rows.contains(row.value(QStringLiteral("key")).toString()),
                 qPrintable(row.value(QStringLiteral("key")).toString()));
        rows.insert(row.value(QStringLiteral("key")).toString(), row);
    }
    const auto entries = SettingsCatalog::entries();
    for (const SettingsCatalog::Entry &entry : entries) {
        QVERIFY2(rows.contains(entry.key), qPrintable(entry.key));
        const QJsonObject row = rows.value(entry.key);
        QCOMPARE(row.value(QStringLiteral("known")).toBool(), true);
        QCOMPARE(row.value(QStringLiteral("where")).toString(),
                 entry.place == SettingsCatalog::Place::Office ? QStringLiteral("office")
                                                               : QStringLiteral("workstation"));
        QVERIFY2(!row.value(QStringLiteral("description")).toString().isEmpty(),
                 qPrintable(entry.key));
        QVERIFY(row.contains(QStringLiteral("default")));
        QVERIFY(row.contains(QStringLiteral("value")));
        if (entry.key != QLatin1String("mail/port") && entry.key != QLatin1String("ams/backend"))
            QVERIFY2(row.value(QStringLiteral("is_default")).toBool(), qPrintable(entry.key));
    }
    QCOMPARE(rows.value(QStringLiteral("mail/port")).value(QStringLiteral("value")).toString(),
             QStringLiteral("2525"));
    QCOMPARE(rows.value(QStringLiteral("mail/port")).value(QStringLiteral("is_default")).toBool(),
             false);
    QCOMPARE(rows.value(QStringLiteral("workflow/dualControl"))
                 .value(QStringLiteral("value"))
                 .toString(),
             QStringLiteral("false"));
    // What set would refuse is shown with the reason, not hidden.
    QVERIFY(rows.value(QStringLiteral("ams/backend"))
                .value(QStringLiteral("problem"))
                .toString()
                .contains(QStringLiteral("soap")));
    QCOMPARE(rows.value(QStringLiteral("ams/url")).value(QStringLiteral("problem")), QJsonValue());
    // The two keys the program does not read, the password's value not shown.
    QCOMPARE(rows.size(), qsizetype(entries.size()) + 2);
    QCOMPARE(rows.value(QStringLiteral("revocation/dualControl"))
                 .value(QStringLiteral("known"))
                 .toBool(true),
             false);
    QCOMPARE(rows.value(QStringLiteral("mail/password")).value(QStringLiteral("value")),
             QJsonValue());
    const Run text
        = cli({QStringLiteral("--database"), db, QStringLiteral("config"), QStringLiteral("list")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(!text.out.contains(QStringLiteral("rahasia-sekali")));
    QCOMPARE(text.out.count(QLatin1Char('\n')), qsizetype(entries.size()) + 2);

    // Such a password is removed by unset, though `set` would never take it.
    const Run removed
        = cli({QStringLiteral("config"), QStringLiteral("unset"), QStringLiteral("mail/password")});
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.describe()));
    QVERIFY(!iniBytes().contains("rahasia-sekali"));

    // Without a database the workstation's keys are listed all the same, and the exit code
    // says the list is not whole.
    const Run noDatabase
        = cli({QStringLiteral("--database"),
               QStringLiteral("sqlite:") + m_folder + QStringLiteral("/none.sqlite"),
               QStringLiteral("--json"), QStringLiteral("config"), QStringLiteral("list")});
    QCOMPARE(noDatabase.exitCode, 1);
    QVERIFY2(noDatabase.err.startsWith(QStringLiteral("revocation-desk-cli: not_found:")),
             qPrintable(noDatabase.err));
    QCOMPARE(noDatabase.json().array().size(), qsizetype(entries.size()) + 1);
}

void TestConfigCommands::kioskExitPinIsNeverShown()
{
    const QString db = deskWithAccounts();
    QVERIFY(!db.isEmpty());
    const QStringList database {QStringLiteral("--database"), db};
    const QString pin = QStringLiteral("482913");
    auto shows = [&](const QStringList &arguments) -> QString {
        const Run run = cli(database + arguments);
        return run.out + run.err;
    };
    const QStringList getPin {QStringLiteral("config"), QStringLiteral("get"),
                              QStringLiteral("kiosk/exitPin")};
    QCOMPARE(shows(getPin).trimmed(), QStringLiteral("not set"));

    const Run set = as(QStringLiteral("root"),
                       database
                           + QStringList {QStringLiteral("config"), QStringLiteral("set"),
                                          QStringLiteral("kiosk/exitPin"), pin});
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QVERIFY2(set.out.contains(QStringLiteral("kiosk/exitPin")) && !set.out.contains(pin)
                 && !set.out.contains(QStringLiteral("$argon2id$")),
             qPrintable(set.out));
    const QString state = officeState(db);
    QVERIFY2(state.contains(QStringLiteral("kiosk/exitPin=$argon2id$v=19$"))
                 && !state.contains(pin),
             qPrintable(state));

    // Shown as set, in every form, never as the hash.
    QCOMPARE(shows(getPin).trimmed(), QStringLiteral("set"));
    const QString text = shows({QStringLiteral("config"), QStringLiteral("list")});
    QVERIFY2(!text.contains(QStringLiteral("argon2")) && !text.contains(pin), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(QStringLiteral("kiosk/exitPin +set +office"))),
             qPrintable(text));
    const Run json = cli(
        database
        + QStringList {QStringLiteral("--json"), QStringLiteral("config"), QStringLiteral("list")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    QVERIFY(!json.out.contains(QStringLiteral("argon2")));
    bool listed = false;
    for (const QJsonValue &value : json.json().array()) {
        const QJsonObject row = value.toObject();
        if (row.value(QStringLiteral("key")).toString() != QLatin1String("kiosk/exitPin"))
            continue;
        listed = true;
        QCOMPARE(row.value(QStringLiteral("value")).toString(), QStringLiteral("set"));
        QCOMPARE(row.value(QStringLiteral("stored")).toBool(), true);
        QCOMPARE(row.value(QStringLiteral("is_default")).toBool(true), false);
        QCOMPARE(row.value(QStringLiteral("updated_by")).toString(), QStringLiteral("user:root"));
    }
    QVERIFY(listed);
    QVERIFY(
        !shows(QStringList {QStringLiteral("--json")} + getPin).contains(QStringLiteral("argon2")));

    // A bad PIN is refused before a password is asked, and the PIN in force stays.
    const Run refused
        = as(QStringLiteral("root"),
             database
                 + QStringList {QStringLiteral("config"), QStringLiteral("set"),
                                QStringLiteral("kiosk/exitPin"), QStringLiteral("12ab56")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.startsWith(QStringLiteral("revocation-desk-cli: invalid_input:"))
                 && !refused.err.contains(QStringLiteral("12ab56")),
             qPrintable(refused.err));
    QCOMPARE(officeState(db), state);

    // The audit log names the change, never the PIN or its hash.
    auto opened = Database::open(*DatabaseUrl::parse(db));
    RD_VERIFY_RESULT(opened);
    auto details = (*opened)->scalar(
        QStringLiteral("SELECT details FROM audit_log WHERE action = 'office.setting' AND "
                       "entity_id = 'kiosk/exitPin'"));
    RD_VERIFY_RESULT(details);
    QCOMPARE(details->toString(), QStringLiteral(R"({"to":"set"})"));

    // unset removes it.
    const Run unset = as(QStringLiteral("root"),
                         database
                             + QStringList {QStringLiteral("config"), QStringLiteral("unset"),
                                            QStringLiteral("kiosk/exitPin")});
    QVERIFY2(unset.exitCode == 0, qPrintable(unset.describe()));
    QCOMPARE(shows(getPin).trimmed(), QStringLiteral("not set"));
}

QTEST_GUILESS_MAIN(TestConfigCommands)
#include "TestConfigCommands.moc"
