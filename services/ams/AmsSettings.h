#pragma once

#include "core/Error.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>

namespace rd {

enum class AmsBackend { Rest, Portal };
enum class EsignApiVersion { V1, V2 };

// The AMS and Esign settings (keys under ams/ and esign/ in revocation-desk.ini) and where
// their secrets live: never in the settings file, always SecretStore (keychain, or the
// environment variables named here).
class AmsSettings
{
    Q_DECLARE_TR_FUNCTIONS(AmsSettings)

public:
    explicit AmsSettings(QSettings &settings);

    AmsBackend backend() const; // ams/backend: rest | portal (default portal)
    QString backendName() const;
    QUrl amsUrl() const; // ams/url
    QString caFile() const; // ams/caFile: PEM bundle trusted besides the system's
    QString amsUsername() const; // ams/username
    QUrl esignUrl() const; // esign/url
    EsignApiVersion esignApi() const; // esign/api: v1 | v2 (default v1)
    QString esignUsername() const; // esign/username
    int timeoutMs() const; // ams/timeoutMs, default 20000
    int maxAttempts() const; // ams/attempts, default 3

    void setCaFile(const QString &path);

    // Refuses values that are set but malformed, naming the key.
    Result<void> validate() const;

    // Secret names in the keychain and the environment variables that override them.
    static QString amsPasswordName() { return QStringLiteral("ams/password"); }
    static QString amsPasswordVariable() { return QStringLiteral("REVOCATION_DESK_AMS_PASSWORD"); }
    static QString amsTotpSecretName() { return QStringLiteral("ams/totp-secret"); }
    static QString amsTotpSecretVariable()
    {
        return QStringLiteral("REVOCATION_DESK_AMS_TOTP_SECRET");
    }
    static QString amsTokenName() { return QStringLiteral("ams/token"); }
    static QString amsTokenVariable() { return QStringLiteral("REVOCATION_DESK_AMS_TOKEN"); }
    static QString esignPasswordName() { return QStringLiteral("esign/password"); }
    static QString esignPasswordVariable()
    {
        return QStringLiteral("REVOCATION_DESK_ESIGN_PASSWORD");
    }

private:
    QSettings &m_settings;
};

} // namespace rd
