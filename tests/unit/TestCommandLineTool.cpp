// revocation-desk-cli as a person or a script runs it: the real binary in a child process,
// exit codes and error codes (never translated prose), JSON keys.
#include "CliRunner.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"

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

private:
    Run cli(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return m_cli.run(arguments, input);
    }
    QString freshDatabase();

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
    for (const char *noun : {"db", "demo", "holders", "requests", "audit", "users"})
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
        {QStringLiteral("audit"), QStringLiteral("verify")},
        {QStringLiteral("users"), QStringLiteral("add")},
        {QStringLiteral("users"), QStringLiteral("passwd")},
        {QStringLiteral("users"), QStringLiteral("disable")},
        {QStringLiteral("users"), QStringLiteral("list")},
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

    const Run claim = cli({QStringLiteral("--database"), db, QStringLiteral("requests"),
                           QStringLiteral("apply"), agenda, QStringLiteral("claim")});
    QCOMPARE(claim.exitCode, 0);
    const Run revoke = cli({QStringLiteral("--database"), db, QStringLiteral("requests"),
                            QStringLiteral("apply"), agenda, QStringLiteral("revoke")});
    QCOMPARE(revoke.exitCode, 1);
    QVERIFY(revoke.err.startsWith(QStringLiteral("revocation-desk-cli: invalid_transition:")));
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
    const Run added
        = cli({QStringLiteral("--database"), db, QStringLiteral("users"), QStringLiteral("add"),
               QStringLiteral("ani"), QStringLiteral("--name"), QStringLiteral("Ani Rahmawati"),
               QStringLiteral("--role"), QStringLiteral("operator")},
              "kata-sandi-ani-2026\n");
    QCOMPARE(added.exitCode, 0);
    const Run again
        = cli({QStringLiteral("--database"), db, QStringLiteral("users"), QStringLiteral("add"),
               QStringLiteral("ani"), QStringLiteral("--name"), QStringLiteral("Ani")},
              "kata-sandi-ani-2026\n");
    QCOMPARE(again.exitCode, 1);
    QVERIFY(again.err.contains(QStringLiteral(": conflict:")));
    const Run weak
        = cli({QStringLiteral("--database"), db, QStringLiteral("users"), QStringLiteral("add"),
               QStringLiteral("budi"), QStringLiteral("--name"), QStringLiteral("Budi")},
              "short\n");
    QCOMPARE(weak.exitCode, 1);
    QVERIFY(weak.err.contains(QStringLiteral(": invalid_input:")));
    const Run role
        = cli({QStringLiteral("--database"), db, QStringLiteral("users"), QStringLiteral("add"),
               QStringLiteral("budi"), QStringLiteral("--name"), QStringLiteral("Budi"),
               QStringLiteral("--role"), QStringLiteral("king")});
    QCOMPARE(role.exitCode, 2);
    QCOMPARE(cli({QStringLiteral("--database"), db, QStringLiteral("users"),
                  QStringLiteral("passwd"), QStringLiteral("ani")},
                 "kata-sandi-baru-2027\n")
                 .exitCode,
             0);
    QCOMPARE(cli({QStringLiteral("--database"), db, QStringLiteral("users"),
                  QStringLiteral("disable"), QStringLiteral("ani")})
                 .exitCode,
             0);
    const Run listed = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("users"), QStringLiteral("list")});
    QCOMPARE(listed.exitCode, 0);
    const QJsonObject ani = listed.json().array().at(0).toObject();
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
    QCOMPARE(summary.value(QStringLiteral("requests_by_state")).toObject().size(), 14);
    QVERIFY(!summary.value(QStringLiteral("user_credentials")).toArray().isEmpty());

    const Run again
        = cli({QStringLiteral("--database"), db, QStringLiteral("demo"), QStringLiteral("seed")});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.startsWith(QStringLiteral("revocation-desk-cli: conflict:")),
             qPrintable(again.err));
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

QTEST_GUILESS_MAIN(TestCommandLineTool)
#include "TestCommandLineTool.moc"
