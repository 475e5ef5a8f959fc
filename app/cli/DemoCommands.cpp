#include "cli/DemoCommands.h"

#include "cli/CliContext.h"
#include "demo/DemoDataSeeder.h"
#include "users/UserAccounts.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

namespace rd::cli {

namespace {
// The demo: at least 300 holders, whatever the seeder could make do with.
constexpr int kMinimumHolders = 300;
} // namespace

QStringList DemoCommands::verbs()
{
    return {QStringLiteral("seed")};
}

QString DemoCommands::summary()
{
    return tr("Fill an empty database with demo data for Kabupaten Natuna.");
}

int DemoCommands::run(CliContext &context, const QString &, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption seed(
        QStringLiteral("seed"), tr("Random seed; the same seed gives the same data."),
        QStringLiteral("N"), QString::number(DemoDataSeeder::DefaultSeed));
    const QCommandLineOption holders(
        QStringLiteral("holders"), tr("How many holders (%1 to 100000).").arg(kMinimumHolders),
        QStringLiteral("N"), QString::number(DemoDataSeeder::DefaultHolderCount));
    const QCommandLineOption authorityDir(
        QStringLiteral("authority-dir"),
        tr("Issue the certificates with the CA kept in DIR as the AMS simulator keeps it (ca.pem, "
           "ca-key.pem), creating it there when absent; start the simulator with --data DIR to "
           "serve them (default: a fresh CA that is thrown away)."),
        QStringLiteral("DIR"));
    const QCommandLineOption publicUrl(
        QStringLiteral("public-url"),
        tr("Base URL of the AMS simulator put into every certificate: URL/ocsp, URL/crl/ca.crl "
           "and URL/ca.crt (default: fixed URLs under http://127.0.0.1:8080 that nothing "
           "serves)."),
        QStringLiteral("URL"));
    parser.addOptions({seed, holders, authorityDir, publicUrl});
    if (int done = context.parse(parser, QStringLiteral("demo seed"),
                                 tr("Fill an empty database with realistic demo data: holders over "
                                    "Natuna's offices, terms of office, certificates from a demo "
                                    "CA, accounts, and requests in every state. Refuses a database "
                                    "that already has holders."),
                                 arguments);
        done >= 0)
        return done;
    bool seedOk = false;
    bool holdersOk = false;
    const uint seedValue = parser.value(seed).toUInt(&seedOk);
    const int holderCount = parser.value(holders).toInt(&holdersOk);
    if (!seedOk)
        return context.usage(tr("--seed needs a whole number."));
    if (!holdersOk || holderCount < kMinimumHolders || holderCount > 100000)
        return context.usage(
            tr("--holders needs a number from %1 to 100000.").arg(kMinimumHolders));
    DemoSeedAuthority authority;
    if (parser.isSet(authorityDir)) {
        authority.directory = parser.value(authorityDir);
        if (authority.directory.isEmpty())
            return context.usage(tr("--authority-dir needs a folder."));
        authority.directory = QDir(authority.directory).absolutePath();
    }
    if (parser.isSet(publicUrl)) {
        const QUrl url(parser.value(publicUrl), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return context.usage(tr("--public-url needs an http or https URL."));
        authority.publicUrl = parser.value(publicUrl);
    }
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    // Open while the database has no account (a new demo); after that an administrator's.
    if (auto allowed = UserAccounts(*database).authorizeSetUp(context.actor()); !allowed)
        return context.fail(allowed.error());
    auto summary
        = DemoDataSeeder::seed(*database, context.actor(), seedValue, holderCount, authority);
    if (!summary)
        return context.fail(summary.error());
    if (context.json()) {
        QJsonObject states;
        for (const auto &[state, count] : summary->requestsByState)
            states.insert(state, count);
        // Objects, not the display lines, so that a script can log in with them.
        QJsonArray credentials;
        for (const DemoAccount &account : summary->accounts)
            credentials.append(
                QJsonObject {{QStringLiteral("username"), account.username},
                             {QStringLiteral("password"), account.password},
                             {QStringLiteral("role"), Actor::roleKey(account.role)}});
        context.printJson(QJsonObject {{QStringLiteral("holders"), summary->holders},
                                       {QStringLiteral("tenures"), summary->tenures},
                                       {QStringLiteral("certificates"), summary->certificates},
                                       {QStringLiteral("requests"), summary->requests},
                                       {QStringLiteral("users"), summary->users},
                                       {QStringLiteral("requests_by_state"), states},
                                       {QStringLiteral("user_credentials"), credentials}});
        return ExitOk;
    }
    QTextStream &out = context.out();
    out << tr("Seeded %1 holders, %2 terms of office, %3 certificates, %4 requests and %5 "
              "accounts.")
               .arg(summary->holders)
               .arg(summary->tenures)
               .arg(summary->certificates)
               .arg(summary->requests)
               .arg(summary->users)
        << Qt::endl;
    out << tr("Demo accounts (shown once):") << Qt::endl;
    for (const QString &line : summary->userCredentials)
        out << QStringLiteral("  ") << line << Qt::endl;
    return ExitOk;
}

} // namespace rd::cli
