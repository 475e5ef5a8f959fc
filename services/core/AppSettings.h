#pragma once

#include "core/Error.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTimeZone>

#include <memory>

namespace rd {

// Typed facade over QSettings (`~/.config/revocation-desk/revocation-desk.ini`): every key
// with its default in one place, as keepassxc's Config does.
class AppSettings
{
    Q_DECLARE_TR_FUNCTIONS(AppSettings)

public:
    AppSettings();
    // A settings file of its own (demo directory, tests).
    explicit AppSettings(const QString &fileName);

    QString databaseUrl() const; // database/url, empty when unset
    QString language() const; // ui/language: "id", "en" or empty (follow the system)
    void setLanguage(const QString &language);
    QTimeZone officeTimeZone() const; // office/timeZone, default Asia/Jakarta
    // attachments/maxBytes: the largest file a request takes. 0 when unset (the attachment
    // store's default, AMS's 1 MB); a value that is not a whole number of bytes from 1 to
    // MaximumAttachmentBytes is an error that names the setting.
    Result<qint64> attachmentMaximumBytes() const;
    static constexpr qint64 MaximumAttachmentBytes = 20 * 1024 * 1024;

    QSettings &raw() { return *m_settings; }

    // The default SQLite file: QStandardPaths::AppDataLocation/revocation-desk.sqlite, i.e.
    // ~/.local/share/revocation-desk/ (the programs set no organisation name, so that the
    // application's name is the whole folder).
    static QString defaultDatabasePath();
    // "id" unless the settings or the system locale say English.
    static QString uiLanguage(const AppSettings &settings);

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace rd
