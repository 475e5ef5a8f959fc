#include "cli/CommandLineTool.h"

#include "cli/AmsCommands.h"
#include "cli/AuditCommands.h"
#include "cli/CertificateCommands.h"
#include "cli/CliContext.h"
#include "cli/ConfigCommands.h"
#include "cli/DatabaseCommands.h"
#include "cli/DemoCommands.h"
#include "cli/HolderCommands.h"
#include "cli/MailCommands.h"
#include "cli/RequestCommands.h"
#include "cli/SecretCommands.h"
#include "cli/UserCommands.h"
#include "cli/ReportCommands.h"
#include "cli/WorkerCommand.h"

namespace rd::cli {

namespace {

struct Noun
{
    QString name;
    QStringList verbs;
    QString summary;
    int (*run)(CliContext &, const QString &, const QStringList &);
};

std::vector<Noun> nouns()
{
    return {
        {QStringLiteral("db"), DatabaseCommands::verbs(), DatabaseCommands::summary(),
         &DatabaseCommands::run},
        {QStringLiteral("demo"), DemoCommands::verbs(), DemoCommands::summary(),
         &DemoCommands::run},
        {QStringLiteral("holders"), HolderCommands::verbs(), HolderCommands::summary(),
         &HolderCommands::run},
        {QStringLiteral("requests"), RequestCommands::verbs(), RequestCommands::summary(),
         &RequestCommands::run},
        {QStringLiteral("audit"), AuditCommands::verbs(), AuditCommands::summary(),
         &AuditCommands::run},
        {QStringLiteral("users"), UserCommands::verbs(), UserCommands::summary(),
         &UserCommands::run},
        {QStringLiteral("mail"), MailCommands::verbs(), MailCommands::summary(),
         &MailCommands::run},
        {QStringLiteral("cert"), CertificateCommands::verbs(), CertificateCommands::summary(),
         &CertificateCommands::run},
        {QStringLiteral("ams"), AmsCommands::verbs(), AmsCommands::summary(), &AmsCommands::run},
        {QStringLiteral("secrets"), SecretCommands::verbs(), SecretCommands::summary(),
         &SecretCommands::run},
        {QStringLiteral("config"), ConfigCommands::verbs(), ConfigCommands::summary(),
         &ConfigCommands::run},
        {QStringLiteral("report"), ReportCommands::verbs(), ReportCommands::summary(),
         &ReportCommands::run},
        {QStringLiteral("worker"), {}, WorkerCommand::summary(), &WorkerCommand::run},
    };
}

} // namespace

CommandLineTool::CommandLineTool(QTextStream &out, QTextStream &err, QTextStream &in)
    : m_out(out)
    , m_err(err)
    , m_in(in)
{ }

QString CommandLineTool::helpText() const
{
    QString text
        = tr("Usage: revocation-desk-cli [--database URL] [--user NAME] [--json] NOUN VERB "
             "[options]\n"
             "\n"
             "Revocation Desk without a window: database set-up, the holder register, "
             "revocation requests, users, the audit log and certificates.\n"
             "\n"
             "Global options:\n"
             "  --database URL   sqlite:PATH or postgresql://user[:password]@host:port/dbname\n"
             "                   (default: REVOCATION_DESK_DATABASE, then the setting\n"
             "                   database/url, then the SQLite file in the data folder).\n"
             "                   PostgreSQL takes ?sslmode=...&sslrootcert=FILE; a server\n"
             "                   that is not this computer defaults to sslmode=verify-full\n"
             "  --user NAME      log in as the account NAME; the password is read from the\n"
             "                   terminal without echo, or from the first line of standard\n"
             "                   input. Without it the command line reads and files requests\n"
             "                   only, acting as cli:<os user>\n"
             "  --json           print data as JSON\n"
             "  -h, --help       show this help; NOUN --help and NOUN VERB --help too\n"
             "  --version        show the version\n"
             "\n"
             "Commands:\n");
    for (const Noun &noun : nouns()) {
        text += QStringLiteral("  %1 %2\n")
                    .arg(noun.name, -9)
                    .arg(noun.verbs.isEmpty() ? QStringLiteral("[--once]")
                                              : noun.verbs.join(QLatin1Char('|')));
        text += QStringLiteral("            %1\n").arg(noun.summary);
    }
    text += tr("\nExit codes: 0 ok, 1 error, 2 usage, 3 negative finding (e.g. audit chain "
               "broken), 4 indeterminate, 5 at risk.\n");
    return text;
}

int CommandLineTool::run(const QStringList &arguments)
{
    CliContext context(m_out, m_err, m_in);
    // Global options may stand anywhere before a lone "--".
    QStringList rest;
    bool help = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == QLatin1String("--")) {
            rest += arguments.mid(i);
            break;
        }
        if (argument == QLatin1String("--json")) {
            context.setJson(true);
        } else if (argument == QLatin1String("--database")) {
            if (i + 1 >= arguments.size() || arguments.at(i + 1).trimmed().isEmpty())
                return context.usage(tr("--database needs a URL."));
            context.setDatabaseOption(arguments.at(++i));
        } else if (argument.startsWith(QLatin1String("--database="))) {
            if (argument.mid(11).trimmed().isEmpty())
                return context.usage(tr("--database needs a URL."));
            context.setDatabaseOption(argument.mid(11));
        } else if (argument == QLatin1String("--user")
                   || argument.startsWith(QLatin1String("--user="))) {
            const bool attached = argument.size() > 6;
            if (!attached && i + 1 >= arguments.size())
                return context.usage(tr("--user needs a user name."));
            const QString username = attached ? argument.mid(7) : arguments.at(++i);
            if (username.isEmpty())
                return context.usage(tr("--user needs a user name."));
            context.setUserOption(username);
        } else if (argument == QLatin1String("--version")) {
            m_out << QStringLiteral("revocation-desk-cli %1\n")
                         .arg(QCoreApplication::applicationVersion());
            m_out.flush();
            return ExitOk;
        } else if ((argument == QLatin1String("--help") || argument == QLatin1String("-h"))
                   && rest.isEmpty()) {
            help = true;
        } else {
            rest << argument;
        }
    }
    if (rest.isEmpty()) {
        if (!help)
            return context.usage(tr("Name a command."));
        m_out << helpText();
        m_out.flush();
        return ExitOk;
    }
    const QString nounName = rest.takeFirst();
    for (const Noun &noun : nouns()) {
        if (noun.name != nounName)
            continue;
        // A command without verbs (worker) takes its options directly.
        if (noun.verbs.isEmpty())
            return noun.run(context, QString(), rest);
        if (rest.isEmpty()) {
            return context.usage(tr("Name a verb for %1: %2.")
                                     .arg(noun.name, noun.verbs.join(QStringLiteral(", "))));
        }
        if (rest.first() == QLatin1String("--help") || rest.first() == QLatin1String("-h")) {
            m_out << tr("Usage: revocation-desk-cli %1 VERB [options]\n%2\n\nVerbs: %3\n"
                        "Run revocation-desk-cli %1 VERB --help for a verb's options.\n")
                         .arg(noun.name, noun.summary, noun.verbs.join(QStringLiteral(", ")));
            m_out.flush();
            return ExitOk;
        }
        const QString verb = rest.takeFirst();
        if (!noun.verbs.contains(verb)) {
            return context.usage(tr("Unknown command \"%1 %2\"; %1 knows: %3.")
                                     .arg(noun.name, verb, noun.verbs.join(QStringLiteral(", "))));
        }
        return noun.run(context, verb, rest);
    }
    return context.usage(tr("Unknown command \"%1\".").arg(nounName));
}

} // namespace rd::cli
