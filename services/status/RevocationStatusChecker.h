#pragma once

#include "certificates/Certificate.h"
#include "core/Continuation.h"
#include "status/RevocationStatus.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>
#include <vector>

class QNetworkAccessManager;

namespace rd {

class OcspClient;

// Proof of revocation for one certificate: asks the OCSP responder first and reads the CRL when
// the responder could not give an answer (down, bad signature, stale...). The first source that
// answers decides; when none does, the result is an Error that names every failure.
class RevocationStatusChecker : public QObject
{
    Q_OBJECT

public:
    static constexpr int DefaultTimeoutMilliseconds = 15000;

    struct Sources
    {
        QUrl ocsp; // an OCSP responder
        QString crl; // an http(s) URL or a file
    };

    // A source that was asked and could not answer.
    struct Attempt
    {
        RevocationStatus::Source source = RevocationStatus::Source::Ocsp;
        QString location;
        Error error;
    };

    explicit RevocationStatusChecker(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~RevocationStatusChecker() override;

    // For each network call (OCSP request, CRL download).
    void setTimeout(int milliseconds) { m_timeoutMilliseconds = milliseconds; }

    // Starts; `done` follows from the event loop (core/Continuation.h). Sources given win;
    // with none given, the certificate's own OCSP URL and CRL distribution point (http or
    // https) are used.
    void check(const Certificate &certificate, const Certificate &issuer, const Sources &sources,
               Continuation<RevocationStatus> done);
    // The sources that could not answer, valid once `done` was called.
    const std::vector<Attempt> &failedAttempts() const { return m_failed; }

    // Reads a CRL file or fetches nothing: the synchronous half, for a CRL already at hand.
    static Result<RevocationStatus> checkCrlFile(const Certificate &certificate,
                                                 const Certificate &issuer, const QString &path);

private:
    struct Step
    {
        RevocationStatus::Source source;
        QString location;
    };

    void next();
    void startOcsp(const QString &location);
    void startCrlDownload(const QUrl &url);
    void onCrlDownloaded();
    void stepDone(Result<RevocationStatus> result, const Step &step);
    void finish(Result<RevocationStatus> result);

    QNetworkAccessManager *m_network = nullptr;
    int m_timeoutMilliseconds = DefaultTimeoutMilliseconds;
    std::optional<Certificate> m_certificate;
    std::optional<Certificate> m_issuer;
    std::vector<Step> m_steps;
    std::size_t m_current = 0;
    QPointer<OcspClient> m_ocsp;
    QPointer<QNetworkReply> m_download;
    QTimer m_deadline;
    bool m_timedOut = false;
    bool m_tooLarge = false;
    std::vector<Attempt> m_failed;
    Continuation<RevocationStatus> m_done;
};

} // namespace rd
