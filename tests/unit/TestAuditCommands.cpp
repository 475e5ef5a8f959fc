// `audit verify` and `audit reseal` as a scheduled check or an administrator runs them: the real
// binary, exit codes and JSON keys.
#include "CliRunner.h"
#include "core/AuditKey.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::CliRunner;

class TestAuditCommands : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void verifyWithoutAKeyIsIndeterminate();
    void resealNeedsAReason();

private:
    CliRunner keyless() const;
    QString freshDatabase();

    QTemporaryDir m_dir;
    int m_databases = 0;
};

void TestAuditCommands::initTestCase()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QVERIFY(m_dir.isValid());
}

CliRunner TestAuditCommands::keyless() const
{
    CliRunner cli;
    cli.useFolder(m_dir.path());
    cli.unset(AuditKey::environmentVariable());
    cli.unset(QStringLiteral("REVOCATION_DESK_DATABASE"));
    return cli;
}

QString TestAuditCommands::freshDatabase()
{
    return QStringLiteral("sqlite:")
        + m_dir.filePath(QStringLiteral("audit%1.sqlite").arg(++m_databases));
}

void TestAuditCommands::verifyWithoutAKeyIsIndeterminate()
{
    // Signed with the test key, then checked where there is none: the chain is whole, but
    // nothing proves its newest entries, and a scheduled check must see that in the exit code.
    const QString db = freshDatabase();
    CliRunner withKey = keyless();
    withKey.set(AuditKey::environmentVariable(), QStringLiteral("test-audit-checkpoint-key"));
    const CliRunner::Run migrated = withKey.run(
        {QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")});
    QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.describe()));
    const CliRunner::Run signedRun
        = withKey.run({QStringLiteral("--database"), db, QStringLiteral("--json"),
                       QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(signedRun.exitCode == 0, qPrintable(signedRun.describe()));

    const CliRunner::Run json
        = keyless().run({QStringLiteral("--database"), db, QStringLiteral("--json"),
                         QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(json.exitCode == 4, qPrintable(json.describe()));
    const QJsonObject object = json.json().object();
    QCOMPARE(object.value(QStringLiteral("intact")).toBool(), true);
    QCOMPARE(object.value(QStringLiteral("checkpoint_signed")).toBool(), false);
    QVERIFY(!object.value(QStringLiteral("signature_unchecked")).toString().isEmpty());
    const CliRunner::Run text = keyless().run(
        {QStringLiteral("--database"), db, QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(text.exitCode == 4, qPrintable(text.describe()));
}

void TestAuditCommands::resealNeedsAReason()
{
    const QString db = freshDatabase();
    for (const QStringList &reason :
         {QStringList {}, QStringList {QStringLiteral("--reason"), QStringLiteral("  ")}}) {
        const CliRunner::Run run
            = keyless().run(QStringList {QStringLiteral("--database"), db, QStringLiteral("audit"),
                                         QStringLiteral("reseal")}
                            + reason);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    }
    const CliRunner::Run help = keyless().run(
        {QStringLiteral("audit"), QStringLiteral("reseal"), QStringLiteral("--help")});
    QVERIFY2(help.exitCode == 0, qPrintable(help.describe()));
    QVERIFY(help.out.contains(QStringLiteral("--reason")));
}

QTEST_GUILESS_MAIN(TestAuditCommands)
#include "TestAuditCommands.moc"
