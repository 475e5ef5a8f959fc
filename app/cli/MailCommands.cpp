#include "cli/MailCommands.h"

#include "cli/CliContext.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "mail/MailSettings.h"
#include "mail/Outbox.h"
#include "mail/OutboxWorker.h"
#include "mail/SmtpClient.h"
#include "requests/NotificationComposer.h"

#include <QJsonArray>
#include <QJsonObject>

namespace rd::cli {

namespace {

MailSettings configuredMail()
{
    AppSettings settings;
    return MailSettings::read(settings.raw());
}

int test(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption to(QStringLiteral("to"), MailCommands::tr("The recipient."),
                                QStringLiteral("ADDRESS"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      MailCommands::tr("Language of the message: id or en."),
                                      QStringLiteral("LANG"), QStringLiteral("id"));
    parser.addOptions({to, language});
    if (int done = context.parse(
            parser, QStringLiteral("mail test"),
            MailCommands::tr("Send a test message now with the mail/ settings, without the "
                             "outbox, and show the server's answer."),
            arguments);
        done >= 0)
        return done;
    if (!parser.isSet(to))
        return context.usage(MailCommands::tr("mail test needs --to ADDRESS."));
    const QString lang = parser.value(language);
    if (lang != QLatin1String("id") && lang != QLatin1String("en"))
        return context.usage(MailCommands::tr("--language must be id or en."));
    const MailSettings settings = configuredMail();
    if (auto ok = settings.validate(); !ok)
        return context.fail(ok.error());
    auto password = settings.password();
    if (!password)
        return context.fail(password.error());
    auto message = NotificationComposer::testMessage(
        parser.value(to).trimmed(), lang,
        MailAddress {settings.senderAddress, settings.senderName});
    if (!message)
        return context.fail(message.error());
    auto bytes = message->toBytes();
    if (!bytes)
        return context.fail(bytes.error());
    SmtpClient client(settings, *password);
    auto sent = client.send(settings.senderAddress, {message->to.first().address}, *bytes);
    if (!sent)
        return context.fail(sent.error().error);
    if (context.json()) {
        context.printJson(QJsonObject {{QStringLiteral("sent"), true},
                                       {QStringLiteral("to"), message->to.first().address},
                                       {QStringLiteral("message_id"), message->messageId},
                                       {QStringLiteral("reply"), sent->reply}});
        return ExitOk;
    }
    context.out() << TerminalText::safe(MailCommands::tr("Sent to %1 through %2:%3; the server "
                                                         "said: %4")
                                            .arg(message->to.first().address, settings.host)
                                            .arg(settings.port)
                                            .arg(sent->reply))
                  << Qt::endl;
    return ExitOk;
}

int list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption state(QStringLiteral("state"),
                                   MailCommands::tr("Only rows in this state: %1.")
                                       .arg(Outbox::states().join(QStringLiteral(", "))),
                                   QStringLiteral("S"));
    parser.addOption(state);
    if (int done = context.parse(parser, QStringLiteral("mail list"),
                                 MailCommands::tr("List the outbox with each row's state, "
                                                  "attempts and last error."),
                                 arguments);
        done >= 0)
        return done;
    const std::optional<OutboxEntry::State> wanted = Outbox::stateFromKey(parser.value(state));
    if (parser.isSet(state) && !wanted)
        return context.usage(MailCommands::tr("--state must be one of %1.")
                                 .arg(Outbox::states().join(QStringLiteral(", "))));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    auto rows = Outbox::list(**database, parser.isSet(state) ? wanted : std::nullopt);
    if (!rows)
        return context.fail(rows.error());
    if (context.json()) {
        QJsonArray array;
        for (const OutboxEntry &entry : *rows)
            array.append(entry.toJson());
        context.printJson(array);
        return ExitOk;
    }
    for (const OutboxEntry &entry : *rows) {
        context.out() << TerminalText::safe(QStringLiteral("%1  %2  %3  %4  %5  %6")
                                                .arg(entry.id, 5)
                                                .arg(Outbox::stateKey(entry.state), -7)
                                                .arg(entry.attempts, 2)
                                                .arg(entry.kind, -17)
                                                .arg(entry.recipient, entry.subject))
                      << Qt::endl;
        if (!entry.lastError.isEmpty())
            context.out() << QStringLiteral("       ") << TerminalText::safe(entry.lastError)
                          << Qt::endl;
    }
    return ExitOk;
}

int flush(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (int done = context.parse(
            parser, QStringLiteral("mail flush"),
            MailCommands::tr("Send every e-mail that is due; rows interrupted by a crash are sent "
                             "again first. Exits with 1 when any e-mail was not sent."),
            arguments);
        done >= 0)
        return done;
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    OutboxWorker worker(*database, configuredMail(), context.actor());
    auto run = worker.flush();
    if (!run)
        return context.fail(run.error());
    if (context.json()) {
        context.printJson(
            QJsonObject {{QStringLiteral("recovered"), run->recovered},
                         {QStringLiteral("sent"), run->sent},
                         {QStringLiteral("retried"), run->retried},
                         {QStringLiteral("failed"), run->failed},
                         {QStringLiteral("problems"), QJsonArray::fromStringList(run->problems)}});
    } else {
        if (run->recovered > 0)
            context.out() << MailCommands::tr("%1 e-mail(s) interrupted by a crash were queued "
                                              "again with their Message-ID.")
                                 .arg(run->recovered)
                          << Qt::endl;
        context.out() << MailCommands::tr("Sent %1, to retry later %2, failed %3.")
                             .arg(run->sent)
                             .arg(run->retried)
                             .arg(run->failed)
                      << Qt::endl;
        for (const QString &problem : std::as_const(run->problems))
            context.out() << QStringLiteral("  ") << TerminalText::safe(problem) << Qt::endl;
    }
    if (!run->allSent()) {
        return context.fail(Error {ErrorCode::Io,
                                   MailCommands::tr("%n e-mail(s) were not sent; see mail list.",
                                                    nullptr, run->retried + run->failed),
                                   {}});
    }
    return ExitOk;
}

int resend(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("ID"), MailCommands::tr("The outbox row's id."));
    if (int done = context.parse(parser, QStringLiteral("mail resend"),
                                 MailCommands::tr("Queue a failed e-mail again, due now (with its "
                                                  "Message-ID); mail flush sends it."),
                                 arguments);
        done >= 0)
        return done;
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (parser.positionalArguments().size() != 1 || !ok || id <= 0)
        return context.usage(MailCommands::tr("mail resend takes one outbox id."));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    if (auto allowed = context.requireRole(Actor::Role::Operator); !allowed)
        return context.fail(allowed.error());
    if (auto done = Outbox::resend(**database, context.actor(), id); !done)
        return context.fail(done.error());
    auto entry = Outbox::find(**database, id);
    if (!entry)
        return context.fail(entry.error());
    if (context.json()) {
        context.printJson(entry->toJson());
        return ExitOk;
    }
    context.out() << MailCommands::tr("E-mail %1 to %2 is queued again; mail flush sends it.")
                         .arg(id)
                         .arg(TerminalText::safe(entry->recipient))
                  << Qt::endl;
    return ExitOk;
}

} // namespace

QStringList MailCommands::verbs()
{
    return {QStringLiteral("test"), QStringLiteral("list"), QStringLiteral("flush"),
            QStringLiteral("resend")};
}

QString MailCommands::summary()
{
    return tr("E-mail to applicants: the outbox, sending what is due, a test message.");
}

int MailCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("test"))
        return test(context, arguments);
    if (verb == QLatin1String("list"))
        return list(context, arguments);
    if (verb == QLatin1String("flush"))
        return flush(context, arguments);
    return resend(context, arguments);
}

} // namespace rd::cli
