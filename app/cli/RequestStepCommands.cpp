#include "cli/RequestStepCommands.h"

#include "ams/AmsSettings.h"
#include "certificates/TrustedIssuers.h"
#include "cli/AmsConnection.h"
#include "cli/CertificateCommands.h"
#include "cli/CliContext.h"
#include "cli/RequestCommands.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "core/Clock.h"
#include "core/LocalFile.h"
#include "requests/RequestLifecycle.h"
#include "requests/RevocationRequestRepository.h"
#include "workflow/RevocationProof.h"
#include "workflow/RevocationWorkflow.h"
#include "workflow/VerificationResultRepository.h"

#include <QFileInfo>

namespace rd::cli {

namespace {

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? Clock::toIsoUtc(time) : QString();
}

QJsonObject attachmentJson(const Attachment &attachment)
{
    return QJsonObject {{QStringLiteral("id"), attachment.id},
                        {QStringLiteral("kind"), AttachmentStore::kindKey(attachment.kind)},
                        {QStringLiteral("file_name"), attachment.fileName},
                        {QStringLiteral("media_type"), attachment.mediaType},
                        {QStringLiteral("size_bytes"), attachment.sizeBytes},
                        {QStringLiteral("sha256"), attachment.sha256},
                        {QStringLiteral("created_at"), isoUtc(attachment.createdAt)}};
}

using Step = RequestStepCommands;

int attachments(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    QString agenda;
    if (int done
        = Step::parseAgenda(context, parser, QStringLiteral("requests attachments"),
                            RequestCommands::tr("List a request's files: number, kind, name, "
                                                "type, size and SHA-256."),
                            arguments, &agenda);
        done >= 0)
        return done;
    auto opened = Step::openRequest(context, agenda);
    if (!opened)
        return context.fail(opened.error());
    const DatabasePtr &database = opened->database;
    const RevocationRequestRecord &request = opened->request;
    auto all = AttachmentStore(database).list(request.id);
    if (!all)
        return context.fail(all.error());
    if (context.json()) {
        context.printJson(Step::attachmentsJson(*all));
    } else if (all->empty()) {
        context.out() << RequestCommands::tr("Request %1 has no files.")
                             .arg(TerminalText::safe(request.agendaNumber))
                      << Qt::endl;
    } else {
        Step::printAttachments(context, *all);
    }
    return ExitOk;
}

int attachment(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 RequestCommands::tr("The file's number (requests attachments)."));
    const QCommandLineOption out(QStringLiteral("out"),
                                 RequestCommands::tr("Where to write it; must not exist yet."),
                                 QStringLiteral("FILE"));
    parser.addOption(out);
    if (int done = context.parse(parser, QStringLiteral("requests attachment"),
                                 RequestCommands::tr("Write one of a request's files to disk, "
                                                     "checked against its SHA-256."),
                                 arguments);
        done >= 0)
        return done;
    bool numeric = false;
    const qint64 id = parser.positionalArguments().value(1).toLongLong(&numeric);
    if (parser.positionalArguments().size() != 2 || !numeric || id <= 0)
        return context.usage(
            RequestCommands::tr("requests attachment takes an agenda number and a file number."));
    if (!parser.isSet(out) || parser.value(out).isEmpty())
        return context.usage(RequestCommands::tr("requests attachment needs --out FILE."));
    const QString target = parser.value(out);
    if (QFileInfo::exists(target))
        return context.fail(Error {ErrorCode::Conflict,
                                   RequestCommands::tr("%1 exists already; the file is not "
                                                       "written over. Choose another name.")
                                       .arg(TerminalText::safe(target)),
                                   {}});
    auto opened = Step::openRequest(context, parser.positionalArguments()[0]);
    if (!opened)
        return context.fail(opened.error());
    const DatabasePtr &database = opened->database;
    const RevocationRequestRecord &request = opened->request;
    AttachmentStore store(database);
    auto found = store.find(request.id, id);
    if (!found)
        return context.fail(found.error());
    auto bytes = store.content(request.id, id);
    if (!bytes)
        return context.fail(bytes.error());
    if (auto written = LocalFile::write(target, *bytes, LocalFile::Access::OwnerOnly); !written)
        return context.fail(written.error());
    if (context.json())
        context.printJson(attachmentJson(*found));
    else
        context.out() << RequestCommands::tr("Wrote %1 (%2 bytes, SHA-256 checked).")
                             .arg(TerminalText::safe(target))
                             .arg(found->sizeBytes)
                      << Qt::endl;
    return ExitOk;
}

