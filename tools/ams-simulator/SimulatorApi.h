#pragma once

#include "SimulatorAuthority.h"
#include "SimulatorState.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace rd::sim {

struct HttpRequest
{
    QString method; // upper case
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// The simulator's endpoints without the HTTP server around them: the AMS contract
// (docs/ams-api.md), the Esign Client Service v1/v2 status endpoints, the CRL, the CA
// certificate and the OCSP responder. Every change is saved before the answer goes out.
class SimulatorApi
{
    Q_DECLARE_TR_FUNCTIONS(SimulatorApi)

public:
    static constexpr qint64 MaximumLetterBytes = 1024 * 1024; // as AMS's upload limit
    static constexpr qint64 TokenLifetimeSeconds = 3600;

    SimulatorApi(SimulatorState &state, SimulatorAuthority &authority);

    HttpResponse handle(const HttpRequest &request);

    // Replaces the clock (default: the system's, in UTC), so that a test need not wait out
    // token lifetimes or the publication delay.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }

private:
    struct Session
    {
        QString username;
        QDateTime expiresAt;
        QString role; // operator or holder
        QString nik; // a holder's own NIK
    };

    HttpResponse dispatch(const HttpRequest &request);
    HttpResponse health() const;
    HttpResponse login(const HttpRequest &request);
    HttpResponse certificates(const QString &nik) const;
    // ownNik: a holder's own NIK, the only one it may file for; empty for an operator.
    HttpResponse fileRequest(const HttpRequest &request, const QString &username,
                             const QString &ownNik);
    HttpResponse listRequests(const HttpRequest &request) const;
    HttpResponse fetchRequest(const QString &id) const;
    HttpResponse letter(const QString &id) const;
    HttpResponse revoke(const HttpRequest &request, const QString &id, const QString &username);
    HttpResponse reject(const HttpRequest &request, const QString &id, const QString &username);
    HttpResponse events() const;
    HttpResponse oneTimeCode(const QString &username) const;
    HttpResponse esignStatusV1(const QString &nik) const;
    HttpResponse esignProfileV1(const QString &nik) const;
    HttpResponse esignStatusV2(const HttpRequest &request) const;

    // The bearer token's session, or nothing.
    std::optional<Session> authenticatedSession(const HttpRequest &request);
    // What a holder's token may do: its own certificates, and filing for its own NIK.
    HttpResponse holderDispatch(const HttpRequest &request, const Session &session);
    bool esignAuthenticated(const HttpRequest &request) const;
    // ISSUE, REVOKE, EXPIRED, NO_CERTIFICATE or NOT_REGISTERED for the holder.
    QString esignStatusWord(const QString &nik) const;
    QJsonObject certificateJson(const SimulatorCertificate &certificate) const;
    QJsonObject requestJson(const SimulatorRequest &request) const;
    QDateTime now() const;
    // SimulatorAuthority::publishIfDue() at now(), saving the state when it published.
    Result<void> publishDue();
    void record(const QString &kind, const QString &subject, const QString &key);

    SimulatorState &m_state;
    SimulatorAuthority &m_authority;
    QHash<QString, Session> m_sessions; // by token; tokens end with the process
    QString m_currentKey; // the Idempotency-Key of the call being handled
    std::function<QDateTime()> m_clock;
};

HttpResponse jsonResponse(int status, const QJsonObject &object);
HttpResponse errorResponse(int status, const QString &code, const QString &message);
HttpResponse forbiddenResponse(const QString &message);

} // namespace rd::sim
