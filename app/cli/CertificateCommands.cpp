#include "cli/CertificateCommands.h"

#include "certificates/Certificate.h"
#include "certificates/SubjectDnMatcher.h"
#include "certificates/TrustedIssuers.h"
#include "cli/CertificateStatusCommand.h"
#include "cli/CliContext.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "register/HolderRepository.h"

#include <QJsonArray>
#include <QJsonObject>

namespace rd::cli {

namespace {

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString validityText(const QString &validity)
{
    if (validity == QLatin1String("expired"))
        return CertificateCommands::tr("expired");
    if (validity == QLatin1String("not_yet_valid"))
        return CertificateCommands::tr("not yet valid");
    return CertificateCommands::tr("valid");
}

QString listText(const QStringList &values)
{
    return values.isEmpty() ? QStringLiteral("-") : values.join(QStringLiteral(", "));
}

void printCertificate(QTextStream &out, const Certificate &certificate, const QDateTime &now)
{
    const auto line = [&out](const QString &label, const QString &value) {
        out << QStringLiteral("  %1 %2").arg(label.leftJustified(26), TerminalText::safe(value))
            << Qt::endl;
    };
    line(CertificateCommands::tr("Subject:"), certificate.subjectDn());
    line(CertificateCommands::tr("Issuer:"), certificate.issuerDn());
    line(CertificateCommands::tr("Serial (hex):"), certificate.serialHex());
    line(CertificateCommands::tr("Serial (decimal):"), certificate.serialDecimal());
    line(CertificateCommands::tr("Valid from:"), timeText(certificate.notBefore()));
    line(CertificateCommands::tr("Valid until:"),
         CertificateCommands::tr("%1 (%2 now)")
             .arg(timeText(certificate.notAfter()), validityText(certificate.validityAt(now))));
    line(CertificateCommands::tr("Key usage:"), listText(certificate.keyUsage()));
    line(CertificateCommands::tr("Extended key usage:"), listText(certificate.extendedKeyUsage()));
    line(CertificateCommands::tr("E-mail addresses:"), listText(certificate.emailAddresses()));
    line(CertificateCommands::tr("CRL distribution points:"),
         listText(certificate.crlDistributionPoints()));
    line(CertificateCommands::tr("OCSP responder:"), listText(certificate.ocspUrls()));
    line(CertificateCommands::tr("CA issuers:"), listText(certificate.caIssuersUrls()));
    line(CertificateCommands::tr("SHA-256 fingerprint:"), certificate.sha256Fingerprint());
    out << QStringLiteral("  ")
        << CertificateCommands::tr("Subject attributes (certificate order):") << Qt::endl;
    for (const DnAttribute &attribute : certificate.subjectAttributes()) {
        out << TerminalText::safe(
            QStringLiteral("    [%1] %2 (%3, %4): %5")
                .arg(attribute.rdnIndex)
                .arg(attribute.shortName.isEmpty() ? attribute.oid : attribute.shortName,
                     attribute.oid, attribute.asn1Type, attribute.value))
            << Qt::endl;
    }
}

int inspect(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        CertificateCommands::tr("A certificate: PEM, DER or PKCS#7 (.p7b/.p7c)."));
    if (int done = context.parse(parser, QStringLiteral("cert inspect"),
                                 CertificateCommands::tr("Show the fields of every certificate "
                                                         "in a file."),
                                 arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(CertificateCommands::tr("cert inspect takes one FILE."));
    const QString path = parser.positionalArguments().constFirst();
    auto certificates = Certificate::readFile(path);
    if (!certificates)
        return context.fail(certificates.error());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (context.json()) {
        QJsonArray array;
        for (const Certificate &certificate : *certificates) {
            QJsonObject json = certificate.toJson();
            json.insert(QStringLiteral("validity"), certificate.validityAt(now));
            array.append(json);
        }
        context.printJson(QJsonObject {{QStringLiteral("file"), path},
                                       {QStringLiteral("count"), qint64(array.size())},
                                       {QStringLiteral("certificates"), array}});
        return ExitOk;
    }
    const int count = int(certificates->size());
    for (int i = 0; i < count; ++i) {
        if (count > 1)
            context.out() << CertificateCommands::tr("Certificate %1 of %2").arg(i + 1).arg(count)
                          << Qt::endl;
        printCertificate(context.out(), certificates->at(size_t(i)), now);
        if (i + 1 < count)
            context.out() << Qt::endl;
    }
    return ExitOk;
}

QString resultText(AttributeResult result)
{
    switch (result) {
    case AttributeResult::Match:
        return CertificateCommands::tr("match");
    case AttributeResult::Mismatch:
        return CertificateCommands::tr("MISMATCH");
    case AttributeResult::Missing:
        return CertificateCommands::tr("missing");
    case AttributeResult::NotApplicable:
        return CertificateCommands::tr("not applicable");
    case AttributeResult::NotInCertificate:
        return CertificateCommands::tr("not in certificate");
    }
    return {};
}

QString verdictText(MatchVerdict verdict)
{
    switch (verdict) {
    case MatchVerdict::Match:
        return CertificateCommands::tr("MATCH: the certificate belongs to this holder.");
    case MatchVerdict::Mismatch:
        return CertificateCommands::tr("MISMATCH: the certificate does not belong to this holder.");
    case MatchVerdict::NeedsReview:
        return CertificateCommands::tr("NEEDS REVIEW: the operator has to decide.");
    }
    return {};
}

int match(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        CertificateCommands::tr("A certificate: PEM, DER or PKCS#7 (the first end-entity "
                                "certificate in it is compared)."));
    const QCommandLineOption holderOption(
        QStringLiteral("holder"),
        CertificateCommands::tr("The holder's NIK, read from the database."),
        QStringLiteral("NIK"));
    const QCommandLineOption nameOption(QStringLiteral("name"),
                                        CertificateCommands::tr("The holder's full name, titles "
                                                                "allowed (instead of --holder)."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption emailOption(QStringLiteral("email"),
                                         CertificateCommands::tr("The holder's official e-mail "
                                                                 "(instead of --holder)."),
                                         QStringLiteral("EMAIL"));
    const QCommandLineOption amsOption(QStringLiteral("ams-username"),
                                       CertificateCommands::tr("The AMS user name (an e-mail or a "
                                                               "NIK); default: the holder's."),
                                       QStringLiteral("USER"));
    const QCommandLineOption unitOption(QStringLiteral("unit"),
                                        CertificateCommands::tr("The holder's unit, compared with "
                                                                "OU for information."),
                                        QStringLiteral("UNIT"));
    parser.addOptions({holderOption, nameOption, emailOption, amsOption, unitOption});
    if (int done = context.parse(
            parser, QStringLiteral("cert match"),
            CertificateCommands::tr("Compare a certificate's subject with the holder (SOP step "
                                    "7). Exit 0 match, 3 mismatch, 4 needs review."),
            arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(CertificateCommands::tr("cert match takes one FILE."));
    const bool byHolder = parser.isSet(holderOption);
    const bool byValues = parser.isSet(nameOption) || parser.isSet(emailOption);
    if (byHolder == byValues)
        return context.usage(
            CertificateCommands::tr("Give either --holder NIK or --name NAME --email EMAIL."));
    if (byValues && (!parser.isSet(nameOption) || !parser.isSet(emailOption)))
        return context.usage(CertificateCommands::tr("--name and --email go together."));

    AppSettings settings;
    auto issuers = TrustedIssuers::fromSettings(settings.raw());
    if (!issuers)
        return context.fail(issuers.error());
    auto certificates = Certificate::readFile(parser.positionalArguments().constFirst());
    if (!certificates)
        return context.fail(certificates.error());
    const Certificate *certificate = &Certificate::endEntityOf(*certificates);

    HolderIdentity holder;
    if (byHolder) {
        auto database = context.openDatabase();
        if (!database)
            return context.fail(database.error());
        auto record = HolderRepository(*database).findByNik(parser.value(holderOption));
        if (!record)
            return context.fail(record.error());
        holder = HolderIdentity::fromHolder(*record);
    } else {
        holder.fullName = parser.value(nameOption);
        holder.email = parser.value(emailOption);
    }
    if (parser.isSet(amsOption))
        holder.amsUsername = parser.value(amsOption);
    if (parser.isSet(unitOption))
        holder.unit = parser.value(unitOption);

    const DnMatchReport report = SubjectDnMatcher(std::move(*issuers))
                                     .match(*certificate, holder, QDateTime::currentDateTimeUtc());
    if (context.json())
        context.printJson(report.toJson());
    else
        CertificateCommands::printMatchReport(context.out(), report,
                                              AppSettings::uiLanguage(settings));
    switch (report.verdict) {
    case MatchVerdict::Match:
        return ExitOk;
    case MatchVerdict::Mismatch:
        return ExitNegative;
    case MatchVerdict::NeedsReview:
        return ExitIndeterminate;
    }
    return ExitIndeterminate;
}

} // namespace

void CertificateCommands::printMatchReport(QTextStream &out, const DnMatchReport &report,
                                           const QString &language)
{
    out << verdictText(report.verdict) << Qt::endl;
    out << TerminalText::safe(CertificateCommands::tr("Certificate: serial %1 from %2")
                                  .arg(report.serialHex, report.issuerDn))
        << Qt::endl;
    out << CertificateCommands::tr("Reasons:") << Qt::endl;
    for (const BilingualText &reason : report.reasons)
        out << QStringLiteral("  - ") << TerminalText::safe(reason.in(language)) << Qt::endl;
    out << CertificateCommands::tr("Attributes:") << Qt::endl;
    for (const AttributeComparison &row : report.attributes) {
        out << TerminalText::safe(QStringLiteral("  %1 %2 %3")
                                      .arg(row.attribute.leftJustified(20),
                                           row.certificateAttribute.leftJustified(30),
                                           resultText(row.result)))
            << (row.decisive ? QString() : CertificateCommands::tr(" (informative)")) << Qt::endl;
        const auto value = [](const QString &read, const QString &prepared) {
            return TerminalText::safe(prepared.isEmpty() || prepared == read
                                          ? read
                                          : QStringLiteral("%1  ->  %2").arg(read, prepared));
        };
        if (!row.certificateValue.isEmpty())
            out << QStringLiteral("      ")
                << CertificateCommands::tr("certificate: %1")
                       .arg(value(row.certificateValue, row.certificatePrepared))
                << Qt::endl;
        if (!row.expectedValue.isEmpty())
            out << QStringLiteral("      ")
                << CertificateCommands::tr("record (%1): %2")
                       .arg(TerminalText::safe(row.expectedSource),
                            value(row.expectedValue, row.expectedPrepared))
                << Qt::endl;
        if (!row.note.isEmpty())
            out << QStringLiteral("      ") << TerminalText::safe(row.note.in(language))
                << Qt::endl;
    }
}

QStringList CertificateCommands::verbs()
{
    return {QStringLiteral("inspect"), QStringLiteral("match"), QStringLiteral("status")};
}

QString CertificateCommands::summary()
{
    return tr("Certificates: read their fields, match the subject with the holder (SOP step 7), "
              "prove a revocation by OCSP or CRL.");
}

int CertificateCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("inspect"))
        return inspect(context, arguments);
    if (verb == QLatin1String("status"))
        return CertificateStatusCommand::run(context, arguments);
    return match(context, arguments);
}

} // namespace rd::cli
