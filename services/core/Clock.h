#pragma once

#include <QDateTime>

#include <functional>

namespace rd {

// The one source of "now" for the services, so that tests can pin time (as keepassxc's Clock).
//
// The process clock (currentUtc) is what the services read; only tests pin it. A Clock value is
// the time source a writer is given: by default the process clock, or a source of its own for
// a caller that writes history (the demo seeder moves its own "now" through past months), so
// that no production code ever moves the time of the whole process under other threads.
class Clock
{
public:
    using Source = std::function<QDateTime()>;

    Clock() = default; // the process clock
    explicit Clock(Source source);

    // This clock's "now", in UTC.
    QDateTime now() const;

    static QDateTime currentUtc();
    // Tests set a fixed time; an invalid QDateTime restores the system clock.
    static void setFixedUtc(const QDateTime &fixed);
    // ISO 8601 UTC with milliseconds: the one timestamp text stored in the database.
    static QString toIsoUtc(const QDateTime &time);
    static QDateTime fromIsoUtc(const QString &text);

private:
    Source m_source;
};

} // namespace rd
