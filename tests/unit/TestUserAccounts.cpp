// Accounts with Argon2id hashes: add, log in, wrong password, lock-out, disable, who may change
// an account, bad input. Runs on SQLite and (TestUserAccountsPostgres) on PostgreSQL.
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "users/UserAccounts.h"

#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;

namespace {

const Actor s_admin = Actor::user(QStringLiteral("root"), Actor::Role::Administrator);
const QString s_password = QStringLiteral("kata-sandi-sari-2026");

qint64 auditCount(const Database &database, const QString &action)
{
    auto count = database.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = ?"),
                                 {action});
    return count ? count->toLongLong() : -1;
}

} // namespace

class TestUserAccounts : public QObject
{
    Q_OBJECT

private slots:
    void hashIsArgon2idAndSalted();
    void cleanup();
    void addAuthenticateDisable();
    void lockOutHoldsOnEveryConnection();
    void successClearsTheCount();
    void onlyAnAdministratorChangesAccounts();
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

void TestUserAccounts::cleanup()
{
    Clock::setFixedUtc({});
}

void TestUserAccounts::addAuthenticateDisable()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    UserAccounts users(test->database());
    const Actor admin = s_admin;
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
    // add, password, disable, the log-in that cleared a failure, and three failed log-ins.
    QCOMPARE(audit->entries, qint64(7));
    QCOMPARE(auditCount(*test->database(), QStringLiteral("user.login_failed")), qint64(3));
}

void TestUserAccounts::lockOutHoldsOnEveryConnection()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    Clock::setFixedUtc(QDateTime(QDate(2026, 11, 2), QTime(2, 0), QTimeZone::utc()));
    UserAccounts here(test->database());
    RD_VERIFY_RESULT(here.add(s_admin, QStringLiteral("sari"), QStringLiteral("Sari Dewi"),
                              Actor::Role::Supervisor, s_password));
    const QString wrongMessage
        = here.authenticate(QStringLiteral("nobody"), s_password).error().message;
    for (int i = 1; i < UserAccounts::MaxFailedLogins; ++i) {
        auto wrong = here.authenticate(QStringLiteral("sari"), QStringLiteral("salah-sandi-1234"));
        QCOMPARE(wrong.error().code, ErrorCode::AuthenticationFailed);
        QCOMPARE(wrong.error().message, wrongMessage); // not locked yet, and not told apart
    }
    auto last = here.authenticate(QStringLiteral("sari"), QStringLiteral("salah-sandi-1234"));
    QCOMPARE(last.error().code, ErrorCode::AuthenticationFailed);
    QVERIFY2(last.error().message.contains(QStringLiteral("locked")),
             qPrintable(last.error().message));

    // Another workstation: its own connection and its own UserAccounts, the right password.
    DatabasePtr other = test->openAnother();
    QVERIFY(other);
    UserAccounts there(other);
    auto locked = there.authenticate(QStringLiteral("sari"), s_password);
    QVERIFY2(!locked, "a locked account logged in with the right password");
    QCOMPARE(locked.error().code, ErrorCode::AuthenticationFailed);
    QCOMPARE(locked.error().message, last.error().message);
    auto lockedWrong = there.authenticate(QStringLiteral("sari"), QStringLiteral("salah-lagi-123"));
    QCOMPARE(lockedWrong.error().message, locked.error().message); // the password is not judged

    QCOMPARE(auditCount(*test->database(), QStringLiteral("user.locked")), qint64(1));
    QCOMPARE(auditCount(*test->database(), QStringLiteral("user.login_failed")),
             qint64(1 + UserAccounts::MaxFailedLogins + 2));

    Clock::setFixedUtc(Clock::currentUtc().addSecs(UserAccounts::LockoutMinutes * 60 - 60));
    QVERIFY(!there.authenticate(QStringLiteral("sari"), s_password));
    Clock::setFixedUtc(Clock::currentUtc().addSecs(61));
    auto after = there.authenticate(QStringLiteral("sari"), s_password);
    RD_VERIFY_RESULT(after);
    QCOMPARE(after->role(), Actor::Role::Supervisor);
    auto stored = test->database()->scalar(
        QStringLiteral("SELECT failed_logins FROM users WHERE username = 'sari'"));
    QCOMPARE(stored->toInt(), 0);
    auto audit = AuditLog::verify(*test->database());
    QVERIFY2(audit && audit->intact(), qPrintable(audit ? audit->explanation : QString()));
}

