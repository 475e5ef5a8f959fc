#include "cli/DatabaseCommands.h"

#include "cli/CliContext.h"
#include "database/DatabaseRoles.h"
#include "database/Migrations.h"

#include <QJsonArray>
#include <QJsonObject>

namespace rd::cli {

namespace {
// The tables `db status` counts: every table of the design page.
const QStringList s_tables = {
    QStringLiteral("holders"),
    QStringLiteral("tenures"),
    QStringLiteral("certificates"),
    QStringLiteral("revocation_requests"),
    QStringLiteral("request_events"),
    QStringLiteral("attachments"),
    QStringLiteral("verification_results"),
    QStringLiteral("dispositions"),
    QStringLiteral("outbox"),
    QStringLiteral("ams_operations"),
    QStringLiteral("kiosk_filings"),
    QStringLiteral("audit_log"),
    QStringLiteral("users"),
};
} // namespace

QStringList DatabaseCommands::verbs()
{
    return {QStringLiteral("migrate"), QStringLiteral("status")};
}

QString DatabaseCommands::summary()
{
    return tr("Create or upgrade the schema; show its version and row counts.");
}

int DatabaseCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("migrate"))
        return migrate(context, arguments);
    return status(context, arguments);
}

int DatabaseCommands::migrate(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (int done = context.parse(parser, QStringLiteral("db migrate"),
                                 tr("Apply the schema migrations this database lacks, in order. "
                                    "Running it again changes nothing."),
                                 arguments);
        done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return context.usage(tr("db migrate takes no arguments."));
    auto database = context.openDatabase(false, Database::OpenMode::Create);
    if (!database)
        return context.fail(database.error());
    auto applied = Migrations::migrate(**database);
    if (!applied)
        return context.fail(applied.error());
    // Migrations::migrate has set up the roles on PostgreSQL; say which they are.
    std::optional<DatabaseRoles::Names> roles;
    if (!(*database)->isSqlite()) {
        auto names = DatabaseRoles::namesFor((*database)->url().databaseName());
        if (!names)
            return context.fail(names.error());
        roles = *names;
    }
    if (context.json()) {
        QJsonArray versions;
        for (int version : *applied)
            versions.append(version);
        QJsonObject result {{QStringLiteral("applied"), versions},
                            {QStringLiteral("schema_version"), Migrations::latestVersion()},
                            {QStringLiteral("database"), (*database)->url().toDisplayString()}};
        if (roles) {
            result.insert(QStringLiteral("roles"),
                          QJsonObject {{QStringLiteral("owner"), roles->owner},
                                       {QStringLiteral("operator"), roles->operatorRole},
                                       {QStringLiteral("kiosk"), roles->kiosk}});
        }
        context.printJson(result);
        return ExitOk;
    }
    if (roles) {
        context.out() << tr("Database roles: %1 owns the tables, %2 is for the workbench and the "
                            "command line, %3 for kiosks. None can log in until you give it a "
                            "password (docs/install.md).")
                             .arg(roles->owner, roles->operatorRole, roles->kiosk)
                      << Qt::endl;
    }
    if (applied->isEmpty()) {
        context.out() << tr("The database is up to date (schema version %1).")
                             .arg(Migrations::latestVersion())
                      << Qt::endl;
    } else {
        context.out() << tr("Applied %n migration(s); schema version is now %1.", nullptr,
                            int(applied->size()))
                             .arg(Migrations::latestVersion())
                      << Qt::endl;
    }
    return ExitOk;
}

int DatabaseCommands::status(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (int done = context.parse(parser, QStringLiteral("db status"),
                                 tr("Show the schema version and how many rows each table holds."),
                                 arguments);
        done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return context.usage(tr("db status takes no arguments."));
    auto database = context.openDatabase(false);
    if (!database)
        return context.fail(database.error());
    auto status = Migrations::status(**database);
    if (!status)
        return context.fail(status.error());
    QJsonObject counts;
    if (status->currentVersion > 0) {
        for (const QString &table : s_tables) {
            auto count = (*database)->scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table);
            if (!count)
                return context.fail(count.error());
            counts.insert(table, count->toLongLong());
        }
    }
    if (context.json()) {
        context.printJson(QJsonObject {
            {QStringLiteral("database"), (*database)->url().toDisplayString()},
            {QStringLiteral("schema_version"), status->currentVersion},
            {QStringLiteral("latest_schema_version"), status->latestVersion},
            {QStringLiteral("up_to_date"), status->currentVersion == status->latestVersion},
            {QStringLiteral("migrations"), QJsonArray::fromStringList(status->applied)},
            {QStringLiteral("counts"), counts}});
        return ExitOk;
    }
    QTextStream &out = context.out();
    out << tr("Database: %1").arg((*database)->url().toDisplayString()) << Qt::endl;
    out << tr("Schema version: %1 of %2").arg(status->currentVersion).arg(status->latestVersion)
        << Qt::endl;
    if (status->currentVersion < status->latestVersion)
        out << tr("Run `revocation-desk-cli db migrate` to bring it up to date.") << Qt::endl;
    for (const QString &table : s_tables) {
        if (counts.contains(table))
            out << QStringLiteral("  %1 %2").arg(table, -22).arg(counts.value(table).toInteger())
                << Qt::endl;
    }
    return ExitOk;
}

} // namespace rd::cli
