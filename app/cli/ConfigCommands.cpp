#include "cli/ConfigCommands.h"

#include "cli/CliContext.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "users/OfficeSettings.h"
#include "workflow/SettingsCatalog.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace rd::cli {

namespace {

using Entry = SettingsCatalog::Entry;
using Place = SettingsCatalog::Place;

// One line of `config list`.
struct Row
{
    const Entry *entry = nullptr; // null: a key in the file that the program does not read
    QString key;
    QJsonValue value; // a string, an array for a list, null when it could not be read
    QString text; // the value as printed
    QString defaultValue;
    bool stored = false;
    QString updatedAt; // the office's only
    QString updatedBy;
    QString problem; // why the value in force would be refused, or why it is unknown
};

QString whereName(const Row &row)
{
    return row.entry && row.entry->place == Place::Office ? QStringLiteral("office")
                                                          : QStringLiteral("workstation");
}

QString whereLabel(Place place)
{
    return place == Place::Office ? ConfigCommands::tr("office") : ConfigCommands::tr("this PC");
}

Row workstationRow(const Entry &entry, const QSettings &settings)
{
    Row row {&entry,
             entry.key,
             {},
             {},
             entry.defaultFor(settings),
             settings.contains(entry.storedKey),
             {},
             {},
             SettingsCatalog::workstationProblem(entry, settings)};
    row.text = SettingsCatalog::workstationValue(entry, settings);
    row.value = entry.isList
        ? QJsonValue(QJsonArray::fromStringList(SettingsCatalog::workstationList(entry, settings)))
        : QJsonValue(row.text);
    return row;
}

Row officeRow(const Entry &entry, const std::optional<OfficeSetting> &setting,
              const QString &problem, const QSettings &settings)
{
    Row row {
        &entry, entry.key, QJsonValue(), QStringLiteral("?"), entry.defaultFor(settings), false,
        {},     {},        problem};
    if (setting) {
        row.value = setting->value;
        row.text = setting->value;
        if (setting->hidden) {
            // A hash (the kiosk's exit PIN): whether there is one, never the hash itself.
            row.value = setting->stored ? QStringLiteral("set") : QStringLiteral("not set");
            row.text = setting->stored ? ConfigCommands::tr("set") : ConfigCommands::tr("not set");
        } else if (setting->value.startsWith(QLatin1String("data:image/"))) {
            // The emblem is an image of up to 512 KB: a table line names it instead of printing
            // it (`config get` and --json give the whole data: URL).
            row.text = ConfigCommands::tr("an image (%1, %2 KB)")
                           .arg(setting->value.section(u';', 0, 0).mid(5))
                           .arg(setting->value.size() * 3 / 4 / 1024);
        }
        row.stored = setting->stored;
        row.updatedAt = setting->updatedAt;
        row.updatedBy = setting->updatedBy;
    }
    return row;
}

// A key in the file that no part of the program reads: left over, misspelt, or a secret that
// was put there by hand (whose value is not shown).
Row unknownRow(const QString &key, const QSettings &settings)
{
    const bool secret = SettingsCatalog::looksLikeSecret(key);
    Row row {nullptr, key, QJsonValue(), QString(), QString(), true, {}, {}, {}};
    if (secret) {
        row.text = ConfigCommands::tr("(hidden)");
        row.problem = ConfigCommands::tr("a secret in the settings file: remove it with config "
                                         "unset %1 and keep it with secrets set")
                          .arg(key);
    } else {
        row.text = settings.value(key).toStringList().join(QStringLiteral("; "));
        row.value = row.text;
        row.problem
            = ConfigCommands::tr("not read by the program; config unset %1 removes it").arg(key);
    }
    return row;
}

QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QJsonObject rowJson(const Row &row, const QString &file)
{
    QJsonObject object {
        {QStringLiteral("key"), row.key},
        {QStringLiteral("value"), row.value},
        {QStringLiteral("known"), row.entry != nullptr},
        {QStringLiteral("where"), whereName(row)},
        {QStringLiteral("stored"), row.stored},
        {QStringLiteral("problem"), orNull(row.problem)},
    };
    if (row.entry) {
        object.insert(QStringLiteral("default"), row.defaultValue);
        // null where the office's value could not be read.
        object.insert(QStringLiteral("is_default"),
                      row.value.isNull() ? QJsonValue()
                                         : QJsonValue(!row.stored || row.text == row.defaultValue));
        object.insert(QStringLiteral("description"), row.entry->description);
        object.insert(QStringLiteral("aliases"), QJsonArray::fromStringList(row.entry->aliases));
    }
    if (row.entry && row.entry->place == Place::Office) {
        object.insert(QStringLiteral("updated_at"), orNull(row.updatedAt));
        object.insert(QStringLiteral("updated_by"), orNull(row.updatedBy));
    } else {
        object.insert(QStringLiteral("file"), file);
    }
    return object;
}

void printRow(CliContext &context, const Row &row)
{
    QString line = QStringLiteral("%1  %2  %3")
                       .arg(row.key, -28)
                       .arg(row.text, -14)
                       .arg(row.entry ? whereLabel(row.entry->place) : QStringLiteral("-"), -8);
    if (!row.stored && !row.value.isNull())
        line += QStringLiteral("  ") + ConfigCommands::tr("(default)");
    else if (!row.updatedAt.isEmpty())
        line += QStringLiteral("  ")
            + ConfigCommands::tr("set %1 by %2").arg(row.updatedAt, row.updatedBy);
    if (!row.problem.isEmpty())
        line += QStringLiteral("  ! ") + row.problem;
    // The file may have been edited by hand: no control character reaches the terminal.
    context.out() << TerminalText::safe(line) << Qt::endl;
}

QString keysHelp(const QSettings &settings)
{
    QString text = ConfigCommands::tr("Keys (where they live; the default):");
    for (const Entry &entry : SettingsCatalog::entries()) {
        QString defaultValue = entry.defaultFor(settings);
        if (defaultValue.isEmpty())
            defaultValue = ConfigCommands::tr("none");
        text += QStringLiteral("\n  %1 (%2; %3)\n      %4")
                    .arg(entry.key, whereLabel(entry.place), defaultValue, entry.description);
        if (!entry.aliases.isEmpty())
            text += QLatin1Char(' ')
                + ConfigCommands::tr("Also: %1.").arg(entry.aliases.join(QStringLiteral(", ")));
    }
    return text;
}

int listAll(CliContext &context, const std::vector<Entry> &entries, const QSettings &settings)
{
    std::optional<Error> databaseError;
    std::vector<OfficeSetting> office;
    auto database = context.openDatabase();
    if (!database) {
        databaseError = database.error();
    } else {
        auto stored = OfficeSettings(*database).list();
        if (stored)
            office = std::move(*stored);
        else
            databaseError = stored.error();
    }
    std::vector<Row> rows;
    QStringList known;
    for (const Entry &entry : entries) {
        if (entry.place == Place::Workstation) {
            rows.push_back(workstationRow(entry, settings));
            known << entry.storedKey;
            continue;
        }
        std::optional<OfficeSetting> found;
        for (const OfficeSetting &setting : office) {
            if (setting.key == entry.storedKey)
                found = setting;
        }
        rows.push_back(officeRow(
            entry, found,
            databaseError ? ConfigCommands::tr("the database could not be read") : QString(),
            settings));
    }
    for (const QString &key : settings.allKeys()) {
        if (!known.contains(key))
            rows.push_back(unknownRow(key, settings));
    }
    if (context.json()) {
        QJsonArray array;
        for (const Row &row : rows)
            array.append(rowJson(row, settings.fileName()));
        context.printJson(array);
    } else {
        for (const Row &row : rows)
            printRow(context, row);
    }
    // The workstation's keys are shown all the same; the exit code says the list is not whole.
    if (databaseError)
        return context.fail(*databaseError);
    return ExitOk;
}

} // namespace

