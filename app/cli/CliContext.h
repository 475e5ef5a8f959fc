#pragma once

#include "audit/Actor.h"
#include "core/Error.h"
#include "database/Database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonValue>
#include <QTextStream>

namespace rd::cli {

// Exit codes, one table for every command (docs/cli.md).
enum ExitCode {
    ExitOk = 0,
    ExitError = 1,
    ExitUsage = 2,
    ExitNegative = 3, // mismatch, revoked, chain broken
    ExitIndeterminate = 4, // needs review, unknown
    ExitAtRisk = 5,
};

// What every command gets: the streams, the global options and one way to report errors.
class CliContext
{
    Q_DECLARE_TR_FUNCTIONS(CliContext)

public:
    CliContext(QTextStream &out, QTextStream &err, QTextStream &in);

    QTextStream &out() { return m_out; }
    QTextStream &err() { return m_err; }
    QTextStream &in() { return m_in; }
    bool json() const { return m_json; }
    void setJson(bool json) { m_json = json; }
    // An empty value is refused by CommandLineTool before it gets here: it would otherwise
    // mean "not given" and fall back to the default database.
    void setDatabaseOption(const QString &url) { m_databaseOption = url; }
    // --user NAME: the account to log in as when the database is opened.
    void setUserOption(const QString &username) { m_userOption = username; }
    // `cli:<os user>` without a role until a --user log-in succeeded, then `user:<name>`.
    Actor actor() const { return m_actor; }
    bool loggedIn() const { return m_actor.kind() == Actor::Kind::User; }

    // Opens the database the global options and settings name; requireSchema refuses one that
    // is not migrated to this program's version. Only `db migrate` creates a missing SQLite file:
    // every other command needs data that is there, and a refused command leaves no file. With
    // --user it logs in there: the password is read as readPassword reads it and checked by
    // UserAccounts::authenticate.
    Result<DatabasePtr> openDatabase(bool requireSchema = true,
                                     Database::OpenMode mode = Database::OpenMode::Existing);

    // PermissionDenied unless the logged-in account has the role `minimum` or a higher one
    // (operator < supervisor < administrator).
    Result<void> requireRole(Actor::Role minimum) const;

    // One line on standard error, the exit code that goes with the error. A refusal to someone
    // who is not logged in says how to log in.
    int fail(const Error &error);
    int usage(const QString &message);
    void printJson(const QJsonValue &value);

    // Parses a command's own options; handles --help. Returns -1 to go on, else an exit code.
    int parse(QCommandLineParser &parser, const QString &command, const QString &description,
              const QStringList &arguments);

    // A password from the terminal without echo, or the first line of standard input.
    QString readPassword(const QString &prompt);

private:
    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
    bool m_json = false;
    QString m_databaseOption;
    QString m_userOption;
    Actor m_actor;
};

} // namespace rd::cli
