#include "cli/WorkerCommand.h"

#include "ams/AmsSettings.h"
#include "cli/AmsConnection.h"
#include "cli/CliContext.h"
#include "cli/TerminalText.h"
#include "core/AppSettings.h"
#include "core/Clock.h"
#include "workflow/WorkflowWorker.h"

#include <QTimer>

namespace rd::cli {

QString WorkerCommand::summary()
{
    return tr("The background worker: sends the AMS queue, records AMS's answers, seeks the "
              "proofs of revocations and sends the outbox; one job per database at a time.");
}

int WorkerCommand::run(CliContext &context, const QString &, const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption once(QStringLiteral("once"), tr("One pass, then exit."));
    const QCommandLineOption interval(QStringLiteral("interval"),
                                      tr("Seconds between passes (1 to 3600)."),
                                      QStringLiteral("SECONDS"), QStringLiteral("30"));
    parser.addOptions({once, interval});
    if (int done = context.parse(
            parser, QStringLiteral("worker"),
            tr("Run the background worker until stopped (Ctrl+C, or SIGTERM from systemd): each "
               "pass sends the AMS calls that are due (rest backend), records AMS's answers on "
               "the requests, seeks the proof of each revocation AMS confirmed (OCSP, then the "
               "CRL, with back-off) and sends the outbox. Every workstation may run one: each "
               "job is done by one worker at a time per database. One line an action.\n"
               "Exit status with --once: 0 when nothing went wrong, 1 otherwise."),
            arguments);
        done >= 0)
        return done;
    bool ok = false;
    const int seconds = parser.value(interval).toInt(&ok);
    if (!ok || seconds < 1 || seconds > 3600)
        return context.usage(tr("--interval needs a number of seconds from 1 to 3600."));
    auto database = context.openDatabase();
    if (!database)
        return context.fail(database.error());

    AppSettings settings;
    const AmsBackend backend = AmsSettings(settings.raw()).backend();
    AmsConnection ams;
    AmsRevocationGateway *gateway = nullptr;
    if (backend == AmsBackend::Rest) {
        if (auto ready = ams.prepare(); ready)
            gateway = ams.gateway.get();
        else
            context.err() << tr("AMS calls are not sent: %1").arg(ready.error().message)
                          << Qt::endl;
    }
    std::optional<MailSettings> mail = MailSettings::read(settings.raw());
    if (auto valid = mail->validate(); !valid) {
        context.err() << tr("The outbox is not sent: %1").arg(valid.error().message) << Qt::endl;
        mail.reset();
    }
    WorkflowWorker worker(*database, RequestLifecycle::Options {settings.officeTimeZone(), {}},
                          backend, gateway, &ams.network, mail);
    for (;;) {
        auto pass = awaitResult<WorkerPass>([&](auto done) { worker.runOnce(done); });
        if (!pass)
            return context.fail(pass.error());
        for (const QString &line : pass->lines)
            context.out() << Clock::toIsoUtc(Clock::currentUtc()) << QLatin1Char(' ')
                          << TerminalText::safe(line) << Qt::endl;
        if (parser.isSet(once))
            return pass->errors == 0 ? ExitOk : ExitError;
        QEventLoop loop;
        QTimer::singleShot(seconds * 1000, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

} // namespace rd::cli
