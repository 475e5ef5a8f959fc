#include "SecretStore.h"
#include "TestDatabase.h"

#include <QTest>
#include <QUuid>

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
            return;
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
