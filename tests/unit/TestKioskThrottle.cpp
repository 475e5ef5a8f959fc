// The kiosk's throttle on wrong NIK/e-mail pairs: free tries, doubling delays, the pause, the
// window that forgets, one kiosk never slowing another, and audit entries that never hold a
// whole NIK. Time is the test's own clock.
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "audit/Actor.h"
#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "requests/KioskThrottle.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <memory>

using namespace rd;
using rd::test::TestDatabase;

namespace {

const QString s_kiosk = QStringLiteral("kiosk-mpp-ranai");
const QString s_otherKiosk = QStringLiteral("kiosk-lobby");
const QString s_nik = QStringLiteral("2103015708900004");

// A clock the test moves by hand.
struct TestClock
{
    std::shared_ptr<QDateTime> now
        = std::make_shared<QDateTime>(QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC));
    Clock clock() const
    {
        return Clock([now = now]() { return *now; });
    }
    void advance(qint64 seconds) const { *now = now->addSecs(seconds); }
};

} // namespace

class TestKioskThrottle : public QObject
{
    Q_OBJECT

private slots:
    void delaysFollowThePolicy();
    void noDelayForTheFirstThree();
    void delaysGrowThenPause();
    void windowSlides();
    void anotherKioskIsNotSlowed();
    void auditEntriesHoldNoWholeNik();
};

void TestKioskThrottle::delaysFollowThePolicy()
{
    QCOMPARE(KioskThrottle::delaySeconds(0), 0);
    QCOMPARE(KioskThrottle::delaySeconds(1), 0);
    QCOMPARE(KioskThrottle::delaySeconds(3), 0);
    QCOMPARE(KioskThrottle::delaySeconds(4), 2);
    QCOMPARE(KioskThrottle::delaySeconds(5), 4);
    QCOMPARE(KioskThrottle::delaySeconds(6), 8);
    QCOMPARE(KioskThrottle::delaySeconds(7), 16);
    QCOMPARE(KioskThrottle::delaySeconds(8), 300);
    QCOMPARE(KioskThrottle::delaySeconds(100), 300);
    for (int failures = 0; failures < KioskThrottle::PauseFromFailure; ++failures)
        QVERIFY(KioskThrottle::delaySeconds(failures) <= KioskThrottle::MaximumDelaySeconds);
}

void TestKioskThrottle::noDelayForTheFirstThree()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const TestClock time;
    KioskThrottle throttle(test->database(), time.clock());
    auto before = throttle.nextAttemptAllowedAt(s_kiosk);
    RD_VERIFY_RESULT(before);
    QVERIFY(!before->isValid());
    for (int i = 0; i < 3; ++i) {
        RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
        auto next = throttle.nextAttemptAllowedAt(s_kiosk);
        RD_VERIFY_RESULT(next);
        QVERIFY2(!next->isValid() || *next <= *time.now, qPrintable(next->toString(Qt::ISODate)));
        time.advance(1);
    }
}

void TestKioskThrottle::delaysGrowThenPause()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const TestClock time;
    KioskThrottle throttle(test->database(), time.clock());
    for (int i = 0; i < 3; ++i)
        RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
    // Each failure waits as long as it is told, then fails again.
    for (const qint64 expected : {qint64(2), qint64(4), qint64(8), qint64(16)}) {
        RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
        auto next = throttle.nextAttemptAllowedAt(s_kiosk);
        RD_VERIFY_RESULT(next);
        QVERIFY(next->isValid());
        QCOMPARE(time.now->secsTo(*next), expected);
        time.advance(expected - 1);
        QVERIFY(*throttle.nextAttemptAllowedAt(s_kiosk) > *time.now);
        time.advance(1);
        QVERIFY(*throttle.nextAttemptAllowedAt(s_kiosk) <= *time.now);
    }
    // The eighth in the window: five minutes after it, and again after the next.
    for (int i = 0; i < 2; ++i) {
        RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
        const QDateTime failedAt = *time.now;
        time.advance(60);
        auto paused = throttle.nextAttemptAllowedAt(s_kiosk);
        RD_VERIFY_RESULT(paused);
        QCOMPARE(*paused, failedAt.addSecs(5 * 60));
        time.advance(4 * 60);
        QVERIFY(*throttle.nextAttemptAllowedAt(s_kiosk) <= *time.now);
    }
}

