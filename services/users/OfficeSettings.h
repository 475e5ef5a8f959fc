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

    // A change is stamped with clock's "now".
    explicit OfficeSettings(DatabasePtr database, Clock clock = Clock());

    Result<std::optional<QString>> value(const QString &key) const;
    Result<bool> flag(const QString &key) const;
    Result<bool> dualControl() const { return flag(dualControlKey()); }
    Result<bool> isDemoDatabase() const { return flag(demoDatabaseKey()); }

    // Only an administrator; in a transaction of its own, with its audit entry.
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
    DatabasePtr m_database;
    Clock m_clock;
};

} // namespace rd
