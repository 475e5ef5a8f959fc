#include "workflow/ProofSeeker.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

namespace rd {

ProofSeeker::ProofSeeker(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{ }

void ProofSeeker::seek(const Certificate &certificate, Continuation<ProofLookup> done)
{
    // The issuer found for an earlier certificate serves only the certificates it signed: BSrE
    // issues from more than one CA.
    if (m_issuer && certificate.isSignedBy(*m_issuer))
        return ask(certificate, *m_issuer, std::move(done));
    fetchIssuer(certificate, std::move(done));
}

void ProofSeeker::fetchIssuer(const Certificate &certificate, Continuation<ProofLookup> done)
{
    QUrl url;
    for (const QString &candidate : certificate.caIssuersUrls()) {
        const QUrl parsed(candidate, QUrl::StrictMode);
        if (parsed.isValid()
            && (parsed.scheme() == QLatin1String("http")
                || parsed.scheme() == QLatin1String("https"))) {
            url = parsed;
            break;
        }
    }
    if (!url.isValid())
        return done(fail(ErrorCode::InvalidInput,
                         tr("Certificate %1 names no http(s) address of its issuer's certificate "
                            "(caIssuers), so its status cannot be checked.")
                             .arg(certificate.serialHex())));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMilliseconds);
    m_download = m_network->get(request);
    connect(m_download, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > MaximumIssuerBytes && m_download)
            m_download->abort();
    });
    connect(m_download, &QNetworkReply::finished, this, [this, certificate, url, done] {
        QNetworkReply *reply = m_download;
        m_download = nullptr;
        if (!reply)
            return;
        reply->deleteLater();
        if (reply->error() != QNetworkReply::NoError)
            return done(fail(ErrorCode::Io,
                             tr("Could not fetch the issuer's certificate from %1: %2")
                                 .arg(url.toString(), reply->errorString())));
        auto issuers = Certificate::readAll(reply->readAll());
        if (!issuers || issuers->empty())
            return done(fail(ErrorCode::InvalidInput,
                             tr("%1 did not give a certificate.").arg(url.toString())));
        // Trusted only if its key signed the holder's certificate: whoever answers at the
        // address cannot put another CA in its place.
        for (const Certificate &issuer : *issuers) {
            if (certificate.isSignedBy(issuer)) {
                m_issuer = issuer;
                return ask(certificate, issuer, done);
            }
        }
        done(fail(ErrorCode::InvalidInput,
                  tr("The certificate at %1 did not sign certificate %2.")
                      .arg(url.toString(), certificate.serialHex())));
    });
}

void ProofSeeker::ask(const Certificate &certificate, const Certificate &issuer,
                      Continuation<ProofLookup> done)
{
    if (m_checker)
        m_checker->deleteLater();
    m_checker = new RevocationStatusChecker(m_network, this);
    m_checker->setTimeout(m_timeoutMilliseconds);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    m_checker->check(certificate, issuer, {},
                     {this, [this, timer, done](Result<RevocationStatus> status) {
                          ProofLookup lookup;
                          if (!status) {
                              QStringList failures;
                              if (m_checker) {
                                  for (const auto &attempt : m_checker->failedAttempts())
                                      failures
                                          << QStringLiteral("%1 %2: %3")
                                                 .arg(RevocationStatus::sourceName(attempt.source),
                                                      attempt.location, attempt.error.message);
                              }
                              lookup.outcome = failures.isEmpty()
                                  ? status.error().message
                                  : failures.join(QStringLiteral("; "));
                              return done(lookup);
                          }
                          lookup.proof = RevocationProof::fromStatus(*status, timer->elapsed());
                          lookup.outcome = status->describe().section(QLatin1Char('\n'), 0, 0);
                          done(lookup);
                      }});
}

} // namespace rd
