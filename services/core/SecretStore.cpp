#include "core/SecretStore.h"

#include <QEventLoop>
#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

namespace rd {

namespace {

Q_LOGGING_CATEGORY(lcSecrets, "rd.core.secrets", QtWarningMsg)

// qtkeychain's jobs are asynchronous; the callers (a settings dialog, the CLI, a worker about to
// connect) need the answer before they go on, and a keychain answers in milliseconds.
void runToCompletion(QKeychain::Job &job)
{
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec(QEventLoop::ExcludeUserInputEvents);
}

Error keychainError(const QKeychain::Job &job, const QString &name)
{
    const ErrorCode code
        = job.error() == QKeychain::AccessDeniedByUser || job.error() == QKeychain::AccessDenied
        ? ErrorCode::PermissionDenied
        : ErrorCode::Io;
    return Error {code,
                  SecretStore::tr("The system keychain could not be used for \"%1\". On a "
                                  "computer without a keychain, set the secret in the "
                                  "environment instead (see docs/install.md).")
                      .arg(name),
                  job.errorString()};
}

} // namespace

const std::vector<KnownSecret> &SecretStore::knownSecrets()
{
    static const std::vector<KnownSecret> secrets {
        {QStringLiteral("smtp/password"), QStringLiteral("REVOCATION_DESK_SMTP_PASSWORD")},
        {QStringLiteral("ams/password"), QStringLiteral("REVOCATION_DESK_AMS_PASSWORD")},
        {QStringLiteral("ams/totp-secret"), QStringLiteral("REVOCATION_DESK_AMS_TOTP_SECRET")},
        {QStringLiteral("ams/token"), QStringLiteral("REVOCATION_DESK_AMS_TOKEN")},
        {QStringLiteral("esign/password"), QStringLiteral("REVOCATION_DESK_ESIGN_PASSWORD")},
        {QStringLiteral("audit/key"), QStringLiteral("REVOCATION_DESK_AUDIT_KEY")},
    };
    return secrets;
}

const KnownSecret *SecretStore::find(const QString &name)
{
    for (const KnownSecret &secret : knownSecrets()) {
        if (secret.name == name)
            return &secret;
    }
    return nullptr;
}

QString SecretStore::serviceName()
{
    return QStringLiteral("revocation-desk");
}

Result<QString> SecretStore::read(const QString &name, const QString &environmentVariable)
{
    if (!environmentVariable.isEmpty()) {
        const QString fromEnvironment = qEnvironmentVariable(environmentVariable.toLatin1());
        if (!fromEnvironment.isEmpty())
            return fromEnvironment;
    }
    QKeychain::ReadPasswordJob job(serviceName());
    job.setKey(name);
    runToCompletion(job);
    if (job.error() == QKeychain::NoError)
        return job.textData();
    if (job.error() == QKeychain::EntryNotFound)
        return QString();
    // Only the entry's name is logged, never a value; the caller reports the error itself.
    qCDebug(lcSecrets) << "keychain read failed for" << name << job.errorString();
    Error error = keychainError(job, name);
    if (!environmentVariable.isEmpty())
        error.message = tr("The system keychain could not be used for \"%1\" and %2 is not "
                           "set. Set %2 on a computer without a keychain.")
                            .arg(name, environmentVariable);
    return std::unexpected(error);
}

Result<void> SecretStore::write(const QString &name, const QString &secret)
{
    QKeychain::WritePasswordJob job(serviceName());
    job.setKey(name);
    job.setTextData(secret);
    runToCompletion(job);
    if (job.error() != QKeychain::NoError)
        return std::unexpected(keychainError(job, name));
    return {};
}

Result<void> SecretStore::remove(const QString &name)
{
    QKeychain::DeletePasswordJob job(serviceName());
    job.setKey(name);
    runToCompletion(job);
    if (job.error() != QKeychain::NoError && job.error() != QKeychain::EntryNotFound)
        return std::unexpected(keychainError(job, name));
    return {};
}

} // namespace rd
