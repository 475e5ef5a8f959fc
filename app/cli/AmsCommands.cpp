#include "cli/AmsCommands.h"

#include "ams/AmsSettings.h"
#include "ams/EsignStatusClient.h"
#include "ams/PortalAmsGateway.h"
#include "ams/RestAmsGateway.h"
#include "cli/AmsConnection.h"
#include "cli/CliContext.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "core/Clock.h"
#include "core/SecretStore.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <optional>

namespace rd::cli {

namespace {

Result<QString> secret(const QString &name, const QString &variable)
{
    return SecretStore::read(name, variable);
}

int nikOption(CliContext &context, const QCommandLineParser &parser, QString *nik)
{
    *nik = parser.value(QStringLiteral("nik")).trimmed();
    if (nik->isEmpty())
        return context.usage(AmsCommands::tr("Give the holder's NIK with --nik."));
    return -1;
}

QJsonValue timeOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(Clock::toIsoUtc(time)) : QJsonValue();
}

int status(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("nik"), AmsCommands::tr("The holder's NIK."), QStringLiteral("NIK")});
    parser.addOption({QStringLiteral("email"),
                      AmsCommands::tr("Ask by e-mail instead (Esign v2 only)."),
                      QStringLiteral("EMAIL")});
    if (int done = context.parse(parser, QStringLiteral("ams status"),
                                 AmsCommands::tr("Ask BSrE's Esign Client Service for a holder's "
                                                 "certificate status (settings esign/url, "
                                                 "esign/api, esign/username; secret "
                                                 "esign/password)."),
                                 arguments);
        done >= 0)
        return done;
    const QString nik = parser.value(QStringLiteral("nik")).trimmed();
    const QString email = parser.value(QStringLiteral("email")).trimmed();
    if (nik.isEmpty() == email.isEmpty())
        return context.usage(AmsCommands::tr("Give either --nik or --email."));
    AppSettings appSettings;
    AmsSettings settings(appSettings.raw());
    if (auto ok = settings.validate(); !ok)
        return context.fail(ok.error());
    if (!settings.esignUrl().isValid() || settings.esignUrl().host().isEmpty()) {
        return context.fail(Error {ErrorCode::InvalidInput,
                                   AmsCommands::tr("The setting esign/url is not set: the Esign "
                                                   "Client Service's address is needed."),
                                   {}});
    }
    auto password = secret(AmsSettings::esignPasswordName(), AmsSettings::esignPasswordVariable());
    if (!password)
        return context.fail(password.error());
    QNetworkAccessManager network;
    EsignStatusClient client(network, settings.esignUrl(), settings.esignApi());
    client.setCredentials(settings.esignUsername(), *password);
    client.setPolicy({settings.timeoutMs(), settings.maxAttempts(), 500});
    if (auto ok = client.setCaFile(settings.caFile()); !ok)
        return context.fail(ok.error());
    auto answer = awaitResult<EsignStatus>([&](auto done) {
        if (nik.isEmpty())
            client.statusByEmail(email, done);
        else
            client.statusByNik(nik, done);
    });
    if (!answer)
        return context.fail(answer.error());
    const bool hasValidCertificate
        = answer->status == QLatin1String("ISSUE") || answer->status == QLatin1String("RENEW");
    if (context.json()) {
        context.printJson(QJsonObject {
            {QStringLiteral("nik"), nik.isEmpty() ? QJsonValue() : QJsonValue(nik)},
            {QStringLiteral("email"), email.isEmpty() ? QJsonValue() : QJsonValue(email)},
            {QStringLiteral("status"), answer->status},
            {QStringLiteral("status_code"), answer->statusCode},
            {QStringLiteral("message"), answer->message},
            {QStringLiteral("api"), answer->api},
            {QStringLiteral("url"), settings.esignUrl().toString()},
            {QStringLiteral("has_valid_certificate"), hasValidCertificate}});
    } else {
        context.out() << TerminalText::safe(QStringLiteral("%1 (%2) %3")
                                                .arg(answer->status)
                                                .arg(answer->statusCode)
                                                .arg(answer->message))
                      << Qt::endl;
    }
    return hasValidCertificate ? ExitOk : ExitNegative;
}

