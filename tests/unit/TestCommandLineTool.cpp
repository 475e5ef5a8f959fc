// revocation-desk-cli as a person or a script runs it: the real binary in a child process,
// exit codes and error codes (never translated prose), JSON keys.
#include "CliRunner.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "users/UserAccounts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using namespace rd::test;

using Run = CliRunner::Run;

class TestCommandLineTool : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void helpOnEveryCommand_data();
    void helpOnEveryCommand();
    void usageErrors_data();
    void usageErrors();
    void databasePathThatCannotBeCreated();
    void migrateTwiceAndStatus();
    void fileListShowApply();
    void holders();
    void usersFromStandardInput();
    void auditVerifyFindsTampering();
    void databaseFromEnvironment();
    void demoSeedOnlyIntoAnEmptyDatabase();
    void cliUsersCannotPassDualControl();
    void dualControlHoldsWithTwoAccounts();
    void roleBoundCommandsRefuseWithoutLogIn_data();
    void roleBoundCommandsRefuseWithoutLogIn();
    void wrongPasswordAndLockOut();
    void dualControlComesFromTheDatabase();
    void configGetSetList();

private:
    Run cli(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return m_cli.run(arguments, input);
    }
    QString freshDatabase();
    // A migrated database with a holder, a filed request and the accounts root (administrator),
    // ani (operator), sari and joko (supervisors); returns the agenda number.
    QString deskWithAccounts(const QString &db);
    // Takes the request through steps 5 and 6 as `user` (requests claim, requests verify), then
    // puts it in certificate_matched: step 7 needs a certificate its trusted issuers know, which
    // TestRevocationWorkflow covers. Returns what failed, or nothing.
    QString matchedAs(const QString &user, const QString &db, const QString &agenda);
    static QString stateOf(const QString &db, const QString &agenda);
    static qint64 amsOperations(const QString &db);
    Run as(const QString &user, const QStringList &arguments) const
    {
        return m_cli.run(QStringList {QStringLiteral("--user"), user} + arguments,
                         (QStringLiteral("kata-sandi-") + user + QStringLiteral("-1\n")).toUtf8());
    }
    static QString snapshot(const QString &db) { return TestFixtures::deskSnapshot(db); }

    CliRunner m_cli;
    QTemporaryDir m_dir;
    int m_databases = 0;
};

void TestCommandLineTool::initTestCase()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QVERIFY(m_dir.isValid());
    m_cli.useFolder(m_dir.path());
    m_cli.set(QStringLiteral("LANG"), QStringLiteral("en_GB.UTF-8"));
    m_cli.unset(QStringLiteral("REVOCATION_DESK_DATABASE"));
}

QString TestCommandLineTool::freshDatabase()
{
    return QStringLiteral("sqlite:")
        + m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases));
}

void TestCommandLineTool::helpOnEveryCommand_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::newRow("top") << QStringList {QStringLiteral("--help")};
    for (const char *noun : {"db", "demo", "holders", "requests", "audit", "users", "config"})
        QTest::newRow(noun) << QStringList {QLatin1String(noun), QStringLiteral("--help")};
    const QList<QStringList> verbs = {
        {QStringLiteral("db"), QStringLiteral("migrate")},
        {QStringLiteral("db"), QStringLiteral("status")},
        {QStringLiteral("demo"), QStringLiteral("seed")},
        {QStringLiteral("holders"), QStringLiteral("list")},
        {QStringLiteral("holders"), QStringLiteral("show")},
        {QStringLiteral("requests"), QStringLiteral("list")},
        {QStringLiteral("requests"), QStringLiteral("show")},
        {QStringLiteral("requests"), QStringLiteral("file")},
        {QStringLiteral("requests"), QStringLiteral("apply")},
        {QStringLiteral("requests"), QStringLiteral("attach")},
        {QStringLiteral("requests"), QStringLiteral("attachments")},
        {QStringLiteral("requests"), QStringLiteral("attachment")},
        {QStringLiteral("requests"), QStringLiteral("claim")},
        {QStringLiteral("requests"), QStringLiteral("verify")},
        {QStringLiteral("requests"), QStringLiteral("match")},
        {QStringLiteral("requests"), QStringLiteral("results")},
        {QStringLiteral("audit"), QStringLiteral("verify")},
        {QStringLiteral("users"), QStringLiteral("add")},
        {QStringLiteral("users"), QStringLiteral("passwd")},
        {QStringLiteral("users"), QStringLiteral("disable")},
        {QStringLiteral("users"), QStringLiteral("list")},
        {QStringLiteral("config"), QStringLiteral("get")},
        {QStringLiteral("config"), QStringLiteral("set")},
        {QStringLiteral("config"), QStringLiteral("list")},
        {QStringLiteral("config"), QStringLiteral("unset")},
    };
    for (const QStringList &verb : verbs)
        QTest::newRow(qPrintable(verb.join(QLatin1Char(' '))))
            << (verb + QStringList {QStringLiteral("--help")});
}

void TestCommandLineTool::helpOnEveryCommand()
{
    QFETCH(QStringList, command);
    const Run run = cli(command);
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.contains(QStringLiteral("revocation-desk-cli")));
    QVERIFY(run.err.isEmpty());
}

