#include "cli/AmsConnection.h"

#include "ams/AmsSettings.h"
#include "core/AppSettings.h"
#include "core/SecretStore.h"

namespace rd::cli {

Result<void> AmsConnection::prepare()
{
    AppSettings appSettings;
    AmsSettings settings(appSettings.raw());
    if (auto ok = settings.validate(); !ok)
        return ok;
    if (settings.backend() != AmsBackend::Rest) {
        return fail(ErrorCode::InvalidInput,
                    tr("This needs the rest backend (setting ams/backend = rest); "
                       "with the portal backend AMS is used in its web pages."));
    }
    if (!settings.amsUrl().isValid() || settings.amsUrl().host().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("The setting ams/url is not set."));
    gateway = std::make_unique<RestAmsGateway>(network, settings.amsUrl());
    gateway->setPolicy({settings.timeoutMs(), settings.maxAttempts(), 500});
    if (auto ok = gateway->setCaFile(settings.caFile()); !ok)
        return ok;
    auto password
        = SecretStore::read(AmsSettings::amsPasswordName(), AmsSettings::amsPasswordVariable());
    if (!password)
        return errorOf(password);
    auto totp
        = SecretStore::read(AmsSettings::amsTotpSecretName(), AmsSettings::amsTotpSecretVariable());
    if (!totp)
        return errorOf(totp);
    gateway->setCredentials({settings.amsUsername(), *password, *totp});
    // A stored session is only needed when the gateway cannot log in by itself.
    if (password->isEmpty() || totp->isEmpty()) {
        auto token
            = SecretStore::read(AmsSettings::amsTokenName(), AmsSettings::amsTokenVariable());
        if (!token)
            return errorOf(token);
        gateway->setToken(*token);
    }
    return {};
}

} // namespace rd::cli
