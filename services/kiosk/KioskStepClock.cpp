#include "kiosk/KioskStepClock.h"

namespace rd {

void KioskStepClock::enter(int step, const QDateTime &now)
{
    pause(now);
    if (step >= 1 && step <= 5) {
        m_step = step;
        m_since = now;
    }
}

void KioskStepClock::pause(const QDateTime &now)
{
    if (m_step != 0 && m_since.isValid() && m_since <= now)
        m_intervals.push_back({m_step, m_since, now});
    m_step = 0;
    m_since = {};
}

void KioskStepClock::clear()
{
    m_intervals.clear();
    m_step = 0;
    m_since = {};
}

} // namespace rd
