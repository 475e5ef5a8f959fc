#include "cli/ConfigCommands.h"

#include "cli/CliContext.h"
#include "users/OfficeSettings.h"

#include <QJsonArray>
#include <QJsonObject>

namespace rd::cli {

namespace {

QJsonObject settingJson(const OfficeSetting &setting)
{
    return QJsonObject {
        {QStringLiteral("key"), setting.key},
        {QStringLiteral("value"), setting.value},
        {QStringLiteral("stored"), setting.stored},
        {QStringLiteral("updated_at"),
         setting.updatedAt.isEmpty() ? QJsonValue() : QJsonValue(setting.updatedAt)},
        {QStringLiteral("updated_by"),
         setting.updatedBy.isEmpty() ? QJsonValue() : QJsonValue(setting.updatedBy)}};
}

void printSetting(CliContext &context, const OfficeSetting &setting)
{
    QString line = QStringLiteral("%1  %2").arg(setting.key, -14).arg(setting.value, -6);
    if (setting.stored)
        line += QStringLiteral("  ")
            + ConfigCommands::tr("set %1 by %2").arg(setting.updatedAt, setting.updatedBy);
    else
        line += QStringLiteral("  ") + ConfigCommands::tr("(default)");
    context.out() << line << Qt::endl;
}

QString keyList()
{
    return OfficeSettings::knownKeys().join(QStringLiteral(", "));
}

} // namespace

QStringList ConfigCommands::verbs()
{
    return {QStringLiteral("get"), QStringLiteral("set"), QStringLiteral("list")};
}

QString ConfigCommands::summary()
{
    return tr("The office's settings in the database, the same on every workstation (%1); only "
              "an administrator sets them.")
        .arg(keyList());
}

int ConfigCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    QCommandLineParser parser;
    const bool set = verb == QLatin1String("set");
    const bool get = verb == QLatin1String("get");
    QString description;
    if (set) {
        parser.addPositionalArgument(QStringLiteral("KEY"), tr("One of: %1.").arg(keyList()));
        parser.addPositionalArgument(QStringLiteral("VALUE"), tr("true or false."));
        description = tr("Set an office setting (administrator only, with --user); the change is "
                         "in the audit log. dual_control true: a revocation needs a supervisor's "
                         "approval, given by someone other than who asked for it.");
    } else if (get) {
        parser.addPositionalArgument(QStringLiteral("KEY"), tr("One of: %1.").arg(keyList()));
        description = tr("Print the value of an office setting in force.");
    } else {
        description = tr("List the office settings with their values and who set them last.");
    }
    if (int done = context.parse(parser, QStringLiteral("config ") + verb, description, arguments);
        done >= 0)
        return done;
    const QStringList positional = parser.positionalArguments();
    const qsizetype wanted = set ? 2 : get ? 1 : 0;
    if (positional.size() != wanted)
        return context.usage(set       ? tr("config set takes a key and a value.")
                                 : get ? tr("config get takes one key.")
                                       : tr("config list takes no arguments."));
    if (wanted > 0 && !OfficeSettings::knownKeys().contains(positional.at(0)))
        return context.usage(
            tr("Unknown setting \"%1\"; the known ones are %2.").arg(positional.at(0), keyList()));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    OfficeSettings settings(*database);
    if (set) {
        if (auto allowed = context.requireRole(Actor::Role::Administrator); !allowed)
            return context.fail(allowed.error());
        if (auto done = settings.set(context.actor(), positional.at(0), positional.at(1)); !done)
            return context.fail(done.error());
    }
    auto all = settings.list();
    if (!all)
        return context.fail(all.error());
    QJsonArray array;
    for (const OfficeSetting &setting : *all) {
        if (wanted > 0 && setting.key != positional.at(0))
            continue;
        if (context.json())
            array.append(settingJson(setting));
        else if (get)
            context.out() << setting.value << Qt::endl;
        else
            printSetting(context, setting);
    }
    if (context.json())
        context.printJson(wanted > 0 && !array.isEmpty() ? array.first() : QJsonValue(array));
    return ExitOk;
}

} // namespace rd::cli