void TestKioskThrottle::windowSlides()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const TestClock time;
    KioskThrottle throttle(test->database(), time.clock());
    // Four failures a minute apart: the fourth brings a delay.
    for (int i = 0; i < 4; ++i) {
        RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
        time.advance(60);
    }
    time.advance(-60);
    QCOMPARE(time.now->secsTo(*throttle.nextAttemptAllowedAt(s_kiosk)), qint64(2));
    // Fifteen minutes after the first it is forgotten: the next failure is the fourth in the
    // window, not the fifth (2 s, not 4 s)...
    time.advance(12 * 60 + 1);
    RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
    auto next = throttle.nextAttemptAllowedAt(s_kiosk);
    RD_VERIFY_RESULT(next);
    QCOMPARE(time.now->secsTo(*next), qint64(2));
    // ...and once all are older than the window, nothing holds the kiosk back.
    time.advance(15 * 60 + 1);
    next = throttle.nextAttemptAllowedAt(s_kiosk);
    RD_VERIFY_RESULT(next);
    QVERIFY(!next->isValid());
    RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
    next = throttle.nextAttemptAllowedAt(s_kiosk);
    RD_VERIFY_RESULT(next);
    QVERIFY(!next->isValid());
}

void TestKioskThrottle::anotherKioskIsNotSlowed()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const TestClock time;
    KioskThrottle throttle(test->database(), time.clock());
    for (int i = 0; i < KioskThrottle::PauseFromFailure; ++i)
        RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
    auto paused = throttle.nextAttemptAllowedAt(s_kiosk);
    RD_VERIFY_RESULT(paused);
    QCOMPARE(time.now->secsTo(*paused), qint64(300));
    auto other = throttle.nextAttemptAllowedAt(s_otherKiosk);
    RD_VERIFY_RESULT(other);
    QVERIFY(!other->isValid());
    RD_VERIFY_RESULT(throttle.recordFailure(s_otherKiosk, s_nik));
    other = throttle.nextAttemptAllowedAt(s_otherKiosk);
    RD_VERIFY_RESULT(other);
    QVERIFY(!other->isValid());
}

void TestKioskThrottle::auditEntriesHoldNoWholeNik()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const TestClock time;
    KioskThrottle throttle(test->database(), time.clock());
    for (int i = 0; i < 4; ++i)
        RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, s_nik));
    RD_VERIFY_RESULT(throttle.recordFailure(s_kiosk, QStringLiteral("123")));
    auto query = test->database()->execute(
        QStringLiteral("SELECT actor, recorded_at, entity_type, entity_id, details FROM audit_log "
                       "WHERE action = ? ORDER BY seq"),
        {KioskThrottle::failureAction()});
    RD_VERIFY_RESULT(query);
    int entries = 0;
    while (query->next()) {
        ++entries;
        QCOMPARE(query->value(0).toString(), Actor::kiosk(s_kiosk).toString());
        QCOMPARE(query->value(1).toString(), Clock::toIsoUtc(*time.now));
        QCOMPARE(query->value(2).toString(), QStringLiteral("kiosk"));
        QCOMPARE(query->value(3).toString(), s_kiosk);
        const QString text = query->value(4).toString();
        QVERIFY2(!text.contains(s_nik) && !text.contains(s_nik.left(12)), qPrintable(text));
        const QJsonObject details = QJsonDocument::fromJson(text.toUtf8()).object();
        QCOMPARE(details.value(QStringLiteral("failures_in_window")).toInt(), entries);
        QCOMPARE(details.value(QStringLiteral("delay_seconds")).toInt(),
                 KioskThrottle::delaySeconds(entries));
        if (entries <= 4) {
            QCOMPARE(details.value(QStringLiteral("nik_length")).toInt(), 16);
            QCOMPARE(details.value(QStringLiteral("nik_last4")).toString(), QStringLiteral("0004"));
        } else { // too short for four digits to leave most of it unsaid
            QCOMPARE(details.value(QStringLiteral("nik_length")).toInt(), 3);
            QCOMPARE(details.value(QStringLiteral("nik_last4")).toString(), QString());
            QVERIFY(!text.contains(QStringLiteral("123")));
        }
        QCOMPARE(details.size(), qsizetype(5));
    }
    QCOMPARE(entries, 5);
    // The chain still checks out with the kiosk's entries in it.
    auto verified = AuditLog::verify(*test->database());
    RD_VERIFY_RESULT(verified);
    QVERIFY2(verified->intact(), qPrintable(verified->explanation));
}

QTEST_GUILESS_MAIN(TestKioskThrottle)
#include "TestKioskThrottle.moc"