void TestCommandLineTool::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("nothing") << QStringList {} << 2 << "usage";
    QTest::newRow("unknown noun") << QStringList {QStringLiteral("coffee")} << 2 << "usage";
    QTest::newRow("unknown verb") << QStringList {QStringLiteral("db"), QStringLiteral("drop")} << 2
                                  << "usage";
    QTest::newRow("unknown state")
        << QStringList {QStringLiteral("requests"), QStringLiteral("list"),
                        QStringLiteral("--state"), QStringLiteral("lost")}
        << 2 << "usage";
    QTest::newRow("malformed URL")
        << QStringList {QStringLiteral("--database"), QStringLiteral("postgresql://nohost"),
                        QStringLiteral("db"), QStringLiteral("status")}
        << 2 << "usage";
    QTest::newRow("unknown scheme")
        << QStringList {QStringLiteral("--database"), QStringLiteral("mysql://a@b/c"),
                        QStringLiteral("db"), QStringLiteral("status")}
        << 2 << "usage";
    QTest::newRow("unknown option")
        << QStringList {QStringLiteral("db"), QStringLiteral("status"), QStringLiteral("--colour")}
        << 2 << "usage";
    QTest::newRow("bad limit") << QStringList {QStringLiteral("holders"), QStringLiteral("list"),
                                               QStringLiteral("--limit"), QStringLiteral("many")}
                               << 2 << "usage";
    QTest::newRow("missing database value")
        << QStringList {QStringLiteral("--database")} << 2 << "usage";
    QTest::newRow("missing user value") << QStringList {QStringLiteral("--user")} << 2 << "usage";
    QTest::newRow("empty user") << QStringList {QStringLiteral("--user="), QStringLiteral("users"),
                                                QStringLiteral("list")}
                                << 2 << "usage";
}

void TestCommandLineTool::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, errorCode);
    const Run run = cli(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(
        run.err.startsWith(QStringLiteral("revocation-desk-cli: ") + errorCode + QLatin1Char(':')),
        qPrintable(run.err));
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1); // one line
}

void TestCommandLineTool::databasePathThatCannotBeCreated()
{
    QFile blocker(m_dir.filePath(QStringLiteral("a-file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const Run run
        = cli({QStringLiteral("--database"),
               QStringLiteral("sqlite:") + blocker.fileName() + QStringLiteral("/sub/db.sqlite"),
               QStringLiteral("db"), QStringLiteral("migrate")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QStringLiteral("revocation-desk-cli: io:")), qPrintable(run.err));
}

void TestCommandLineTool::migrateTwiceAndStatus()
{
    const QString db = freshDatabase();
    // Only db migrate makes the file: any other command on a missing one is not_found.
    const Run missing = cli(
        {QStringLiteral("--database"), db, QStringLiteral("holders"), QStringLiteral("list")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(QStringLiteral("not_found")), qPrintable(missing.err));
    QVERIFY(!QFileInfo::exists(db.mid(7)));
    {
        // An existing file without the schema is refused as not migrated.
        QFile empty(db.mid(7));
        QVERIFY(empty.open(QIODevice::WriteOnly));
    }
    const Run unmigrated = cli(
        {QStringLiteral("--database"), db, QStringLiteral("holders"), QStringLiteral("list")});
    QCOMPARE(unmigrated.exitCode, 1);
    QVERIFY(unmigrated.err.contains(QStringLiteral("migration_failed")));

    const Run first = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                           QStringLiteral("db"), QStringLiteral("migrate")});
    QCOMPARE(first.exitCode, 0);
    QVERIFY(!first.json().object().value(QStringLiteral("applied")).toArray().isEmpty());
    const Run second = cli({QStringLiteral("db"), QStringLiteral("migrate"),
                            QStringLiteral("--json"), QStringLiteral("--database"), db});
    QCOMPARE(second.exitCode, 0);
    QVERIFY(second.json().object().value(QStringLiteral("applied")).toArray().isEmpty());

    const Run status = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("db"), QStringLiteral("status")});
    QCOMPARE(status.exitCode, 0);
    const QJsonObject json = status.json().object();
    QCOMPARE(json.value(QStringLiteral("up_to_date")).toBool(), true);
    QVERIFY(json.value(QStringLiteral("schema_version")).toInt() > 0);
    const QJsonObject counts = json.value(QStringLiteral("counts")).toObject();
    for (const char *table :
         {"holders", "tenures", "certificates", "revocation_requests", "request_events",
          "attachments", "verification_results", "dispositions", "outbox", "audit_log", "users"})
        QVERIFY2(counts.contains(QLatin1String(table)), table);
}

void TestCommandLineTool::fileListShowApply()
{
    const QString db = freshDatabase();
    QCOMPARE(
        cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode,
        0);
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        QVERIFY(rd::test::TestFixtures::addHolder(*database, 3,
                                                  QStringLiteral("Hj. Siti Aminah, S.Pd."))
                > 0);
    }
    const QString nik = rd::test::TestFixtures::nik(3);
    const Run filed
        = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
               QStringLiteral("requests"), QStringLiteral("file"), QStringLiteral("--holder"), nik,
               QStringLiteral("--reason"), QStringLiteral("key_compromised"),
               QStringLiteral("--text"), QStringLiteral("Token hilang")});
    QCOMPARE(filed.exitCode, 0);
    const QString agenda = filed.json().object().value(QStringLiteral("agenda_number")).toString();
    QVERIFY2(agenda.startsWith(QStringLiteral("SE/")), qPrintable(filed.out));

    const Run bad = cli({QStringLiteral("--database"), db, QStringLiteral("requests"),
                         QStringLiteral("file"), QStringLiteral("--holder"), nik,
                         QStringLiteral("--reason"), QStringLiteral("deceased")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.startsWith(QStringLiteral("revocation-desk-cli: invalid_input:")));

    const Run listed = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("requests"), QStringLiteral("list"),
                            QStringLiteral("--state"), QStringLiteral("submitted")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray rows = listed.json().array();
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.at(0).toObject().value(QStringLiteral("holder_nik")).toString(), nik);
    const Run none = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                          QStringLiteral("requests"), QStringLiteral("list"),
                          QStringLiteral("--state"), QStringLiteral("closed")});
    QCOMPARE(none.json().array().size(), 0);

    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        RD_VERIFY_RESULT(UserAccounts(*database).add(
            Actor::commandLine(), QStringLiteral("ani"), QStringLiteral("Ani"),
            Actor::Role::Administrator, QStringLiteral("kata-sandi-ani-1")));
    }
    const Run claim = as(QStringLiteral("ani"),
                         {QStringLiteral("--database"), db, QStringLiteral("requests"),
                          QStringLiteral("apply"), agenda, QStringLiteral("claim")});
    QVERIFY2(claim.exitCode == 0, qPrintable(claim.describe()));
    // A step that calls AMS is not a bare move: `requests apply` names its command.
    const Run applied = as(QStringLiteral("ani"),
                           {QStringLiteral("--database"), db, QStringLiteral("requests"),
                            QStringLiteral("apply"), agenda, QStringLiteral("revoke")});
    QCOMPARE(applied.exitCode, 2);
    QVERIFY2(applied.err.contains(QStringLiteral("`requests revoke`")), qPrintable(applied.err));
    const Run revoke = as(QStringLiteral("ani"),
                          {QStringLiteral("--database"), db, QStringLiteral("requests"),
                           QStringLiteral("revoke"), agenda});
    QCOMPARE(revoke.exitCode, 1);
    QVERIFY2(revoke.err.startsWith(QStringLiteral("revocation-desk-cli: invalid_transition:")),
             qPrintable(revoke.err));
    QCOMPARE(amsOperations(db), qint64(0));
    const Run unknownAction = cli({QStringLiteral("--database"), db, QStringLiteral("requests"),
                                   QStringLiteral("apply"), agenda, QStringLiteral("explode")});
    QCOMPARE(unknownAction.exitCode, 2);

    const Run shown = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                           QStringLiteral("requests"), QStringLiteral("show"), agenda});
    QCOMPARE(shown.exitCode, 0);
    const QJsonObject request = shown.json().object();
    QCOMPARE(request.value(QStringLiteral("state")).toString(), QStringLiteral("in_verification"));
    QCOMPARE(request.value(QStringLiteral("crl_reason_code")).toInt(), 1);
    QCOMPARE(request.value(QStringLiteral("events")).toArray().size(), 3);
    QCOMPARE(request.value(QStringLiteral("step_times")).toArray().size(), 10);
    QVERIFY(request.value(QStringLiteral("filed_at")).toString().endsWith(QLatin1Char('Z')));

    const Run missing = cli({QStringLiteral("--database"), db, QStringLiteral("requests"),
                             QStringLiteral("show"), QStringLiteral("SE/1999/01/0001")});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.startsWith(QStringLiteral("revocation-desk-cli: not_found:")));
    const Run text = cli({QStringLiteral("--database"), db, QStringLiteral("requests"),
                          QStringLiteral("show"), agenda});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains(agenda));
}

