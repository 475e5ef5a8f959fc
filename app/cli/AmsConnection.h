#pragma once

#include "ams/RestAmsGateway.h"
#include "core/Error.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QNetworkAccessManager>

#include <memory>
#include <optional>

namespace rd::cli {

// AMS's REST API with this workstation's settings (ams/url, ams/username, the timeouts, the CA
// file) and secrets (ams/password and ams/totp-secret, or ams/token), for the commands that
// talk to AMS: `ams certificates`, `requests match --from-ams`, `requests revoke`, `worker`.
class AmsConnection
{
public:
    // InvalidInput with the reason when the backend is not rest or a setting is missing.
    Result<void> prepare();

    QNetworkAccessManager network;
    std::unique_ptr<RestAmsGateway> gateway;
};

// The services are asynchronous; a command-line tool has no window to keep alive, so it turns
// the events until its one answer is in.
template<typename T, typename Start> Result<T> awaitResult(Start start)
{
    std::optional<Result<T>> result;
    QObject receiver;
    start(Continuation<T>(&receiver,
                          [&result](Result<T> value) { result.emplace(std::move(value)); }));
    while (!result)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return std::move(*result);
}

} // namespace rd::cli
