// Where the audit key comes from (the environment wins, then the keychain entry audit/key) and
// how its signature is compared. Runs plain (no keychain: the environment path) and, as
// TestAuditKeyKeychain, against a private keychain.
#include "CliRunner.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "core/AuditKey.h"
#include "core/SecretStore.h"
#include "database/Database.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::CliRunner;

class TestAuditKey : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signatureMatchesOnlyExactly_data();
    void signatureMatchesOnlyExactly();
    void environmentWinsOverTheKeychain();
    void keyFromTheKeychainSignsAndVerifies();

private:
    CliRunner keyless() const;
    QString freshDatabase();
    static bool keychainExpected() { return qEnvironmentVariableIsSet("RD_TEST_EXPECT_KEYCHAIN"); }

    QTemporaryDir m_dir;
    int m_databases = 0;
};

void TestAuditKey::initTestCase()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QVERIFY(m_dir.isValid());
}

CliRunner TestAuditKey::keyless() const
{
    CliRunner cli;
    cli.useFolder(m_dir.path());
    cli.unset(AuditKey::environmentVariable());
    cli.unset(QStringLiteral("REVOCATION_DESK_DATABASE"));
    return cli;
}

QString TestAuditKey::freshDatabase()
{
    return QStringLiteral("sqlite:")
        + m_dir.filePath(QStringLiteral("audit%1.sqlite").arg(++m_databases));
}

void TestAuditKey::signatureMatchesOnlyExactly_data()
{
    const QByteArray key("k");
    const QString hash = AuditLog::genesisHash();
    const QString right = AuditKey::sign(key, 3, hash);
    QString lastDigit = right;
    lastDigit[63] = right.at(63) == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
    QTest::addColumn<QString>("signature");
    QTest::addColumn<bool>("matches");
    QTest::newRow("right") << right << true;
    QTest::newRow("last digit wrong") << lastDigit << false;
    QTest::newRow("cut short") << right.left(63) << false;
    QTest::newRow("one digit more") << right + QLatin1Char('0') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("other sequence number") << AuditKey::sign(key, 4, hash) << false;
    QTest::newRow("other key") << AuditKey::sign(QByteArray("l"), 3, hash) << false;
}

void TestAuditKey::signatureMatchesOnlyExactly()
{
    QFETCH(QString, signature);
    QFETCH(bool, matches);
    QCOMPARE(AuditKey::matches(QByteArray("k"), 3, AuditLog::genesisHash(), signature), matches);
}

void TestAuditKey::environmentWinsOverTheKeychain()
{
    const QByteArray saved = qgetenv("REVOCATION_DESK_AUDIT_KEY");
    qputenv("REVOCATION_DESK_AUDIT_KEY", "from-the-environment");
    auto fromEnvironment = AuditKey::load();
    RD_VERIFY_RESULT(fromEnvironment);
    QCOMPARE(*fromEnvironment, QByteArray("from-the-environment"));

    const auto written
        = SecretStore::write(AuditKey::secretName(), QStringLiteral("from-keychain"));
    if (keychainExpected())
        RD_VERIFY_RESULT(written);
    if (!written) {
        qputenv("REVOCATION_DESK_AUDIT_KEY", saved);
        QSKIP("no keychain answers; TestAuditKeyKeychain checks the order against one");
    }
    auto stillEnvironment = AuditKey::load();
    qunsetenv("REVOCATION_DESK_AUDIT_KEY");
    auto fromKeychain = AuditKey::load();
    qputenv("REVOCATION_DESK_AUDIT_KEY", "");
    auto emptyVariable = AuditKey::load();
    qputenv("REVOCATION_DESK_AUDIT_KEY", saved);
    RD_VERIFY_RESULT(SecretStore::remove(AuditKey::secretName()));
    RD_VERIFY_RESULT(stillEnvironment);
    QCOMPARE(*stillEnvironment, QByteArray("from-the-environment"));
    RD_VERIFY_RESULT(fromKeychain);
    QCOMPARE(*fromKeychain, QByteArray("from-keychain"));
    RD_VERIFY_RESULT(emptyVariable);
    QCOMPARE(*emptyVariable, QByteArray("from-keychain"));
}

void TestAuditKey::keyFromTheKeychainSignsAndVerifies()
{
    // `secrets set audit/key`, then a workstation with no variable migrates, writes and verifies
    // with the key from its keychain.
    const CliRunner cli = keyless();
    const CliRunner::Run set
        = cli.run({QStringLiteral("secrets"), QStringLiteral("set"), AuditKey::secretName()},
                  "keychain-audit-key\n");
    if (!keychainExpected()) {
        // The name is known (not a usage error); only the keychain is missing.
        QVERIFY2(set.exitCode == 1, qPrintable(set.describe()));
        QVERIFY2(set.err.contains(AuditKey::secretName()), qPrintable(set.err));
        QSKIP("no keychain answers; TestAuditKeyKeychain runs this against one");
    }
    QVERIFY2(set.exitCode == 0, qPrintable(set.describe()));
    const QString db = freshDatabase();
    const CliRunner::Run migrated = cli.run(
        {QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")});
    const CliRunner::Run verified
        = cli.run({QStringLiteral("--database"), db, QStringLiteral("--json"),
                   QStringLiteral("audit"), QStringLiteral("verify")});
    const CliRunner::Run cleared
        = cli.run({QStringLiteral("secrets"), QStringLiteral("clear"), AuditKey::secretName()});
    QVERIFY2(migrated.exitCode == 0, qPrintable(migrated.describe()));
    QVERIFY2(verified.exitCode == 0, qPrintable(verified.describe()));
    QCOMPARE(verified.json().object().value(QStringLiteral("checkpoint_signed")).toBool(), true);
    QVERIFY2(cleared.exitCode == 0, qPrintable(cleared.describe()));

    auto url = DatabaseUrl::parse(db);
    RD_VERIFY_RESULT(url);
    auto database = Database::open(*url);
    RD_VERIFY_RESULT(database);
    auto signature = (*database)->scalar(
        QStringLiteral("SELECT signature FROM audit_checkpoint WHERE id = 1"));
    RD_VERIFY_RESULT(signature);
    QCOMPARE(signature->toString(),
             AuditKey::sign(QByteArray("keychain-audit-key"), 0, AuditLog::genesisHash()));
}

QTEST_GUILESS_MAIN(TestAuditKey)
#include "TestAuditKey.moc"
