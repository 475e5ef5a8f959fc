#include "core/Clock.h"

#include <QTimeZone>

#include <mutex>

namespace rd {

namespace {
std::mutex s_mutex;
QDateTime s_fixed;
} // namespace

Clock::Clock(Source source)
    : m_source(std::move(source))
{ }

QDateTime Clock::now() const
{
    return m_source ? m_source().toUTC() : currentUtc();
}

QDateTime Clock::currentUtc()
{
    std::lock_guard lock(s_mutex);
    if (s_fixed.isValid())
        return s_fixed;
    return QDateTime::currentDateTimeUtc();
}

void Clock::setFixedUtc(const QDateTime &fixed)
{
    std::lock_guard lock(s_mutex);
    s_fixed = fixed.isValid() ? fixed.toUTC() : QDateTime();
}

QString Clock::toIsoUtc(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime Clock::fromIsoUtc(const QString &text)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (time.isValid() && time.timeSpec() == Qt::LocalTime)
        time.setTimeZone(QTimeZone::utc());
    return time.toUTC();
}

} // namespace rd
