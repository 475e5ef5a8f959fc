// revocation-desk: the operator's workbench. Parses the command line, opens the database and shows
// the window; everything else lives in ui/, models/ and services/.

#include "KioskScreenshots.h"
#include "KioskWindow.h"
#include "WorkbenchWindow.h"
#include "ams/AmsSettings.h"
#include "ams/RestAmsGateway.h"
#include "core/AppSettings.h"
#include "core/Translator.h"
#include "database/Database.h"
#include "database/Migrations.h"
#include "kiosk/RemovableMedia.h"
#include "mail/OutboxWorker.h"
#include "workflow/WorkflowWorker.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QStatusBar>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <string_view>

Q_LOGGING_CATEGORY(lcApp, "rd.app", QtInfoMsg)

namespace {

// The translation context of this file.
class RevocationDesk
{
    Q_DECLARE_TR_FUNCTIONS(RevocationDesk)
};

// As docs/cli.md: 0 ok, 1 error, 2 usage.
enum ExitCode { ExitOk = 0, ExitError = 1, ExitUsage = 2 };

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

bool asksForHelpOrVersion(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument(argv[i]);
        if (argument == "--")
            break;
        if (argument == "-h" || argument == "-?" || argument == "--help" || argument == "--help-all"
            || argument == "-v" || argument == "--version")
            return true;
    }
    return false;
}

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        RevocationDesk::tr("Revocation Desk: the workstation for revoking electronic "
                           "certificates (Layanan Pencabutan Sertifikat Elektronik)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("database"),
                      RevocationDesk::tr("The database, sqlite:PATH or "
                                         "postgresql://user@host:port/dbname. Default: "
                                         "REVOCATION_DESK_DATABASE, then the setting database/url, "
                                         "then the file in the data folder."),
                      RevocationDesk::tr("URL")});
    parser.addOption({QStringLiteral("language"),
                      RevocationDesk::tr("The language of the window, id or en. Default: the "
                                         "setting ui/language, then the system's language."),
                      RevocationDesk::tr("id|en")});
    parser.addOption({QStringLiteral("workbench"),
                      RevocationDesk::tr("Open the operator workbench (the default).")});
    parser.addOption({QStringLiteral("kiosk"),
                      RevocationDesk::tr("Open the applicant kiosk: a full-screen guided request "
                                         "for the public, without a login. Ctrl+Alt+Q and the "
                                         "operator's PIN (kiosk/exitPin) leave it.")});
    parser.addOption({QStringLiteral("windowed"),
                      RevocationDesk::tr("With --kiosk: in a window instead of full screen (for a "
                                         "demonstration beside the workbench).")});
    parser.addOption({QStringLiteral("screenshot"),
                      RevocationDesk::tr("With --kiosk: render every page of the kiosk in both "
                                         "languages to PNG files in DIR and exit. Needs an "
                                         "SQLite database, which is copied first and left "
                                         "unchanged."),
                      RevocationDesk::tr("DIR")});
}

// Whether a person can see a message box: not on the offscreen or minimal platforms that tests
// and scripts use, where a modal box would wait for ever.
bool canShowWindows()
{
    const QString platform = QGuiApplication::platformName();
    return platform != QLatin1String("offscreen") && platform != QLatin1String("minimal");
}

// One line on standard error and, where someone can see it, a message box.
int failWith(int exitCode, const QString &message, const QString &detail = {})
{
    QString line = detail.isEmpty() ? message : message + QStringLiteral(" (") + detail + u')';
    line = line.simplified(); // one line, whatever the driver wrote
    std::fprintf(stderr, "revocation-desk: %s\n", qUtf8Printable(line));
    if (canShowWindows()) {
        QMessageBox box(QMessageBox::Critical, RevocationDesk::tr("Revocation Desk"), message,
                        QMessageBox::Close);
        box.button(QMessageBox::Close)->setText(RevocationDesk::tr("&Close"));
        if (!detail.isEmpty())
            box.setDetailedText(detail);
        box.exec();
    }
    return exitCode;
}

int failWith(const rd::Error &error)
{
    return failWith(error.code == rd::ErrorCode::Usage ? ExitUsage : ExitError, error.message,
                    error.detail);
}

} // namespace

