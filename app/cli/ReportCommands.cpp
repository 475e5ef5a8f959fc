#include "cli/ReportCommands.h"

#include "cli/CliContext.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "documents/PaperComposer.h"
#include "documents/PaperRenderer.h"
#include "requests/RevocationRequestRepository.h"

#include <QFileInfo>
#include <QJsonObject>

namespace rd::cli {

QStringList ReportCommands::verbs()
{
    return PaperKinds::keys() << QStringLiteral("check");
}

QString ReportCommands::summary()
{
    return tr("Print a request's papers as PDF (statement letter, receipt, data verification "
              "result, control card, disposition sheet) and check a printed paper's code.");
}

int ReportCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("check"))
        return check(context, arguments);
    return render(context, verb, arguments);
}

int ReportCommands::render(CliContext &context, const QString &verb, const QStringList &arguments)
{
    const PaperKind kind = *PaperKinds::fromKey(verb);
    QCommandLineParser parser;
    const QCommandLineOption out(QStringLiteral("out"), tr("The PDF file to write."),
                                 QStringLiteral("FILE.pdf"));
    const QCommandLineOption language(
        QStringLiteral("language"),
        tr("id or en; by default the language the applicant chose (Indonesian unless English "
           "was chosen)."),
        QStringLiteral("LANGUAGE"));
    parser.addOptions({out, language});
    parser.addPositionalArgument(QStringLiteral("AGENDA"), tr("The request's agenda number."));
    if (int done = context.parse(
            parser, QStringLiteral("report ") + verb,
            tr("Write the %1 of a request as a PDF: letterhead (office/* settings), the record's "
               "values, and on every page a QR code with the agenda number and a SHA-256 of "
               "what the paper says, which `report check` compares with the record. Needs an "
               "operator's log-in.")
                .arg(PaperKinds::name(kind)),
            arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(tr("report %1 takes one agenda number.").arg(verb));
    if (!parser.isSet(out) || parser.value(out).isEmpty())
        return context.usage(tr("report %1 needs --out FILE.pdf.").arg(verb));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    if (auto allowed = context.requireRole(Actor::Role::Operator); !allowed)
        return context.fail(allowed.error());

    const QString agenda = parser.positionalArguments().constFirst();
    auto request = RevocationRequestRepository(*database).find(agenda);
    if (!request)
        return context.fail(request.error());
    auto content = PaperComposer(*database).compose(kind, request->agendaNumber);
    if (!content)
        return context.fail(content.error());
    AppSettings settings;
    auto renderer = PaperRenderer::forWorkstation(*database, settings, request->applicantLanguage,
                                                  parser.value(language));
    if (!renderer)
        return context.fail(renderer.error());
    if (renderer->letterhead().isEmpty())
        context.err() << tr("The office's letterhead is not set (config set office/government, "
                            "office/name, ...): the paper is printed without it.")
                      << Qt::endl;
    const QString path = parser.value(out);
    if (auto written = renderer->writePdf(*content, path); !written)
        return context.fail(written.error());
    if (context.json()) {
        context.printJson(QJsonObject {{QStringLiteral("agenda"), content->agendaNumber},
                                       {QStringLiteral("paper"), verb},
                                       {QStringLiteral("language"), renderer->language().code()},
                                       {QStringLiteral("file"), QFileInfo(path).absoluteFilePath()},
                                       {QStringLiteral("sha256"), content->sha256()},
                                       {QStringLiteral("code"), content->shortCode()},
                                       {QStringLiteral("qr"), content->qrText()}});
    } else {
        context.out() << tr("%1 of %2 written to %3; its code is %4.")
                             .arg(PaperKinds::name(kind), content->agendaNumber,
                                  TerminalText::safe(path), content->shortCode())
                      << Qt::endl;
    }
    return ExitOk;
}

int ReportCommands::check(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("AGENDA"), tr("The request's agenda number."));
    parser.addPositionalArgument(
        QStringLiteral("CODE"),
        tr("The text of the paper's QR code, or the verification code printed beside it."));
    if (int done = context.parse(
            parser, QStringLiteral("report check"),
            tr("Say whether a printed paper's code still matches its request's record. Exit 0 "
               "when it matches one of the request's papers as the record stands now, 3 when "
               "it does not: the paper was printed before the record changed, belongs to "
               "another request, or was not printed by this office. Needs an operator's "
               "log-in."),
            arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 2)
        return context.usage(tr("report check takes an agenda number and a code."));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    if (auto allowed = context.requireRole(Actor::Role::Operator); !allowed)
        return context.fail(allowed.error());
    auto answer = PaperComposer(*database).check(parser.positionalArguments().at(0),
                                                 parser.positionalArguments().at(1));
    if (!answer)
        return context.fail(answer.error());
    if (context.json()) {
        context.printJson(QJsonObject {
            {QStringLiteral("agenda"), answer->agendaNumber},
            {QStringLiteral("matches"), answer->matches},
            {QStringLiteral("paper"),
             answer->kind ? QJsonValue(PaperKinds::key(*answer->kind)) : QJsonValue()}});
    } else if (answer->matches) {
        context.out() << tr("The code matches the %1 of %2 as the record stands now.")
                             .arg(PaperKinds::name(*answer->kind), answer->agendaNumber)
                      << Qt::endl;
    } else {
        context.out() << tr("The code does not match any paper of %1 as the record stands now: "
                            "the paper was printed before the record changed, belongs to "
                            "another request, or was not printed by this office.")
                             .arg(answer->agendaNumber)
                      << Qt::endl;
    }
    return answer->matches ? ExitOk : ExitNegative;
}

} // namespace rd::cli
