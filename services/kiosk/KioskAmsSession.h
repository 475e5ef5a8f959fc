#pragma once

#include "ams/AmsOperationQueue.h"
#include "ams/RestAmsGateway.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QObject>

#include <memory>
#include <vector>

namespace rd {

// The applicant's own AMS session at the kiosk (rest backend, holder filing for themselves): a
// log-in with their AMS username, password and one-time code, their certificates, and the
// filing of their request while the log-in is fresh. The password and the code go to AMS and
// nowhere else: not into the settings, the database, the log or this object. Only the bearer
// token is held, and forget() drops it with everything else when the next person comes.
class KioskAmsSession : public QObject
{
    Q_OBJECT

public:
    // The session for this workstation's AMS settings (ams/url, ams/caFile, timeouts), without
    // the office's credentials; InvalidInput with the reason when the backend is not rest or
    // the URL is missing.
    static Result<std::unique_ptr<KioskAmsSession>> configured(QObject *parent = nullptr);
    KioskAmsSession(const QUrl &baseUrl, QObject *parent = nullptr);
    ~KioskAmsSession() override;
    Q_DISABLE_COPY_MOVE(KioskAmsSession)

    RestAmsGateway &gateway() { return *m_gateway; }
    bool loggedIn() const { return !m_gateway->token().isEmpty(); }

    void logIn(const QString &username, const QString &password, const QString &oneTimeCode,
               Continuation<void> done);
    // The holder's certificates that are still active, newest expiry first.
    void activeCertificates(const QString &nik, Continuation<std::vector<AmsCertificate>> done);
    // Sends the queued AMS filing of a request now, as the applicant; on failure the operation
    // stays in the queue (pending, for the worker and the office's account) or failed, as
    // AmsOperationRunner decides.
    void fileNow(const DatabasePtr &database, qint64 operationId, const Actor &actor,
                 Continuation<AmsOperation> done);
    // Drops the token and any call in flight (their continuations are not called).
    void forget();

private:
    void rebuild();

    QUrl m_baseUrl;
    QString m_caFile;
    AmsHttpClient::Policy m_policy;
    QNetworkAccessManager m_network;
    std::unique_ptr<RestAmsGateway> m_gateway;
};

} // namespace rd