int claim(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    QString agenda;
    if (int done
        = Step::parseAgenda(context, parser, QStringLiteral("requests claim"),
                            RequestCommands::tr("Take a filed request for verification (SOP "
                                                "step 6); nobody else works it then."),
                            arguments, &agenda);
        done >= 0)
        return done;
    auto step = Step::openStaffStep(context, agenda);
    if (!step)
        return context.fail(step.error());
    AppSettings settings;
    RequestLifecycle lifecycle(step->database,
                               RequestLifecycle::Options {settings.officeTimeZone(), {}});
    TransitionRequest transition;
    transition.requestId = step->request.id;
    transition.action = RequestAction::Claim;
    auto outcome = lifecycle.apply(context.actor(), transition);
    if (!outcome)
        return context.fail(outcome.error());
    Step::printTransition(context, *outcome);
    return ExitOk;
}

QString checklistKeys()
{
    QStringList keys;
    for (const ChecklistItem &item : VerificationChecklist::items())
        keys << item.key;
    return keys.join(QStringLiteral(", "));
}

int verify(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption allPassed(QStringLiteral("all-passed"),
                                       RequestCommands::tr("Every item of the checklist passed."));
    const QCommandLineOption failed(
        QStringLiteral("failed"),
        RequestCommands::tr("An item that failed, with an optional note for the applicant "
                            "(repeatable; the others passed). Items: %1.")
            .arg(checklistKeys()),
        QStringLiteral("ITEM[:NOTE]"));
    const QCommandLineOption version(QStringLiteral("expect-version"),
                                     RequestCommands::tr("Refuse if the request changed since this "
                                                         "version."),
                                     QStringLiteral("N"));
    parser.addOptions({allPassed, failed, version});
    QString agenda;
    if (int done = Step::parseAgenda(
            context, parser, QStringLiteral("requests verify"),
            RequestCommands::tr("Record the data check of SOP step 6 (Hasil Verifikasi Data): "
                                "all passed moves the request to verified; a failed item to "
                                "needs completion, with an e-mail to the applicant listing what "
                                "is missing."),
            arguments, &agenda);
        done >= 0)
        return done;
    if (parser.isSet(allPassed) == parser.isSet(failed))
        return context.usage(
            RequestCommands::tr("requests verify needs either --all-passed or --failed ITEM."));
    std::optional<int> expectedVersion;
    if (parser.isSet(version)) {
        bool ok = false;
        expectedVersion = parser.value(version).toInt(&ok);
        if (!ok)
            return context.usage(RequestCommands::tr("--expect-version needs a number."));
    }
    auto step = Step::openStaffStep(context, agenda);
    if (!step)
        return context.fail(step.error());
    std::vector<ChecklistAnswer> answers;
    const bool onBehalf = step->request.filedByKind == QLatin1String("official");
    for (const ChecklistItem &item : VerificationChecklist::applicable(onBehalf))
        answers.push_back({item.key, true, {}});
    for (const QString &value : parser.values(failed)) {
        const QString key = value.section(QLatin1Char(':'), 0, 0).trimmed();
        const QString note = value.section(QLatin1Char(':'), 1);
        auto answer = std::find_if(answers.begin(), answers.end(),
                                   [&](const ChecklistAnswer &a) { return a.key == key; });
        if (answer == answers.end())
            return context.usage(
                RequestCommands::tr("\"%1\" is not an item of this request's checklist.")
                    .arg(TerminalText::safe(key)));
        answer->passed = false;
        answer->note = note;
    }
    RevocationWorkflow workflow = Step::workflowFor(step->database);
    auto verified = workflow.verify(context.actor(), step->request.id, answers, expectedVersion);
    if (!verified)
        return context.fail(verified.error());
    if (context.json()) {
        QJsonObject answer = Step::transitionJson(verified->outcome);
        answer.insert(QStringLiteral("checklist"), verified->report);
        answer.insert(QStringLiteral("missing"), QJsonArray::fromStringList(verified->missing));
        context.printJson(answer);
    } else {
        Step::printTransition(context, verified->outcome);
        for (const QString &line : std::as_const(verified->missing))
            context.out() << QStringLiteral("  - ") << TerminalText::safe(line) << Qt::endl;
    }
    return ExitOk;
}

