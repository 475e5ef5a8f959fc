#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <vector>

namespace rd {

// What AMS says of itself (GET /api/v1/health).
struct AmsHealth
{
    QString status;
    QString apiVersion;
    QString service;
    QDateTime time;
};

// A holder's certificate as AMS lists it.
struct AmsCertificate
{
    QString serialHex;
    QString issuerDn;
    QString subjectDn;
    QDateTime notBefore;
    QDateTime notAfter;
    QString status; // active, revoked, expired
    QDateTime revokedAt;
    int reasonCode = -1;
    QByteArray pem;
};

// A revocation request in AMS.
struct AmsRequestRecord
{
    QString id; // the AMS reference
    QString nik;
    QString serialHex;
    int reasonCode = 0;
    QString reasonText;
    QString status; // pending, revoked, rejected
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime revokedAt;
    QString rejectionReason;
    QString letterSha256;
};

// The statement letter (surat keterangan) sent with a request: a PDF of at most 1 MB.
struct AmsLetter
{
    QString fileName;
    QByteArray content;
};

struct AmsRevocationFiling
{
    QString nik;
    QString serialHex;
    int reasonCode = 0; // RFC 5280 CRLReason
    QString reasonText;
    AmsLetter letter;
};

// BSrE's AMS, seen from the workstation. Every call is asynchronous and ends in exactly one
// call of its callback, on the thread of the gateway, unless the gateway is destroyed first.
// Calls that change state take an idempotency key, which the caller stores before the first
// send (AmsOperationQueue) so that a retry after a timeout or a restart revokes once.
class AmsGateway : public QObject
{
    Q_OBJECT

public:
    template<typename T> using Callback = std::function<void(Result<T>)>;
    static constexpr qint64 MaximumLetterBytes = 1024 * 1024;

    explicit AmsGateway(QObject *parent = nullptr)
        : QObject(parent)
    { }

    virtual QString backendName() const = 0;

    virtual void ping(Callback<AmsHealth> done) = 0;
    virtual void logIn(const QString &username, const QString &password, const QString &oneTimeCode,
                       Callback<void> done)
        = 0;
    virtual void listCertificates(const QString &nik, Callback<std::vector<AmsCertificate>> done)
        = 0;
    virtual void fileRevocationRequest(const AmsRevocationFiling &filing,
                                       const QString &idempotencyKey,
                                       Callback<AmsRequestRecord> done)
        = 0;
    // status: pending, revoked, rejected, or empty for all.
    virtual void listRequests(const QString &status, Callback<std::vector<AmsRequestRecord>> done)
        = 0;
    virtual void fetchRequest(const QString &id, Callback<AmsRequestRecord> done) = 0;
    virtual void revoke(const QString &id, int reasonCode, const QString &idempotencyKey,
                        Callback<AmsRequestRecord> done)
        = 0;
    virtual void reject(const QString &id, const QString &reason, const QString &idempotencyKey,
                        Callback<AmsRequestRecord> done)
        = 0;
};

} // namespace rd