void TestCommandLineTool::holders()
{
    const QString db = freshDatabase();
    QCOMPARE(
        cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode,
        0);
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        QVERIFY(rd::test::TestFixtures::addHolder(*database, 11, QStringLiteral("Raja Ahmad Fauzi"))
                > 0);
        QVERIFY(
            rd::test::TestFixtures::addHolder(*database, 12, QStringLiteral("Wan Nurhayati, S.E."))
            > 0);
    }
    const Run all = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                         QStringLiteral("holders"), QStringLiteral("list")});
    QCOMPARE(all.exitCode, 0);
    QCOMPARE(all.json().array().size(), 2);
    const Run byName = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("holders"), QStringLiteral("list"),
                            QStringLiteral("--search"), QStringLiteral("nurhay")});
    QCOMPARE(byName.json().array().size(), 1);
    const Run show
        = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
               QStringLiteral("holders"), QStringLiteral("show"), rd::test::TestFixtures::nik(11)});
    QCOMPARE(show.exitCode, 0);
    QCOMPARE(show.json().object().value(QStringLiteral("full_name")).toString(),
             QStringLiteral("Raja Ahmad Fauzi"));
    const Run unknown = cli({QStringLiteral("--database"), db, QStringLiteral("holders"),
                             QStringLiteral("show"), QStringLiteral("2103011205850099")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains(QStringLiteral(": not_found:")));
}

void TestCommandLineTool::usersFromStandardInput()
{
    const QString db = freshDatabase();
    QCOMPARE(
        cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode,
        0);
    // The first account: anyone may add it, and it must be an administrator.
    const QStringList addAni {QStringLiteral("--database"),    db,
                              QStringLiteral("users"),         QStringLiteral("add"),
                              QStringLiteral("ani"),           QStringLiteral("--name"),
                              QStringLiteral("Ani Rahmawati"), QStringLiteral("--role"),
                              QStringLiteral("operator")};
    const Run firstOperator = cli(addAni, "kata-sandi-ani-2026\n");
    QCOMPARE(firstOperator.exitCode, 1);
    QVERIFY2(firstOperator.err.contains(QStringLiteral(": invalid_input:")),
             qPrintable(firstOperator.err));
    const Run bootstrap
        = cli({QStringLiteral("--database"), db, QStringLiteral("users"), QStringLiteral("add"),
               QStringLiteral("root"), QStringLiteral("--name"), QStringLiteral("Root"),
               QStringLiteral("--role"), QStringLiteral("administrator")},
              "kata-sandi-root-1\n");
    QVERIFY2(bootstrap.exitCode == 0, qPrintable(bootstrap.describe()));
    const Run anonymous = cli(addAni, "kata-sandi-ani-2026\n");
    QCOMPARE(anonymous.exitCode, 1);
    QVERIFY2(anonymous.err.contains(QStringLiteral(": permission_denied:"))
                 && anonymous.err.contains(QStringLiteral("--user")),
             qPrintable(anonymous.err));
    // --user's password comes first on standard input, then the new account's.
    const QStringList login {QStringLiteral("--user"), QStringLiteral("root")};
    const Run added = cli(login + addAni, "kata-sandi-root-1\nkata-sandi-ani-2026\n");
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const Run again
        = cli(login
                  + QStringList {QStringLiteral("--database"), db, QStringLiteral("users"),
                                 QStringLiteral("add"), QStringLiteral("ani"),
                                 QStringLiteral("--name"), QStringLiteral("Ani")},
              "kata-sandi-root-1\nkata-sandi-ani-2026\n");
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.err.contains(QStringLiteral(": conflict:")));
    const Run weak
        = cli(login
                  + QStringList {QStringLiteral("--database"), db, QStringLiteral("users"),
                                 QStringLiteral("add"), QStringLiteral("budi"),
                                 QStringLiteral("--name"), QStringLiteral("Budi")},
              "kata-sandi-root-1\nshort\n");
    QCOMPARE(weak.exitCode, 1);
    QVERIFY(weak.err.contains(QStringLiteral(": invalid_input:")));
    const Run role
        = cli({QStringLiteral("--database"), db, QStringLiteral("users"), QStringLiteral("add"),
               QStringLiteral("budi"), QStringLiteral("--name"), QStringLiteral("Budi"),
               QStringLiteral("--role"), QStringLiteral("king")});
    QCOMPARE(role.exitCode, 2);
    // A person changes their own password; an administrator anyone's.
    const QStringList passwdAni {QStringLiteral("--database"), db, QStringLiteral("users"),
                                 QStringLiteral("passwd"), QStringLiteral("ani")};
    QCOMPARE(cli(passwdAni, "kata-sandi-baru-2027\n").exitCode, 1);
    QCOMPARE(cli(QStringList {QStringLiteral("--user"), QStringLiteral("ani")} + passwdAni,
                 "kata-sandi-ani-2026\nkata-sandi-baru-2027\n")
                 .exitCode,
             0);
    QCOMPARE(cli(login + passwdAni, "kata-sandi-root-1\nkata-sandi-baru-2028\n").exitCode, 0);
    const QStringList disableAni {QStringLiteral("--database"), db, QStringLiteral("users"),
                                  QStringLiteral("disable"), QStringLiteral("ani")};
    QCOMPARE(cli(disableAni).exitCode, 1);
    QCOMPARE(cli(login + disableAni, "kata-sandi-root-1\n").exitCode, 0);
    const Run listed = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("users"), QStringLiteral("list")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonObject ani = listed.json().array().at(0).toObject();
    QCOMPARE(ani.value(QStringLiteral("username")).toString(), QStringLiteral("ani"));
    QCOMPARE(ani.value(QStringLiteral("role")).toString(), QStringLiteral("operator"));
    QCOMPARE(ani.value(QStringLiteral("active")).toBool(), false);
    QVERIFY(!listed.out.contains(QStringLiteral("argon2")));
}

