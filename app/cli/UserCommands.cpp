#include "cli/UserCommands.h"

#include "cli/CliContext.h"
#include "users/UserAccounts.h"

#include <QJsonArray>
#include <QJsonObject>

#include <unistd.h>

namespace rd::cli {

namespace {

int withUsername(CliContext &context, QCommandLineParser &parser, const QString &command,
                 const QString &description, const QStringList &arguments, QString *username)
{
    parser.addPositionalArgument(QStringLiteral("USERNAME"),
                                 UserCommands::tr("The account's name."));
    if (int done = context.parse(parser, command, description, arguments); done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(UserCommands::tr("%1 takes one user name.").arg(command));
    *username = parser.positionalArguments().constFirst();
    return -1;
}

QString newPassword(CliContext &context)
{
    const QString first = context.readPassword(UserCommands::tr("New password: "));
    if (isatty(0)) {
        const QString second = context.readPassword(UserCommands::tr("Repeat the password: "));
        if (first != second)
            return {};
    }
    return first;
}

} // namespace

QStringList UserCommands::verbs()
{
    return {QStringLiteral("add"), QStringLiteral("passwd"), QStringLiteral("disable"),
            QStringLiteral("list")};
}

QString UserCommands::summary()
{
    return tr("Workstation accounts (operator, supervisor, administrator). Passwords are read "
              "from the terminal without echo, or from the first line of standard input.");
}

int UserCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    QCommandLineParser parser;
    QString username;
    if (verb == QLatin1String("list")) {
        if (int done = context.parse(parser, QStringLiteral("users list"), tr("List the accounts."),
                                     arguments);
            done >= 0)
            return done;
        auto database = context.openDatabase();
        if (!database)
            return context.fail(database.error());
        auto accounts = UserAccounts(*database).list();
        if (!accounts)
            return context.fail(accounts.error());
        QJsonArray array;
        for (const UserAccount &account : *accounts) {
            if (context.json()) {
                array.append(QJsonObject {{QStringLiteral("username"), account.username},
                                          {QStringLiteral("full_name"), account.fullName},
                                          {QStringLiteral("role"), Actor::roleKey(account.role)},
                                          {QStringLiteral("active"), account.active}});
            } else {
                context.out() << QStringLiteral("%1  %2  %3  %4")
                                     .arg(account.username, -16)
                                     .arg(Actor::roleKey(account.role), -13)
                                     .arg(account.active ? tr("active") : tr("disabled"), -8)
                                     .arg(account.fullName)
                              << Qt::endl;
            }
        }
        if (context.json())
            context.printJson(array);
        return ExitOk;
    }

    if (verb == QLatin1String("add")) {
        const QCommandLineOption name(QStringLiteral("name"), tr("The person's full name."),
                                      QStringLiteral("NAME"));
        const QCommandLineOption role(QStringLiteral("role"),
                                      tr("operator, supervisor or administrator."),
                                      QStringLiteral("ROLE"), QStringLiteral("operator"));
        parser.addOptions({name, role});
        if (int done
            = withUsername(context, parser, QStringLiteral("users add"),
                           tr("Add an account; the password is asked for."), arguments, &username);
            done >= 0)
            return done;
        const Actor::Role roleValue = Actor::roleFromKey(parser.value(role));
        if (roleValue == Actor::Role::None)
            return context.usage(tr("Unknown role \"%1\".").arg(parser.value(role)));
        if (!parser.isSet(name))
            return context.usage(tr("users add needs --name."));
        auto database = context.openDatabase();
        if (!database)
            return context.fail(database.error());
        // The first account may be added by anyone (it must be an administrator, who then adds
        // the others); after that only an administrator adds accounts.
        auto any = UserAccounts(*database).hasAccounts();
        if (!any)
            return context.fail(any.error());
        if (*any) {
            if (auto allowed = context.requireRole(Actor::Role::Administrator); !allowed)
                return context.fail(allowed.error());
        }
        const QString password = newPassword(context);
        if (password.isEmpty())
            return context.fail(Error {
                ErrorCode::InvalidInput, tr("No password given, or the two did not match."), {}});
        auto added = UserAccounts(*database).add(context.actor(), username, parser.value(name),
                                                 roleValue, password);
        if (!added)
            return context.fail(added.error());
        context.out() << tr("Added %1 (%2).").arg(username, Actor::roleKey(roleValue)) << Qt::endl;
        return ExitOk;
    }

    const bool passwd = verb == QLatin1String("passwd");
    if (int done = withUsername(
            context, parser,
            passwd ? QStringLiteral("users passwd") : QStringLiteral("users disable"),
            passwd ? tr("Set a new password.") : tr("Disable an account; its history stays."),
            arguments, &username);
        done >= 0)
        return done;
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    UserAccounts accounts(*database);
    // A person changes their own password; everything else about an account is an
    // administrator's.
    const bool own = passwd && context.loggedIn() && context.actor().name() == username;
    if (!own) {
        if (auto allowed = context.requireRole(Actor::Role::Administrator); !allowed)
            return context.fail(allowed.error());
    }
    if (passwd) {
        if (auto exists = accounts.find(username); !exists)
            return context.fail(exists.error());
        const QString password = newPassword(context);
        if (password.isEmpty())
            return context.fail(Error {
                ErrorCode::InvalidInput, tr("No password given, or the two did not match."), {}});
        if (auto done = accounts.setPassword(context.actor(), username, password); !done)
            return context.fail(done.error());
        context.out() << tr("Password of %1 changed.").arg(username) << Qt::endl;
        return ExitOk;
    }
    if (auto done = accounts.disable(context.actor(), username); !done)
        return context.fail(done.error());
    context.out() << tr("%1 is disabled.").arg(username) << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
