#include "ams/AmsHttpClient.h"

#include "core/NetworkHost.h"

#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

#include <memory>

Q_LOGGING_CATEGORY(lcAmsHttp, "rd.ams.http")

namespace rd {

AmsHttpClient::AmsHttpClient(QNetworkAccessManager &network, const QString &serviceName,
                             QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_serviceName(serviceName)
{ }

Result<void> AmsHttpClient::setCaFile(const QString &path)
{
    m_extraCas.clear();
    if (path.isEmpty())
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::Io, tr("The CA bundle %1 cannot be read.").arg(path),
                    file.errorString());
    }
    const QList<QSslCertificate> certificates
        = QSslCertificate::fromData(file.readAll(), QSsl::Pem);
    if (certificates.isEmpty()) {
        return fail(ErrorCode::InvalidInput,
                    tr("The CA bundle %1 holds no PEM certificate.").arg(path));
    }
    m_extraCas = certificates;
    return {};
}

Error AmsHttpClient::unreachable(const QString &detail, bool kept) const
{
    if (kept) {
        return Error {ErrorCode::Io,
                      tr("%1 cannot be reached right now. Your request is kept and will be "
                         "sent again.")
                          .arg(m_serviceName),
                      detail};
    }
    return Error {ErrorCode::Io,
                  tr("%1 cannot be reached right now; try again later.").arg(m_serviceName),
                  detail};
}

void AmsHttpClient::send(const AmsHttpCall &call, Continuation<AmsHttpAnswer> done)
{
    // Every call of these services carries a password, a token or a holder's NIK.
    if (!NetworkHost::allowsCredentials(call.url)) {
        QMetaObject::invokeMethod(
            this,
            [this, url = call.url, done = std::move(done)]() mutable {
                done(fail(ErrorCode::InvalidInput,
                          tr("The address of %1 (%2) is plain http:// to another computer, "
                             "where anyone on the network could read the password; use "
                             "https://. Nothing was sent.")
                              .arg(m_serviceName, url.toDisplayString())));
            },
            Qt::QueuedConnection);
        return;
    }
    attempt(call, 1, std::move(done));
}

void AmsHttpClient::attempt(const AmsHttpCall &call, int number, Continuation<AmsHttpAnswer> done)
{
    QNetworkRequest request(call.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, call.contentType);
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    request.setRawHeader(QByteArrayLiteral("User-Agent"),
                         QByteArrayLiteral("revocation-desk/" REVOCATION_DESK_VERSION));
    for (const auto &[name, value] : call.headers)
        request.setRawHeader(name, value);
    // Our own timer rather than transferTimeout, so that a timeout is told apart from a cancel.
    request.setTransferTimeout(0);
    // Qt sends the raw headers again to wherever a redirect points, Authorization included.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    if (call.url.scheme() == QLatin1String("https")) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        if (!m_extraCas.isEmpty())
            tls.addCaCertificates(m_extraCas);
        request.setSslConfiguration(tls);
    }
    QNetworkReply *reply = m_network.sendCustomRequest(request, call.method, call.body);
    reply->setParent(this);
    auto timedOut = std::make_shared<bool>(false);
    auto tooLarge = std::make_shared<bool>(false);
    auto tlsErrors = std::make_shared<QStringList>();
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, reply, [reply, timedOut] {
        *timedOut = true;
        reply->abort();
    });
    timer->start(m_policy.timeoutMs);
    // Refused as soon as the length is announced, or once more bytes came than may.
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, tooLarge] {
        if (reply->header(QNetworkRequest::ContentLengthHeader).toLongLong() > MaximumAnswerSize) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, tooLarge](qint64 received) {
        if (received > MaximumAnswerSize) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::sslErrors, this, [tlsErrors](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            *tlsErrors << error.errorString();
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, call, number, done = std::move(done), timedOut, tooLarge,
             tlsErrors]() mutable {
                reply->deleteLater();
                if (*tooLarge) {
                    done(fail(ErrorCode::Io,
                              tr("%1 sent an answer larger than %2 MiB; it was not read.")
                                  .arg(m_serviceName)
                                  .arg(MaximumAnswerSize / (1024 * 1024)),
                              call.url.toString()));
                    return;
                }
                if (reply->error() == QNetworkReply::InsecureRedirectError) {
                    const QUrl target = QUrl::fromEncoded(reply->rawHeader("Location"));
                    done(fail(ErrorCode::Io,
                              tr("%1 redirected the request to another address (%2); the desk "
                                 "does not send credentials there.")
                                  .arg(m_serviceName, call.url.resolved(target).toDisplayString()),
                              reply->errorString() + QStringLiteral(" (") + call.url.toString()
                                  + QLatin1Char(')')));
                    return;
                }
                const int status
                    = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QNetworkReply::NetworkError error = reply->error();
                const bool tlsFailure
                    = !tlsErrors->isEmpty() || error == QNetworkReply::SslHandshakeFailedError;
                if (tlsFailure) {
                    done(fail(ErrorCode::Crypto,
                              tr("The secure connection to %1 failed: its certificate is not "
                                 "trusted or does not match the address. Nothing was sent.")
                                  .arg(m_serviceName),
                              (tlsErrors->isEmpty() ? reply->errorString()
                                                    : tlsErrors->join(QStringLiteral("; ")))
                                  + QStringLiteral(" (") + call.url.toString() + QLatin1Char(')')));
                    return;
                }
                const bool noAnswer = status == 0;
                const bool busy = status == 502 || status == 503 || status == 504;
                if ((noAnswer || busy) && call.repeatable && number < m_policy.maxAttempts) {
                    const int wait = m_policy.backoffMs * (1 << (number - 1));
                    qCDebug(lcAmsHttp)
                        << m_serviceName << call.method << call.url.path() << "attempt" << number
                        << "failed:"
                        << (noAnswer ? reply->errorString() : QStringLiteral("HTTP %1").arg(status))
                        << "- again in" << wait << "ms";
                    QTimer::singleShot(wait, this,
                                       [this, call, number, done = std::move(done)]() mutable {
                                           attempt(call, number + 1, std::move(done));
                                       });
                    return;
                }
                if (noAnswer) {
                    const QString detail = *timedOut
                        ? QStringLiteral("no answer within %1 ms, %2 attempt(s): %3 %4")
                              .arg(m_policy.timeoutMs)
                              .arg(number)
                              .arg(QString::fromLatin1(call.method), call.url.toString())
                        : QStringLiteral("%1, %2 attempt(s): %3 %4")
                              .arg(reply->errorString())
                              .arg(number)
                              .arg(QString::fromLatin1(call.method), call.url.toString());
                    done(std::unexpected(unreachable(detail, call.kept)));
                    return;
                }
                done(AmsHttpAnswer {status, reply->read(MaximumAnswerSize),
                                    reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                                    number});
            });
}

} // namespace rd