void TestCommandLineTool::auditVerifyFindsTampering()
{
    const QString db = freshDatabase();
    QCOMPARE(
        cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode,
        0);
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        for (int i = 20; i < 24; ++i)
            QVERIFY(rd::test::TestFixtures::addHolder(*database, i) > 0);
    }
    const Run whole = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                           QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(whole.exitCode, 0);
    QCOMPARE(whole.json().object().value(QStringLiteral("intact")).toBool(), true);
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        RD_VERIFY_RESULT(
            (*database)->executeUnprepared(QStringLiteral("DROP TRIGGER audit_log_no_update")));
        RD_VERIFY_RESULT((*database)->execute(
            QStringLiteral("UPDATE audit_log SET actor = 'user:mallory' WHERE seq = 2")));
    }
    const Run broken = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(broken.exitCode, 3);
    const QJsonObject json = broken.json().object();
    QCOMPARE(json.value(QStringLiteral("first_bad_entry")).toInt(), 2);
    QCOMPARE(json.value(QStringLiteral("finding")).toString(), QStringLiteral("changed"));
    const Run text = cli(
        {QStringLiteral("--database"), db, QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(text.exitCode, 3);
    QVERIFY(text.out.contains(QStringLiteral(" 2 ")));
}

void TestCommandLineTool::databaseFromEnvironment()
{
    const QString db = freshDatabase();
    CliRunner fromEnvironment = m_cli;
    fromEnvironment.set(QStringLiteral("REVOCATION_DESK_DATABASE"), db);
    QCOMPARE(fromEnvironment.run({QStringLiteral("db"), QStringLiteral("migrate")}).exitCode, 0);
    const Run status = fromEnvironment.run(
        {QStringLiteral("--json"), QStringLiteral("db"), QStringLiteral("status")});
    QCOMPARE(status.json().object().value(QStringLiteral("database")).toString(), db);
    // --database wins over the environment.
    const QString other = freshDatabase();
    {
        QFile empty(other.mid(7));
        QVERIFY(empty.open(QIODevice::WriteOnly));
    }
    const Run flag
        = fromEnvironment.run({QStringLiteral("--database"), other, QStringLiteral("--json"),
                               QStringLiteral("db"), QStringLiteral("status")});
    QCOMPARE(flag.json().object().value(QStringLiteral("database")).toString(), other);
    QCOMPARE(flag.json().object().value(QStringLiteral("schema_version")).toInt(), 0);
}

void TestCommandLineTool::demoSeedOnlyIntoAnEmptyDatabase()
{
    const QString db = freshDatabase();
    QCOMPARE(
        cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode,
        0);
    const Run seeded = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("demo"), QStringLiteral("seed")});
    QCOMPARE(seeded.exitCode, 0);
    const QJsonObject summary = seeded.json().object();
    QVERIFY(summary.value(QStringLiteral("holders")).toInt() >= 300);
    // Every state, revocation_queued included.
    QCOMPARE(summary.value(QStringLiteral("requests_by_state")).toObject().size(), 15);
    QVERIFY(summary.value(QStringLiteral("requests_by_state"))
                .toObject()
                .contains(QStringLiteral("revocation_queued")));
    QVERIFY(!summary.value(QStringLiteral("user_credentials")).toArray().isEmpty());

    // The database has accounts now: seeding again (more accounts with printed passwords) is an
    // administrator's, and even they find the register full.
    const Run again
        = cli({QStringLiteral("--database"), db, QStringLiteral("demo"), QStringLiteral("seed")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.startsWith(QStringLiteral("revocation-desk-cli: permission_denied:")),
             qPrintable(again.err));
    QString admin;
    QString adminPassword;
    const Run users = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                           QStringLiteral("users"), QStringLiteral("list")});
    for (const QJsonValue &user : users.json().array()) {
        if (user.toObject().value(QStringLiteral("role")).toString()
            == QLatin1String("administrator"))
            admin = user.toObject().value(QStringLiteral("username")).toString();
    }
    // Each credential is an object a script can log in with, one per account made.
    const QJsonArray credentials = summary.value(QStringLiteral("user_credentials")).toArray();
    QCOMPARE(credentials.size(), summary.value(QStringLiteral("users")).toInt());
    for (const QJsonValue &credential : credentials) {
        const QJsonObject account = credential.toObject();
        QCOMPARE(account.keys(),
                 (QStringList {QStringLiteral("password"), QStringLiteral("role"),
                               QStringLiteral("username")}));
        QVERIFY(QStringList({QStringLiteral("operator"), QStringLiteral("supervisor"),
                             QStringLiteral("administrator")})
                    .contains(account.value(QStringLiteral("role")).toString()));
        if (account.value(QStringLiteral("username")).toString() == admin) {
            QCOMPARE(account.value(QStringLiteral("role")).toString(),
                     QStringLiteral("administrator"));
            adminPassword = account.value(QStringLiteral("password")).toString();
        }
    }
    QVERIFY2(!admin.isEmpty() && !adminPassword.isEmpty(), qPrintable(seeded.out));
    const Run againAsAdmin = cli({QStringLiteral("--user"), admin, QStringLiteral("--database"), db,
                                  QStringLiteral("demo"), QStringLiteral("seed")},
                                 (adminPassword + QLatin1Char('\n')).toUtf8());
    QCOMPARE(againAsAdmin.exitCode, 1);
    QVERIFY2(againAsAdmin.err.startsWith(QStringLiteral("revocation-desk-cli: conflict:")),
             qPrintable(againAsAdmin.err));
    const Run few
        = cli({QStringLiteral("--database"), db, QStringLiteral("demo"), QStringLiteral("seed"),
               QStringLiteral("--holders"), QStringLiteral("12")});
    QCOMPARE(few.exitCode, 2);

    const Run status = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("db"), QStringLiteral("status")});
    QCOMPARE(status.json()
                 .object()
                 .value(QStringLiteral("counts"))
                 .toObject()
                 .value(QStringLiteral("holders"))
                 .toInt(),
             summary.value(QStringLiteral("holders")).toInt());
    for (const char *state : {"draft", "submitted", "revoked", "closed", "rejected"}) {
        const Run listed = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                                QStringLiteral("requests"), QStringLiteral("list"),
                                QStringLiteral("--state"), QLatin1String(state)});
        QCOMPARE(listed.exitCode, 0);
        QVERIFY2(!listed.json().array().isEmpty(), state);
    }
    const Run verify = cli(
        {QStringLiteral("--database"), db, QStringLiteral("audit"), QStringLiteral("verify")});
    QCOMPARE(verify.exitCode, 0);
}

