#pragma once

#include "certificates/Certificate.h"
#include "core/Continuation.h"
#include "status/RevocationStatus.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <openssl/types.h>

#include <memory>
#include <optional>

class QNetworkAccessManager;

// openssl/ocsp.h declares these too (the same types); repeated so that this header needs no
// more of OpenSSL than its type names.
typedef struct ocsp_request_st OCSP_REQUEST;
typedef struct ocsp_cert_id_st OCSP_CERTID;

namespace rd {

// Asks a certificate's OCSP responder (RFC 6960) about it: a request for issuer + serial with a
// nonce, POSTed over HTTP; the answer counts only when its signature chains to the issuer (the
// CA itself, or a responder the CA issued with id-kp-OCSPSigning), it answers for this
// certificate, the nonce comes back unchanged (or not at all: many responders pre-sign their
// answers) and it is current. Anything else is an Error, never "good".
class OcspClient : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMilliseconds = 15000;
    // An OCSP response for one certificate is a few KiB, with the responder's chain; the URL
    // may come from a hostile certificate, so nothing larger is held in memory.
    static constexpr qint64 MaximumResponseSize = 64 * 1024;
    // Clocks differ: an answer dated a few minutes ahead of ours is still accepted.
    static constexpr int ClockLeewaySeconds = 300;
    // An answer without nextUpdate (RFC 6960: newer information is always available) must
    // not be older than this.
    static constexpr int MaximumAgeWithoutNextUpdateSeconds = 24 * 3600;

    // A built request, kept to check the answer against it.
    struct Request
    {
        // OCSP_REQUEST_free and OCSP_CERTID_free, called in OcspClient.cpp.
        struct Release
        {
            void operator()(OCSP_REQUEST *request) const noexcept;
            void operator()(OCSP_CERTID *id) const noexcept;
        };

        QByteArray der;
        std::unique_ptr<OCSP_REQUEST, Release> request;
        std::unique_ptr<OCSP_CERTID, Release> id;
    };

    explicit OcspClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~OcspClient() override;

    void setTimeout(int milliseconds) { m_timeoutMilliseconds = milliseconds; }

    // Starts the check; `done` follows from the event loop (core/Continuation.h), also when it
    // fails at once. The responder is `responder`, or when that is empty the certificate's
    // first http(s) OCSP URL. A new check drops the answer of the one before.
    void check(const Certificate &certificate, const Certificate &issuer, const QUrl &responder,
               Continuation<RevocationStatus> done);
    // The responder that was (or would have been) asked.
    QUrl responder() const { return m_responder; }

    static Result<Request> buildRequest(const Certificate &certificate, const Certificate &issuer);
    // Checks a DER OCSPResponse against the request, at `now`. `location` is only reported.
    static Result<RevocationStatus> evaluate(const QByteArray &responseDer, const Request &request,
                                             const Certificate &certificate,
                                             const Certificate &issuer, const QString &location,
                                             const QDateTime &now);
    // The first http or https OCSP URL of the certificate's AIA; empty when it has none.
    static QUrl responderOf(const Certificate &certificate);

private:
    void onReplyFinished();
    void finish(Result<RevocationStatus> result);

    QNetworkAccessManager *m_network = nullptr;
    int m_timeoutMilliseconds = DefaultTimeoutMilliseconds;
    QPointer<QNetworkReply> m_reply;
    QTimer m_deadline;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    std::optional<Request> m_request;
    std::optional<Certificate> m_certificate;
    std::optional<Certificate> m_issuer;
    QUrl m_responder;
    QDateTime m_startedAt;
    Continuation<RevocationStatus> m_done;
};

} // namespace rd
