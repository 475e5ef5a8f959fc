#pragma once

#include <QDate>
#include <QDateTime>
#include <QTimeZone>

namespace rd {

// The office's time: Natuna keeps Western Indonesian Time (WIB), and the kiosk and the desk work
// 08:00-16:00, Monday to Friday. Agenda numbers count office months, the queue shows office
// dates, and the demo's history happens in office hours.
class OfficeCalendar
{
public:
    static QTimeZone defaultZone();

    // The workday (Monday to Friday) before or after `date`, never `date` itself.
    static QDate previousWorkday(QDate date);
    static QDate nextWorkday(QDate date);

    // `minutes` of office time after `utc`: time outside office hours does not count, and a
    // start outside them begins at the next opening. UTC in, UTC out.
    static QDateTime addOfficeMinutes(const QDateTime &utc, int minutes);

    // `minutesAfterOpening` past 08:00 on `day` in the office zone, as UTC.
    static QDateTime officeTime(const QDate &day, int minutesAfterOpening);
};

} // namespace rd