int certificates(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addOption(
        {QStringLiteral("nik"), AmsCommands::tr("The holder's NIK."), QStringLiteral("NIK")});
    if (int done = context.parse(parser, QStringLiteral("ams certificates"),
                                 AmsCommands::tr("List a holder's certificates as AMS knows them "
                                                 "(rest backend; settings ams/url, "
                                                 "ams/username; secrets ams/password, "
                                                 "ams/totp-secret or ams/token)."),
                                 arguments);
        done >= 0)
        return done;
    QString nik;
    if (int bad = nikOption(context, parser, &nik); bad >= 0)
        return bad;
    AmsConnection setup;
    if (auto ok = setup.prepare(); !ok)
        return context.fail(ok.error());
    auto list = awaitResult<std::vector<AmsCertificate>>(
        [&](auto done) { setup.gateway->listCertificates(nik, done); });
    if (!list)
        return context.fail(list.error());
    if (context.json()) {
        QJsonArray array;
        for (const AmsCertificate &c : *list) {
            array.append(QJsonObject {{QStringLiteral("serial"), c.serialHex},
                                      {QStringLiteral("issuer"), c.issuerDn},
                                      {QStringLiteral("subject"), c.subjectDn},
                                      {QStringLiteral("not_before"), timeOrNull(c.notBefore)},
                                      {QStringLiteral("not_after"), timeOrNull(c.notAfter)},
                                      {QStringLiteral("status"), c.status},
                                      {QStringLiteral("revoked_at"), timeOrNull(c.revokedAt)},
                                      {QStringLiteral("reason_code"),
                                       c.reasonCode >= 0 ? QJsonValue(c.reasonCode) : QJsonValue()},
                                      {QStringLiteral("pem"), QString::fromLatin1(c.pem)}});
        }
        context.printJson(
            QJsonObject {{QStringLiteral("nik"), nik}, {QStringLiteral("certificates"), array}});
        return ExitOk;
    }
    if (list->empty())
        context.out() << AmsCommands::tr("AMS knows no certificate of this holder.") << Qt::endl;
    for (const AmsCertificate &c : *list) {
        context.out() << TerminalText::safe(QStringLiteral("%1  %2  %3 .. %4  %5")
                                                .arg(c.serialHex, c.status.leftJustified(7),
                                                     c.notBefore.toString(Qt::ISODate),
                                                     c.notAfter.toString(Qt::ISODate), c.subjectDn))
                      << Qt::endl;
    }
    return ExitOk;
}

int ping(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (int done = context.parse(parser, QStringLiteral("ams ping"),
                                 AmsCommands::tr("Check that AMS answers: the health endpoint "
                                                 "(rest) or the AMS page (portal)."),
                                 arguments);
        done >= 0)
        return done;
    AppSettings appSettings;
    AmsSettings settings(appSettings.raw());
    if (auto ok = settings.validate(); !ok)
        return context.fail(ok.error());
    if (!settings.amsUrl().isValid() || settings.amsUrl().host().isEmpty())
        return context.fail(Error {
            ErrorCode::InvalidInput, AmsCommands::tr("The setting ams/url is not set."), {}});
    QNetworkAccessManager network;
    std::unique_ptr<AmsGateway> gateway;
    if (settings.backend() == AmsBackend::Rest) {
        auto rest = std::make_unique<RestAmsGateway>(network, settings.amsUrl());
        rest->setPolicy({settings.timeoutMs(), settings.maxAttempts(), 500});
        if (auto ok = rest->setCaFile(settings.caFile()); !ok)
            return context.fail(ok.error());
        gateway = std::move(rest);
    } else {
        gateway = std::make_unique<PortalAmsGateway>(network, settings.amsUrl());
    }
    auto health = awaitResult<AmsHealth>([&](auto done) { gateway->ping(done); });
    if (!health)
        return context.fail(health.error());
    if (context.json()) {
        context.printJson(QJsonObject {{QStringLiteral("backend"), settings.backendName()},
                                       {QStringLiteral("url"), settings.amsUrl().toString()},
                                       {QStringLiteral("status"), health->status},
                                       {QStringLiteral("api_version"), health->apiVersion},
                                       {QStringLiteral("service"), health->service},
                                       {QStringLiteral("time"), timeOrNull(health->time)}});
    } else {
        context.out() << TerminalText::safe(
            QStringLiteral("AMS (%1, %2): %3")
                .arg(settings.backendName(), settings.amsUrl().toString(), health->status))
                      << Qt::endl;
    }
    return ExitOk;
}

} // namespace

QStringList AmsCommands::verbs()
{
    return {QStringLiteral("status"), QStringLiteral("certificates"), QStringLiteral("ping")};
}

QString AmsCommands::summary()
{
    return tr("BSrE's AMS and Esign status: a holder's status, their certificates, reachability.");
}

int AmsCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("status"))
        return status(context, arguments);
    if (verb == QLatin1String("certificates"))
        return certificates(context, arguments);
    return ping(context, arguments);
}

} // namespace rd::cli
