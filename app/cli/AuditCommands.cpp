#include "cli/AuditCommands.h"

#include "audit/AuditLog.h"
#include "cli/CliContext.h"

#include <QJsonObject>

namespace rd::cli {

QStringList AuditCommands::verbs()
{
    return {QStringLiteral("verify")};
}

QString AuditCommands::summary()
{
    return tr("Prove the audit log's hash chain whole, or name the first entry that was changed, "
              "removed or inserted.");
}

int AuditCommands::run(CliContext &context, const QString &, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (int done = context.parse(
            parser, QStringLiteral("audit verify"),
            tr("Recompute the audit log's hash chain and check its signed checkpoint. Exit 0 when "
               "whole, 3 naming the first entry that was changed, removed or inserted."),
            arguments);
        done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return context.usage(tr("audit verify takes no arguments."));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    auto result = AuditLog::verify(**database);
    if (!result)
        return context.fail(result.error());
    if (context.json()) {
        QJsonObject json {
            {QStringLiteral("intact"), result->intact()},
            {QStringLiteral("finding"), AuditVerification::findingKey(result->finding)},
            {QStringLiteral("entries_checked"), result->entries},
            {QStringLiteral("checkpoint_signed"), result->checkpointSigned},
            {QStringLiteral("explanation"), result->explanation}};
        if (!result->intact())
            json.insert(QStringLiteral("first_bad_entry"), result->firstBadSeq);
        context.printJson(json);
    } else if (result->intact()) {
        context.out() << result->explanation << Qt::endl;
        if (!result->checkpointSigned)
            context.out() << tr("Note: no REVOCATION_DESK_AUDIT_KEY is set, so the checkpoint's "
                                "signature was not checked.")
                          << Qt::endl;
    } else {
        context.out() << tr("The audit chain is broken at entry %1 (%2): %3")
                             .arg(result->firstBadSeq)
                             .arg(AuditVerification::findingKey(result->finding),
                                  result->explanation)
                      << Qt::endl;
    }
    return result->intact() ? ExitOk : ExitNegative;
}

} // namespace rd::cli
