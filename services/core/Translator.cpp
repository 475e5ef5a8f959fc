#include "core/Translator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace rd {

bool Translator::install(QCoreApplication &application, const QString &language)
{
    // The previous language's translators go first, so that a string one language lacks never
    // shows in the other (the kiosk switches language while it runs).
    qDeleteAll(application.findChildren<QTranslator *>(Qt::FindDirectChildrenOnly));
    QLocale::setDefault(QLocale(language == QLatin1String("en") ? QStringLiteral("en_GB")
                                                                : QStringLiteral("id_ID")));
    auto *ours = new QTranslator(&application);
    const bool loaded = ours->load(QStringLiteral(":/i18n/revocation-desk_") + language);
    if (loaded)
        QCoreApplication::installTranslator(ours);
    else
        delete ours;
    // Debian ships no qtbase_id.qm; where it exists it translates Qt's own buttons.
    auto *qt = new QTranslator(&application);
    if (qt->load(QStringLiteral("qtbase_") + language,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return loaded;
}

} // namespace rd
