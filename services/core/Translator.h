#pragma once

#include <QString>

class QCoreApplication;

namespace rd {

// Installs our translation and Qt's own for a language ("id" or "en") on the application, as
// keepassxc's Translator does; the .qm files are built into the program (":/i18n"). Installing
// again replaces the translators installed before.
class Translator
{
public:
    static bool install(QCoreApplication &application, const QString &language);
};

} // namespace rd
