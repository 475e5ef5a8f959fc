#include "cli/CommandLineTool.h"
#include "core/AppSettings.h"
#include "core/Translator.h"

#include <QGuiApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <memory>

int main(int argc, char *argv[])
{
    // The papers (report ...) need QtGui's fonts and QPdfWriter, hence a QGuiApplication, which
    // never opens a window here and so needs no display; every other command does without.
    const bool papers = std::any_of(argv + 1, argv + argc, [](const char *argument) {
        return qstrcmp(argument, "report") == 0;
    });
    std::unique_ptr<QCoreApplication> application;
    if (papers) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        application = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        application = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setApplicationName(QStringLiteral("revocation-desk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REVOCATION_DESK_VERSION));
    rd::AppSettings settings;
    rd::Translator::install(*application, rd::AppSettings::uiLanguage(settings));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    rd::cli::CommandLineTool tool(out, err, in);
    return tool.run(QCoreApplication::arguments().mid(1));
}
