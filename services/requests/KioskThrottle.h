#pragma once

#include "core/Clock.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QDateTime>

namespace rd {

// Slows down a kiosk that is given wrong NIK/e-mail pairs, so that the register cannot be probed
// from the public PC (is this NIK registered? with which address?). The kiosk answers a wrong
// pair with one neutral message; this says when it may take the next pair, and writes every
// wrong pair to the audit log (`kiosk.identity_failed`, actor kiosk:<host>).
//
// The count is read from the audit log itself, not from a table of its own: the entries are
// hash-chained and cannot be deleted, so no one clears the count by editing a row, and the
// count holds for every process of the kiosk (a restarted kiosk program is no fresh start).
class KioskThrottle
{
    Q_DECLARE_TR_FUNCTIONS(KioskThrottle)

public:
    // Failures older than this are forgotten: a holder who mistyped twice this morning is not
    // slowed down this afternoon, and an attacker gains only a few tries per window.
    static constexpr int WindowMinutes = 15;
    // The first failures in the window cost nothing: people mistype a 16-digit NIK or an
    // address, and a delay after one slip would send them to the counter for nothing.
    static constexpr int FreeFailures = 3;
    // Then a delay after the latest failure that doubles with each one (2, 4, 8, 16 s): a
    // person who mistypes once more hardly notices it, a script soon does.
    static constexpr int FirstDelaySeconds = 2;
    // No delay grows beyond a minute (with the values here the pause comes first; the cap holds
    // should PauseFromFailure be raised).
    static constexpr int MaximumDelaySeconds = 60;
    // From this many failures in the window the kiosk pauses for PauseMinutes after the latest:
    // no one who knows their own NIK and address gets it wrong eight times, so this is
    // probing, and with at most one try per pause probing becomes hopeless.
    static constexpr int PauseFromFailure = 8;
    static constexpr int PauseMinutes = 5;

    static QString failureAction() { return QStringLiteral("kiosk.identity_failed"); }

    // "now" (the window, the delay, the audit entry's time) is clock's.
    explicit KioskThrottle(DatabasePtr database, Clock clock = Clock());

    // When the kiosk `kioskHost` may take the next NIK/e-mail pair: an invalid QDateTime when
    // nothing holds it back, else a time that is at most now when it may go on already.
    Result<QDateTime> nextAttemptAllowedAt(const QString &kioskHost) const;

    // Audits one wrong NIK/e-mail pair at `kioskHost`: the NIK's length and its last four
    // digits only (never the whole NIK, never the e-mail), the failures in the window with this
    // one, and the delay this failure imposes. There is no recordSuccess: a right pair does not
    // reset the count, or an attacker would interleave a pair they know between guesses.
    Result<void> recordFailure(const QString &kioskHost, const QString &nik);

    // The wait after the latest failure when the window holds `failures` failures (that one
    // included), in seconds: 0 for the free ones, then doubling up to the cap, then the pause.
    static int delaySeconds(int failures);

private:
    struct Failures
    {
        int count = 0;
        QDateTime latest;
    };
    Result<Failures> failuresInWindow(const QString &actor, const QDateTime &now) const;

    DatabasePtr m_database;
    Clock m_clock;
};

} // namespace rd
