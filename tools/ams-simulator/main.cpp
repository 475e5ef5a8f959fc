// The AMS simulator: main() parses options and wires the classes beside it.
#include "SimulatorApi.h"
#include "SimulatorAuthority.h"
#include "SimulatorDatabaseImport.h"
#include "SimulatorSeeder.h"
#include "SimulatorServer.h"
#include "SimulatorState.h"
#include "ams/Totp.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <QTextStream>
#include <QUrl>

#include <cstdio>
#include <optional>

using namespace rd;
using namespace rd::sim;

namespace {

int failWith(const QString &message)
{
    QTextStream(stderr) << "ams-simulator: " << message << Qt::endl;
    return 1;
}

int failWith(const Error &error)
{
    return failWith(error.detail.isEmpty()
                        ? error.message
                        : error.message + QStringLiteral(" (") + error.detail + QLatin1Char(')'));
}

bool readCount(const QCommandLineParser &parser, const QString &name, int *value)
{
    bool ok = true;
    *value = parser.isSet(name) ? parser.value(name).toInt(&ok) : 0;
    return ok && *value >= 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("ams-simulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REVOCATION_DESK_VERSION));

    // --tls takes two values, which QCommandLineParser cannot: take them out first.
    QStringList arguments = QCoreApplication::arguments();
    QString tlsCertificate;
    QString tlsKey;
    if (const qsizetype at = arguments.indexOf(QStringLiteral("--tls")); at >= 0) {
        if (at + 2 >= arguments.size())
            return failWith(QStringLiteral("--tls needs CERT and KEY (PEM files)."));
        tlsCertificate = arguments.at(at + 1);
        tlsKey = arguments.at(at + 2);
        arguments.remove(at, 3);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stands in for BSrE's AMS on 127.0.0.1 for demos, training and tests: a real CA that "
        "serves the AMS contract (docs/ams-api.md), the Esign Client Service v1/v2 status "
        "endpoints, a CRL (/crl/ca.crl), its CA certificate (/ca.crt) and an OCSP responder "
        "(/ocsp), and keeps an OpenSSL ca-style index.txt in its data folder. Operators log in "
        "for any holder; a holder's account sees and files for its own NIK only (403 "
        "forbidden otherwise). GET /api/v1/simulator/one-time-code/USERNAME gives an account's "
        "current one-time code (for tests and demos).\n"
        "The first line on standard output is \"READY URL\".\n"
        "  --tls CERT KEY         serve HTTPS with this PEM certificate and key"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port on 127.0.0.1; 0 picks a free one "
                                                 "(default: the port kept in --data, else 0)."),
                                  QStringLiteral("N"));
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Folder that keeps the state across restarts: CA "
                                                 "key and certificate, accounts, certificates, "
                                                 "requests, letters, index.txt, crl.der, the "
                                                 "port (default: a temporary folder)."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption publicUrl(
        QStringLiteral("public-url"),
        QStringLiteral("Base URL written into issued certificates (OCSP, CRL, CA issuers); "
                       "default: the one kept in --data, else http(s)://127.0.0.1:PORT."),
        QStringLiteral("URL"));
    const QCommandLineOption seed(
        QStringLiteral("seed"),
        QStringLiteral("JSON file of accounts (role operator, holder with its \"nik\", or esign) "
                       "and holders to add (see docs/ams-api.md); holders get certificates."),
        QStringLiteral("FILE"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        QStringLiteral("Give every holder with an AMS username (from --import-database) and no "
                       "account a holder account (random password, new TOTP secret, kept in "
                       "--data); print the operator and Esign accounts, up to 5 holder accounts "
                       "and their current one-time codes after the READY line."));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                     QStringLiteral("Delay every answer by N ms (the work is "
                                                    "done at once)."),
                                     QStringLiteral("N"));
    const QCommandLineOption failEvery(QStringLiteral("fail-every"),
                                       QStringLiteral("Answer every Nth request with HTTP 503, "
                                                      "doing nothing."),
                                       QStringLiteral("N"));
    const QCommandLineOption dropEvery(QStringLiteral("drop-every"),
                                       QStringLiteral("Close every Nth connection without an "
                                                      "answer, doing nothing."),
                                       QStringLiteral("N"));
    const QCommandLineOption junk(QStringLiteral("junk"),
                                  QStringLiteral("Answer every /api/ request with something a "
                                                 "client must refuse: not-json, wrong-shape or "
                                                 "html-500."),
                                  QStringLiteral("KIND"));
    const QCommandLineOption publicationDelay(
        QStringLiteral("publication-delay-s"),
        QStringLiteral("Show a revocation in the OCSP answers, the CRL and index.txt only N "
                       "seconds (0 to 86400, default 0) after its revocation time, as a CA "
                       "whose status services lag behind AMS; the AMS and Esign endpoints say "
                       "revoked at once."),
        QStringLiteral("N"));
    const QCommandLineOption importDatabase(
        QStringLiteral("import-database"),
        SimulatorDatabaseImport::tr(
            "On start, take over the certificates in Revocation Desk's database (sqlite:PATH or "
            "postgresql://...) that this simulator's CA issued (as `revocation-desk-cli demo seed "
            "--authority-dir` the --data folder makes them), with their holders and the "
            "database's revocations; certificates the simulator knows already are left as they "
            "are, those of another CA are skipped and counted on standard error."),
        QStringLiteral("URL"));
    parser.addOptions({port, data, publicUrl, seed, importDatabase, demo, latency, failEvery,
                       dropEvery, junk, publicationDelay});
    parser.process(arguments);
    if (!parser.positionalArguments().isEmpty())
        return failWith(QStringLiteral("Unexpected argument: %1")
                            .arg(parser.positionalArguments().constFirst()));

    FaultOptions faults;
    if (!readCount(parser, latency.names().constFirst(), &faults.latencyMs)
        || !readCount(parser, failEvery.names().constFirst(), &faults.failEvery)
        || !readCount(parser, dropEvery.names().constFirst(), &faults.dropEvery)) {
        return failWith(QStringLiteral(
            "--latency-ms, --fail-every and --drop-every need a whole number of 0 or more."));
    }

    faults.junk = parser.value(junk);
    if (!faults.junk.isEmpty() && faults.junk != QLatin1String("not-json")
        && faults.junk != QLatin1String("wrong-shape") && faults.junk != QLatin1String("html-500"))
        return failWith(QStringLiteral("--junk is not-json, wrong-shape or html-500."));

    int publicationDelaySeconds = 0;
    if (!readCount(parser, publicationDelay.names().constFirst(), &publicationDelaySeconds)
        || publicationDelaySeconds > 86400) {
        return failWith(QStringLiteral("--publication-delay-s needs a whole number of seconds "
                                       "from 0 to 86400."));
    }

    std::optional<QTemporaryDir> temporary;
    QString dataDirectory = parser.value(data);
    if (dataDirectory.isEmpty()) {
        temporary.emplace();
        if (!temporary->isValid())
            return failWith(QStringLiteral("Cannot create a temporary folder."));
        dataDirectory = temporary->path();
    }
    if (!QDir().mkpath(QDir(dataDirectory).filePath(QStringLiteral("letters"))))
        return failWith(QStringLiteral("Cannot create the data folder %1.").arg(dataDirectory));
    QFile::setPermissions(dataDirectory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    SimulatorState state(dataDirectory);
    if (auto loaded = state.load(); !loaded)
        return failWith(loaded.error());
    auto authority = SimulatorAuthority::open(state);
    if (!authority)
        return failWith(authority.error());
    authority->setPublicationDelaySeconds(publicationDelaySeconds);

    quint16 requestedPort = state.port;
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return failWith(QStringLiteral("--port needs a number from 0 to 65535."));
        requestedPort = static_cast<quint16>(value);
    }
    SimulatorApi api(state, *authority);
    SimulatorServer server(api, faults);
    if (!tlsCertificate.isEmpty()) {
        if (auto ok = server.useTls(tlsCertificate, tlsKey); !ok)
            return failWith(ok.error());
    }
    auto bound = server.listen(requestedPort);
    if (!bound)
        return failWith(bound.error());
    const QString scheme
        = tlsCertificate.isEmpty() ? QStringLiteral("http") : QStringLiteral("https");
    const QString localUrl = QStringLiteral("%1://127.0.0.1:%2").arg(scheme).arg(*bound);
    if (state.port == 0)
        state.port = *bound;
    if (parser.isSet(publicUrl)) {
        const QUrl url(parser.value(publicUrl));
        if (!url.isValid() || url.host().isEmpty())
            return failWith(QStringLiteral("--public-url needs an http(s) URL."));
        state.publicUrl = parser.value(publicUrl);
    } else if (state.publicUrl.isEmpty()) {
        state.publicUrl = localUrl;
    }

    // Before the seed file, so that a holder the database brings gets no second certificate.
    QStringList importReport; // printed after the READY line, which must come first
    if (parser.isSet(importDatabase)) {
        auto imported
            = SimulatorDatabaseImport::run(state, *authority, parser.value(importDatabase));
        if (!imported)
            return failWith(imported.error());
        importReport << SimulatorDatabaseImport::tr(
                            "imported %1 certificate(s) and %2 holder(s) from the database; %3 "
                            "known already.")
                            .arg(imported->imported)
                            .arg(imported->holders)
                            .arg(imported->alreadyKnown);
        if (imported->otherAuthority > 0) {
            importReport << SimulatorDatabaseImport::tr(
                "skipped %n certificate(s) of another CA (or without DER).", nullptr,
                imported->otherAuthority);
        }
    }
    if (parser.isSet(seed)) {
        if (auto ok = SimulatorSeeder::seedFile(state, *authority, parser.value(seed)); !ok)
            return failWith(ok.error());
    }
    SimulatorSeeder::ensureAccounts(state);
    // Saved with the rest, so that a restart keeps the holders' passwords and secrets.
    if (parser.isSet(demo))
        SimulatorSeeder::ensureHolderAccounts(state);
    if (auto ok = authority->publish(state, QDateTime::currentDateTimeUtc()); !ok)
        return failWith(ok.error());
    if (auto ok = state.save(); !ok)
        return failWith(ok.error());

    // The first line is the contract with whoever started us (tests, scripts/run).
    std::printf("READY %s\n", qPrintable(localUrl));
    std::fflush(stdout);
    if (!importReport.isEmpty()) {
        QTextStream err(stderr);
        for (const QString &line : std::as_const(importReport))
            err << "ams-simulator: " << line << Qt::endl;
    }
    if (parser.isSet(demo)) {
        QTextStream out(stdout);
        out << "Data folder: " << dataDirectory << "\n";
        out << "Certificates name " << state.publicUrl << " for OCSP and the CRL.\n";
        const QDateTime now = QDateTime::currentDateTimeUtc();
        auto currentCode = [&now](const SimulatorAccount &account) {
            const auto key = Totp::decodeBase32(account.totpSecret);
            return key ? Totp::code(*key, now) : QStringLiteral("?");
        };
        for (const SimulatorAccount &account : std::as_const(state.accounts)) {
            if (account.role == QLatin1String("operator")) {
                out << "AMS operator " << account.username << "  password " << account.password
                    << "  TOTP secret " << account.totpSecret << "  current code "
                    << currentCode(account) << "\n";
            } else if (account.role == QLatin1String("esign")) {
                out << "Esign client " << account.username << "  password " << account.password
                    << " (HTTP Basic)\n";
            }
        }
        constexpr int shownHolderAccounts = 5;
        int holderAccounts = 0;
        for (const SimulatorAccount &account : std::as_const(state.accounts)) {
            if (!account.isHolder())
                continue;
            if (++holderAccounts <= shownHolderAccounts) {
                out << "AMS holder " << account.username << "  NIK " << account.nik << "  password "
                    << account.password << "  TOTP secret " << account.totpSecret
                    << "  current code " << currentCode(account) << "\n";
            }
        }
        if (holderAccounts > shownHolderAccounts) {
            out << "... and " << holderAccounts - shownHolderAccounts
                << " more holder account(s), with their passwords and TOTP secrets, in "
                << state.path(QStringLiteral("state.json")) << ".\n";
        }
        out << "A current one-time code of any account: " << localUrl
            << "/api/v1/simulator/one-time-code/USERNAME\n";
        out << state.holders.size() << " holders, " << state.certificates.size()
            << " certificates.\n";
        out.flush();
    }
    return QCoreApplication::exec();
}
