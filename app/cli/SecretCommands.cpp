#include "cli/SecretCommands.h"

#include "cli/CliContext.h"
#include "core/SecretStore.h"

#include <QJsonArray>
#include <QJsonObject>

namespace rd::cli {

namespace {

// Where a secret would be taken from right now: "environment", "keychain", "missing", or
// "unavailable" (the keychain could not be asked).
QString sourceOf(const KnownSecret &secret)
{
    if (!qEnvironmentVariable(secret.environmentVariable.toLatin1()).isEmpty())
        return QStringLiteral("environment");
    const auto stored = SecretStore::read(secret.name, QString());
    if (!stored)
        return QStringLiteral("unavailable");
    return stored->isEmpty() ? QStringLiteral("missing") : QStringLiteral("keychain");
}

QString sourceText(const QString &source)
{
    if (source == QLatin1String("environment"))
        return SecretCommands::tr("set in the environment");
    if (source == QLatin1String("keychain"))
        return SecretCommands::tr("in the keychain");
    if (source == QLatin1String("missing"))
        return SecretCommands::tr("not set");
    return SecretCommands::tr("keychain unavailable");
}

int list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (int done = context.parse(parser, QStringLiteral("secrets list"),
                                 SecretCommands::tr("Say where each secret is found (never its "
                                                    "value): environment, keychain, or nowhere."),
                                 arguments);
        done >= 0)
        return done;
    QJsonArray array;
    for (const KnownSecret &secret : SecretStore::knownSecrets()) {
        const QString source = sourceOf(secret);
        if (context.json()) {
            array.append(
                QJsonObject {{QStringLiteral("name"), secret.name},
                             {QStringLiteral("environment_variable"), secret.environmentVariable},
                             {QStringLiteral("source"), source}});
        } else {
            context.out() << QStringLiteral("%1  %2  %3")
                                 .arg(secret.name, -16)
                                 .arg(secret.environmentVariable, -32)
                                 .arg(sourceText(source))
                          << Qt::endl;
        }
    }
    if (context.json())
        context.printJson(array);
    return ExitOk;
}

int withName(CliContext &context, const QString &verb, const QString &description,
             const QStringList &arguments, const KnownSecret **secret)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("NAME"), SecretCommands::tr("The secret's name."));
    if (int done = context.parse(parser, QStringLiteral("secrets ") + verb, description, arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(SecretCommands::tr("Give one secret name."));
    *secret = SecretStore::find(parser.positionalArguments().constFirst());
    if (!*secret) {
        QStringList names;
        for (const KnownSecret &known : SecretStore::knownSecrets())
            names.append(known.name);
        return context.usage(
            SecretCommands::tr("Unknown secret \"%1\"; the known ones are %2.")
                .arg(parser.positionalArguments().constFirst(), names.join(QStringLiteral(", "))));
    }
    return -1;
}

} // namespace

QStringList SecretCommands::verbs()
{
    return {QStringLiteral("list"), QStringLiteral("set"), QStringLiteral("clear")};
}

QString SecretCommands::summary()
{
    return tr("Passwords and tokens in the system keychain (SMTP, AMS, Esign). Values are read "
              "from the terminal without echo, or from the first line of standard input.");
}

int SecretCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("list"))
        return list(context, arguments);
    const KnownSecret *secret = nullptr;
    const bool set = verb == QLatin1String("set");
    if (int done = withName(context, verb,
                            set ? tr("Keep a secret in the system keychain.")
                                : tr("Remove a secret from the system keychain."),
                            arguments, &secret);
        done >= 0)
        return done;
    if (!set) {
        if (auto removed = SecretStore::remove(secret->name); !removed)
            return context.fail(removed.error());
        context.out() << tr("%1 removed from the keychain.").arg(secret->name) << Qt::endl;
        return ExitOk;
    }
    const QString value = context.readPassword(tr("Value of %1: ").arg(secret->name));
    if (value.isEmpty())
        return context.fail(
            Error {ErrorCode::InvalidInput,
                   tr("Nothing was given for %1; the keychain is unchanged.").arg(secret->name),
                   {}});
    if (auto written = SecretStore::write(secret->name, value); !written)
        return context.fail(written.error());
    context.out() << tr("%1 kept in the keychain.").arg(secret->name) << Qt::endl;
    if (!qEnvironmentVariable(secret->environmentVariable.toLatin1()).isEmpty())
        context.err() << tr("Note: %1 is set in the environment and wins over the keychain.")
                             .arg(secret->environmentVariable)
                      << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
