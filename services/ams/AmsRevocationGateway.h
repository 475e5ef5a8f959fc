#pragma once

#include "ams/AmsGateway.h"

#include <QByteArray>
#include <QJsonObject>

#include <vector>

namespace rd {

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

// AMS with an API (the REST contract of docs/ams-api.md): logging in, a holder's certificates,
// and revocation requests filed, read, revoked and rejected. Calls that change state take an
// idempotency key, which the caller stores before the first send (AmsOperationQueue) so that a
// retry after a timeout or a restart revokes once.
class AmsRevocationGateway : public AmsGateway
{
    Q_OBJECT

public:
    static constexpr qint64 MaximumLetterBytes = 1024 * 1024;

    using AmsGateway::AmsGateway;

    virtual void logIn(const QString &username, const QString &password, const QString &oneTimeCode,
                       Continuation<void> done)
        = 0;
    virtual void listCertificates(const QString &nik,
                                  Continuation<std::vector<AmsCertificate>> done)
        = 0;
    virtual void fileRevocationRequest(const AmsRevocationFiling &filing,
                                       const QString &idempotencyKey,
                                       Continuation<AmsRequestRecord> done)
        = 0;
    // status: pending, revoked, rejected, or empty for all.
    virtual void listRequests(const QString &status,
                              Continuation<std::vector<AmsRequestRecord>> done)
        = 0;
    virtual void fetchRequest(const QString &id, Continuation<AmsRequestRecord> done) = 0;
    virtual void revoke(const QString &id, int reasonCode, const QString &idempotencyKey,
                        Continuation<AmsRequestRecord> done)
        = 0;
    virtual void reject(const QString &id, const QString &reason, const QString &idempotencyKey,
                        Continuation<AmsRequestRecord> done)
        = 0;
};

} // namespace rd
