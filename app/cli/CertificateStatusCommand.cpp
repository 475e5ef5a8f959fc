#include "cli/CertificateStatusCommand.h"

#include "certificates/Certificate.h"
#include "cli/CliContext.h"
#include "cli/TerminalText.h"
#include "status/RevocationStatusChecker.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <optional>

namespace rd::cli {

namespace {

QJsonObject attemptJson(const RevocationStatusChecker::Attempt &attempt)
{
    return QJsonObject {{QStringLiteral("source"), RevocationStatus::sourceName(attempt.source)},
                        {QStringLiteral("location"), attempt.location},
                        {QStringLiteral("error_code"), errorCodeName(attempt.error.code)},
                        {QStringLiteral("message"), attempt.error.message}};
}

} // namespace

int CertificateStatusCommand::run(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 tr("The certificate (PEM, DER or PKCS#7; the first one counts)."));
    const QCommandLineOption issuerOption(
        QStringLiteral("issuer"), tr("The certificate of the CA that issued it (required)."),
        QStringLiteral("ISSUER_FILE"));
    const QCommandLineOption ocspOption(
        QStringLiteral("ocsp"), tr("Ask this OCSP responder instead of the certificate's own."),
        QStringLiteral("URL"));
    const QCommandLineOption crlOption(
        QStringLiteral("crl"),
        tr("Read this CRL (an http or https URL, or a file) instead of the certificate's own "
           "distribution point."),
        QStringLiteral("URL|FILE"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"),
                                           tr("Give each network call this long (1 to 300)."),
                                           QStringLiteral("SECONDS"), QStringLiteral("15"));
    parser.addOptions({issuerOption, ocspOption, crlOption, timeoutOption});
    if (int done = context.parse(
            parser, QStringLiteral("cert status"),
            tr("Proof of revocation: ask the OCSP responder, or read the CRL when the responder "
               "cannot answer. With --ocsp or --crl only the sources given are used.\n"
               "Exit status: 0 good, 3 revoked, 4 unknown, 1 status not learned, 2 usage."),
            arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(tr("cert status takes one certificate file."));
    if (!parser.isSet(issuerOption))
        return context.usage(tr("cert status needs --issuer ISSUER_FILE."));
    bool numeric = false;
    const int timeoutSeconds = parser.value(timeoutOption).toInt(&numeric);
    if (!numeric || timeoutSeconds < 1 || timeoutSeconds > 300)
        return context.usage(tr("--timeout needs a number of seconds from 1 to 300."));
    RevocationStatusChecker::Sources sources;
    if (parser.isSet(ocspOption)) {
        sources.ocsp = QUrl(parser.value(ocspOption), QUrl::StrictMode);
        if (!sources.ocsp.isValid()
            || (sources.ocsp.scheme() != QLatin1String("http")
                && sources.ocsp.scheme() != QLatin1String("https")))
            return context.usage(tr("--ocsp needs an http or https URL."));
    }
    if (parser.isSet(crlOption)) {
        sources.crl = parser.value(crlOption);
        if (sources.crl.isEmpty())
            return context.usage(tr("--crl needs a URL or a file."));
    }

    auto certificate = Certificate::readFirst(parser.positionalArguments().constFirst());
    if (!certificate)
        return context.fail(certificate.error());
    auto issuer = Certificate::readFirst(parser.value(issuerOption));
    if (!issuer)
        return context.fail(issuer.error());

    QNetworkAccessManager network;
    RevocationStatusChecker checker(&network);
    checker.setTimeout(timeoutSeconds * 1000);
    QEventLoop loop;
    std::optional<Result<RevocationStatus>> answer;
    checker.check(*certificate, *issuer, sources,
                  {&loop, [&answer, &loop](Result<RevocationStatus> status) {
                       answer.emplace(std::move(status));
                       loop.quit();
                   }});
    if (!answer)
        loop.exec();

    const Result<RevocationStatus> &result = *answer;
    if (!result)
        return context.fail(result.error());
    if (context.json()) {
        QJsonObject json = result->toJson();
        QJsonArray failed;
        for (const auto &attempt : checker.failedAttempts())
            failed.append(attemptJson(attempt));
        json.insert(QStringLiteral("failed_sources"), failed);
        context.printJson(json);
    } else {
        for (const auto &attempt : checker.failedAttempts()) {
            context.err() << tr("Note: %1 %2 could not answer: %3")
                                 .arg(attempt.source == RevocationStatus::Source::Crl
                                          ? QStringLiteral("CRL")
                                          : QStringLiteral("OCSP"),
                                      TerminalText::safe(attempt.location),
                                      TerminalText::safe(attempt.error.message))
                          << Qt::endl;
        }
        context.out() << TerminalText::safe(result->describe(), TerminalText::Lines::Keep)
                      << Qt::endl;
    }
    switch (result->state) {
    case RevocationStatus::State::Good:
        return ExitOk;
    case RevocationStatus::State::Revoked:
        return ExitNegative;
    case RevocationStatus::State::Unknown:
        break;
    }
    return ExitIndeterminate;
}

} // namespace rd::cli