QString TestCommandLineTool::deskWithAccounts(const QString &db)
{
    if (cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode
        != 0)
        return {};
    auto database = Database::open(*DatabaseUrl::parse(db));
    if (!database)
        return {};
    UserAccounts users(*database);
    const Actor setUp = Actor::user(QStringLiteral("setup"), Actor::Role::Administrator);
    const struct
    {
        const char *name;
        Actor::Role role;
    } people[] = {{"root", Actor::Role::Administrator},
                  {"ani", Actor::Role::Operator},
                  {"sari", Actor::Role::Supervisor},
                  {"joko", Actor::Role::Supervisor}};
    for (const auto &[name, role] : people) {
        const QString username = QLatin1String(name);
        if (!users.add(setUp, username, username, role,
                       QStringLiteral("kata-sandi-") + username + QStringLiteral("-1")))
            return {};
    }
    const qint64 holder = rd::test::TestFixtures::addHolder(*database, 40);
    const qint64 id = rd::test::TestFixtures::fileRequest(*database, holder);
    auto agenda = (*database)->scalar(
        QStringLiteral("SELECT agenda_number FROM revocation_requests WHERE id = ?"), {id});
    return agenda ? agenda->toString() : QString();
}

QString TestCommandLineTool::matchedAs(const QString &user, const QString &db,
                                       const QString &agenda)
{
    const QStringList database {QStringLiteral("--database"), db};
    const Run claimed = as(
        user, database + QStringList {QStringLiteral("requests"), QStringLiteral("claim"), agenda});
    if (claimed.exitCode != 0)
        return claimed.describe();
    const Run verified = as(user,
                            database
                                + QStringList {QStringLiteral("requests"), QStringLiteral("verify"),
                                               agenda, QStringLiteral("--all-passed")});
    if (verified.exitCode != 0)
        return verified.describe();
    if (stateOf(db, agenda) != QLatin1String("verified"))
        return QStringLiteral("not verified: ") + stateOf(db, agenda);
    auto opened = Database::open(*DatabaseUrl::parse(db));
    if (!opened)
        return opened.error().toString();
    auto id = (*opened)->scalar(
        QStringLiteral("SELECT id FROM revocation_requests WHERE agenda_number = ?"), {agenda});
    if (!id
        || !TestFixtures::forceState(**opened, id->toLongLong(), RequestState::CertificateMatched))
        return QStringLiteral("cannot put %1 in certificate_matched").arg(agenda);
    return {};
}

QString TestCommandLineTool::stateOf(const QString &db, const QString &agenda)
{
    auto opened = Database::open(*DatabaseUrl::parse(db));
    if (!opened)
        return opened.error().toString();
    auto state = (*opened)->scalar(
        QStringLiteral("SELECT state FROM revocation_requests WHERE agenda_number = ?"), {agenda});
    return state ? state->toString() : state.error().toString();
}

qint64 TestCommandLineTool::amsOperations(const QString &db)
{
    auto opened = Database::open(*DatabaseUrl::parse(db));
    return opened ? TestFixtures::count(**opened, QStringLiteral("ams_operations")) : -1;
}

