#include "requests/AgendaNumberAllocator.h"

#include "core/OfficeCalendar.h"

namespace rd {

QString AgendaNumberAllocator::period(const QDateTime &utc, const QTimeZone &officeZone)
{
    const QDateTime local
        = utc.toTimeZone(officeZone.isValid() ? officeZone : OfficeCalendar::defaultZone());
    return local.toString(QStringLiteral("yyyy/MM"));
}

QString AgendaNumberAllocator::format(const QString &period, int number)
{
    return QStringLiteral("SE/%1/%2").arg(period).arg(number, 4, 10, QLatin1Char('0'));
}

Result<QString> AgendaNumberAllocator::next(const Database &database, const QDateTime &utc,
                                            const QTimeZone &officeZone)
{
    const QString month = period(utc, officeZone);
    auto number = database.scalar(
        QStringLiteral("INSERT INTO agenda_counters (period, last_number) VALUES (?, 1) "
                       "ON CONFLICT (period) DO UPDATE SET last_number = "
                       "agenda_counters.last_number + 1 RETURNING last_number"),
        {month});
    if (!number)
        return errorOf(number);
    // Past 9999 in one month the number simply grows a digit rather than refusing a letter.
    return format(month, number->toInt());
}

} // namespace rd
