#include "cli/CliContext.h"

#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "database/Migrations.h"
#include "users/UserAccounts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace rd::cli {

CliContext::CliContext(QTextStream &out, QTextStream &err, QTextStream &in)
    : m_out(out)
    , m_err(err)
    , m_in(in)
    , m_actor(Actor::commandLine())
{ }

Result<DatabasePtr> CliContext::openDatabase(bool requireSchema, Database::OpenMode mode)
{
    AppSettings settings;
    auto url = DatabaseUrl::resolve(m_databaseOption, settings);
    if (!url)
        return errorOf(url);
    auto database = Database::open(*url, mode);
    if (!database)
        return database;
    // A log-in needs the users table as this program knows it.
    if (requireSchema || (!m_userOption.isEmpty() && !loggedIn())) {
        if (auto current = Migrations::requireCurrent(**database); !current)
            return errorOf(current);
    }
    if (!m_userOption.isEmpty() && !loggedIn()) {
        const QString password = readPassword(tr("Password of %1: ").arg(m_userOption));
        auto account = UserAccounts(*database).authenticate(m_userOption, password, m_actor);
        if (!account)
            return errorOf(account);
        m_actor = *account;
    }
    return database;
}

Result<void> CliContext::requireRole(Actor::Role minimum) const
{
    // The roles are ordered: an administrator may what a supervisor may, and so on.
    if (int(m_actor.role()) >= int(minimum))
        return {};
    switch (minimum) {
    case Actor::Role::Administrator:
        return rd::fail(ErrorCode::PermissionDenied, tr("Only an administrator can do this."));
    case Actor::Role::Supervisor:
        return rd::fail(ErrorCode::PermissionDenied,
                        tr("Only a supervisor or an administrator can do this."));
    case Actor::Role::Operator:
    case Actor::Role::None:
        break;
    }
    return rd::fail(ErrorCode::PermissionDenied,
                    tr("Only a logged-in operator, supervisor or administrator can do this."));
}

int CliContext::fail(const Error &error)
{
    QString message = error.message;
    if (error.code == ErrorCode::PermissionDenied && !loggedIn())
        message += QLatin1Char(' ') + tr("Log in with --user NAME.");
    QString line
        = QStringLiteral("revocation-desk-cli: %1: %2").arg(errorCodeName(error.code), message);
    if (!error.detail.isEmpty())
        line += QStringLiteral(" (") + error.detail + QLatin1Char(')');
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    // Messages quote what they refused (a file's name, a server's answer, a certificate's DN).
    m_err << TerminalText::safe(line) << Qt::endl;
    switch (error.code) {
    case ErrorCode::Usage:
        return ExitUsage;
    default:
        return ExitError;
    }
}

int CliContext::usage(const QString &message)
{
    return fail(Error {
        ErrorCode::Usage, message + QLatin1Char(' ') + tr("See revocation-desk-cli --help."), {}});
}

void CliContext::printJson(const QJsonValue &value)
{
    QJsonDocument document;
    if (value.isArray())
        document = QJsonDocument(value.toArray());
    else
        document = QJsonDocument(value.toObject());
    m_out << TerminalText::safeJson(QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
    m_out.flush();
}

int CliContext::parse(QCommandLineParser &parser, const QString &command,
                      const QString &description, const QStringList &arguments)
{
    parser.setApplicationDescription(description);
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help(QStringList {QStringLiteral("h"), QStringLiteral("help")},
                                  tr("Show this help."));
    parser.addOption(help);
    QStringList withProgram = arguments;
    withProgram.prepend(QStringLiteral("revocation-desk-cli ") + command);
    if (!parser.parse(withProgram))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        QString text = parser.helpText();
        // QCommandLineParser names the program by its binary; show the whole command instead.
        // helpText() prints argv[0] as it was typed (e.g. ./build/app/revocation-desk-cli).
        const QString binary = QCoreApplication::arguments().value(0);
        const qsizetype at = text.indexOf(binary);
        if (!binary.isEmpty() && at >= 0 && at < text.indexOf(QLatin1Char('\n')))
            text.replace(at, binary.size(), QStringLiteral("revocation-desk-cli ") + command);
        m_out << text;
        m_out.flush();
        return ExitOk;
    }
    return -1;
}

QString CliContext::readPassword(const QString &prompt)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    termios saved {};
    if (terminal) {
        m_err << prompt << Qt::flush;
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    const QString line = m_in.readLine();
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        m_err << Qt::endl;
    }
    return line;
}

} // namespace rd::cli
