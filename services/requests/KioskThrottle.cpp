#include "requests/KioskThrottle.h"

#include "audit/Actor.h"
#include "audit/AuditLog.h"

#include <QJsonObject>

#include <algorithm>

namespace rd {

namespace {

// The NIK's last four digits, or nothing when what was typed is too short for four digits to
// leave most of it unsaid, or is not digits at the end.
QString lastFourDigits(const QString &nik)
{
    if (nik.size() < 8)
        return {};
    const QString tail = nik.right(4);
    for (const QChar c : tail) {
        if (c < u'0' || c > u'9')
            return {};
    }
    return tail;
}

} // namespace

KioskThrottle::KioskThrottle(DatabasePtr database, Clock clock)
    : m_database(std::move(database))
    , m_clock(std::move(clock))
{ }

int KioskThrottle::delaySeconds(int failures)
{
    if (failures <= FreeFailures)
        return 0;
    if (failures >= PauseFromFailure)
        return PauseMinutes * 60;
    // 2 s for the first failure past the free ones, doubling; the shift stays small since
    // failures < PauseFromFailure here.
    const int doublings = std::min(failures - FreeFailures - 1, 30);
    return int(std::min<qint64>(qint64(FirstDelaySeconds) << doublings, MaximumDelaySeconds));
}

Result<KioskThrottle::Failures> KioskThrottle::failuresInWindow(const QString &actor,
                                                                const QDateTime &now) const
{
    // recorded_at is ISO 8601 UTC of one fixed width, so text order is time order on both
    // engines.
    auto query = m_database->execute(
        QStringLiteral("SELECT COUNT(*), MAX(recorded_at) FROM audit_log "
                       "WHERE action = ? AND actor = ? AND recorded_at > ?"),
        {failureAction(), actor, Clock::toIsoUtc(now.addSecs(-qint64(WindowMinutes) * 60))});
    if (!query)
        return errorOf(query);
    Failures failures;
    if (query->next()) {
        failures.count = query->value(0).toInt();
        if (failures.count > 0)
            failures.latest = Clock::fromIsoUtc(query->value(1).toString());
    }
    return failures;
}

Result<QDateTime> KioskThrottle::nextAttemptAllowedAt(const QString &kioskHost) const
{
    auto failures = failuresInWindow(Actor::kiosk(kioskHost).toString(), m_clock.now());
    if (!failures)
        return errorOf(failures);
    const int delay = delaySeconds(failures->count);
    if (delay == 0 || !failures->latest.isValid())
        return QDateTime();
    return failures->latest.addSecs(delay);
}

Result<void> KioskThrottle::recordFailure(const QString &kioskHost, const QString &nik)
{
    const Actor kiosk = Actor::kiosk(kioskHost);
    return AuditLog::inTransaction(*m_database, [&]() -> Result<void> {
        // Counted under the chain's lock: two failures at the same moment see each other.
        const QDateTime now = m_clock.now();
        auto earlier = failuresInWindow(kiosk.toString(), now);
        if (!earlier)
            return errorOf(earlier);
        const int failures = earlier->count + 1;
        const QJsonObject details {
            {QStringLiteral("nik_length"), int(nik.size())},
            {QStringLiteral("nik_last4"), lastFourDigits(nik)},
            {QStringLiteral("failures_in_window"), failures},
            {QStringLiteral("window_minutes"), WindowMinutes},
            {QStringLiteral("delay_seconds"), delaySeconds(failures)},
        };
        auto audit = AuditLog::append(*m_database, kiosk, failureAction(), QStringLiteral("kiosk"),
                                      kiosk.name(), details, m_clock);
        if (!audit)
            return errorOf(audit);
        return {};
    });
}

} // namespace rd
