// Accounts with Argon2id hashes: add, log in, wrong password, disable, bad input.
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "users/UserAccounts.h"

#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;

class TestUserAccounts : public QObject
{
    Q_OBJECT

private slots:
    void hashIsArgon2idAndSalted();
    void addAuthenticateDisable();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
};

void TestUserAccounts::hashIsArgon2idAndSalted()
{
    auto first = UserAccounts::hashPassword(QStringLiteral("kata-sandi-rahasia"));
    auto second = UserAccounts::hashPassword(QStringLiteral("kata-sandi-rahasia"));
    RD_VERIFY_RESULT(first);
    RD_VERIFY_RESULT(second);
    QVERIFY(first->startsWith(QStringLiteral("$argon2id$v=19$")));
    QVERIFY(*first != *second);
    QVERIFY(UserAccounts::verifyPassword(*first, QStringLiteral("kata-sandi-rahasia")));
    QVERIFY(!UserAccounts::verifyPassword(*first, QStringLiteral("kata-sandi-rahasib")));
    QVERIFY(!UserAccounts::verifyPassword(QStringLiteral("not a hash"), QStringLiteral("x")));
}

void TestUserAccounts::addAuthenticateDisable()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Sqlite);
    UserAccounts users(test->database());
    const Actor admin = Actor::commandLine(QStringLiteral("root"));
    auto id
        = users.add(admin, QStringLiteral("sari.supervisor"), QStringLiteral("Sari Dewi, S.Kom."),
                    Actor::Role::Supervisor, QStringLiteral("kata-sandi-sari-2026"));
    RD_VERIFY_RESULT(id);
    auto actor = users.authenticate(QStringLiteral("sari.supervisor"),
                                    QStringLiteral("kata-sandi-sari-2026"));
    RD_VERIFY_RESULT(actor);
    QCOMPARE(actor->toString(), QStringLiteral("user:sari.supervisor"));
    QCOMPARE(actor->role(), Actor::Role::Supervisor);
    QCOMPARE(actor->userId(), *id);

    auto wrong
        = users.authenticate(QStringLiteral("sari.supervisor"), QStringLiteral("salah-sandi-1234"));
    QCOMPARE(wrong.error().code, ErrorCode::AuthenticationFailed);
    auto unknown
        = users.authenticate(QStringLiteral("nobody"), QStringLiteral("kata-sandi-sari-2026"));
    QCOMPARE(unknown.error().code, ErrorCode::AuthenticationFailed);
    QCOMPARE(unknown.error().message, wrong.error().message);

    RD_VERIFY_RESULT(users.setPassword(admin, QStringLiteral("sari.supervisor"),
                                       QStringLiteral("kata-sandi-baru-2027")));
    RD_VERIFY_RESULT(users.authenticate(QStringLiteral("sari.supervisor"),
                                        QStringLiteral("kata-sandi-baru-2027")));
    RD_VERIFY_RESULT(users.disable(admin, QStringLiteral("sari.supervisor")));
    auto disabled = users.authenticate(QStringLiteral("sari.supervisor"),
                                       QStringLiteral("kata-sandi-baru-2027"));
    QCOMPARE(disabled.error().code, ErrorCode::AuthenticationFailed);

    auto hash = test->database()->scalar(QStringLiteral("SELECT password_hash FROM users"));
    QVERIFY(!hash->toString().contains(QStringLiteral("kata-sandi")));
    auto audit = AuditLog::verify(*test->database());
    QVERIFY(audit && audit->intact());
    QCOMPARE(audit->entries, qint64(3));
}

void TestUserAccounts::badInputChangesNothing_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("role");
    QTest::newRow("short password") << "ani"
                                    << "pendek" << int(Actor::Role::Operator);
    QTest::newRow("upper-case name") << "Ani"
                                     << "kata-sandi-ani-1" << int(Actor::Role::Operator);
    QTest::newRow("name with space") << "ani r"
                                     << "kata-sandi-ani-1" << int(Actor::Role::Operator);
    QTest::newRow("no role") << "ani"
                             << "kata-sandi-ani-1" << int(Actor::Role::None);
}

void TestUserAccounts::badInputChangesNothing()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(int, role);
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Sqlite);
    UserAccounts users(test->database());
    auto added = users.add(Actor::commandLine(), username, QStringLiteral("Ani"), Actor::Role(role),
                           password);
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::InvalidInput);
    QCOMPARE(rd::test::TestFixtures::count(*test->database(), QStringLiteral("users")), qint64(0));
    QCOMPARE(rd::test::TestFixtures::count(*test->database(), QStringLiteral("audit_log")),
             qint64(0));
}

QTEST_GUILESS_MAIN(TestUserAccounts)
#include "TestUserAccounts.moc"
