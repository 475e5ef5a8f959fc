#pragma once

#include <memory>

#include "ams/AmsHttpClient.h"
#include "ams/AmsRevocationGateway.h"

#include <QUrl>

class QNetworkAccessManager;

namespace rd {

// The AMS contract of docs/ams-api.md over HTTPS: bearer token from a log-in with password and
// one-time code, JSON bodies, an Idempotency-Key header on every call that changes state.
class RestAmsGateway : public AmsRevocationGateway
{
    Q_OBJECT

public:
    // What the gateway logs in with by itself when it has no token or the token expired; the
    // one-time code comes from the TOTP secret. Without a secret, logIn() must be called.
    struct Credentials
    {
        QString username;
        QString password;
        QString totpSecret; // base32
    };

    RestAmsGateway(QNetworkAccessManager &network, const QUrl &baseUrl, QObject *parent = nullptr);

    // The gateway of this workstation's settings (ams/url, ams/username, timeouts, CA file) and
    // secrets (ams/password and ams/totp-secret, or ams/token). InvalidInput with the reason
    // when the backend is not rest or a setting is missing.
    static Result<std::unique_ptr<RestAmsGateway>> configured(QNetworkAccessManager &network);

    Result<void> setCaFile(const QString &path) { return m_http->setCaFile(path); }
    void setPolicy(const AmsHttpClient::Policy &policy) { m_http->setPolicy(policy); }
    void setCredentials(const Credentials &credentials) { m_credentials = credentials; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }

    QString backendName() const override { return QStringLiteral("rest"); }
    void ping(Continuation<AmsHealth> done) override;
    void logIn(const QString &username, const QString &password, const QString &oneTimeCode,
               Continuation<void> done) override;
    void listCertificates(const QString &nik,
                          Continuation<std::vector<AmsCertificate>> done) override;
    void fileRevocationRequest(const AmsRevocationFiling &filing, const QString &idempotencyKey,
                               Continuation<AmsRequestRecord> done) override;
    void listRequests(const QString &status,
                      Continuation<std::vector<AmsRequestRecord>> done) override;
    void fetchRequest(const QString &id, Continuation<AmsRequestRecord> done) override;
    void revoke(const QString &id, int reasonCode, const QString &idempotencyKey,
                Continuation<AmsRequestRecord> done) override;
    void reject(const QString &id, const QString &reason, const QString &idempotencyKey,
                Continuation<AmsRequestRecord> done) override;

    // Telling a failed log-in's causes apart (a kiosk words them differently), without reading
    // the translated message:
    //   isWrongPassword(): AMS said invalid_credentials (AuthenticationFailed);
    //   isWrongOneTimeCode(): AMS said invalid_otp (AuthenticationFailed);
    //   ErrorCode::Io: AMS could not be reached or did not answer usably (timeout, refused
    //   connection, 502/503/504 after the retries, its own 5xx); ErrorCode::Crypto: TLS failed.
    // Any other AuthenticationFailed is a missing or expired session, or no secret to log in.
    static bool isWrongPassword(const Error &error);
    static bool isWrongOneTimeCode(const Error &error);
    // The `code` of AMS's JSON error answer ("invalid_otp", "forbidden", ...) that caused the
    // error, or empty when the error did not come from one.
    static QString amsErrorCode(const Error &error);

    // Reading answers (public for the tests of recorded answers).
    static Result<AmsCertificate> certificateFromJson(const QJsonObject &object);
    static Result<AmsRequestRecord> requestFromJson(const QJsonObject &object);

private:
    // Starts the detail of an error that came from AMS's JSON error answer, before its code.
    static inline const QString AmsErrorCodeMarker = QStringLiteral("AMS error code ");

    QUrl endpoint(const QString &path) const;
    // Sends with the bearer token, logging in first (or again after a 401) when credentials
    // allow; the callback gets the answer's JSON object or the error, already worded.
    void authorized(AmsHttpCall call, Continuation<QJsonObject> done, bool mayLogInAgain = true);
    Result<QJsonObject> interpret(const Result<AmsHttpAnswer> &answer, bool kept = false) const;
    void requestCall(AmsHttpCall call, Continuation<AmsRequestRecord> done,
                     const QString &objectKey = {});
    // POST /api/v1/revocation-requests/{id}/{action} with the idempotency key: revoke, reject.
    void changeRequest(const QString &id, const QString &action, const QJsonObject &body,
                       const QString &idempotencyKey, Continuation<AmsRequestRecord> done,
                       const QString &objectKey = {});

    AmsHttpClient *m_http;
    QUrl m_baseUrl;
    Credentials m_credentials;
    QString m_token;
};

} // namespace rd