// The holder's certificate as AMS lists it: the request's serial, or the only active one.
Result<Certificate> certificateFromAms(const RevocationRequestRecord &request)
{
    AmsConnection ams;
    if (auto ready = ams.prepare(); !ready)
        return errorOf(ready);
    auto listed = awaitResult<std::vector<AmsCertificate>>(
        [&](auto done) { ams.gateway->listCertificates(request.holderNik, done); });
    if (!listed)
        return errorOf(listed);
    std::vector<const AmsCertificate *> candidates;
    QStringList serials;
    for (const AmsCertificate &certificate : *listed) {
        serials << certificate.serialHex;
        const bool wanted = request.certificateSerial.isEmpty()
            ? certificate.status == QLatin1String("active")
            : certificate.serialHex.compare(request.certificateSerial, Qt::CaseInsensitive) == 0;
        if (wanted)
            candidates.push_back(&certificate);
    }
    if (candidates.size() != 1)
        return fail(ErrorCode::NotFound,
                    request.certificateSerial.isEmpty()
                        ? RequestCommands::tr("AMS lists %n active certificate(s) of this holder "
                                              "(%1); give the one to revoke with --certificate "
                                              "FILE.",
                                              nullptr, int(candidates.size()))
                              .arg(serials.join(QStringLiteral(", ")))
                        : RequestCommands::tr("AMS does not list the certificate %1 for this "
                                              "holder (it lists: %2).")
                              .arg(request.certificateSerial,
                                   serials.isEmpty() ? RequestCommands::tr("none")
                                                     : serials.join(QStringLiteral(", "))));
    auto certificates = Certificate::readAll(candidates.front()->pem);
    if (!certificates)
        return errorOf(certificates);
    return Certificate::endEntityOf(*certificates);
}

