#pragma once

#include "core/Error.h"

#include <QCoreApplication>
#include <QSettings>
#include <QString>

#include <optional>

namespace rd {

// How the desk reaches its SMTP server: the mail/ keys of the settings file (docs/mail.md).
// The password is never a setting: it comes from SecretStore (`smtp/password`, or
// REVOCATION_DESK_SMTP_PASSWORD where there is no keychain).
struct MailSettings
{
    Q_DECLARE_TR_FUNCTIONS(MailSettings)

public:
    enum class Security {
        None, // plain text: only sensible for a relay on the same machine
        StartTls, // port 587: connect in plain text, then STARTTLS before anything else
        Tls, // port 465: TLS from the first byte
    };

    QString host;
    int port = 587;
    Security security = Security::StartTls;
    QString user; // empty: no AUTH
    QString senderAddress;
    QString senderName;
    QString caFile; // extra trusted CA certificates (PEM), added to the system's
    bool verifyCertificate = true; // false is unsafe: anyone on the path can read the mail
    int timeoutSeconds = 30; // for every single step of the conversation

    static MailSettings read(const QSettings &settings);
    void write(QSettings &settings) const;
    // A clear message for a setting that cannot work (no host, bad port, no sender...).
    Result<void> validate() const;

    // The server is on this machine: "localhost", 127.0.0.0/8 or ::1. Never looked up, so a
    // name that some resolver maps to 127.0.0.1 does not count.
    static bool isLoopbackHost(const QString &host);

    static QString securityKey(Security security);
    static std::optional<Security> securityFromKey(const QString &key);
    static int defaultPort(Security security);

    // The password for `user`; empty when there is no user. Errors when the keychain cannot be
    // asked and no environment variable is set.
    Result<QString> password() const;

    static QString passwordSecretName() { return QStringLiteral("smtp/password"); }
    static QString passwordEnvironmentVariable()
    {
        return QStringLiteral("REVOCATION_DESK_SMTP_PASSWORD");
    }
};

} // namespace rd
