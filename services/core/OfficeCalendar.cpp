#include "core/OfficeCalendar.h"

namespace rd {

namespace {

const QTime kOpening(8, 0);
const QTime kClosing(16, 0);

bool isWorkday(const QDate &date)
{
    return date.dayOfWeek() <= 5;
}

} // namespace

QTimeZone OfficeCalendar::defaultZone()
{
    return QTimeZone(QByteArrayLiteral("Asia/Jakarta"));
}

QDate OfficeCalendar::previousWorkday(QDate date)
{
    do
        date = date.addDays(-1);
    while (!isWorkday(date));
    return date;
}

QDate OfficeCalendar::nextWorkday(QDate date)
{
    do
        date = date.addDays(1);
    while (!isWorkday(date));
    return date;
}

QDateTime OfficeCalendar::addOfficeMinutes(const QDateTime &utc, int minutes)
{
    const QTimeZone zone = defaultZone();
    QDateTime local = utc.toTimeZone(zone);
    qint64 remaining = qint64(minutes) * 60;
    // Each pass either ends or moves to the next workday's opening: the guard only stops a
    // runaway on an invalid time.
    for (int guard = 0; guard < 1000; ++guard) {
        const QDate day = local.date();
        const QDateTime open(day, kOpening, zone);
        const QDateTime close(day, kClosing, zone);
        if (!isWorkday(day) || local >= close) {
            local = QDateTime(nextWorkday(day), kOpening, zone);
            continue;
        }
        if (local < open)
            local = open;
        const qint64 available = local.secsTo(close);
        if (remaining <= available)
            return local.addSecs(remaining).toUTC();
        remaining -= available;
        local = QDateTime(nextWorkday(day), kOpening, zone);
    }
    return local.toUTC();
}

QDateTime OfficeCalendar::officeTime(const QDate &day, int minutesAfterOpening)
{
    return QDateTime(day, kOpening.addSecs(minutesAfterOpening * 60), defaultZone()).toUTC();
}

} // namespace rd
