#include "DemoCommands.h"

#include "CliContext.h"
#include "DemoDataSeeder.h"

#include <QJsonArray>
#include <QJsonObject>

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
    parser.addOptions({seed, holders});
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
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    auto summary = DemoDataSeeder::seed(*database, context.actor(), seedValue, holderCount);
    if (!summary)
        return context.fail(summary.error());
    if (context.json()) {
        QJsonObject states;
        for (const auto &[state, count] : summary->requestsByState)
            states.insert(state, count);
        context.printJson(QJsonObject {{QStringLiteral("holders"), summary->holders},
                                       {QStringLiteral("tenures"), summary->tenures},
                                       {QStringLiteral("certificates"), summary->certificates},
                                       {QStringLiteral("requests"), summary->requests},
                                       {QStringLiteral("users"), summary->users},
                                       {QStringLiteral("requests_by_state"), states},
                                       {QStringLiteral("user_credentials"),
                                        QJsonArray::fromStringList(summary->userCredentials)}});
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
