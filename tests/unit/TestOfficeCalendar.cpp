// The office's calendar without a database: WIB, office hours 08:00-16:00, Monday to Friday.
#include "core/OfficeCalendar.h"

#include <QtTest>

using namespace rd;

namespace {

// A time on the office's wall clock (2026-03-13 is a Friday, 03-16 the Monday after).
QDateTime wib(int month, int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, month, day), QTime(hour, minute), OfficeCalendar::defaultZone());
}

} // namespace

class TestOfficeCalendar : public QObject
{
    Q_OBJECT

private slots:
    void officeKeepsWib();
    void workdays_data();
    void workdays();
    void officeMinutes_data();
    void officeMinutes();
    void officeTimeCountsFromOpening();
};

void TestOfficeCalendar::officeKeepsWib()
{
    const QTimeZone zone = OfficeCalendar::defaultZone();
    QVERIFY(zone.isValid());
    QCOMPARE(zone.id(), QByteArrayLiteral("Asia/Jakarta"));
    // No daylight saving: seven hours ahead of UTC the whole year.
    QCOMPARE(zone.offsetFromUtc(wib(1, 15, 12)), 7 * 3600);
    QCOMPARE(zone.offsetFromUtc(wib(7, 15, 12)), 7 * 3600);
}

void TestOfficeCalendar::workdays_data()
{
    QTest::addColumn<QDate>("date");
    QTest::addColumn<QDate>("previous");
    QTest::addColumn<QDate>("next");
    QTest::newRow("Wednesday") << QDate(2026, 3, 11) << QDate(2026, 3, 10) << QDate(2026, 3, 12);
    QTest::newRow("Friday: next is Monday")
        << QDate(2026, 3, 13) << QDate(2026, 3, 12) << QDate(2026, 3, 16);
    QTest::newRow("Monday: previous is Friday")
        << QDate(2026, 3, 16) << QDate(2026, 3, 13) << QDate(2026, 3, 17);
    QTest::newRow("Saturday") << QDate(2026, 3, 14) << QDate(2026, 3, 13) << QDate(2026, 3, 16);
    QTest::newRow("Sunday") << QDate(2026, 3, 15) << QDate(2026, 3, 13) << QDate(2026, 3, 16);
    QTest::newRow("across a month end")
        << QDate(2026, 5, 1) << QDate(2026, 4, 30) << QDate(2026, 5, 4);
}

void TestOfficeCalendar::workdays()
{
    QFETCH(QDate, date);
    QFETCH(QDate, previous);
    QFETCH(QDate, next);
    QCOMPARE(OfficeCalendar::previousWorkday(date), previous);
    QCOMPARE(OfficeCalendar::nextWorkday(date), next);
}

void TestOfficeCalendar::officeMinutes_data()
{
    QTest::addColumn<QDateTime>("start");
    QTest::addColumn<int>("minutes");
    QTest::addColumn<QDateTime>("expected");
    QTest::newRow("within the morning") << wib(3, 11, 9) << 30 << wib(3, 11, 9, 30);
    QTest::newRow("up to closing exactly") << wib(3, 13, 15) << 60 << wib(3, 13, 16);
    QTest::newRow("Friday 15:30 + 60 lands Monday 08:30")
        << wib(3, 13, 15, 30) << 60 << wib(3, 16, 8, 30);
    QTest::newRow("one minute past an office day") << wib(3, 9, 8) << 481 << wib(3, 10, 8, 1);
    QTest::newRow("a whole week of office days") << wib(3, 9, 8) << 5 * 480 << wib(3, 13, 16);
    QTest::newRow("before opening starts at 08:00") << wib(3, 10, 6) << 10 << wib(3, 10, 8, 10);
    QTest::newRow("after closing starts next morning") << wib(3, 10, 17) << 10 << wib(3, 11, 8, 10);
    QTest::newRow("Saturday starts on Monday") << wib(3, 14, 10) << 15 << wib(3, 16, 8, 15);
    QTest::newRow("Sunday night starts on Monday") << wib(3, 15, 23, 59) << 1 << wib(3, 16, 8, 1);
    QTest::newRow("no minutes on a weekend is Monday's opening")
        << wib(3, 14, 12) << 0 << wib(3, 16, 8);
    QTest::newRow("no minutes in office hours stays")
        << wib(3, 12, 11, 5) << 0 << wib(3, 12, 11, 5);
    QTest::newRow("across a month end") << wib(4, 30, 15, 50) << 20 << wib(5, 1, 8, 10);
}

void TestOfficeCalendar::officeMinutes()
{
    QFETCH(QDateTime, start);
    QFETCH(int, minutes);
    QFETCH(QDateTime, expected);
    const QDateTime result = OfficeCalendar::addOfficeMinutes(start.toUTC(), minutes);
    QCOMPARE(result.timeSpec(), Qt::UTC);
    QCOMPARE(result, expected.toUTC());
}

void TestOfficeCalendar::officeTimeCountsFromOpening()
{
    const QDateTime time = OfficeCalendar::officeTime(QDate(2026, 3, 13), 30);
    QCOMPARE(time.timeSpec(), Qt::UTC);
    QCOMPARE(time, QDateTime(QDate(2026, 3, 13), QTime(1, 30), QTimeZone::utc()));
    QCOMPARE(OfficeCalendar::officeTime(QDate(2026, 3, 13), 0), wib(3, 13, 8).toUTC());
}

QTEST_GUILESS_MAIN(TestOfficeCalendar)
#include "TestOfficeCalendar.moc"
