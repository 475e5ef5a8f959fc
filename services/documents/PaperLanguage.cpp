#include "documents/PaperLanguage.h"

#include <QTranslator>

#include <cstdlib>

namespace rd {

Result<PaperLanguage> PaperLanguage::load(const QString &code)
{
    PaperLanguage language;
    if (code == QLatin1String("en")) {
        language.m_code = code;
        language.m_locale = QLocale(QLocale::English, QLocale::UnitedKingdom);
        return language;
    }
    if (code != QLatin1String("id"))
        return fail(
            ErrorCode::InvalidInput,
            tr("Papers are printed in id (Indonesian) or en (English), not \"%1\".").arg(code));
    language.m_code = code;
    language.m_locale = QLocale(QLocale::Indonesian, QLocale::Indonesia);
    language.m_translator = std::make_shared<QTranslator>();
    if (!language.m_translator->load(QStringLiteral(":/i18n/revocation-desk_id")))
        return fail(ErrorCode::Internal,
                    tr("The Indonesian texts of the papers are not built into this program."));
    return language;
}

QString PaperLanguage::text(const char *source) const
{
    if (m_translator) {
        const QString translated = m_translator->translate("rd::Paper", source);
        if (!translated.isEmpty())
            return translated;
    }
    return QString::fromUtf8(source);
}

QString PaperLanguage::date(const QDate &date) const
{
    return date.isValid() ? m_locale.toString(date, QStringLiteral("d MMMM yyyy")) : QString();
}

QString PaperLanguage::dateTime(const QDateTime &time, const QTimeZone &zone) const
{
    if (!time.isValid())
        return {};
    const QDateTime local = time.toTimeZone(zone);
    // Indonesia writes its three zones by name; elsewhere the offset says it.
    const QByteArray id = zone.id();
    QString name;
    if (id == "Asia/Jakarta" || id == "Asia/Pontianak")
        name = QStringLiteral("WIB");
    else if (id == "Asia/Makassar")
        name = QStringLiteral("WITA");
    else if (id == "Asia/Jayapura")
        name = QStringLiteral("WIT");
    else {
        const int minutes = zone.offsetFromUtc(time) / 60;
        name = QStringLiteral("UTC%1%2:%3")
                   .arg(minutes < 0 ? u'-' : u'+')
                   .arg(std::abs(minutes) / 60, 2, 10, QLatin1Char('0'))
                   .arg(std::abs(minutes) % 60, 2, 10, QLatin1Char('0'));
    }
    const QString clock
        = local.toString(isIndonesian() ? QStringLiteral("HH.mm") : QStringLiteral("HH:mm"));
    return QStringLiteral("%1 %2 %3").arg(date(local.date()), clock, name);
}

QString PaperLanguage::reason(RevocationReason reason) const
{
    return isIndonesian() ? RevocationReasons::labelIndonesian(reason)
                          : RevocationReasons::labelEnglish(reason);
}

} // namespace rd