void TestUserAccounts::successClearsTheCount()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    UserAccounts users(test->database());
    RD_VERIFY_RESULT(users.add(s_admin, QStringLiteral("sari"), QStringLiteral("Sari Dewi"),
                               Actor::Role::Supervisor, s_password));
    for (int round = 0; round < 2; ++round) {
        for (int i = 1; i < UserAccounts::MaxFailedLogins; ++i)
            QVERIFY(!users.authenticate(QStringLiteral("sari"), QStringLiteral("salah-1234567")));
        RD_VERIFY_RESULT(users.authenticate(QStringLiteral("sari"), s_password));
    }
    QCOMPARE(auditCount(*test->database(), QStringLiteral("user.locked")), qint64(0));
    QCOMPARE(auditCount(*test->database(), QStringLiteral("user.login")), qint64(2));
}

void TestUserAccounts::onlyAnAdministratorChangesAccounts()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    UserAccounts users(test->database());
    const Actor shell = Actor::commandLine(QStringLiteral("alice"));
    // The first account: anyone may add it, and it must be an administrator.
    auto firstOperator = users.add(shell, QStringLiteral("ani"), QStringLiteral("Ani"),
                                   Actor::Role::Operator, QStringLiteral("kata-sandi-ani-1"));
    QCOMPARE(firstOperator.error().code, ErrorCode::InvalidInput);
    RD_VERIFY_RESULT(users.add(shell, QStringLiteral("root"), QStringLiteral("Root"),
                               Actor::Role::Administrator, QStringLiteral("kata-sandi-root-1")));
    auto second = users.add(shell, QStringLiteral("ani"), QStringLiteral("Ani"),
                            Actor::Role::Operator, QStringLiteral("kata-sandi-ani-1"));
    QCOMPARE(second.error().code, ErrorCode::PermissionDenied);
    auto root = users.authenticate(QStringLiteral("root"), QStringLiteral("kata-sandi-root-1"));
    RD_VERIFY_RESULT(root);
    auto aniId = users.add(*root, QStringLiteral("ani"), QStringLiteral("Ani"),
                           Actor::Role::Operator, QStringLiteral("kata-sandi-ani-1"));
    RD_VERIFY_RESULT(aniId);
    const Actor ani = Actor::user(QStringLiteral("ani"), Actor::Role::Operator, *aniId);
    QCOMPARE(users.setPassword(ani, QStringLiteral("root"), QStringLiteral("kata-sandi-ani-2"))
                 .error()
                 .code,
             ErrorCode::PermissionDenied);
    QCOMPARE(users.setPassword(shell, QStringLiteral("ani"), QStringLiteral("kata-sandi-ani-2"))
                 .error()
                 .code,
             ErrorCode::PermissionDenied);
    QCOMPARE(users.disable(ani, QStringLiteral("root")).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(users.disable(shell, QStringLiteral("ani")).error().code, ErrorCode::PermissionDenied);
    RD_VERIFY_RESULT(
        users.authenticate(QStringLiteral("root"), QStringLiteral("kata-sandi-root-1")));
    // A person changes their own password.
    RD_VERIFY_RESULT(
        users.setPassword(ani, QStringLiteral("ani"), QStringLiteral("kata-sandi-ani-2")));
    RD_VERIFY_RESULT(users.authenticate(QStringLiteral("ani"), QStringLiteral("kata-sandi-ani-2")));
    QCOMPARE(users.authorizeSetUp(shell).error().code, ErrorCode::PermissionDenied);
    RD_VERIFY_RESULT(users.authorizeSetUp(*root));
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
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
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
