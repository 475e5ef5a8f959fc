#include "cli/RequestCommands.h"

#include "ams/AmsOperationQueue.h"
#include "ams/AmsSettings.h"
#include "cli/CliContext.h"
#include "cli/NumberOption.h"
#include "cli/RequestStepCommands.h"
#include "cli/RevocationCommands.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "core/Clock.h"
#include "kiosk/KioskFiling.h"
#include "register/HolderRepository.h"
#include "requests/KioskFilings.h"
#include "requests/KioskIntake.h"
#include "requests/RequestLifecycle.h"
#include "requests/RevocationRequestRepository.h"
#include "workflow/RevocationWorkflow.h"

#include <QJsonArray>
#include <QJsonObject>

#include <optional>

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

QJsonObject queueRowJson(const RequestQueueRow &row)
{
    return QJsonObject {{QStringLiteral("id"), row.id},
                        {QStringLiteral("agenda_number"), textOrNull(row.agendaNumber)},
                        {QStringLiteral("holder_name"), row.holderName},
                        {QStringLiteral("holder_nik"), row.holderNik},
                        {QStringLiteral("holder_unit"), row.holderUnit},
                        {QStringLiteral("reason"), row.reason},
                        {QStringLiteral("state"), RequestStates::key(row.state)},
                        {QStringLiteral("filed_at"), row.filedAt},
                        {QStringLiteral("assigned_operator"), textOrNull(row.assignedOperator)},
                        {QStringLiteral("channel"), row.channel},
                        {QStringLiteral("version"), row.version}};
}

int list(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption state(QStringLiteral("state"),
                                   RequestCommands::tr("Only requests in this state (%1).").arg([] {
                                       QStringList keys;
                                       for (RequestState s : RequestStates::all())
                                           keys << RequestStates::key(s);
                                       return keys.join(QStringLiteral(", "));
                                   }()),
                                   QStringLiteral("STATE"));
    const QCommandLineOption search(
        QStringLiteral("search"),
        RequestCommands::tr("Agenda number, NIK or NIP prefix, or part of the holder's name."),
        QStringLiteral("TEXT"));
    const QCommandLineOption limit(QStringLiteral("limit"), RequestCommands::tr("At most N rows."),
                                   QStringLiteral("N"), QStringLiteral("100"));
    const QCommandLineOption oldest(QStringLiteral("oldest-first"),
                                    RequestCommands::tr("Oldest first (default: newest first)."));
    parser.addOptions({state, search, limit, oldest});
    if (int done
        = context.parse(parser, QStringLiteral("requests list"),
                        RequestCommands::tr("List revocation requests, newest first."), arguments);
        done >= 0)
        return done;
    RequestQueueFilter filter;
    if (parser.isSet(state)) {
        filter.state = RequestStates::fromKey(parser.value(state));
        if (!filter.state)
            return context.usage(
                RequestCommands::tr("Unknown state \"%1\".").arg(parser.value(state)));
    }
    filter.search = parser.value(search);
    filter.newestFirst = !parser.isSet(oldest);
    int rows = 0;
    if (int bad = NumberOption::read(context, QStringLiteral("--limit"), parser.value(limit), 0,
                                     int(NumberOption::MaximumRows), &rows);
        bad >= 0)
        return bad;
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    RevocationRequestRepository requests(*database);
    auto page = requests.queuePage(filter, rows);
    if (!page)
        return context.fail(page.error());
    if (context.json()) {
        QJsonArray array;
        for (const RequestQueueRow &row : *page)
            array.append(queueRowJson(row));
        context.printJson(array);
        return ExitOk;
    }
    for (const RequestQueueRow &row : *page) {
        context.out() << TerminalText::safe(QStringLiteral("%1  %2  %3  %4  %5")
                                                .arg(row.agendaNumber.isEmpty()
                                                         ? QStringLiteral("#%1").arg(row.id)
                                                         : row.agendaNumber,
                                                     -16)
                                                .arg(RequestStates::key(row.state), -24)
                                                .arg(row.holderNik, row.holderName, row.holderUnit))
                      << Qt::endl;
    }
    return ExitOk;
}

