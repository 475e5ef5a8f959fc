#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"

#include <QCoreApplication>

#include <optional>
#include <vector>

namespace rd {

struct OfficeSetting
{
    QString key;
    QString value; // what is in force: the stored value, else the default
    bool stored = false;
    QString updatedAt; // ISO 8601 UTC; empty when never set
    QString updatedBy; // the actor who set it last
    // A hash, never shown (OfficeSettings::isHashed): value is empty and stored says whether
    // one is set.
    bool hidden = false;
};

// Rules of the office kept in the database, so that every workstation and the kiosk obey the
// same ones: an ini file on one PC could be edited there to switch dual control off. Only an
// administrator changes them, and every change is in the audit log.
class OfficeSettings
{
    Q_DECLARE_TR_FUNCTIONS(OfficeSettings)

public:
    // Revocation needs a supervisor's approval first (two persons: the operator and the
    // supervisor who approves).
    static QString dualControlKey() { return QStringLiteral("dual_control"); }
    // The database holds demo data: its mail goes only to a loopback server.
    static QString demoDatabaseKey() { return QStringLiteral("demo_database"); }
    // The letterhead (kop surat) of every paper the office prints, set once for all
    // workstations: "office/government", "office/name", ..., "office/emblem" (an image as a
    // data: URL, so that every workstation prints the same one).
    static QStringList letterheadKeys();
    static QString emblemKey() { return QStringLiteral("office/emblem"); }
    static constexpr qint64 MaximumEmblemBytes = 512 * 1024;
    // The emblem's value for a PNG or JPEG file's bytes, or why they are not one.
    static Result<QString> emblemUrl(const QByteArray &bytes);
    // On or off ("true"/"false"); the other settings are text.
    static bool isFlag(const QString &key);

    // The PIN an operator types to leave the kiosk's full screen. What is stored is its
    // Argon2id encoding (UserAccounts::hashPassword), never the PIN: set() hashes it, list()
    // shows only whether one is set, and the audit entry says "set" or "not set". Setting it
    // to empty (config unset) removes it.
    static QString kioskExitPinKey() { return QStringLiteral("kiosk/exitPin"); }
    static constexpr int MinimumPinDigits = 6;
    static constexpr int MaximumPinDigits = 12;
    // Why `pin` cannot be the exit PIN (6 to 12 digits), translated; empty when it can. Never
    // repeats the PIN.
    static QString kioskExitPinProblem(const QString &pin);
    // A setting whose stored value is a hash (the exit PIN): never shown, never in the log.
    static bool isHashed(const QString &key);

    // A change is stamped with clock's "now".
    explicit OfficeSettings(DatabasePtr database, Clock clock = Clock());

    Result<std::optional<QString>> value(const QString &key) const;
    Result<bool> flag(const QString &key) const;
    Result<bool> dualControl() const { return flag(dualControlKey()); }
    Result<bool> isDemoDatabase() const { return flag(demoDatabaseKey()); }
    // Whether `pin` is the kiosk's exit PIN. With no PIN set this is an error of its own
    // (NotFound), not false, so that the kiosk can say "no PIN is set, ask an administrator"
    // rather than "wrong PIN"; either way the kiosk stays in full screen. There is deliberately
    // no way out without a PIN: a kiosk that opened for anyone while none is set would be open
    // on every new installation and whenever the setting was removed, to whoever sits at the
    // public PC. Costs one Argon2id verification (a fraction of a second).
    Result<bool> verifyKioskExitPin(const QString &pin) const;

    // Only an administrator; in a transaction of its own, with its audit entry. The exit PIN is
    // given as the PIN and stored as its hash (a PIN that is not 6 to 12 digits is refused,
    // changing nothing); empty removes it.
    Result<void> set(const Actor &actor, const QString &key, const QString &value);
    Result<void> setFlag(const Actor &actor, const QString &key, bool on);
    // The same write inside the caller's transaction (the chain already locked), for a caller
    // that has checked the actor's right itself (the demo seeder on an empty database).
    Result<void> setInTransaction(const Actor &actor, const QString &key, const QString &value);

    // Every known setting with the value in force, in knownKeys() order.
    Result<std::vector<OfficeSetting>> list() const;

    static QStringList knownKeys();
    // A flag is off when never set; a text is empty.
    static QString defaultValue(const QString &key);
    // The longest text a setting takes: the emblem is an image, the rest one line.
    static int maximumLength(const QString &key);

private:
    // What set() stores for `value`: the value itself, or the exit PIN's hash (hashed before
    // the transaction, so that the chain is not locked while Argon2id runs).
    static Result<QString> storedValue(const QString &key, const QString &value);
    Result<void> write(const Actor &actor, const QString &key, const QString &value);

    DatabasePtr m_database;
    Clock m_clock;
};

} // namespace rd
