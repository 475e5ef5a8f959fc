#include "status/RevocationStatusChecker.h"

#include "core/Clock.h"
#include "status/CertificateRevocationList.h"
#include "status/OcspClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace rd {

namespace {

bool isHttp(const QUrl &url)
{
    return url.isValid()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}

QString sourceLabel(RevocationStatus::Source source)
{
    return source == RevocationStatus::Source::Crl ? QStringLiteral("CRL") : QStringLiteral("OCSP");
}

} // namespace

RevocationStatusChecker::RevocationStatusChecker(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_download)
            m_download->abort();
    });
}

RevocationStatusChecker::~RevocationStatusChecker()
{
    if (m_download) {
        m_download->disconnect(this);
        m_download->abort();
        m_download->deleteLater();
    }
}

void RevocationStatusChecker::check(const Certificate &certificate, const Certificate &issuer,
                                    const Sources &sources, Continuation<RevocationStatus> done)
{
    m_done = std::move(done);
    m_certificate = certificate;
    m_issuer = issuer;
    m_steps.clear();
    m_failed.clear();
    m_current = 0;
    if (!sources.ocsp.isEmpty())
        m_steps.push_back({RevocationStatus::Source::Ocsp, sources.ocsp.toString()});
    if (!sources.crl.isEmpty())
        m_steps.push_back({RevocationStatus::Source::Crl, sources.crl});
    if (m_steps.empty()) {
        if (const QUrl ocsp = OcspClient::responderOf(certificate); !ocsp.isEmpty())
            m_steps.push_back({RevocationStatus::Source::Ocsp, ocsp.toString()});
        for (const QString &point : certificate.crlDistributionPoints()) {
            if (isHttp(QUrl(point))) {
                m_steps.push_back({RevocationStatus::Source::Crl, point});
                break;
            }
        }
    }
    if (m_steps.empty()) {
        finish(fail(ErrorCode::InvalidInput,
                    tr("Certificate %1 names neither an OCSP responder nor an http CRL "
                       "distribution point; give one.")
                        .arg(certificate.serialHex())));
        return;
    }
    next();
}

void RevocationStatusChecker::next()
{
    if (m_current >= m_steps.size()) {
        // Every source failed: say why for each, never "good".
        // Each failure names the URL it came from: a URL taken from the certificate may point
        // anywhere, and the person must see where the desk went.
        Error combined = m_failed.front().error;
        if (m_failed.size() == 1 && !combined.message.contains(m_failed.front().location))
            combined.message
                = tr("%1 (asked: %2)").arg(combined.message, m_failed.front().location);
        if (m_failed.size() > 1) {
            QStringList reasons;
            for (const Attempt &attempt : m_failed)
                reasons << sourceLabel(attempt.source) + QLatin1Char(' ') + attempt.location
                        + QStringLiteral(": ") + attempt.error.message;
            combined.message
                = tr("No source could tell the certificate's status. %1").arg(reasons.join(u' '));
        }
        finish(std::unexpected(combined));
        return;
    }
    const Step &step = m_steps[m_current];
    if (step.source == RevocationStatus::Source::Ocsp) {
        startOcsp(step.location);
        return;
    }
    const QUrl url(step.location);
    if (isHttp(url)) {
        startCrlDownload(url);
        return;
    }
    const QString path = url.isLocalFile() ? url.toLocalFile() : step.location;
    // Deferred, so that the answer always comes from the event loop.
    QMetaObject::invokeMethod(
        this, [this, path, step] { stepDone(checkCrlFile(*m_certificate, *m_issuer, path), step); },
        Qt::QueuedConnection);
}

void RevocationStatusChecker::startOcsp(const QString &location)
{
    if (m_ocsp)
        m_ocsp->deleteLater();
    m_ocsp = new OcspClient(m_network, this);
    m_ocsp->setTimeout(m_timeoutMilliseconds);
    const Step step = m_steps[m_current];
    m_ocsp->check(*m_certificate, *m_issuer, QUrl(location),
                  {this, [this, step](Result<RevocationStatus> result) {
                       OcspClient *client = m_ocsp;
                       m_ocsp = nullptr;
                       client->deleteLater();
                       stepDone(std::move(result), step);
                   }});
}

void RevocationStatusChecker::startCrlDownload(const QUrl &url)
{
    m_timedOut = false;
    m_tooLarge = false;
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMilliseconds);
    m_download = m_network->get(request);
    connect(m_download, &QNetworkReply::metaDataChanged, this, [this] {
        if (m_download
            && m_download->header(QNetworkRequest::ContentLengthHeader).toLongLong()
                > CertificateRevocationList::MaximumDownloadSize) {
            m_tooLarge = true;
            m_download->abort();
        }
    });
    connect(m_download, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > CertificateRevocationList::MaximumDownloadSize && m_download) {
            m_tooLarge = true;
            m_download->abort();
        }
    });
    connect(m_download, &QNetworkReply::finished, this, &RevocationStatusChecker::onCrlDownloaded);
    m_deadline.start(m_timeoutMilliseconds);
}

void RevocationStatusChecker::onCrlDownloaded()
{
    m_deadline.stop();
    QNetworkReply *reply = m_download;
    m_download = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    const Step step = m_steps[m_current];
    const QString location = step.location;
    if (m_tooLarge) {
        stepDone(fail(ErrorCode::Io,
                      tr("The CRL at %1 is larger than %2 MiB, more than is downloaded; "
                         "it was not read. Give a larger CRL as a file with --crl.")
                          .arg(location)
                          .arg(CertificateRevocationList::MaximumDownloadSize / (1024 * 1024))),
                 step);
        return;
    }
    if (m_timedOut || reply->error() == QNetworkReply::OperationCanceledError
        || reply->error() == QNetworkReply::TimeoutError) {
        stepDone(fail(ErrorCode::Io,
                      tr("The CRL at %1 did not arrive within %n second(s).", nullptr,
                         (m_timeoutMilliseconds + 999) / 1000)
                          .arg(location)),
                 step);
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        stepDone(fail(ErrorCode::Io, tr("Could not download the CRL at %1.").arg(location),
                      reply->errorString()),
                 step);
        return;
    }
    auto list = CertificateRevocationList::fromBytes(
        reply->read(CertificateRevocationList::MaximumDownloadSize));
    if (!list) {
        stepDone(errorOf(list), step);
        return;
    }
    stepDone(list->statusOf(*m_certificate, *m_issuer, location, Clock::currentUtc()), step);
}

Result<RevocationStatus> RevocationStatusChecker::checkCrlFile(const Certificate &certificate,
                                                               const Certificate &issuer,
                                                               const QString &path)
{
    auto list = CertificateRevocationList::readFile(path);
    if (!list)
        return errorOf(list);
    return list->statusOf(certificate, issuer, path, Clock::currentUtc());
}

void RevocationStatusChecker::stepDone(Result<RevocationStatus> result, const Step &step)
{
    if (result) {
        finish(std::move(result));
        return;
    }
    m_failed.push_back({step.source, step.location, result.error()});
    ++m_current;
    next();
}

void RevocationStatusChecker::finish(Result<RevocationStatus> result)
{
    QMetaObject::invokeMethod(
        this, [done = std::exchange(m_done, {}), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

} // namespace rd
