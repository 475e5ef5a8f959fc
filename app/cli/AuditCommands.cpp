#include "cli/AuditCommands.h"

#include "audit/AuditLog.h"
#include "cli/CliContext.h"

#include <QJsonObject>

namespace rd::cli {

QStringList AuditCommands::verbs()
{
    return {QStringLiteral("verify"), QStringLiteral("reseal")};
}

QString AuditCommands::summary()
{
    return tr("Prove the audit log's hash chain whole, or name the first entry that was changed, "
              "removed or inserted; reseal a reviewed head (administrator).");
}

int AuditCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("reseal"))
        return reseal(context, arguments);
    return verify(context, arguments);
}

int AuditCommands::verify(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (int done = context.parse(
            parser, QStringLiteral("audit verify"),
            tr("Recompute the audit log's hash chain and check its signed checkpoint. Exit 0 when "
               "whole and signed, 3 naming the first entry that was changed, removed or "
               "inserted (or a checkpoint that is missing, unsigned or wrongly signed), 4 when "
               "the chain is whole but no audit key was at hand to check the signature."),
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
    // A whole chain whose head nobody could check proves nothing about its newest entries: a
    // scheduled check must not read it as success.
    const int exit = !result->intact() ? ExitNegative
        : result->checkpointSigned     ? ExitOk
                                       : ExitIndeterminate;
    if (context.json()) {
        QJsonObject json {
            {QStringLiteral("intact"), result->intact()},
            {QStringLiteral("finding"), AuditVerification::findingKey(result->finding)},
            {QStringLiteral("entries_checked"), result->entries},
            {QStringLiteral("checkpoint_seq"), result->headSeq},
            {QStringLiteral("checkpoint_signed"), result->checkpointSigned},
            {QStringLiteral("explanation"), result->explanation}};
        if (!result->intact())
            json.insert(QStringLiteral("first_bad_entry"), result->firstBadSeq);
        if (result->intact() && !result->signatureUnchecked.isEmpty())
            json.insert(QStringLiteral("signature_unchecked"), result->signatureUnchecked);
        context.printJson(json);
    } else if (result->intact()) {
        context.out() << result->explanation << Qt::endl;
        if (!result->checkpointSigned)
            context.out() << tr("Not proven: the checkpoint's signature was not checked, so the "
                                "newest entries may have been cut off or rewritten. %1")
                                 .arg(result->signatureUnchecked)
                          << Qt::endl;
    } else {
        context.out() << tr("The audit chain is broken at entry %1 (%2): %3")
                             .arg(result->firstBadSeq)
                             .arg(AuditVerification::findingKey(result->finding),
                                  result->explanation)
                      << Qt::endl;
    }
    return exit;
}

int AuditCommands::reseal(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption reason(QStringLiteral("reason"),
                                    tr("Why, after which review: kept in the log."),
                                    QStringLiteral("TEXT"));
    parser.addOption(reason);
    if (int done = context.parse(
            parser, QStringLiteral("audit reseal"),
            tr("For an administrator, after reviewing the entries that audit verify cannot vouch "
               "for: sign the checkpoint again when it is unsigned or wrongly signed and the "
               "chain itself is whole. Appends an audit.resealed entry naming the head it "
               "covered. A broken chain is refused."),
            arguments);
        done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return context.usage(tr("audit reseal takes no arguments."));
    if (parser.value(reason).trimmed().isEmpty())
        return context.usage(tr("audit reseal needs --reason."));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    auto sealed = AuditLog::inTransaction(**database, [&] {
        return AuditLog::reseal(**database, context.actor(), parser.value(reason));
    });
    if (!sealed)
        return context.fail(sealed.error());
    if (context.json())
        context.printJson(QJsonObject {{QStringLiteral("entry"), *sealed}});
    else
        context.out() << tr("Resealed: entry %1 records the review, and the checkpoint is signed "
                            "again.")
                             .arg(*sealed)
                      << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
