#include "cli/RevocationCommands.h"

#include "ams/AmsSettings.h"
#include "cli/AmsConnection.h"
#include "cli/CliContext.h"
#include "cli/RequestCommands.h"
#include "cli/RequestStepCommands.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "requests/RequestEventRepository.h"
#include "requests/RevocationRequestRepository.h"
#include "workflow/RevocationStep.h"
#include "workflow/VerificationResultRepository.h"
#include "workflow/WorkflowWorker.h"

#include <QElapsedTimer>
#include <QTimer>

namespace rd::cli {

namespace {

using Step = RequestStepCommands;

constexpr int MaximumWaitSeconds = 3600;

RequestLifecycle::Options lifecycleOptions()
{
    AppSettings settings;
    // Dual control is the office's setting in the database, read at each step.
    return RequestLifecycle::Options {settings.officeTimeZone(), {}};
}

AmsBackend configuredBackend()
{
    AppSettings settings;
    return AmsSettings(settings.raw()).backend();
}

int waitOption(CliContext &context, const QCommandLineParser &parser,
               const QCommandLineOption &option, int *seconds)
{
    *seconds = 0;
    if (!parser.isSet(option))
        return -1;
    bool ok = false;
    *seconds = parser.value(option).toInt(&ok);
    if (!ok || *seconds < 0 || *seconds > MaximumWaitSeconds)
        return context.usage(RequestCommands::tr("--wait needs a number of seconds from 0 to %1.")
                                 .arg(MaximumWaitSeconds));
    return -1;
}

int versionOption(CliContext &context, const QCommandLineParser &parser,
                  const QCommandLineOption &option, std::optional<int> *version)
{
    if (!parser.isSet(option))
        return -1;
    bool ok = false;
    *version = parser.value(option).toInt(&ok);
    if (!ok)
        return context.usage(RequestCommands::tr("--expect-version needs a number."));
    return -1;
}

QCommandLineOption expectVersionOption()
{
    return QCommandLineOption(QStringLiteral("expect-version"),
                              RequestCommands::tr("Refuse if the request changed since this "
                                                  "version."),
                              QStringLiteral("N"));
}

QCommandLineOption waitSecondsOption()
{
    return QCommandLineOption(
        QStringLiteral("wait"),
        RequestCommands::tr("Send the call to AMS and seek the proof for up to this long (0 to "
                            "3600; default 0: queue it for the worker)."),
        QStringLiteral("SECONDS"));
}

void pause(int milliseconds)
{
    QEventLoop loop;
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

// The request's state once the AMS call and the proof have been pursued for `seconds`; the exit
// status says where it stands: 0 revoked with proof, 1 failed, 4 still on its way.
int follow(CliContext &context, const DatabasePtr &database, qint64 requestId, int seconds)
{
    const AmsBackend backend = configuredBackend();
    AmsConnection ams;
    AmsRevocationGateway *gateway = nullptr;
    if (backend == AmsBackend::Rest && seconds > 0) {
        if (auto ready = ams.prepare(); ready)
            gateway = ams.gateway.get();
        else
            context.err() << RequestCommands::tr("AMS cannot be reached from here (%1); the "
                                                 "worker sends the call.")
                                 .arg(ready.error().message)
                          << Qt::endl;
    }
    QNetworkAccessManager network;
    WorkflowWorker worker(database, lifecycleOptions(), backend, gateway, &network, std::nullopt);
    QElapsedTimer elapsed;
    elapsed.start();
    RevocationRequestRepository requests(database);
    // With --json standard output holds the transition alone.
    QTextStream &log = context.json() ? context.err() : context.out();
    for (;;) {
        if (seconds > 0) {
            auto pass
                = awaitResult<WorkerPass>([&](auto done) { worker.runRequest(requestId, done); });
            if (pass) {
                for (const QString &line : pass->lines)
                    log << TerminalText::safe(line) << Qt::endl;
            }
        }
        auto request = requests.findById(requestId);
        if (!request)
            return context.fail(request.error());
        switch (request->state) {
        case RequestState::Revoked:
        case RequestState::Notified:
        case RequestState::Closed: {
            auto results = VerificationResultRepository(database).forRequest(requestId);
            if (!results)
                return context.fail(results.error());
            for (const VerificationResult &result : *results) {
                if (result.kind != QLatin1String("revocation_proof"))
                    continue;
                const QString proof = RevocationProof::fromJson(result.report).describe();
                for (const QString &line : proof.split(QLatin1Char('\n')))
                    log << TerminalText::safe(line) << Qt::endl;
            }
            return ExitOk;
        }
        case RequestState::RevocationFailed: {
            auto events = RequestEventRepository(database).forRequest(requestId);
            QString why;
            if (events && !events->empty())
                why = events->back().note;
            context.err() << TerminalText::safe(
                RequestCommands::tr("The revocation of %1 failed: %2. `requests revoke %1` sends "
                                    "the same call again.")
                    .arg(request->agendaNumber, why))
                          << Qt::endl;
            return ExitError;
        }
        case RequestState::AwaitingApproval:
            log << RequestCommands::tr("Request %1 waits for a supervisor's approval: "
                                       "`requests approve %1`.")
                       .arg(TerminalText::safe(request->agendaNumber))
                << Qt::endl;
            return ExitIndeterminate;
        default:
            break;
        }
        const qint64 left = qint64(seconds) * 1000 - elapsed.elapsed();
        if (left <= 0) {
            QString where = RequestStates::label(request->state);
            if (request->state == RequestState::RevocationQueued && backend == AmsBackend::Portal)
                where = RequestCommands::tr("revoke it in AMS's pages, then `requests revoke %1 "
                                            "--ams-reference REF`")
                            .arg(request->agendaNumber);
            log << TerminalText::safe(
                RequestCommands::tr("Request %1: %2. The worker carries it on.")
                    .arg(request->agendaNumber, where))
                << Qt::endl;
            return ExitIndeterminate;
        }
        pause(int(std::min<qint64>(left, 2000)));
    }
}

int revoke(CliContext &context, const QStringList &arguments, bool approving)
{
    QCommandLineParser parser;
    const QCommandLineOption wait = waitSecondsOption();
    const QCommandLineOption version = expectVersionOption();
    const QCommandLineOption reference(
        QStringLiteral("ams-reference"),
        RequestCommands::tr("Portal backend: AMS's reference of the revocation you made in AMS's "
                            "pages, as AMS shows it."),
        QStringLiteral("REF"));
    parser.addOptions({wait, version});
    if (!approving)
        parser.addOption(reference);
    const QString command
        = approving ? QStringLiteral("requests approve") : QStringLiteral("requests revoke");
    const QString description = approving
        ? RequestCommands::tr("Approve a revocation another person asked for (dual control; "
                              "supervisor): the call to AMS is queued. Exit 0 revoked with "
                              "proof, 4 still on its way when the wait ends, 1 failed.")
        : RequestCommands::tr("Revoke the certificate (SOP step 8): the call to AMS is queued "
                              "with the state change and sent once, by this command while --wait "
                              "lasts or by the worker; then the proof is sought (OCSP, then the "
                              "CRL). Under dual control it asks a supervisor first. After a "
                              "failure it sends the same call again. Exit 0 revoked with proof, "
                              "4 still on its way when the wait ends, 1 failed.");
    QString agenda;
    if (int done = Step::parseAgenda(context, parser, command, description, arguments, &agenda);
        done >= 0)
        return done;
    int seconds = 0;
    if (int bad = waitOption(context, parser, wait, &seconds); bad >= 0)
        return bad;
    std::optional<int> expectedVersion;
    if (int bad = versionOption(context, parser, version, &expectedVersion); bad >= 0)
        return bad;
    auto opened = Step::openStaffStep(context, agenda);
    if (!opened)
        return context.fail(opened.error());
    RevocationStep step(opened->database, lifecycleOptions(), configuredBackend());
    Result<TransitionOutcome> outcome;
    if (approving)
        outcome = step.approve(context.actor(), opened->request.id, expectedVersion);
    else if (parser.isSet(reference))
        outcome = step.recordPortalRevocation(context.actor(), opened->request.id,
                                              parser.value(reference));
    else
        outcome = step.revoke(context.actor(), opened->request.id, expectedVersion);
    if (!outcome)
        return context.fail(outcome.error());
    Step::printTransition(context, *outcome);
    return follow(context, opened->database, opened->request.id, seconds);
}

int simpleStep(CliContext &context, const QStringList &arguments, RequestAction action)
{
    QCommandLineParser parser;
    const QCommandLineOption version = expectVersionOption();
    parser.addOption(version);
    const bool notifying = action == RequestAction::Notify;
    QString agenda;
    if (int done = Step::parseAgenda(
            context, parser,
            notifying ? QStringLiteral("requests notify") : QStringLiteral("requests close"),
            notifying ? RequestCommands::tr("Tell the applicant the certificate is revoked (SOP "
                                            "step 9): the e-mail, with the proof, is queued in "
                                            "the outbox with the state change; the worker or "
                                            "`mail flush` sends it.")
                      : RequestCommands::tr("Close a request whose applicant was told (SOP step "
                                            "10)."),
            arguments, &agenda);
        done >= 0)
        return done;
    std::optional<int> expectedVersion;
    if (int bad = versionOption(context, parser, version, &expectedVersion); bad >= 0)
        return bad;
    auto opened = Step::openStaffStep(context, agenda);
    if (!opened)
        return context.fail(opened.error());
    RevocationStep step(opened->database, lifecycleOptions(), configuredBackend());
    auto outcome = notifying ? step.notify(context.actor(), opened->request.id, expectedVersion)
                             : step.close(context.actor(), opened->request.id, expectedVersion);
    if (!outcome)
        return context.fail(outcome.error());
    Step::printTransition(context, *outcome);
    return ExitOk;
}

} // namespace

QStringList RevocationCommands::verbs()
{
    return {QStringLiteral("approve"), QStringLiteral("revoke"), QStringLiteral("notify"),
            QStringLiteral("close")};
}

int RevocationCommands::run(CliContext &context, const QString &verb, const QStringList &arguments)
{
    if (verb == QLatin1String("approve"))
        return revoke(context, arguments, true);
    if (verb == QLatin1String("revoke"))
        return revoke(context, arguments, false);
    if (verb == QLatin1String("notify"))
        return simpleStep(context, arguments, RequestAction::Notify);
    return simpleStep(context, arguments, RequestAction::Close);
}

} // namespace rd::cli
