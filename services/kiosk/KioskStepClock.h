#pragma once

#include <QDateTime>

#include <vector>

namespace rd {

// One SOP step (1-5) as the applicant spent it at the kiosk.
struct KioskStepTime
{
    int step = 0;
    QDateTime startedAt;
    QDateTime finishedAt;
};

// The time an applicant spends on each of the SOP's steps 1-5, so the request's events can be
// set against the standard (Mutu Baku: 20, 3, 3, 3 and 2 minutes). The kiosk's pages do not
// follow the SOP's order (the letter is written after the certificate is chosen): each page
// says which step it serves and the clock adds up its intervals. Going back and forth gives
// several intervals of one step, all of them counted.
class KioskStepClock
{
public:
    // Ends the running interval and starts one of `step`; 0 starts none (a page of no step).
    void enter(int step, const QDateTime &now);
    // Ends the running interval.
    void pause(const QDateTime &now);
    // Every finished interval, oldest first; the running one is not included.
    const std::vector<KioskStepTime> &intervals() const { return m_intervals; }
    // Forgets the intervals already written (to a draft), keeps the running one.
    void takeWritten() { m_intervals.clear(); }
    void clear();

private:
    std::vector<KioskStepTime> m_intervals;
    int m_step = 0;
    QDateTime m_since;
};

} // namespace rd
