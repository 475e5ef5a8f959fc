#pragma once

#include "database/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

namespace rd {

// Nomor agenda `SE/YYYY/MM/NNNN`: counted from 0001 in each office month. The counter row is
// locked by the filing transaction (upsert), so two workstations never get the same number and a
// rolled-back filing leaves no gap.
class AgendaNumberAllocator
{
    Q_DECLARE_TR_FUNCTIONS(AgendaNumberAllocator)

public:
    // An invalid zone is OfficeCalendar::defaultZone().
    static QString period(const QDateTime &utc, const QTimeZone &officeZone); // "2026/11"
    static QString format(const QString &period, int number);
    // Must run inside the caller's transaction.
    static Result<QString> next(const Database &database, const QDateTime &utc,
                                const QTimeZone &officeZone);
};

} // namespace rd
