#include "cli/RequestCommands.h"

#include "certificates/TrustedIssuers.h"
#include "cli/CertificateCommands.h"
#include "cli/CliContext.h"
#include "cli/NumberOption.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "core/Clock.h"
#include "core/LocalFile.h"
#include "register/HolderRepository.h"
#include "requests/KioskFilings.h"
#include "requests/KioskIntake.h"
#include "requests/RequestLifecycle.h"
#include "requests/RevocationRequestRepository.h"
#include "workflow/RevocationWorkflow.h"
#include "workflow/VerificationResultRepository.h"

#include <QFileInfo>

#include <QJsonArray>
#include <QJsonObject>

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

QJsonArray attachmentsJson(const std::vector<Attachment> &attachments)
{
    QJsonArray array;
    for (const Attachment &attachment : attachments)
        array.append(attachmentJson(attachment));
    return array;
}

void printAttachments(CliContext &context, const std::vector<Attachment> &attachments)
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

QString attachmentSpecificationHelp()
{
    return RequestCommands::tr("A file to attach, as KIND=FILE (KIND: %1); PDF, JPEG or PNG, at "
                               "most attachments/maxBytes (1 MB unless set). Repeatable.")
        .arg(AttachmentStore::kindKeys().join(QStringLiteral(", ")));
}