int show(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number (SE/2026/11/0001) or #id."));
    if (int done
        = context.parse(parser, QStringLiteral("requests show"),
                        RequestCommands::tr("Show one request with its SOP steps."), arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(RequestCommands::tr("requests show takes one agenda number."));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    RevocationRequestRepository requests(*database);
    auto request = requests.find(parser.positionalArguments().constFirst());
    if (!request)
        return context.fail(request.error());
    auto events = requests.events(request->id);
    if (!events)
        return context.fail(events.error());
    auto timings = requests.stepTimings(request->id);
    if (!timings)
        return context.fail(timings.error());

    // What went to AMS and where it stands: a filing still queued shows as such.
    auto amsCalls = AmsOperationQueue(*database).all(request->id);
    if (!amsCalls)
        return context.fail(amsCalls.error());

    if (context.json()) {
        QJsonArray amsArray;
        for (const AmsOperation &call : *amsCalls)
            amsArray.append(QJsonObject {
                {QStringLiteral("operation"), call.operation},
                {QStringLiteral("state"), AmsOperationQueue::stateKey(call.state)},
                {QStringLiteral("attempts"), call.attempts},
                {QStringLiteral("last_error"), textOrNull(call.lastError)},
                {QStringLiteral("created_at"), isoUtc(call.createdAt)},
                {QStringLiteral("completed_at"), textOrNull(isoUtc(call.completedAt))}});
        QJsonArray eventArray;
        for (const RequestEvent &event : *events) {
            eventArray.append(
                QJsonObject {{QStringLiteral("step"), event.step},
                             {QStringLiteral("action"), event.action},
                             {QStringLiteral("from_state"), textOrNull(event.fromState)},
                             {QStringLiteral("to_state"), event.toState},
                             {QStringLiteral("actor"), event.actor},
                             {QStringLiteral("started_at"), isoUtc(event.startedAt)},
                             {QStringLiteral("finished_at"), textOrNull(isoUtc(event.finishedAt))},
                             {QStringLiteral("outcome"), event.outcome},
                             {QStringLiteral("note"), textOrNull(event.note)}});
        }
        QJsonArray timingArray;
        for (const StepTiming &timing : *timings) {
            timingArray.append(
                QJsonObject {{QStringLiteral("step"), timing.step},
                             {QStringLiteral("standard_minutes"), timing.standardMinutes},
                             {QStringLiteral("actual_minutes"),
                              timing.recorded ? QJsonValue(qRound(timing.actualMinutes * 10) / 10.0)
                                              : QJsonValue()}});
        }
        const RevocationRequestRecord &r = *request;
        context.printJson(QJsonObject {
            {QStringLiteral("id"), r.id},
            {QStringLiteral("agenda_number"), textOrNull(r.agendaNumber)},
            {QStringLiteral("state"), RequestStates::key(r.state)},
            {QStringLiteral("version"), r.version},
            {QStringLiteral("holder"),
             QJsonObject {{QStringLiteral("id"), r.holderId},
                          {QStringLiteral("full_name"), r.holderName},
                          {QStringLiteral("nik"), r.holderNik},
                          {QStringLiteral("unit"), r.holderUnit}}},
            {QStringLiteral("certificate_serial"), textOrNull(r.certificateSerial)},
            {QStringLiteral("reason"), RevocationReasons::key(r.reason)},
            {QStringLiteral("crl_reason_code"), RevocationReasons::crlReasonCode(r.reason)},
            {QStringLiteral("reason_text"), textOrNull(r.reasonText)},
            {QStringLiteral("effective_date"),
             r.effectiveDate.isValid() ? QJsonValue(r.effectiveDate.toString(Qt::ISODate))
                                       : QJsonValue()},
            {QStringLiteral("filed_by"),
             QJsonObject {{QStringLiteral("kind"), r.filedByKind},
                          {QStringLiteral("name"), textOrNull(r.officialName)},
                          {QStringLiteral("nip"), textOrNull(r.officialNip)},
                          {QStringLiteral("position"), textOrNull(r.officialPosition)}}},
            {QStringLiteral("channel"), r.channel},
            {QStringLiteral("applicant_email"), textOrNull(r.applicantEmail)},
            {QStringLiteral("applicant_language"), r.applicantLanguage},
            {QStringLiteral("ams_reference"), textOrNull(r.amsReference)},
            {QStringLiteral("ams_calls"), amsArray},
            {QStringLiteral("assigned_operator"), textOrNull(r.assignedOperator)},
            {QStringLiteral("closing_reason"), textOrNull(r.closingReason)},
            {QStringLiteral("filed_at"), isoUtc(r.filedAt)},
            {QStringLiteral("updated_at"), isoUtc(r.updatedAt)},
            {QStringLiteral("events"), eventArray},
            {QStringLiteral("step_times"), timingArray}});
        return ExitOk;
    }

    const RevocationRequestRecord &r = *request;
    QTextStream &out = context.out();
    out << RequestCommands::tr("Request %1 (#%2), %3")
               .arg(r.agendaNumber.isEmpty() ? RequestCommands::tr("without agenda number")
                                             : r.agendaNumber)
               .arg(r.id)
               .arg(RequestStates::label(r.state))
        << Qt::endl;
    out << TerminalText::safe(
        RequestCommands::tr("Holder: %1, NIK %2, %3").arg(r.holderName, r.holderNik, r.holderUnit))
        << Qt::endl;
    out << RequestCommands::tr("Reason: %1 (CRL reason %2)")
               .arg(RevocationReasons::label(r.reason))
               .arg(RevocationReasons::crlReasonName(r.reason))
        << Qt::endl;
    if (!r.reasonText.isEmpty())
        out << QStringLiteral("  ") << TerminalText::safe(r.reasonText) << Qt::endl;
    if (r.filedByKind == QLatin1String("official"))
        out << TerminalText::safe(
            RequestCommands::tr("Filed on the holder's behalf by %1 (NIP %2), %3")
                .arg(r.officialName, r.officialNip, r.officialPosition))
            << Qt::endl;
    if (!r.certificateSerial.isEmpty())
        out << RequestCommands::tr("Certificate serial: %1").arg(r.certificateSerial) << Qt::endl;
    if (!r.amsReference.isEmpty())
        out << RequestCommands::tr("AMS reference: %1").arg(TerminalText::safe(r.amsReference))
            << Qt::endl;
    for (const AmsOperation &call : *amsCalls) {
        out << RequestCommands::tr("AMS %1: %2, %n attempt(s)", nullptr, call.attempts)
                   .arg(call.operation, AmsOperationQueue::stateKey(call.state));
        if (!call.lastError.isEmpty() && call.state != AmsOperation::State::Done)
            out << QStringLiteral(" (") << TerminalText::safe(call.lastError) << QLatin1Char(')');
        out << Qt::endl;
    }
    if (!r.assignedOperator.isEmpty())
        out << RequestCommands::tr("Operator: %1").arg(r.assignedOperator) << Qt::endl;
    if (!r.closingReason.isEmpty())
        out << RequestCommands::tr("Closing reason: %1").arg(TerminalText::safe(r.closingReason))
            << Qt::endl;
    out << RequestCommands::tr("Steps:") << Qt::endl;
    for (const RequestEvent &event : *events) {
        out << QStringLiteral("  %1  %2  %3 -> %4  %5")
                   .arg(event.step, 2)
                   .arg(isoUtc(event.finishedAt), event.action, event.toState, event.actor);
        if (!event.note.isEmpty())
            out << QStringLiteral("  \"") << TerminalText::safe(event.note) << QLatin1Char('"');
        out << Qt::endl;
    }
    out << RequestCommands::tr("Time per SOP step (actual / standard minutes):") << Qt::endl;
    for (const StepTiming &timing : *timings) {
        if (timing.recorded)
            out << QStringLiteral("  %1  %2 / %3  %4")
                       .arg(timing.step, 2)
                       .arg(timing.actualMinutes, 0, 'f', 1)
                       .arg(timing.standardMinutes)
                       .arg(timing.activity)
                << Qt::endl;
    }
    return ExitOk;
}

struct AttachedFiles
{
    qint64 limit = 0; // the attachment limit in force
    std::vector<AttachmentFile> files;
};

// The files of --attach, read and checked before the database is opened: a refused file
// changes nothing, not even a new database file. Nothing when refused: the reason is said, and
// *exitCode is what the command returns.
std::optional<AttachedFiles> attachedFiles(CliContext &context, const QStringList &specifications,
                                           int *exitCode)
{
    bool badLimit = false;
    const qint64 limit = RequestStepCommands::configuredAttachmentLimit(context, &badLimit);
    if (badLimit) {
        *exitCode = ExitError;
        return std::nullopt;
    }
    auto files
        = RequestStepCommands::readAttachments(AttachmentStore(nullptr, limit), specifications);
    if (!files) {
        *exitCode = context.fail(files.error());
        return std::nullopt;
    }
    return AttachedFiles {limit, std::move(*files)};
}

// What `requests file` and `requests resume` print: the request as filed, with its files.
int reportFiled(CliContext &context, const FiledRequest &filed)
{
    const TransitionOutcome &outcome = filed.outcome;
    if (context.json()) {
        context.printJson(QJsonObject {{QStringLiteral("id"), outcome.requestId},
                                       {QStringLiteral("agenda_number"), outcome.agendaNumber},
                                       {QStringLiteral("state"), RequestStates::key(outcome.to)},
                                       {QStringLiteral("version"), outcome.version},
                                       {QStringLiteral("attachments"),
                                        RequestStepCommands::attachmentsJson(filed.attachments)}});
    } else {
        context.out() << RequestCommands::tr("Filed as %1.").arg(outcome.agendaNumber) << Qt::endl;
        RequestStepCommands::printAttachments(context, filed.attachments);
    }
    return ExitOk;
}

int file(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    QStringList reasonKeys;
    for (RevocationReason reason : RevocationReasons::all())
        reasonKeys << RevocationReasons::key(reason);
    const QCommandLineOption holder(
        QStringLiteral("holder"), RequestCommands::tr("The holder's NIK."), QStringLiteral("NIK"));
    const QCommandLineOption reason(
        QStringLiteral("reason"),
        RequestCommands::tr("Reason: %1.").arg(reasonKeys.join(QStringLiteral(", "))),
        QStringLiteral("REASON"));
    const QCommandLineOption text(QStringLiteral("text"),
                                  RequestCommands::tr("The reason in the applicant's words."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption certificate(
        QStringLiteral("certificate"),
        RequestCommands::tr("Serial (hex) of the holder's certificate."), QStringLiteral("SERIAL"));
    const QCommandLineOption effective(
        QStringLiteral("effective-date"),
        RequestCommands::tr("Date the reason took effect (YYYY-MM-DD)."), QStringLiteral("DATE"));
    const QCommandLineOption officialName(
        QStringLiteral("official-name"),
        RequestCommands::tr("Official filing on the holder's behalf."), QStringLiteral("NAME"));
    const QCommandLineOption officialNip(QStringLiteral("official-nip"),
                                         RequestCommands::tr("The official's NIP."),
                                         QStringLiteral("NIP"));
    const QCommandLineOption officialPosition(QStringLiteral("official-position"),
                                              RequestCommands::tr("The official's position."),
                                              QStringLiteral("POSITION"));
    const QCommandLineOption email(QStringLiteral("email"),
                                   RequestCommands::tr("Where the applicant is told the outcome."),
                                   QStringLiteral("ADDRESS"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      RequestCommands::tr("The applicant's language, id or en."),
                                      QStringLiteral("LANG"), QStringLiteral("id"));
    const QCommandLineOption attach(QStringLiteral("attach"),
                                    RequestStepCommands::attachmentSpecificationHelp(),
                                    QStringLiteral("KIND=FILE"));
    parser.addOptions({holder, reason, text, certificate, effective, officialName, officialNip,
                       officialPosition, email, language, attach});
    if (int done = context.parse(parser, QStringLiteral("requests file"),
                                 RequestCommands::tr("File a revocation request and give it its "
                                                     "agenda number."),
                                 arguments);
        done >= 0)
        return done;
    if (!parser.isSet(holder) || !parser.isSet(reason))
        return context.usage(RequestCommands::tr("requests file needs --holder and --reason."));
    const auto reasonValue = RevocationReasons::fromKey(parser.value(reason));
    if (!reasonValue)
        return context.usage(
            RequestCommands::tr("Unknown reason \"%1\".").arg(parser.value(reason)));
    NewRevocationRequest request;
    request.reason = *reasonValue;
    request.reasonText = parser.value(text);
    request.channel = QStringLiteral("cli");
    request.applicantEmail = parser.value(email);
    request.applicantLanguage = parser.value(language);
    if (parser.isSet(effective)) {
        request.effectiveDate = QDate::fromString(parser.value(effective), Qt::ISODate);
        if (!request.effectiveDate.isValid())
            return context.usage(RequestCommands::tr("--effective-date must be YYYY-MM-DD."));
    }
    if (parser.isSet(officialName) || parser.isSet(officialNip)) {
        request.filedBy = NewRevocationRequest::FiledBy::Official;
        request.officialName = parser.value(officialName);
        request.officialNip = parser.value(officialNip);
        request.officialPosition = parser.value(officialPosition);
    }
    int refused = ExitOk;
    auto attached = attachedFiles(context, parser.values(attach), &refused);
    if (!attached)
        return refused;
    const qint64 attachmentLimit = attached->limit;
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    HolderRepository holders(*database);
    auto found = holders.findByNik(parser.value(holder));
    if (!found)
        return context.fail(found.error());
    request.holderId = found->id;
    if (parser.isSet(certificate)) {
        auto id = (*database)->scalar(
            QStringLiteral("SELECT id FROM certificates WHERE holder_id = ? AND serial_hex = ?"),
            {found->id, parser.value(certificate).toUpper()});
        if (!id)
            return context.fail(Error {ErrorCode::NotFound,
                                       RequestCommands::tr("%1 has no certificate with serial %2.")
                                           .arg(found->fullName, parser.value(certificate)),
                                       {}});
        request.certificateId = id->toLongLong();
    }
    AppSettings settings;
    // Dual control is the office's setting in the database, read at each step.
    RevocationWorkflow workflow(
        *database, RequestLifecycle::Options {settings.officeTimeZone(), {}}, attachmentLimit);
    // With the rest backend the filing also goes to AMS, through the queue.
    workflow.setAmsBackend(AmsSettings(settings.raw()).backend());
    auto filed = workflow.file(context.actor(), request, attached->files);
    if (!filed)
        return context.fail(filed.error());
    return reportFiled(context, *filed);
}

// The operator at the counter with a person who brought the signed letter of a kiosk draft:
// the draft found by its resume code and the holder's NIK, its files attached, submitted.
int resume(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("CODE"),
        RequestCommands::tr("The resume code printed on the letter, or its QR code's text."));
    const QCommandLineOption nik(QStringLiteral("nik"), RequestCommands::tr("The holder's NIK."),
                                 QStringLiteral("NIK"));
    const QCommandLineOption attach(QStringLiteral("attach"),
                                    RequestStepCommands::attachmentSpecificationHelp(),
                                    QStringLiteral("KIND=FILE"));
    parser.addOptions({nik, attach});
    if (int done = context.parse(parser, QStringLiteral("requests resume"),
                                 RequestCommands::tr("Submit a draft the kiosk saved while its "
                                                     "letter was being signed, with the signed "
                                                     "letter."),
                                 arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1 || !parser.isSet(nik) || !parser.isSet(attach))
        return context.usage(
            RequestCommands::tr("requests resume needs CODE, --nik and at least one --attach."));
    int refused = ExitOk;
    auto attached = attachedFiles(context, parser.values(attach), &refused);
    if (!attached)
        return refused;
    const qint64 attachmentLimit = attached->limit;
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    // The log-in is checked against the database, so after it is open.
    if (auto allowed = context.requireRole(Actor::Role::Operator); !allowed)
        return context.fail(allowed.error());
    AppSettings settings;
    KioskFiling filing(*database, RequestLifecycle::Options {settings.officeTimeZone(), {}},
                       AmsSettings(settings.raw()).backend(), attachmentLimit);
    auto draft = filing.findDraft(parser.positionalArguments().constFirst(), parser.value(nik));
    if (!draft)
        return context.fail(draft.error());
    auto submitted = filing.submit(context.actor(), {}, draft->id, attached->files, {});
    if (!submitted)
        return context.fail(submitted.error());
    return reportFiled(context, submitted->filed);
}

QString stepCommand(RequestAction action)
{
    switch (action) {
    case RequestAction::RequestCompletion:
    case RequestAction::Verify:
        return QStringLiteral("requests verify");
    case RequestAction::MatchCertificate:
        return QStringLiteral("requests match");
    case RequestAction::Revoke:
    case RequestAction::RetryRevocation:
    case RequestAction::RecordPendingProof:
        return QStringLiteral("requests revoke");
    case RequestAction::ConfirmRevocation:
        return QStringLiteral("requests revoke --wait SECONDS");
    case RequestAction::Notify:
        return QStringLiteral("requests notify");
    default:
        return {};
    }
}

int apply(CliContext &context, const QStringList &arguments)
{
    QStringList actionKeys;
    for (RequestAction action : RequestStates::allActions()) {
        if (stepCommand(action).isEmpty())
            actionKeys << RequestStates::actionKey(action);
    }
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
    parser.addPositionalArgument(
        QStringLiteral("ACTION"),
        RequestCommands::tr("One of: %1.").arg(actionKeys.join(QStringLiteral(", "))));
    const QCommandLineOption note(QStringLiteral("note"),
                                  RequestCommands::tr("Reason or note (required to reject, cancel, "
                                                      "ask for documents or record a failure)."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption ams(QStringLiteral("ams-reference"),
                                 RequestCommands::tr("The AMS reference of the request."),
                                 QStringLiteral("REF"));
    const QCommandLineOption version(QStringLiteral("expect-version"),
                                     RequestCommands::tr("Refuse if the request changed since this "
                                                         "version."),
                                     QStringLiteral("N"));
    parser.addOptions({note, ams, version});
    if (int done = context.parse(parser, QStringLiteral("requests apply"),
                                 RequestCommands::tr("Move a request one step along the SOP, with "
                                                     "its step event and audit entry."),
                                 arguments);
        done >= 0)
        return done;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2)
        return context.usage(
            RequestCommands::tr("requests apply takes an agenda number and an action."));
    const auto action = RequestStates::actionFromKey(positional.at(1));
    if (!action)
        return context.usage(RequestCommands::tr("Unknown action \"%1\".").arg(positional.at(1)));
    // Bare moves are kept for repairs; a step that records a result, calls AMS or sends an
    // e-mail goes through its own command, which does what the step must do beside the move.
    if (const QString command = stepCommand(*action); !command.isEmpty())
        return context.usage(RequestCommands::tr("\"%1\" is a step of the workflow: use `%2`.")
                                 .arg(positional.at(1), command));
    TransitionRequest transition;
    transition.action = *action;
    transition.note = parser.value(note);
    transition.amsReference = parser.value(ams);
    if (parser.isSet(version)) {
        bool ok = false;
        transition.expectedVersion = parser.value(version).toInt(&ok);
        if (!ok)
            return context.usage(RequestCommands::tr("--expect-version needs a number."));
    }
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    // Filing is open to anyone at the command line; every other step is staff's. Refused here
    // before the request is even read; the lifecycle decides the finer rules (claim, approval).
    if (*action != RequestAction::Submit && *action != RequestAction::Resubmit) {
        if (auto allowed = context.requireRole(Actor::Role::Operator); !allowed)
            return context.fail(allowed.error());
    }
    RevocationRequestRepository requests(*database);
    auto request = requests.find(positional.at(0));
    if (!request)
        return context.fail(request.error());
    transition.requestId = request->id;
    AppSettings settings;
    // Dual control is the office's setting in the database, read at each step.
    RequestLifecycle lifecycle(*database,
                               RequestLifecycle::Options {settings.officeTimeZone(), {}});
    auto outcome = lifecycle.apply(context.actor(), transition);
    if (!outcome)
        return context.fail(outcome.error());
    RequestStepCommands::printTransition(context, *outcome);
    return ExitOk;
}

int intake(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    if (int done = context.parse(
            parser, QStringLiteral("requests intake"),
            RequestCommands::tr("Take in what kiosks filed through the database function "
                                "(PostgreSQL): each filing becomes a request with its agenda "
                                "number, in the kiosk's name; a filing the rules refuse is "
                                "marked refused with the reason."),
            arguments);
        done >= 0)
        return done;
    if (!parser.positionalArguments().isEmpty())
        return context.usage(RequestCommands::tr("requests intake takes no arguments."));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());
    AppSettings settings;
    KioskIntake intake(*database, RequestLifecycle::Options {settings.officeTimeZone(), false});
    QList<KioskIntakeOutcome> all;
    // A batch at a time until none is left.
    for (;;) {
        auto outcomes = intake.takeIn(context.actor().toString());
        if (!outcomes)
            return context.fail(outcomes.error());
        all += *outcomes;
        if (outcomes->size() < KioskIntake::BatchSize)
            break;
    }
    if (context.json()) {
        QJsonArray rows;
        for (const KioskIntakeOutcome &outcome : std::as_const(all)) {
            rows.append(QJsonObject {
                {QStringLiteral("filing"), KioskFilings::filingNumber(outcome.filingId)},
                {QStringLiteral("request_id"),
                 outcome.requestId > 0 ? QJsonValue(outcome.requestId) : QJsonValue()},
                {QStringLiteral("agenda_number"), textOrNull(outcome.agendaNumber)},
                {QStringLiteral("refusal"), textOrNull(outcome.refusal)}});
        }
        context.printJson(QJsonObject {{QStringLiteral("taken_in"), rows}});
        return ExitOk;
    }
    if (all.isEmpty())
        context.out() << RequestCommands::tr("No kiosk filing is waiting.") << Qt::endl;
    for (const KioskIntakeOutcome &outcome : std::as_const(all)) {
        const QString filing = KioskFilings::filingNumber(outcome.filingId);
        if (outcome.requestId > 0)
            context.out()
                << RequestCommands::tr("%1 filed as %2.").arg(filing, outcome.agendaNumber)
                << Qt::endl;
        else
            context.out() << RequestCommands::tr("%1 refused: %2").arg(filing, outcome.refusal)
                          << Qt::endl;
    }
    return ExitOk;
}

} // namespace

QStringList RequestCommands::verbs()
{
    return QStringList {QStringLiteral("list"),   QStringLiteral("show"),  QStringLiteral("file"),
                        QStringLiteral("resume"), QStringLiteral("apply"), QStringLiteral("intake")}
    + RequestStepCommands::verbs() + RevocationCommands::verbs();
}

QString RequestCommands::summary()
{
    return tr("Revocation requests: the queue, one request's steps, filing with its files, "
              "moving a request along the SOP, and taking in what kiosks filed.");
}

int RequestCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("list"))
        return list(context, arguments);
    if (verb == QLatin1String("show"))
        return show(context, arguments);
    if (verb == QLatin1String("file"))
        return file(context, arguments);
    if (verb == QLatin1String("intake"))
        return intake(context, arguments);
    if (verb == QLatin1String("resume"))
        return resume(context, arguments);
    if (RequestStepCommands::verbs().contains(verb))
        return RequestStepCommands::run(context, verb, arguments);
    if (RevocationCommands::verbs().contains(verb))
        return RevocationCommands::run(context, verb, arguments);
    return apply(context, arguments);
}

} // namespace rd::cli
