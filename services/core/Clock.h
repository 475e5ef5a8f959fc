#pragma once

#include <QDateTime>

namespace rd {

// The one source of "now" for the services, so that tests can pin time (as keepassxc's Clock).
class Clock
{
public:
    static QDateTime currentUtc();
    // Tests set a fixed time; an invalid QDateTime restores the system clock.
    static void setFixedUtc(const QDateTime &fixed);
    // ISO 8601 UTC with milliseconds: the one timestamp text stored in the database.
    static QString toIsoUtc(const QDateTime &time);
    static QDateTime fromIsoUtc(const QString &text);
};

} // namespace rd