// Reads every KIND=FILE given, refusing the first that cannot be attached.
Result<std::vector<AttachmentFile>> readAttachments(const AttachmentStore &store,
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

qint64 configuredAttachmentLimit(CliContext &context, bool *failed)
{
    auto limit = AppSettings().attachmentMaximumBytes();
    *failed = !limit;
    if (!limit) {
        context.fail(limit.error());
        return 0;
    }
    return *limit;
}

QJsonObject transitionJson(const TransitionOutcome &outcome)
{
    return QJsonObject {{QStringLiteral("id"), outcome.requestId},
                        {QStringLiteral("agenda_number"), textOrNull(outcome.agendaNumber)},
                        {QStringLiteral("from_state"), RequestStates::key(outcome.from)},
                        {QStringLiteral("state"), RequestStates::key(outcome.to)},
                        {QStringLiteral("version"), outcome.version}};
}

void printTransition(CliContext &context, const TransitionOutcome &outcome)
{
    context.out() << RequestCommands::tr("%1: %2 -> %3")
                         .arg(outcome.agendaNumber.isEmpty()
                                  ? QStringLiteral("#%1").arg(outcome.requestId)
                                  : outcome.agendaNumber,
                              RequestStates::label(outcome.from), RequestStates::label(outcome.to))
                  << Qt::endl;
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

    if (context.json()) {
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
    const QCommandLineOption attach(QStringLiteral("attach"), attachmentSpecificationHelp(),
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
    bool badLimit = false;
    const qint64 attachmentLimit = configuredAttachmentLimit(context, &badLimit);
    if (badLimit)
        return ExitError;
    // The files are read and checked before the database is opened: a refused file changes
    // nothing, not even a new database file.
    auto files = readAttachments(AttachmentStore(nullptr, attachmentLimit), parser.values(attach));
    if (!files)
        return context.fail(files.error());
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
    auto filed = workflow.file(context.actor(), request, *files);
    if (!filed)
        return context.fail(filed.error());
    const TransitionOutcome &outcome = filed->outcome;
    if (context.json()) {
        context.printJson(
            QJsonObject {{QStringLiteral("id"), outcome.requestId},
                         {QStringLiteral("agenda_number"), outcome.agendaNumber},
                         {QStringLiteral("state"), RequestStates::key(outcome.to)},
                         {QStringLiteral("version"), outcome.version},
                         {QStringLiteral("attachments"), attachmentsJson(filed->attachments)}});
    } else {
        context.out() << RequestCommands::tr("Filed as %1.").arg(outcome.agendaNumber) << Qt::endl;
        printAttachments(context, filed->attachments);
    }
    return ExitOk;
}

int apply(CliContext &context, const QStringList &arguments)
{
    QStringList actionKeys;
    for (RequestAction action : RequestStates::allActions())
        actionKeys << RequestStates::actionKey(action);
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
    if (context.json())
        context.printJson(transitionJson(*outcome));
    else
        printTransition(context, *outcome);
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

// The database and the request a command names by its agenda number.
struct RequestAtHand
{
    DatabasePtr database;
    RevocationRequestRecord request;
};

Result<RequestAtHand> openRequest(CliContext &context, const QString &agenda)
{
    auto database = context.openDatabase();
    if (!database)
        return errorOf(database);
    auto request = RevocationRequestRepository(*database).find(agenda);
    if (!request)
        return errorOf(request);
    return RequestAtHand {*database, *request};
}

int attachments(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
    if (int done = context.parse(parser, QStringLiteral("requests attachments"),
                                 RequestCommands::tr("List a request's files: number, kind, name, "
                                                     "type, size and SHA-256."),
                                 arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(RequestCommands::tr("requests attachments takes one agenda number."));
    auto opened = openRequest(context, parser.positionalArguments()[0]);
    if (!opened)
        return context.fail(opened.error());
    const DatabasePtr &database = opened->database;
    const RevocationRequestRecord &request = opened->request;
    auto all = AttachmentStore(database).list(request.id);
    if (!all)
        return context.fail(all.error());
    if (context.json()) {
        context.printJson(attachmentsJson(*all));
    } else if (all->empty()) {
        context.out() << RequestCommands::tr("Request %1 has no files.")
                             .arg(TerminalText::safe(request.agendaNumber))
                      << Qt::endl;
    } else {
        printAttachments(context, *all);
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
    auto opened = openRequest(context, parser.positionalArguments()[0]);
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

// Staff's steps of the workflow: the request, for a logged-in operator or above.
Result<RequestAtHand> openStaffStep(CliContext &context, const QString &agenda)
{
    auto database = context.openDatabase();
    if (!database)
        return errorOf(database);
    if (auto allowed = context.requireRole(Actor::Role::Operator); !allowed)
        return errorOf(allowed);
    return openRequest(context, agenda);
}

RevocationWorkflow workflowFor(const DatabasePtr &database)
{
    AppSettings settings;
    // Dual control is the office's setting in the database, read at each step.
    return RevocationWorkflow(database, RequestLifecycle::Options {settings.officeTimeZone(), {}});
}

int claim(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
    if (int done = context.parse(parser, QStringLiteral("requests claim"),
                                 RequestCommands::tr("Take a filed request for verification (SOP "
                                                     "step 6); nobody else works it then."),
                                 arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(RequestCommands::tr("requests claim takes one agenda number."));
    auto step = openStaffStep(context, parser.positionalArguments()[0]);
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
    if (context.json())
        context.printJson(transitionJson(*outcome));
    else
        printTransition(context, *outcome);
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
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
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
    if (int done = context.parse(
            parser, QStringLiteral("requests verify"),
            RequestCommands::tr("Record the data check of SOP step 6 (Hasil Verifikasi Data): "
                                "all passed moves the request to verified; a failed item to "
                                "needs completion, with an e-mail to the applicant listing what "
                                "is missing."),
            arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(RequestCommands::tr("requests verify takes one agenda number."));
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
    auto step = openStaffStep(context, parser.positionalArguments()[0]);
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
    RevocationWorkflow workflow = workflowFor(step->database);
    auto verified = workflow.verify(context.actor(), step->request.id, answers, expectedVersion);
    if (!verified)
        return context.fail(verified.error());
    if (context.json()) {
        QJsonObject answer = transitionJson(verified->outcome);
        answer.insert(QStringLiteral("checklist"), verified->report);
        answer.insert(QStringLiteral("missing"), QJsonArray::fromStringList(verified->missing));
        context.printJson(answer);
    } else {
        printTransition(context, verified->outcome);
        for (const QString &line : std::as_const(verified->missing))
            context.out() << QStringLiteral("  - ") << TerminalText::safe(line) << Qt::endl;
    }
    return ExitOk;
}

int match(CliContext &context, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
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
    parser.addOptions({file, justification, version});
    if (int done = context.parse(
            parser, QStringLiteral("requests match"),
            RequestCommands::tr("Match the certificate's subject with the holder (SOP step 7) and "
                                "keep the report. Exit 0 matched, 3 mismatch (kept; the request "
                                "stays verified), 4 needs review without a justification "
                                "(nothing kept)."),
            arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(RequestCommands::tr("requests match takes one agenda number."));
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
    std::optional<Certificate> offered;
    if (parser.isSet(file)) {
        auto certificates = Certificate::readFile(parser.value(file));
        if (!certificates)
            return context.fail(certificates.error());
        offered = Certificate::endEntityOf(*certificates);
    }
    auto step = openStaffStep(context, parser.positionalArguments()[0]);
    if (!step)
        return context.fail(step.error());
    RevocationWorkflow workflow = workflowFor(step->database);
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
            answer.insert(QStringLiteral("transition"), transitionJson(*matched->outcome));
        context.printJson(answer);
    } else {
        CertificateCommands::printMatchReport(context.out(), matched->report,
                                              AppSettings::uiLanguage(settings));
        if (matched->outcome)
            printTransition(context, *matched->outcome);
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
    parser.addPositionalArgument(QStringLiteral("AGENDA"),
                                 RequestCommands::tr("Agenda number or #id."));
    if (int done = context.parse(parser, QStringLiteral("requests results"),
                                 RequestCommands::tr("Show what the steps found and kept: the "
                                                     "checklist, the DN report, the proof."),
                                 arguments);
        done >= 0)
        return done;
    if (parser.positionalArguments().size() != 1)
        return context.usage(RequestCommands::tr("requests results takes one agenda number."));
    auto opened = openRequest(context, parser.positionalArguments()[0]);
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
    parser.addPositionalArgument(QStringLiteral("KIND=FILE"), attachmentSpecificationHelp());
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
    const qint64 limit = configuredAttachmentLimit(context, &badLimit);
    if (badLimit)
        return ExitError;
    AttachmentStore checker(nullptr, limit);
    auto files = readAttachments(checker, parser.positionalArguments().mid(1));
    if (!files)
        return context.fail(files.error());
    auto opened = openRequest(context, parser.positionalArguments()[0]);
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
        context.printJson(attachmentsJson(added));
    else
        printAttachments(context, added);
    return ExitOk;
}

} // namespace

QStringList RequestCommands::verbs()
{
    return {QStringLiteral("list"),        QStringLiteral("show"),       QStringLiteral("file"),
            QStringLiteral("apply"),       QStringLiteral("intake"),     QStringLiteral("attach"),
            QStringLiteral("attachments"), QStringLiteral("attachment"), QStringLiteral("claim"),
            QStringLiteral("verify"),      QStringLiteral("match"),      QStringLiteral("results")};
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
    if (verb == QLatin1String("attachment"))
        return attachment(context, arguments);
    return apply(context, arguments);
}

} // namespace rd::cli
