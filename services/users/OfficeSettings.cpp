#include "users/OfficeSettings.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "users/UserAccounts.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QImageReader>
#include <QJsonObject>

namespace rd {

OfficeSettings::OfficeSettings(DatabasePtr database, Clock clock)
    : m_database(std::move(database))
    , m_clock(std::move(clock))
{ }

QStringList OfficeSettings::letterheadKeys()
{
    return {QStringLiteral("office/government"),
            QStringLiteral("office/name"),
            QStringLiteral("office/address"),
            QStringLiteral("office/phone"),
            QStringLiteral("office/web"),
            QStringLiteral("office/email"),
            QStringLiteral("office/place"),
            QStringLiteral("office/head"),
            QStringLiteral("office/classificationCode"),
            emblemKey()};
}

QStringList OfficeSettings::knownKeys()
{
    return QStringList {dualControlKey(), demoDatabaseKey()} + letterheadKeys()
        + QStringList {kioskExitPinKey()};
}

QString OfficeSettings::kioskExitPinProblem(const QString &pin)
{
    bool digits = pin.size() >= MinimumPinDigits && pin.size() <= MaximumPinDigits;
    for (const QChar c : pin)
        digits = digits && c >= u'0' && c <= u'9';
    if (digits)
        return {};
    return tr("The kiosk's exit PIN must be %1 to %2 digits (0-9), nothing else.")
        .arg(MinimumPinDigits)
        .arg(MaximumPinDigits);
}

bool OfficeSettings::isHashed(const QString &key)
{
    return key == kioskExitPinKey();
}

Result<bool> OfficeSettings::verifyKioskExitPin(const QString &pin) const
{
    auto stored = value(kioskExitPinKey());
    if (!stored)
        return errorOf(stored);
    if (!stored->has_value() || (*stored)->isEmpty())
        return fail(ErrorCode::NotFound,
                    tr("No PIN to leave the kiosk is set; an administrator sets one with "
                       "config set kiosk/exitPin."));
    return UserAccounts::verifyPassword(**stored, pin);
}

Result<QString> OfficeSettings::storedValue(const QString &key, const QString &value)
{
    if (!isHashed(key) || value.isEmpty())
        return value;
    if (const QString why = kioskExitPinProblem(value); !why.isEmpty())
        return fail(ErrorCode::InvalidInput, why);
    return UserAccounts::hashPassword(value);
}

Result<QString> OfficeSettings::emblemUrl(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    QImageReader reader(&buffer);
    const QByteArray format = reader.format();
    QImage image;
    if ((format != "png" && format != "jpeg") || !reader.read(&image) || image.isNull())
        return fail(ErrorCode::InvalidInput,
                    tr("The emblem must be a PNG or JPEG image; this file is not one."));
    if (bytes.size() > MaximumEmblemBytes)
        return fail(ErrorCode::InvalidInput,
                    tr("The emblem must be at most %1 KB.").arg(MaximumEmblemBytes / 1024));
    return QStringLiteral("data:image/%1;base64,%2")
        .arg(QString::fromLatin1(format), QString::fromLatin1(bytes.toBase64()));
}

bool OfficeSettings::isFlag(const QString &key)
{
    return key == dualControlKey() || key == demoDatabaseKey();
}

QString OfficeSettings::defaultValue(const QString &key)
{
    return isFlag(key) ? QStringLiteral("false") : QString();
}

int OfficeSettings::maximumLength(const QString &key)
{
    // An emblem of 512 KiB, as base64 with its data: prefix.
    return key == emblemKey() ? 700 * 1024 : 300;
}

Result<std::vector<OfficeSetting>> OfficeSettings::list() const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT key, value, updated_at, updated_by FROM office_settings"));
    if (!query)
        return errorOf(query);
    std::vector<OfficeSetting> settings;
    for (const QString &key : knownKeys())
        settings.push_back({key, defaultValue(key), false, {}, {}});
    while (query->next()) {
        for (OfficeSetting &setting : settings) {
            if (setting.key == query->value(0).toString())
                setting = {setting.key, query->value(1).toString(), true,
                           query->value(2).toString(), query->value(3).toString()};
        }
    }
    for (OfficeSetting &setting : settings) {
        if (isHashed(setting.key)) {
            setting.hidden = true;
            setting.stored = !setting.value.isEmpty();
            setting.value.clear();
        }
    }
    return settings;
}