int main(int argc, char *argv[])
{
    if (!hasDisplay()) {
        if (!asksForHelpOrVersion(argc, argv)) {
            std::fputs("revocation-desk: there is no display (DISPLAY and WAYLAND_DISPLAY are "
                       "unset); run it headless with `QT_QPA_PLATFORM=offscreen revocation-desk` "
                       "or `xvfb-run revocation-desk`, or use revocation-desk-cli, which needs no "
                       "display\n",
                       stderr);
            return ExitError;
        }
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen")); // --help needs no window
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("revocation-desk"));
    QApplication::setApplicationVersion(QStringLiteral(REVOCATION_DESK_VERSION));

    // The language decides how the options themselves are described: find it first.
    const QStringList arguments = QApplication::arguments();
    QString language;
    {
        QCommandLineParser early;
        addOptions(early);
        (void)early.parse(arguments);
        language = early.value(QStringLiteral("language"));
    }
    rd::AppSettings settings;
    const bool languageValid
        = language.isEmpty() || language == QLatin1String("id") || language == QLatin1String("en");
    if (language.isEmpty() || !languageValid)
        language = rd::AppSettings::uiLanguage(settings);
    if (!rd::Translator::install(app, language))
        qCWarning(lcApp) << "no translation for language" << language;

    QCommandLineParser parser;
    addOptions(parser);
    if (!parser.parse(arguments))
        return failWith(ExitUsage, parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(ExitOk);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!languageValid) {
        return failWith(ExitUsage,
                        RevocationDesk::tr("Unknown language %1: use id or en.")
                            .arg(parser.value(QStringLiteral("language"))));
    }
    const bool kiosk = parser.isSet(QStringLiteral("kiosk"));
    if (kiosk && parser.isSet(QStringLiteral("workbench")))
        return failWith(ExitUsage, RevocationDesk::tr("Choose either --kiosk or --workbench."));
    if (!kiosk
        && (parser.isSet(QStringLiteral("windowed")) || parser.isSet(QStringLiteral("screenshot"))))
        return failWith(ExitUsage,
                        RevocationDesk::tr("--windowed and --screenshot go with "
                                           "--kiosk."));
    if (!parser.positionalArguments().isEmpty()) {
        return failWith(ExitUsage,
                        RevocationDesk::tr("Unexpected argument %1; see --help.")
                            .arg(parser.positionalArguments().constFirst()));
    }

    auto url = rd::DatabaseUrl::resolve(parser.value(QStringLiteral("database")), settings);
    if (!url)
        return failWith(url.error());
    auto database = rd::Database::open(*url);
    if (!database)
        return failWith(database.error());
    if ((*database)->isSqlite()) {
        // The embedded database is ours: bring its schema up to date.
        auto applied = rd::Migrations::migrate(**database);
        if (!applied)
            return failWith(applied.error());
        if (!applied->isEmpty())
            qCInfo(lcApp) << "applied migrations" << *applied << "to" << url->toDisplayString();
    } else {
        // A shared server is migrated by its administrator (`revocation-desk-cli db migrate`).
        auto current = rd::Migrations::requireCurrent(**database);
        if (!current)
            return failWith(current.error());
    }

    if (kiosk) {
        rd::KioskOptions options;
        options.lifecycle.officeZone = settings.officeTimeZone();
        options.backend = rd::AmsSettings(settings.raw()).backend();
        options.language = language;
        options.printTo = settings.raw().value(QStringLiteral("kiosk/printTo")).toString();
        options.removableMedia = rd::RemovableMedia::defaultRoots();
        if (parser.isSet(QStringLiteral("screenshot"))) {
            auto shot = rd::KioskScreenshots(*url, options)
                            .renderAll(parser.value(QStringLiteral("screenshot")));
            if (!shot)
                return failWith(shot.error());
            for (const QString &file : std::as_const(*shot))
                std::printf("%s\n", qUtf8Printable(file));
            return ExitOk;
        }
        rd::KioskWindow window(*database, options);
        if (parser.isSet(QStringLiteral("windowed"))) {
            window.resize(1280, 900);
            window.show();
        } else {
            window.showFullScreen();
        }
        return QApplication::exec();
    }

    rd::WorkbenchWindow window(*database, settings.officeTimeZone());
    window.show();

    // The background worker beside the window (docs/architecture.md, "The worker"): the AMS
    // queue and the proofs on the event loop, whose network calls never block; the outbox, whose
    // SMTP client blocks, on a thread with a connection of its own. Their locks let every
    // workstation, and `revocation-desk-cli worker`, run one.
    const rd::AmsBackend backend = rd::AmsSettings(settings.raw()).backend();
    QNetworkAccessManager network;
    std::unique_ptr<rd::RestAmsGateway> gateway;
    if (backend == rd::AmsBackend::Rest) {
        if (auto configured = rd::RestAmsGateway::configured(network); configured)
            gateway = std::move(*configured);
        else
            qCWarning(lcApp) << "AMS calls are not sent:" << configured.error().toString();
    }
    rd::WorkflowWorker worker(*database,
                              rd::RequestLifecycle::Options {settings.officeTimeZone(), {}},
                              backend, gateway.get(), &network, std::nullopt);
    QObject::connect(&worker, &rd::WorkflowWorker::acted, &window, [&window](const QString &line) {
        window.statusBar()->showMessage(line, 15000);
    });
    const rd::MailSettings mail = rd::MailSettings::read(settings.raw());
    const bool sendsMail = mail.validate().has_value();
    const rd::DatabaseUrl outboxDatabase = *url;
    std::unique_ptr<QThread> outbox;
    bool passRunning = false;
    QTimer passes;
    passes.setInterval(30 * 1000);
    const auto runPass = [&] {
        if (!passRunning) {
            passRunning = true;
            worker.runOnce({&window, [&](rd::Result<rd::WorkerPass> pass) {
                                passRunning = false;
                                // Only when something happened: a reload is not free for
                                // the person looking at the queue.
                                if (pass && !pass->lines.isEmpty())
                                    window.reload();
                            }});
        }
        if (sendsMail && (!outbox || outbox->isFinished())) {
            outbox.reset(QThread::create([outboxDatabase, mail] {
                auto connection
                    = rd::Database::open(outboxDatabase, rd::Database::OpenMode::Existing);
                if (!connection)
                    return;
                auto sent = rd::OutboxWorker(*connection, mail, rd::Actor::worker()).flush();
                if (!sent && sent.error().code != rd::ErrorCode::Conflict)
                    qCWarning(lcApp) << "outbox:" << sent.error().toString();
            }));
            outbox->start();
        }
    };
    QObject::connect(&passes, &QTimer::timeout, &window, runPass);
    passes.start();
    QTimer::singleShot(0, &window, runPass);
    const int status = QApplication::exec();
    passes.stop();
    if (outbox)
        outbox->wait();
    return status;
}
