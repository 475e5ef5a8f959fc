#include "cli/CommandLineTool.h"
#include "core/AppSettings.h"
#include "core/Translator.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("revocation-desk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REVOCATION_DESK_VERSION));
    rd::AppSettings settings;
    rd::Translator::install(application, rd::AppSettings::uiLanguage(settings));

    QTextStream out(stdout);
    QTextStream err(stderr);
    QTextStream in(stdin);
    rd::cli::CommandLineTool tool(out, err, in);
    return tool.run(QCoreApplication::arguments().mid(1));
}
