#include "mail/MailSettings.h"

#include "core/SecretStore.h"

#include <QHostAddress>

namespace rd {

namespace {

QString key(const char *name)
{
    return QStringLiteral("mail/") + QLatin1String(name);
}

} // namespace

QString MailSettings::securityKey(Security security)
{
    switch (security) {
    case Security::None:
        return QStringLiteral("none");
    case Security::StartTls:
        return QStringLiteral("starttls");
    case Security::Tls:
        return QStringLiteral("tls");
    }
    return {};
}

std::optional<MailSettings::Security> MailSettings::securityFromKey(const QString &key)
{
    for (Security security : {Security::None, Security::StartTls, Security::Tls}) {
        if (securityKey(security) == key)
            return security;
    }
    return std::nullopt;
}

int MailSettings::defaultPort(Security security)
{
    switch (security) {
    case Security::None:
        return 25;
    case Security::StartTls:
        return 587;
    case Security::Tls:
        return 465;
    }
    return 587;
}

MailSettings MailSettings::read(const QSettings &settings)
{
    MailSettings mail;
    mail.host = settings.value(key("host")).toString().trimmed();
    const QString security = settings.value(key("security"), QStringLiteral("starttls"))
                                 .toString()
                                 .trimmed()
                                 .toLower();
    // An unknown word keeps the safe default; validate() names it.
    mail.security = securityFromKey(security).value_or(Security::StartTls);
    mail.port = settings.value(key("port"), defaultPort(mail.security)).toInt();
    mail.user = settings.value(key("user")).toString().trimmed();
    mail.senderAddress = settings.value(key("senderAddress")).toString().trimmed();
    mail.senderName = settings.value(key("senderName")).toString().trimmed();
    mail.caFile = settings.value(key("caFile")).toString().trimmed();
    mail.verifyCertificate = settings.value(key("verifyCertificate"), true).toBool();
    mail.timeoutSeconds = settings.value(key("timeoutSeconds"), 30).toInt();
    if (!securityFromKey(security))
        mail.port = -1; // makes validate() refuse the settings rather than guess
    return mail;
}

void MailSettings::write(QSettings &settings) const
{
    settings.setValue(key("host"), host);
    settings.setValue(key("port"), port);
    settings.setValue(key("security"), securityKey(security));
    settings.setValue(key("user"), user);
    settings.setValue(key("senderAddress"), senderAddress);
    settings.setValue(key("senderName"), senderName);
    settings.setValue(key("caFile"), caFile);
    settings.setValue(key("verifyCertificate"), verifyCertificate);
    settings.setValue(key("timeoutSeconds"), timeoutSeconds);
}

Result<void> MailSettings::validate() const
{
    if (host.isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("No SMTP server is set: set mail/host (see docs/mail.md)."));
    if (port <= 0 || port > 65535)
        return fail(ErrorCode::InvalidInput,
                    tr("The SMTP settings are not usable: mail/port must be 1 to 65535 and "
                       "mail/security one of none, starttls, tls."));
    if (senderAddress.isEmpty() || !senderAddress.contains(QLatin1Char('@')))
        return fail(ErrorCode::InvalidInput,
                    tr("Set the sender's address (mail/senderAddress) to send e-mail."));
    if (timeoutSeconds <= 0)
        return fail(ErrorCode::InvalidInput, tr("mail/timeoutSeconds must be more than 0."));
    return {};
}

bool MailSettings::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Result<QString> MailSettings::password() const
{
    if (user.isEmpty())
        return QString();
    return SecretStore::read(passwordSecretName(), passwordEnvironmentVariable());
}

} // namespace rd