// The reproduction: two OS users, each the CLI's "administrator", passed dual control.
void TestCommandLineTool::cliUsersCannotPassDualControl()
{
    const QString db = freshDatabase();
    const QString agenda = deskWithAccounts(db);
    QVERIFY(!agenda.isEmpty());
    QCOMPARE(as(QStringLiteral("root"),
                {QStringLiteral("--database"), db, QStringLiteral("config"), QStringLiteral("set"),
                 QStringLiteral("dual_control"), QStringLiteral("true")})
                 .exitCode,
             0);
    const QString notMatched = matchedAs(QStringLiteral("ani"), db, agenda);
    QVERIFY2(notMatched.isEmpty(), qPrintable(notMatched));
    const QString before = snapshot(db);
    CliRunner alice = m_cli;
    alice.set(QStringLiteral("USER"), QStringLiteral("alice"));
    const Run asked
        = alice.run({QStringLiteral("--database"), db, QStringLiteral("requests"),
                     QStringLiteral("apply"), agenda, QStringLiteral("request_approval")});
    QCOMPARE(asked.exitCode, 1);
    QVERIFY2(asked.err.startsWith(QStringLiteral("revocation-desk-cli: permission_denied:"))
                 && asked.err.contains(QStringLiteral("--user NAM") /* NAME, NAMA */),
             qPrintable(asked.err));
    CliRunner bob = m_cli;
    bob.set(QStringLiteral("USER"), QStringLiteral("bob"));
    // Neither revoking (which, under dual control, asks for the approval) nor approving.
    for (const char *verb : {"revoke", "approve"}) {
        const Run revoked = bob.run({QStringLiteral("--database"), db, QStringLiteral("requests"),
                                     QLatin1String(verb), agenda});
        QCOMPARE(revoked.exitCode, 1);
        QVERIFY2(revoked.err.startsWith(QStringLiteral("revocation-desk-cli: permission_denied:")),
                 qPrintable(revoked.describe()));
    }
    QCOMPARE(snapshot(db), before);
    QCOMPARE(amsOperations(db), qint64(0));
}

void TestCommandLineTool::dualControlHoldsWithTwoAccounts()
{
    const QString db = freshDatabase();
    const QString agenda = deskWithAccounts(db);
    QVERIFY(!agenda.isEmpty());
    const QStringList database {QStringLiteral("--database"), db};
    QCOMPARE(as(QStringLiteral("root"),
                database
                    + QStringList {QStringLiteral("config"), QStringLiteral("set"),
                                   QStringLiteral("dual_control"), QStringLiteral("true")})
                 .exitCode,
             0);
    auto step = [&](const QString &user, const QStringList &arguments) {
        return as(user, database + QStringList {QStringLiteral("requests")} + arguments);
    };
    const QString notMatched = matchedAs(QStringLiteral("ani"), db, agenda);
    QVERIFY2(notMatched.isEmpty(), qPrintable(notMatched));
    // Nobody approves what nobody asked for.
    const Run early = step(QStringLiteral("joko"), {QStringLiteral("approve"), agenda});
    QCOMPARE(early.exitCode, 1);
    QVERIFY2(early.err.contains(QStringLiteral("invalid_transition")), qPrintable(early.err));
    // Under dual control "revoke" asks a supervisor (exit 4: not revoked yet) and queues nothing.
    const Run asked = step(QStringLiteral("sari"), {QStringLiteral("revoke"), agenda});
    QVERIFY2(asked.exitCode == 4, qPrintable(asked.describe()));
    QCOMPARE(stateOf(db, agenda), QStringLiteral("awaiting_approval"));
    QCOMPARE(amsOperations(db), qint64(0));
    const QString asking = snapshot(db);
    const Run byOperator = step(QStringLiteral("ani"), {QStringLiteral("approve"), agenda});
    QCOMPARE(byOperator.exitCode, 1);
    QVERIFY2(byOperator.err.contains(QStringLiteral("permission_denied")),
             qPrintable(byOperator.err));
    const Run operatorRevokes = step(QStringLiteral("ani"), {QStringLiteral("revoke"), agenda});
    QCOMPARE(operatorRevokes.exitCode, 1);
    QVERIFY2(operatorRevokes.err.contains(QStringLiteral("permission_denied")),
             qPrintable(operatorRevokes.err));
    for (const char *verb : {"approve", "revoke"}) {
        const Run bySelf = step(QStringLiteral("sari"), {QLatin1String(verb), agenda});
        QCOMPARE(bySelf.exitCode, 1);
        QVERIFY2(bySelf.err.contains(QStringLiteral("permission_denied")), qPrintable(bySelf.err));
    }
    // The bare move is closed too.
    const Run bare
        = step(QStringLiteral("joko"), {QStringLiteral("apply"), agenda, QStringLiteral("revoke")});
    QCOMPARE(bare.exitCode, 2);
    // What was refused left nothing, not even a queued call (it rolled back with the move).
    QCOMPARE(snapshot(db), asking);
    QCOMPARE(amsOperations(db), qint64(0));

    // A second supervisor approves: the call waits for AMS's pages (the portal, by default).
    const Run approved = step(QStringLiteral("joko"), {QStringLiteral("approve"), agenda});
    QVERIFY2(approved.exitCode == 4, qPrintable(approved.describe()));
    QVERIFY2(approved.out.contains(QStringLiteral("--ams-reference")),
             qPrintable(approved.describe()));
    QCOMPARE(stateOf(db, agenda), QStringLiteral("revocation_queued"));
    QCOMPARE(amsOperations(db), qint64(1));
    // The operator revoked in AMS's pages and reads back AMS's reference; the proof is awaited.
    const Run readBack = step(QStringLiteral("ani"),
                              {QStringLiteral("revoke"), agenda, QStringLiteral("--ams-reference"),
                               QStringLiteral("AMS-2026-000123")});
    QVERIFY2(readBack.exitCode == 4, qPrintable(readBack.describe()));
    QCOMPARE(stateOf(db, agenda), QStringLiteral("revocation_pending_proof"));
    QCOMPARE(amsOperations(db), qint64(1));
    const Run shown = cli(database
                          + QStringList {QStringLiteral("--json"), QStringLiteral("requests"),
                                         QStringLiteral("show"), agenda});
    const QJsonArray events = shown.json().object().value(QStringLiteral("events")).toArray();
    QCOMPARE(shown.json().object().value(QStringLiteral("ams_reference")).toString(),
             QStringLiteral("AMS-2026-000123"));
    QCOMPARE(events.at(events.size() - 2).toObject().value(QStringLiteral("actor")).toString(),
             QStringLiteral("user:joko"));
    QCOMPARE(events.last().toObject().value(QStringLiteral("actor")).toString(),
             QStringLiteral("user:ani"));
}