QStringList ConfigCommands::verbs()
{
    return {QStringLiteral("list"), QStringLiteral("get"), QStringLiteral("set"),
            QStringLiteral("unset")};
}

QString ConfigCommands::summary()
{
    return tr("The desk's settings: the office's in the database (an administrator sets them) "
              "and this workstation's in revocation-desk.ini. Secrets stay with secrets.");
}

int ConfigCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    AppSettings appSettings;
    QSettings &settings = appSettings.raw();
    QCommandLineParser parser;
    const bool set = verb == QLatin1String("set");
    const bool get = verb == QLatin1String("get");
    const bool unset = verb == QLatin1String("unset");
    QString description;
    if (set) {
        parser.addPositionalArgument(QStringLiteral("KEY"), tr("A key from the list below."));
        parser.addPositionalArgument(QStringLiteral("VALUE"),
                                     tr("The new value; certificates/trustedIssuers takes one or "
                                        "more."));
        description = tr("Set a setting. A value the program would refuse is refused here, "
                         "changing nothing. The office's settings (in the database) are an "
                         "administrator's (--user) and audited; this workstation's are in the "
                         "OS user's own revocation-desk.ini and need no --user.");
    } else if (get) {
        parser.addPositionalArgument(QStringLiteral("KEY"), tr("A key from the list below."));
        description = tr("Print the value in force of a setting (the default when unset).");
    } else if (unset) {
        parser.addPositionalArgument(QStringLiteral("KEY"), tr("A key from the list below."));
        description = tr("Go back to the default: removes the key from this workstation's "
                         "revocation-desk.ini (also a key the program does not read), or sets "
                         "an office setting to its default (administrator, audited).");
    } else {
        description = tr("List every setting with its value, where it lives and whether it is "
                         "the default; keys in revocation-desk.ini that the program does not "
                         "read are listed last.");
    }
    description += QStringLiteral("\n\n") + keysHelp(settings);
    if (int done = context.parse(parser, QStringLiteral("config ") + verb, description, arguments);
        done >= 0)
        return done;
    const QStringList positional = parser.positionalArguments();
    if (set ? positional.size() < 2 : positional.size() != (get || unset ? 1 : 0))
        return context.usage(set                ? tr("config set takes a key and a value.")
                                 : get || unset ? tr("config %1 takes one key.").arg(verb)
                                                : tr("config list takes no arguments."));
    const std::vector<Entry> entries = SettingsCatalog::entries();
    if (positional.isEmpty())
        return listAll(context, entries, settings);

    const QString name = positional.at(0);
    const Entry *entry = SettingsCatalog::find(entries, name);
    if (!entry) {
        // Removing what the program does not read is always safe, a secret put there included.
        if (unset && settings.contains(name)) {
            if (auto removed = SettingsCatalog::unsetOnWorkstation(name, settings); !removed)
                return context.fail(removed.error());
            if (context.json())
                context.printJson(QJsonObject {{QStringLiteral("key"), name},
                                               {QStringLiteral("removed"), true},
                                               {QStringLiteral("file"), settings.fileName()}});
            else
                context.out() << tr("Removed %1 from %2.").arg(name, settings.fileName())
                              << Qt::endl;
            return ExitOk;
        }
        if (SettingsCatalog::looksLikeSecret(name))
            return context.fail(SettingsCatalog::secretRefusal(name));
        return context.usage(
            tr("Unknown setting \"%1\"; config list shows the known ones.").arg(name));
    }

    Row row;
    if (entry->place == Place::Workstation) {
        if (set) {
            if (auto done = SettingsCatalog::setOnWorkstation(*entry, positional.mid(1), settings);
                !done)
                return context.fail(done.error());
        } else if (unset) {
            if (auto done = SettingsCatalog::unsetOnWorkstation(entry->storedKey, settings); !done)
                return context.fail(done.error());
        }
        row = workstationRow(*entry, settings);
    } else {
        QString value = entry->defaultFor(settings);
        if (set) {
            if (positional.size() != 2)
                return context.usage(tr("%1 takes one value.").arg(entry->key));
            // Refused before the password is asked: nothing to log in for.
            auto checked = entry->check(positional.mid(1), settings);
            if (!checked)
                return context.fail(checked.error());
            value = checked->toString();
        }
        auto database = context.openDatabase();
        if (!database)
            return context.fail(database.error());
        OfficeSettings office(*database);
        if (set || unset) {
            if (auto allowed = context.requireRole(Actor::Role::Administrator); !allowed)
                return context.fail(allowed.error());
            if (auto done = office.set(context.actor(), entry->storedKey, value); !done)
                return context.fail(done.error());
        }
        auto all = office.list();
        if (!all)
            return context.fail(all.error());
        std::optional<OfficeSetting> found;
        for (const OfficeSetting &setting : *all) {
            if (setting.key == entry->storedKey)
                found = setting;
        }
        row = officeRow(*entry, found, {}, settings);
    }
    if (context.json()) {
        context.printJson(rowJson(row, settings.fileName()));
    } else if (get) {
        if (entry->isList)
            for (const QJsonValue &item : row.value.toArray())
                context.out() << TerminalText::safe(item.toString()) << Qt::endl;
        else if (OfficeSettings::isHashed(entry->storedKey)) // "set" or "not set"
            context.out() << TerminalText::safe(row.text) << Qt::endl;
        else // the value itself, where a table line would name it (the emblem)
            context.out() << TerminalText::safe(row.value.isString() ? row.value.toString()
                                                                     : row.text)
                          << Qt::endl;
    } else {
        printRow(context, row);
    }
    return ExitOk;
}

} // namespace rd::cli