Result<std::optional<QString>> OfficeSettings::value(const QString &key) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT value FROM office_settings WHERE key = ?"), {key});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return std::optional<QString>();
    return std::optional<QString>(query->value(0).toString());
}

Result<bool> OfficeSettings::flag(const QString &key) const
{
    auto stored = value(key);
    if (!stored)
        return errorOf(stored);
    return stored->has_value() && **stored == QLatin1String("true");
}

Result<void> OfficeSettings::set(const Actor &actor, const QString &key, const QString &value)
{
    if (actor.role() != Actor::Role::Administrator)
        return fail(ErrorCode::PermissionDenied,
                    tr("Only an administrator changes the office's settings."));
    auto stored = storedValue(key, value);
    if (!stored)
        return errorOf(stored);
    return AuditLog::inTransaction(*m_database, [&]() { return write(actor, key, *stored); });
}

Result<void> OfficeSettings::setFlag(const Actor &actor, const QString &key, bool on)
{
    return set(actor, key, on ? QStringLiteral("true") : QStringLiteral("false"));
}

Result<void> OfficeSettings::setInTransaction(const Actor &actor, const QString &key,
                                              const QString &value)
{
    auto stored = storedValue(key, value);
    if (!stored)
        return errorOf(stored);
    return write(actor, key, *stored);
}

Result<void> OfficeSettings::write(const Actor &actor, const QString &key, const QString &value)
{
    if (!knownKeys().contains(key))
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is not a setting of the office; known: %2.")
                        .arg(key, knownKeys().join(QStringLiteral(", "))));
    if (isFlag(key) && value != QLatin1String("true") && value != QLatin1String("false"))
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is on or off: give true or false, not \"%2\".").arg(key, value));
    if (value.size() > maximumLength(key))
        return fail(ErrorCode::InvalidInput,
                    tr("%1 takes at most %2 characters.").arg(key).arg(maximumLength(key)));
    auto before = this->value(key);
    if (!before)
        return errorOf(before);
    const QString now = Clock::toIsoUtc(m_clock.now());
    auto stored = m_database->execute(
        before->has_value()
            ? QStringLiteral("UPDATE office_settings SET value = ?, updated_at = ?, "
                             "updated_by = ? WHERE key = ?")
            : QStringLiteral("INSERT INTO office_settings (value, updated_at, updated_by, key) "
                             "VALUES (?, ?, ?, ?)"),
        // An empty text (config unset) as '', not as the NULL a null QString binds to.
        {value.isNull() ? QStringLiteral("") : value, now, actor.toString(), key});
    if (!stored)
        return errorOf(stored);
    // An image goes into the log as its digest: the chain keeps what changed, not the bytes.
    // A hash goes in as whether there is one: the log is read by more people than the table.
    auto logged = [&key](const QString &text) {
        if (isHashed(key))
            return text.isEmpty() ? QStringLiteral("not set") : QStringLiteral("set");
        return text.size() > 300
            ? QStringLiteral("sha256:")
                + QString::fromLatin1(
                    QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex())
            : text;
    };
    QJsonObject details {{QStringLiteral("to"), logged(value)}};
    if (before->has_value())
        details.insert(QStringLiteral("from"), logged(**before));
    auto audit = AuditLog::append(*m_database, actor, QStringLiteral("office.setting"),
                                  QStringLiteral("office_setting"), key, details, m_clock);
    if (!audit)
        return errorOf(audit);
    return {};
}

} // namespace rd