void TestCommandLineTool::roleBoundCommandsRefuseWithoutLogIn_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("user"); // empty: not logged in
    const QString agenda = QStringLiteral("AGENDA");
    const QList<std::pair<const char *, QStringList>> commands = {
        {"requests apply claim",
         {QStringLiteral("requests"), QStringLiteral("apply"), agenda, QStringLiteral("claim")}},
        {"requests apply reject",
         {QStringLiteral("requests"), QStringLiteral("apply"), agenda, QStringLiteral("reject"),
          QStringLiteral("--note"), QStringLiteral("tidak lengkap")}},
        {"requests apply cancel",
         {QStringLiteral("requests"), QStringLiteral("apply"), agenda, QStringLiteral("cancel"),
          QStringLiteral("--note"), QStringLiteral("batal")}},
        {"users add",
         {QStringLiteral("users"), QStringLiteral("add"), QStringLiteral("budi"),
          QStringLiteral("--name"), QStringLiteral("Budi"), QStringLiteral("--role"),
          QStringLiteral("administrator")}},
        {"users passwd",
         {QStringLiteral("users"), QStringLiteral("passwd"), QStringLiteral("root")}},
        {"users disable",
         {QStringLiteral("users"), QStringLiteral("disable"), QStringLiteral("root")}},
        {"config set",
         {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("dual_control"),
          QStringLiteral("true")}},
        {"demo seed", {QStringLiteral("demo"), QStringLiteral("seed")}},
        {"mail resend", {QStringLiteral("mail"), QStringLiteral("resend"), QStringLiteral("1")}},
    };
    for (const auto &[name, command] : commands)
        QTest::newRow(name) << command << QString();
    // Logged in, but without the role.
    QTest::newRow("operator: users add") << commands.at(3).second << QStringLiteral("ani");
    QTest::newRow("operator: users passwd of another")
        << commands.at(4).second << QStringLiteral("ani");
    QTest::newRow("supervisor: users disable") << commands.at(5).second << QStringLiteral("sari");
    QTest::newRow("supervisor: config set") << commands.at(6).second << QStringLiteral("sari");
    QTest::newRow("operator: demo seed") << commands.at(7).second << QStringLiteral("ani");
}

void TestCommandLineTool::roleBoundCommandsRefuseWithoutLogIn()
{
    QFETCH(QStringList, command);
    QFETCH(QString, user);
    const QString db = freshDatabase();
    const QString agenda = deskWithAccounts(db);
    QVERIFY(!agenda.isEmpty());
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        RD_VERIFY_RESULT((*database)->execute(
            QStringLiteral("INSERT INTO outbox (kind, language, message_id, recipient, subject, "
                           "message, state, attempts, next_attempt_at, created_at) VALUES "
                           "('test', 'id', '<1@test>', 'a@example.org', 'S', ?, 'failed', 1, "
                           "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')"),
            {QByteArray("Subject: S\r\n\r\nB\r\n")}));
    }
    command.replaceInStrings(QStringLiteral("AGENDA"), agenda);
    const QString before = snapshot(db);
    const QStringList arguments = QStringList {QStringLiteral("--database"), db} + command;
    // Standard input holds passwords, so that nothing fails for the want of one.
    const Run run = user.isEmpty()
        ? cli(arguments, "kata-sandi-neu-1\nkata-sandi-neu-1\n")
        : m_cli.run(QStringList {QStringLiteral("--user"), user} + arguments,
                    (QStringLiteral("kata-sandi-") + user
                     + QStringLiteral("-1\nkata-sandi-neu-1\nkata-sandi-neu-1\n"))
                        .toUtf8());
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.startsWith(QStringLiteral("revocation-desk-cli: permission_denied:")),
             qPrintable(run.err));
    QCOMPARE(run.err.contains(QStringLiteral("--user NAM") /* NAME, NAMA */), user.isEmpty());
    QCOMPARE(snapshot(db), before);
}

void TestCommandLineTool::wrongPasswordAndLockOut()
{
    const QString db = freshDatabase();
    QVERIFY(!deskWithAccounts(db).isEmpty());
    const QStringList list {QStringLiteral("--user"),     QStringLiteral("ani"),
                            QStringLiteral("--database"), db,
                            QStringLiteral("users"),      QStringLiteral("list")};
    const Run unknown
        = cli({QStringLiteral("--user"), QStringLiteral("nobody"), QStringLiteral("--database"), db,
               QStringLiteral("users"), QStringLiteral("list")},
              "kata-sandi-ani-1\n");
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.startsWith(QStringLiteral("revocation-desk-cli: authentication_failed:")),
             qPrintable(unknown.err));
    QVERIFY(unknown.out.isEmpty());
    for (int i = 1; i < UserAccounts::MaxFailedLogins; ++i) {
        const Run wrong = cli(list, "salah-sandi-123\n");
        QCOMPARE(wrong.exitCode, 1);
        QCOMPARE(wrong.err, unknown.err); // an unknown name and a wrong password look alike
    }
    const Run locking = cli(list, "salah-sandi-123\n");
    QCOMPARE(locking.exitCode, 1);
    // Now it says the account is locked (in the user's language): no longer the plain refusal.
    QVERIFY2(locking.err.startsWith(QStringLiteral("revocation-desk-cli: authentication_failed:"))
                 && locking.err != unknown.err,
             qPrintable(locking.err));
    const Run right = cli(list, "kata-sandi-ani-1\n");
    QCOMPARE(right.exitCode, 1);
    QCOMPARE(right.err, locking.err); // the right password changes nothing while locked
    QVERIFY(right.out.isEmpty());
    const Run other = as(QStringLiteral("sari"),
                         {QStringLiteral("--database"), db, QStringLiteral("--json"),
                          QStringLiteral("users"), QStringLiteral("list")});
    QVERIFY2(other.exitCode == 0, qPrintable(other.describe()));
}