int match(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption file(QStringLiteral("certificate"),
                                  RequestCommands::tr("The certificate as a file (PEM, DER or "
                                                      "PKCS#7); without it, the one the request "
                                                      "names in the register."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption justification(
        QStringLiteral("justification"),
        RequestCommands::tr("Why a certificate that needs review is the holder's; kept with "
                            "the report."),
        QStringLiteral("TEXT"));
    const QCommandLineOption version(QStringLiteral("expect-version"),
                                     RequestCommands::tr("Refuse if the request changed since this "
                                                         "version."),
                                     QStringLiteral("N"));
    const QCommandLineOption fromAms(
        QStringLiteral("from-ams"),
        RequestCommands::tr("Take the certificate from AMS's list of the holder's certificates "
                            "(rest backend): the one with the request's serial, or the holder's "
                            "only active one."));
    parser.addOptions({file, fromAms, justification, version});
    QString agenda;
    if (int done = Step::parseAgenda(
            context, parser, QStringLiteral("requests match"),
            RequestCommands::tr("Match the certificate's subject with the holder (SOP step 7) and "
                                "keep the report. Exit 0 matched, 3 mismatch (kept; the request "
                                "stays verified), 4 needs review without a justification "
                                "(nothing kept)."),
            arguments, &agenda);
        done >= 0)
        return done;
    std::optional<int> expectedVersion;
    if (parser.isSet(version)) {
        bool ok = false;
        expectedVersion = parser.value(version).toInt(&ok);
        if (!ok)
            return context.usage(RequestCommands::tr("--expect-version needs a number."));
    }
    AppSettings settings;
    auto issuers = TrustedIssuers::fromSettings(settings.raw());
    if (!issuers)
        return context.fail(issuers.error());
    if (parser.isSet(file) && parser.isSet(fromAms))
        return context.usage(
            RequestCommands::tr("Give --certificate FILE or --from-ams, not both."));
    std::optional<Certificate> offered;
    if (parser.isSet(file)) {
        auto certificates = Certificate::readFile(parser.value(file));
        if (!certificates)
            return context.fail(certificates.error());
        offered = Certificate::endEntityOf(*certificates);
    }
    auto step = Step::openStaffStep(context, agenda);
    if (!step)
        return context.fail(step.error());
    RevocationWorkflow workflow = Step::workflowFor(step->database);
    if (parser.isSet(fromAms)) {
        auto fetched = certificateFromAms(step->request);
        if (!fetched)
            return context.fail(fetched.error());
        offered = *fetched;
    }
    if (!offered) {
        auto registered = workflow.registeredCertificate(step->request.id);
        if (!registered)
            return context.fail(registered.error());
        offered = *registered;
    }
    auto matched = workflow.matchCertificate(context.actor(), step->request.id, *offered, *issuers,
                                             parser.value(justification), expectedVersion);
    if (!matched)
        return context.fail(matched.error());
    if (context.json()) {
        QJsonObject answer {{QStringLiteral("report"), matched->report.toJson()},
                            {QStringLiteral("recorded"), matched->recorded}};
        if (matched->outcome)
            answer.insert(QStringLiteral("transition"), Step::transitionJson(*matched->outcome));
        context.printJson(answer);
    } else {
        CertificateCommands::printMatchReport(context.out(), matched->report,
                                              AppSettings::uiLanguage(settings));
        if (matched->outcome)
            Step::printTransition(context, *matched->outcome);
    }
    switch (matched->report.verdict) {
    case MatchVerdict::Match:
        return ExitOk;
    case MatchVerdict::Mismatch:
        context.err() << RequestCommands::tr("The certificate is not the holder's: the report is "
                                             "kept and the request stays verified. Find the "
                                             "holder's own certificate.")
                      << Qt::endl;
        return ExitNegative;
    case MatchVerdict::NeedsReview:
        if (matched->recorded)
            return ExitOk;
        context.err() << RequestCommands::tr("The certificate needs review: look at the report "
                                             "and, if it is the holder's, run this again with "
                                             "--justification TEXT. Nothing was kept.")
                      << Qt::endl;
        return ExitIndeterminate;
    }
    return ExitIndeterminate;
}

int results(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    QString agenda;
    if (int done = Step::parseAgenda(context, parser, QStringLiteral("requests results"),
                                     RequestCommands::tr("Show what the steps found and kept: the "
                                                         "checklist, the DN report, the proof."),
                                     arguments, &agenda);
        done >= 0)
        return done;
    auto opened = Step::openRequest(context, agenda);
    if (!opened)
        return context.fail(opened.error());
    const DatabasePtr &database = opened->database;
    const RevocationRequestRecord &request = opened->request;
    auto found = VerificationResultRepository(database).forRequest(request.id);
    if (!found)
        return context.fail(found.error());
    if (context.json()) {
        QJsonArray array;
        for (const VerificationResult &result : *found)
            array.append(QJsonObject {{QStringLiteral("id"), result.id},
                                      {QStringLiteral("kind"), result.kind},
                                      {QStringLiteral("verdict"), result.verdict},
                                      {QStringLiteral("actor"), result.actor},
                                      {QStringLiteral("created_at"), isoUtc(result.createdAt)},
                                      {QStringLiteral("report"), result.report}});
        context.printJson(array);
        return ExitOk;
    }
    if (found->empty())
        context.out() << RequestCommands::tr("No step of %1 has recorded a result yet.")
                             .arg(TerminalText::safe(request.agendaNumber))
                      << Qt::endl;
    const bool english = AppSettings::uiLanguage(AppSettings()) == QLatin1String("en");
    for (const VerificationResult &result : *found) {
        context.out() << TerminalText::safe(
            QStringLiteral("%1  %2  %3  %4")
                .arg(result.kind, result.verdict, result.actor, isoUtc(result.createdAt)))
                      << Qt::endl;
        const QString serial = result.report.value(QStringLiteral("serial_hex")).toString();
        if (!serial.isEmpty())
            context.out() << TerminalText::safe(
                QStringLiteral("  %1  %2")
                    .arg(serial, result.report.value(QStringLiteral("subject")).toString()))
                          << Qt::endl;
        if (result.kind == QLatin1String("revocation_proof")) {
            const QString proof = RevocationProof::fromJson(result.report).describe();
            for (const QString &line : proof.split(QLatin1Char('\n')))
                context.out() << QStringLiteral("  ") << TerminalText::safe(line) << Qt::endl;
        }
        const QString why = result.report.value(QStringLiteral("justification")).toString();
        if (!why.isEmpty())
            context.out() << QStringLiteral("  ") << TerminalText::safe(why) << Qt::endl;
        for (const QJsonValue &item : result.report.value(QStringLiteral("items")).toArray()) {
            const QJsonObject line = item.toObject();
            const QString label
                = line.value(english ? QStringLiteral("label_en") : QStringLiteral("label_id"))
                      .toString();
            const QString note = line.value(QStringLiteral("note")).toString();
            context.out() << TerminalText::safe(
                QStringLiteral("  [%1] %2%3")
                    .arg(line.value(QStringLiteral("passed")).toBool() ? QStringLiteral("x")
                                                                       : QStringLiteral(" "),
                         label, note.isEmpty() ? QString() : QStringLiteral(": ") + note))
                          << Qt::endl;
        }
    }
    return ExitOk;
}

// The applicant's missing files (needs_completion) or staff's later ones.
int attach(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
    parser.addPositionalArgument(QStringLiteral("KIND=FILE"), Step::attachmentSpecificationHelp());
    if (int done = context.parse(parser, QStringLiteral("requests attach"),
                                 RequestCommands::tr("Add files to a filed request: the "
                                                     "applicant while it is filed or needs "
                                                     "completion, staff until it is over."),
                                 arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() < 2)
        return context.usage(
            RequestCommands::tr("requests attach takes an agenda number and KIND=FILE."));
    bool badLimit = false;
    const qint64 limit = Step::configuredAttachmentLimit(context, &badLimit);
    if (badLimit)
        return ExitError;
    AttachmentStore checker(nullptr, limit);
    auto files = Step::readAttachments(checker, parser.positionalArguments().mid(1));
    if (!files)
        return context.fail(files.error());
    auto opened = Step::openRequest(context, parser.positionalArguments()[0]);
    if (!opened)
        return context.fail(opened.error());
    const DatabasePtr &database = opened->database;
    const RevocationRequestRecord &request = opened->request;
    AttachmentStore store(database, limit);
    std::vector<Attachment> added;
    // Each file is its own transaction: what was added stays, and the first refusal stops.
    for (const AttachmentFile &file : *files) {
        auto stored = store.add(context.actor(), request.id, file);
        if (!stored)
            return context.fail(stored.error());
        added.push_back(*stored);
    }
    if (context.json())
        context.printJson(Step::attachmentsJson(added));
    else
        Step::printAttachments(context, added);
    return ExitOk;
}

} // namespace

int RequestStepCommands::parseAgenda(CliContext &context, QCommandLineParser &parser,
                                     const QString &command, const QString &description,
                                     const QStringList &arguments, QString *agenda)
{
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
    if (int done = context.parse(parser, command, description, arguments); done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(RequestCommands::tr("%1 takes one agenda number.").arg(command));
    *agenda = parser.positionalArguments().constFirst();
    return -1;
}

Result<RequestAtHand> RequestStepCommands::openRequest(CliContext &context, const QString &agenda)
{
    auto database = context.openDatabase();
    if (!database)
        return errorOf(database);
    auto request = RevocationRequestRepository(*database).find(agenda);
    if (!request)
        return errorOf(request);
    return RequestAtHand {*database, *request};
}

Result<RequestAtHand> RequestStepCommands::openStaffStep(CliContext &context, const QString &agenda)
{
    auto database = context.openDatabase();
    if (!database)
        return errorOf(database);
    if (auto allowed = context.requireRole(Actor::Role::Operator); !allowed)
        return errorOf(allowed);
    return Step::openRequest(context, agenda);
}

RevocationWorkflow RequestStepCommands::workflowFor(const DatabasePtr &database)
{
    AppSettings settings;
    // Dual control is the office's setting in the database, read at each step.
    RevocationWorkflow workflow(database, RequestLifecycle::Options {settings.officeTimeZone(), {}},
                                settings.attachmentMaximumBytes().value_or(0));
    workflow.setAmsBackend(AmsSettings(settings.raw()).backend());
    return workflow;
}

QJsonArray RequestStepCommands::attachmentsJson(const std::vector<Attachment> &attachments)
{
    QJsonArray array;
    for (const Attachment &attachment : attachments)
        array.append(attachmentJson(attachment));
    return array;
}

void RequestStepCommands::printAttachments(CliContext &context,
                                           const std::vector<Attachment> &attachments)
{
    for (const Attachment &attachment : attachments) {
        context.out() << TerminalText::safe(QStringLiteral("%1  %2  %3  %4  %5  sha256:%6")
                                                .arg(attachment.id)
                                                .arg(AttachmentStore::kindKey(attachment.kind),
                                                     attachment.fileName, attachment.mediaType)
                                                .arg(attachment.sizeBytes)
                                                .arg(attachment.sha256))
                      << Qt::endl;
    }
}

QString RequestStepCommands::attachmentSpecificationHelp()
{
    return RequestCommands::tr("A file to attach, as KIND=FILE (KIND: %1); PDF, JPEG or PNG, at "
                               "most attachments/maxBytes (1 MB unless set). Repeatable.")
        .arg(AttachmentStore::kindKeys().join(QStringLiteral(", ")));
}

Result<std::vector<AttachmentFile>>
RequestStepCommands::readAttachments(const AttachmentStore &store,
                                     const QStringList &specifications)
{
    std::vector<AttachmentFile> files;
    for (const QString &specification : specifications) {
        const qsizetype equals = specification.indexOf(QLatin1Char('='));
        const auto kind = AttachmentStore::kindFromKey(specification.left(equals));
        if (equals <= 0 || !kind || equals == specification.size() - 1)
            return fail(
                ErrorCode::InvalidInput,
                RequestCommands::tr("--attach takes KIND=FILE with KIND one of %1; "
                                    "\"%2\" is not that.")
                    .arg(AttachmentStore::kindKeys().join(QStringLiteral(", ")), specification));
        auto file = store.readFile(*kind, specification.mid(equals + 1));
        if (!file)
            return errorOf(file);
        files.push_back(*file);
    }
    return files;
}

qint64 RequestStepCommands::configuredAttachmentLimit(CliContext &context, bool *failed)
{
    auto limit = AppSettings().attachmentMaximumBytes();
    *failed = !limit;
    if (!limit) {
        context.fail(limit.error());
        return 0;
    }
    return *limit;
}

QJsonObject RequestStepCommands::transitionJson(const TransitionOutcome &outcome)
{
    return QJsonObject {{QStringLiteral("id"), outcome.requestId},
                        {QStringLiteral("agenda_number"), textOrNull(outcome.agendaNumber)},
                        {QStringLiteral("from_state"), RequestStates::key(outcome.from)},
                        {QStringLiteral("state"), RequestStates::key(outcome.to)},
                        {QStringLiteral("version"), outcome.version}};
}

void RequestStepCommands::printTransition(CliContext &context, const TransitionOutcome &outcome)
{
    if (context.json()) {
        context.printJson(transitionJson(outcome));
        return;
    }
    context.out() << RequestCommands::tr("%1: %2 -> %3")
                         .arg(outcome.agendaNumber.isEmpty()
                                  ? QStringLiteral("#%1").arg(outcome.requestId)
                                  : outcome.agendaNumber,
                              RequestStates::label(outcome.from), RequestStates::label(outcome.to))
                  << Qt::endl;
}
QStringList RequestStepCommands::verbs()
{
    return {QStringLiteral("attach"), QStringLiteral("attachments"), QStringLiteral("attachment"),
            QStringLiteral("claim"),  QStringLiteral("verify"),      QStringLiteral("match"),
            QStringLiteral("results")};
}

int RequestStepCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("claim"))
        return claim(context, arguments);
    if (verb == QLatin1String("verify"))
        return verify(context, arguments);
    if (verb == QLatin1String("match"))
        return match(context, arguments);
    if (verb == QLatin1String("results"))
        return results(context, arguments);
    if (verb == QLatin1String("attach"))
        return attach(context, arguments);
    if (verb == QLatin1String("attachments"))
        return attachments(context, arguments);
    return attachment(context, arguments);
}

} // namespace rd::cli
