#pragma once

#include "core/Error.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <vector>

namespace rd {

// Every setting the desk reads, in one table: its name, where it lives (the office's database,
// the same for every workstation, or this workstation's revocation-desk.ini), its default, a
// line saying what it does, and the rule a new value must pass. `config` (app/cli) works from
// this table only, so a key the program reads but the table lacks cannot be set by mistake
// under a misspelt name, and a value the program would refuse is refused when it is set, not
// when a request needs it. Secrets are never settings: they stay with SecretStore.
class SettingsCatalog
{
    Q_DECLARE_TR_FUNCTIONS(SettingsCatalog)

public:
    enum class Place { Office, Workstation };

    struct Entry
    {
        QString key; // the name people use: "mail/port", "workflow/dualControl"
        Place place = Place::Workstation;
        // Where it is stored: the QSettings key, or the office_settings key ("dual_control").
        QString storedKey;
        QStringList aliases; // other names accepted for it
        QString description; // one line, translated
        bool isList = false; // several values (certificates/trustedIssuers)
        // The default as text (a list joined with "; "); mail/port's depends on mail/security.
        std::function<QString(const QSettings &)> defaultFor;
        // The value to store, or why `values` cannot be; `current` holds the other settings of
        // this workstation, for rules that tie two keys together (plain SMTP only to loopback).
        std::function<Result<QVariant>(const QStringList &values, const QSettings &current)> check;
    };

    // In the order `config list` shows them: the office's first, then this workstation's.
    static std::vector<Entry> entries();
    // By its key or an alias; nullptr when unknown.
    static const Entry *find(const std::vector<Entry> &entries, const QString &name);
    // A name of a password, token or key: SecretStore's names, and anything that reads like one.
    static bool looksLikeSecret(const QString &name);
    // Why `name` is not a setting, pointing to `secrets set`.
    static Error secretRefusal(const QString &name);

    // This workstation's value as text ("; " between list items), or the default when unset.
    static QString workstationValue(const Entry &entry, const QSettings &settings);
    // The list items of a list entry as stored, else its defaults.
    static QStringList workstationList(const Entry &entry, const QSettings &settings);
    // Why the stored value would be refused by `set` (a file edited by hand); empty when fine or
    // unset.
    static QString workstationProblem(const Entry &entry, const QSettings &settings);
    // Checks and writes one key of this workstation's file; a refused value changes nothing.
    static Result<void> setOnWorkstation(const Entry &entry, const QStringList &values,
                                         QSettings &settings);
    // Removes `key` from this workstation's file: the default applies again.
    static Result<void> unsetOnWorkstation(const QString &key, QSettings &settings);
};

} // namespace rd
