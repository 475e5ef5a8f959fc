#include "CliRunner.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "core/AuditKey.h"
#include "core/SecretStore.h"

#include "ams/AmsSettings.h"
#include "mail/MailSettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QUuid>

namespace {

using CliRun = rd::test::CliRunner::Run;

CliRun runCli(const QStringList &arguments, const QByteArray &input = {})
{
    return rd::test::CliRunner().run(arguments, input);
}

QString sourceIn(const QString &listJson, const QString &name)
{
    const QJsonArray rows = QJsonDocument::fromJson(listJson.toUtf8()).array();
    for (const QJsonValue &row : rows) {
        if (row[QStringLiteral("name")].toString() == name)
            return row[QStringLiteral("source")].toString();
    }
    return QStringLiteral("(absent)");
}

} // namespace

using namespace rd;

// The environment is the only store on a machine without a keychain (CI), so its precedence is
// what these tests pin down; the keychain itself is exercised where one answers.
class TestSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void environmentVariableWins()
    {
        qputenv("RD_TEST_SECRET", "s3cret value");
        const auto secret = SecretStore::read(QStringLiteral("test/never-stored"),
                                              QStringLiteral("RD_TEST_SECRET"));
        qunsetenv("RD_TEST_SECRET");
        QVERIFY(secret.has_value());
        QCOMPARE(*secret, QStringLiteral("s3cret value"));
    }

    void emptyEnvironmentVariableFallsBackToKeychain()
    {
        qputenv("RD_TEST_SECRET", "");
        const QString name = QStringLiteral("test/") + QUuid::createUuid().toString(QUuid::Id128);
        const auto secret = SecretStore::read(name, QStringLiteral("RD_TEST_SECRET"));
        qunsetenv("RD_TEST_SECRET");
        if (secret.has_value()) {
            // A keychain answered: an entry nobody wrote is empty, not an error.
            QVERIFY(secret->isEmpty());
        } else {
            // No keychain: the message tells the person which variable to set instead.
            QVERIFY2(secret.error().message.contains(QStringLiteral("RD_TEST_SECRET")),
                     qPrintable(secret.error().message));
        }
    }

    // The settings classes name their secrets themselves; the CLI sets them from this table.
    void settingsUseTheKnownSecrets()
    {
        const std::pair<QString, QString> used[] = {
            {MailSettings::passwordSecretName(), MailSettings::passwordEnvironmentVariable()},
            {AmsSettings::amsPasswordName(), AmsSettings::amsPasswordVariable()},
            {AmsSettings::amsTotpSecretName(), AmsSettings::amsTotpSecretVariable()},
            {AmsSettings::amsTokenName(), AmsSettings::amsTokenVariable()},
            {AmsSettings::esignPasswordName(), AmsSettings::esignPasswordVariable()},
            {AuditKey::secretName(), AuditKey::environmentVariable()},
        };
        for (const auto &[name, variable] : used) {
            const KnownSecret *known = SecretStore::find(name);
            QVERIFY2(known, qPrintable(name));
            QCOMPARE(known->environmentVariable, variable);
        }
        QCOMPARE(SecretStore::knownSecrets().size(), std::size(used));
    }

    void cliRefusesUnknownNames()
    {
        const CliRun run = runCli(
            {QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("smtp/passwort")},
            "x\n");
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(QStringLiteral("smtp/password")), qPrintable(run.err));
    }

    void cliListsWhereButNeverWhat()
    {
        rd::test::CliRunner cli;
        cli.set(QStringLiteral("REVOCATION_DESK_SMTP_PASSWORD"), QStringLiteral("very-secret-42"));
        for (const QString &format : {QStringLiteral("--json"), QString()}) {
            QStringList arguments {QStringLiteral("secrets"), QStringLiteral("list")};
            if (!format.isEmpty())
                arguments.prepend(format);
            const CliRun run = cli.run(arguments);
            QCOMPARE(run.exitCode, 0);
            QVERIFY(!run.out.contains(QStringLiteral("very-secret-42")));
            QVERIFY(!run.err.contains(QStringLiteral("very-secret-42")));
            if (!format.isEmpty())
                QCOMPARE(sourceIn(run.out, QStringLiteral("smtp/password")),
                         QStringLiteral("environment"));
        }
    }

    void cliSetsAndClearsInTheKeychain()
    {
        const bool privateKeychain = qEnvironmentVariableIsSet("RD_TEST_EXPECT_KEYCHAIN");
        if (!privateKeychain
            && SecretStore::read(QStringLiteral("test/probe"), QString()).has_value()) {
            QSKIP("a keychain of the developer's own answers, and ams/token there is theirs; "
                  "TestSecretStoreKeychain sets and clears it in a private keychain");
        }
        const CliRun set = runCli(
            {QStringLiteral("secrets"), QStringLiteral("set"), QStringLiteral("ams/token")},
            "token-from-stdin\n");
        const CliRun listed
            = runCli({QStringLiteral("--json"), QStringLiteral("secrets"), QStringLiteral("list")});
        QCOMPARE(listed.exitCode, 0);
        if (!privateKeychain) {
            // No keychain: a clear refusal, and the list says so instead of "missing".
            QCOMPARE(set.exitCode, 1);
            QVERIFY2(set.err.contains(QStringLiteral("ams/token")), qPrintable(set.err));
            QCOMPARE(sourceIn(listed.out, QStringLiteral("ams/token")),
                     QStringLiteral("unavailable"));
            QSKIP("no keychain answers, so nothing can be set or cleared in it; "
                  "TestSecretStoreKeychain does that in a private keychain");
        }
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        QCOMPARE(sourceIn(listed.out, QStringLiteral("ams/token")), QStringLiteral("keychain"));
        const auto stored = SecretStore::read(QStringLiteral("ams/token"), QString());
        RD_VERIFY_RESULT(stored);
        QCOMPARE(*stored, QStringLiteral("token-from-stdin"));
        const CliRun cleared = runCli(
            {QStringLiteral("secrets"), QStringLiteral("clear"), QStringLiteral("ams/token")});
        QVERIFY2(cleared.exitCode == 0, qPrintable(cleared.err));
        const CliRun after
            = runCli({QStringLiteral("--json"), QStringLiteral("secrets"), QStringLiteral("list")});
        QCOMPARE(sourceIn(after.out, QStringLiteral("ams/token")), QStringLiteral("missing"));
    }

    void keychainRoundTripWhereOneExists()
    {
        const QString name = QStringLiteral("test/") + QUuid::createUuid().toString(QUuid::Id128);
        const auto written = SecretStore::write(name, QStringLiteral("päss wörd"));
        // Under tests/support/with-keychain.sh a real keychain (gnome-keyring on a private
        // D-Bus) must answer; elsewhere there may be none.
        if (qEnvironmentVariableIsSet("RD_TEST_EXPECT_KEYCHAIN"))
            RD_VERIFY_RESULT(written);
        if (!written.has_value()) {
            // Without a keychain nothing may be kept anywhere else: reading finds nothing.
            QVERIFY(!written.error().message.isEmpty());
            const auto read = SecretStore::read(name, QString());
            QVERIFY(!read.has_value() || read->isEmpty());
            QSKIP("no keychain answers, so there is no round trip to make; "
                  "TestSecretStoreKeychain makes it in a private keychain");
        }
        const auto read = SecretStore::read(name, QString());
        QVERIFY(read.has_value());
        QCOMPARE(*read, QStringLiteral("päss wörd"));
        QVERIFY(SecretStore::remove(name).has_value());
        const auto gone = SecretStore::read(name, QString());
        QVERIFY(gone.has_value());
        QVERIFY(gone->isEmpty());
        QVERIFY(SecretStore::remove(name).has_value());
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "TestSecretStore.moc"
