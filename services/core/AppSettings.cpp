#include "core/AppSettings.h"

#include "core/OfficeCalendar.h"

#include <QLocale>
#include <QStandardPaths>

namespace rd {

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>(QSettings::IniFormat, QSettings::UserScope,
                                             QStringLiteral("revocation-desk"),
                                             QStringLiteral("revocation-desk")))
{ }

AppSettings::AppSettings(const QString &fileName)
    : m_settings(std::make_unique<QSettings>(fileName, QSettings::IniFormat))
{ }

QString AppSettings::databaseUrl() const
{
    return m_settings->value(QStringLiteral("database/url")).toString();
}

QString AppSettings::language() const
{
    return m_settings->value(QStringLiteral("ui/language")).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    m_settings->setValue(QStringLiteral("ui/language"), language);
}

QTimeZone AppSettings::officeTimeZone() const
{
    const QByteArray id = m_settings->value(QStringLiteral("office/timeZone")).toByteArray();
    QTimeZone zone(id);
    return id.isEmpty() || !zone.isValid() ? OfficeCalendar::defaultZone() : zone;
}

Result<qint64> AppSettings::attachmentMaximumBytes() const
{
    const QString key = QStringLiteral("attachments/maxBytes");
    if (!m_settings->contains(key))
        return 0;
    bool ok = false;
    const qint64 bytes = m_settings->value(key).toString().trimmed().toLongLong(&ok);
    if (!ok || bytes < 1 || bytes > MaximumAttachmentBytes)
        return fail(ErrorCode::InvalidInput,
                    tr("The setting %1 must be a whole number of bytes from 1 to %2; it is "
                       "\"%3\".")
                        .arg(key)
                        .arg(MaximumAttachmentBytes)
                        .arg(m_settings->value(key).toString()));
    return bytes;
}

QString AppSettings::defaultDatabasePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/revocation-desk.sqlite");
}

QString AppSettings::uiLanguage(const AppSettings &settings)
{
    const QString configured = settings.language();
    if (configured == QLatin1String("en") || configured == QLatin1String("id"))
        return configured;
    return QLocale::system().language() == QLocale::English ? QStringLiteral("en")
                                                            : QStringLiteral("id");
}

} // namespace rd
