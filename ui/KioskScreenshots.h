#pragma once

#include "KioskWizard.h"
#include "database/DatabaseUrl.h"

#include <QCoreApplication>
#include <QStringList>

namespace rd {

// `revocation-desk --kiosk --screenshot DIR`: every page of the kiosk, in Indonesian and in
// English, as a person sees it, rendered by the program itself into PNG files for docs/kiosk/.
// It walks the real pages against a copy of the SQLite database (the first holder with an
// e-mail and an active certificate files a real request there; the original is not touched),
// with the papers printed to PDF files in a temporary folder and a temporary folder standing
// in for the USB drive.
class KioskScreenshots
{
    Q_DECLARE_TR_FUNCTIONS(KioskScreenshots)

public:
    KioskScreenshots(DatabaseUrl url, KioskOptions options);

    // The files written, in order.
    Result<QStringList> renderAll(const QString &directory);

private:
    Result<QStringList> renderLanguage(const DatabasePtr &database, const QString &language,
                                       const QString &directory, const QString &scratch);

    DatabaseUrl m_url;
    KioskOptions m_options;
};

} // namespace rd
