#pragma once

#include <QCoreApplication>
#include <QStringList>

namespace rd::cli {

class CliContext;

// `config list|get|set|unset`: every setting of workflow/SettingsCatalog, the office's in the
// database (users/OfficeSettings) and this workstation's in revocation-desk.ini (AppSettings).
class ConfigCommands
{
    Q_DECLARE_TR_FUNCTIONS(ConfigCommands)

public:
    static QStringList verbs();
    static QString summary();
    static int run(CliContext &context, const QString &verb, const QStringList &arguments);
};

} // namespace rd::cli
