#pragma once

#include "certificates/Certificate.h"
#include "core/Continuation.h"
#include "status/RevocationStatusChecker.h"
#include "workflow/RevocationProof.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace rd {

// What one look for a revocation's proof found.
struct ProofLookup
{
    std::optional<RevocationProof> proof; // set only for a signature-checked "revoked"
    QString outcome; // for the log and the request: "good at OCSP ...", or why none answered
};

// Seeks the proof that a certificate is revoked: its issuer from the certificate's caIssuers
// URL (kept only when its key verifies the certificate's signature), then the OCSP responder,
// then the CRL (RevocationStatusChecker, which checks each answer's signature and freshness).
class ProofSeeker : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 MaximumIssuerBytes = 64 * 1024;

    explicit ProofSeeker(QNetworkAccessManager *network, QObject *parent = nullptr);

    void setTimeout(int milliseconds) { m_timeoutMilliseconds = milliseconds; }
    // An issuer known beforehand (a test, or a CA certificate given by hand), used for the
    // certificates it signed; the others' issuer is fetched.
    void setIssuer(const Certificate &issuer) { m_issuer = issuer; }

    void seek(const Certificate &certificate, Continuation<ProofLookup> done);

private:
    void fetchIssuer(const Certificate &certificate, Continuation<ProofLookup> done);
    void ask(const Certificate &certificate, const Certificate &issuer,
             Continuation<ProofLookup> done);

    QNetworkAccessManager *m_network = nullptr;
    int m_timeoutMilliseconds = RevocationStatusChecker::DefaultTimeoutMilliseconds;
    std::optional<Certificate> m_issuer;
    QPointer<QNetworkReply> m_download;
    QPointer<RevocationStatusChecker> m_checker;
};

} // namespace rd
