#pragma once

#include "core/Error.h"
#include "requests/RevocationReason.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <memory>

class QTranslator;

namespace rd {

// The language a paper is printed in, which is the applicant's and not the screen's: Indonesian
// by default, English when the applicant chose it. Its texts are the program's translations
// (context "rd::Paper"), looked up in a translator of the paper's own, so printing never
// changes the language of the window that prints.
class PaperLanguage
{
    Q_DECLARE_TR_FUNCTIONS(PaperLanguage)

public:
    static Result<PaperLanguage> load(const QString &code);

    QString code() const { return m_code; }
    bool isIndonesian() const { return m_code == QLatin1String("id"); }
    // A text marked with QT_TRANSLATE_NOOP("rd::Paper", ...).
    QString text(const char *source) const;
    // "5 Desember 2026" / "5 December 2026"; empty for an invalid date.
    QString date(const QDate &date) const;
    // The date and time in the office's time zone: "5 Desember 2026 14.05 WIB".
    QString dateTime(const QDateTime &time, const QTimeZone &zone) const;
    QString reason(RevocationReason reason) const;

private:
    QString m_code;
    QLocale m_locale;
    std::shared_ptr<QTranslator> m_translator;
};

} // namespace rd