void TestCommandLineTool::dualControlComesFromTheDatabase()
{
    const QString db = freshDatabase();
    const QString agenda = deskWithAccounts(db);
    QVERIFY(!agenda.isEmpty());
    const QStringList database {QStringLiteral("--database"), db};
    // The old per-PC switch says off; the office's setting says on.
    const QString iniFolder = m_dir.filePath(QStringLiteral("config/revocation-desk"));
    QVERIFY(QDir().mkpath(iniFolder));
    auto writeIni = [&](bool on) {
        QFile ini(iniFolder + QStringLiteral("/revocation-desk.ini"));
        QVERIFY(ini.open(QIODevice::WriteOnly | QIODevice::Truncate));
        ini.write(on ? "[revocation]\ndualControl=true\n" : "[revocation]\ndualControl=false\n");
    };
    writeIni(false);
    QCOMPARE(as(QStringLiteral("root"),
                database
                    + QStringList {QStringLiteral("config"), QStringLiteral("set"),
                                   QStringLiteral("dual_control"), QStringLiteral("true")})
                 .exitCode,
             0);
    const QString notMatched = matchedAs(QStringLiteral("sari"), db, agenda);
    QVERIFY2(notMatched.isEmpty(), qPrintable(notMatched));
    // On in the office: "revoke" asks a second supervisor and queues nothing for AMS.
    const Run asked
        = as(QStringLiteral("sari"),
             database + QStringList {QStringLiteral("requests"), QStringLiteral("revoke"), agenda});
    QVERIFY2(asked.exitCode == 4, qPrintable(asked.describe()));
    QCOMPARE(stateOf(db, agenda), QStringLiteral("awaiting_approval"));
    QCOMPARE(amsOperations(db), qint64(0));
    // And the other way round: off in the office, on in the ini: a direct revocation passes.
    QString second;
    {
        auto opened = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(opened);
        const qint64 holder = TestFixtures::addHolder(*opened, 41);
        const qint64 id = TestFixtures::fileRequest(*opened, holder);
        auto agendaNumber = (*opened)->scalar(
            QStringLiteral("SELECT agenda_number FROM revocation_requests WHERE id = ?"), {id});
        RD_VERIFY_RESULT(agendaNumber);
        second = agendaNumber->toString();
    }
    const QString secondNotMatched = matchedAs(QStringLiteral("sari"), db, second);
    QVERIFY2(secondNotMatched.isEmpty(), qPrintable(secondNotMatched));
    writeIni(true);
    QCOMPARE(as(QStringLiteral("root"),
                database
                    + QStringList {QStringLiteral("config"), QStringLiteral("set"),
                                   QStringLiteral("dual_control"), QStringLiteral("false")})
                 .exitCode,
             0);
    const Run revoked
        = as(QStringLiteral("sari"),
             database + QStringList {QStringLiteral("requests"), QStringLiteral("revoke"), second});
    QVERIFY2(revoked.exitCode == 4, qPrintable(revoked.describe()));
    QCOMPARE(stateOf(db, second), QStringLiteral("revocation_queued"));
    QCOMPARE(amsOperations(db), qint64(1));
    QFile::remove(iniFolder + QStringLiteral("/revocation-desk.ini"));
}

void TestCommandLineTool::configGetSetList()
{
    const QString db = freshDatabase();
    QVERIFY(!deskWithAccounts(db).isEmpty());
    const QStringList database {QStringLiteral("--database"), db};
    const Run initial = cli(database
                            + QStringList {QStringLiteral("config"), QStringLiteral("get"),
                                           QStringLiteral("dual_control")});
    QCOMPARE(initial.exitCode, 0);
    QCOMPARE(initial.out.trimmed(), QStringLiteral("false"));
    const Run set = as(QStringLiteral("root"),
                       database
                           + QStringList {QStringLiteral("--json"), QStringLiteral("config"),
                                          QStringLiteral("set"), QStringLiteral("dual_control"),
                                          QStringLiteral("true")});
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    QCOMPARE(set.json().object().value(QStringLiteral("updated_by")).toString(),
             QStringLiteral("user:root"));
    const Run listed = cli(
        database
        + QStringList {QStringLiteral("--json"), QStringLiteral("config"), QStringLiteral("list")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray rows = listed.json().array();
    QVERIFY(rows.size() > 2); // the office's two and this workstation's
    QCOMPARE(rows.at(0).toObject().value(QStringLiteral("key")).toString(),
             QStringLiteral("workflow/dualControl"));
    QCOMPARE(rows.at(0).toObject().value(QStringLiteral("value")).toString(),
             QStringLiteral("true"));
    const QString before = snapshot(db);
    const Run badValue
        = as(QStringLiteral("root"),
             database
                 + QStringList {QStringLiteral("config"), QStringLiteral("set"),
                                QStringLiteral("dual_control"), QStringLiteral("maybe")});
    QCOMPARE(badValue.exitCode, 1);
    QVERIFY2(badValue.err.contains(QStringLiteral(": invalid_input:")), qPrintable(badValue.err));
    const Run unknown = cli(
        database
        + QStringList {QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("colour")});
    QCOMPARE(unknown.exitCode, 2);
    QCOMPARE(snapshot(db), before);
    auto opened = Database::open(*DatabaseUrl::parse(db));
    RD_VERIFY_RESULT(opened);
    auto audited = (*opened)->scalar(
        QStringLiteral("SELECT actor FROM audit_log WHERE action = 'office.setting'"));
    RD_VERIFY_RESULT(audited);
    QCOMPARE(audited->toString(), QStringLiteral("user:root"));
}

QTEST_GUILESS_MAIN(TestCommandLineTool)
#include "TestCommandLineTool.moc"
