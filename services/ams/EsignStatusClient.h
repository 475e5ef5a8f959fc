#pragma once

#include "ams/AmsHttpClient.h"
#include "ams/AmsSettings.h"

#include <QDate>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <vector>

class QNetworkAccessManager;

namespace rd {

// One answer of the Esign Client Service about a holder (sop-en.md): the status word and code.
struct EsignStatus
{
    QString status; // ISSUE, REVOKE, RENEW, EXPIRED, NO_CERTIFICATE, NOT_REGISTERED
    int statusCode = 0; // 1111, 1110 (v1); 2011, 2021 (v2); others kept as they came
    QString message;
    QString api; // "v1" or "v2"
};

struct EsignProfileCertificate
{
    QString serialHex; // when the answer names it
    QString status;
    QDate validUntil; // berlaku_sampai, dd-mm-YYYY
};

struct EsignProfile
{
    QString nik;
    QString name;
    QString email;
    std::vector<EsignProfileCertificate> certificates;
};

// BSrE's Esign Client Service, read-only, HTTP Basic: v1 GET /api/user/status/{nik} and
// GET /api/user/profile/{nik}; v2 POST /api/v2/user/check/status with {"nik"} or {"email"}.
// Its answer corroborates a revocation; it is per NIK, never the only proof. Calls report
// back through a Continuation (core/Continuation.h).
class EsignStatusClient : public QObject
{
    Q_OBJECT

public:
    EsignStatusClient(QNetworkAccessManager &network, const QUrl &baseUrl, EsignApiVersion api,
                      QObject *parent = nullptr);

    void setCredentials(const QString &username, const QString &password);
    Result<void> setCaFile(const QString &path) { return m_http->setCaFile(path); }
    void setPolicy(const AmsHttpClient::Policy &policy) { m_http->setPolicy(policy); }

    void statusByNik(const QString &nik, Continuation<EsignStatus> done);
    void statusByEmail(const QString &email, Continuation<EsignStatus> done); // v2 only
    void profile(const QString &nik, Continuation<EsignProfile> done); // v1 only

    // Reading the answers as BSrE sends them (public for the tests of recorded answers).
    static Result<EsignStatus> parseStatus(int httpStatus, const QByteArray &body,
                                           const QString &api);
    static Result<EsignProfile> parseProfile(int httpStatus, const QByteArray &body);
    static const QStringList &statusWords();

private:
    QUrl endpoint(const QString &path) const;
    AmsHttpCall basicCall(const QString &path) const;
    void statusCall(const AmsHttpCall &call, Continuation<EsignStatus> done);

    AmsHttpClient *m_http;
    QUrl m_baseUrl;
    EsignApiVersion m_api;
    QByteArray m_authorization;
};

} // namespace rd
