#include "status/OcspClient.h"

#include "certificates/OpenSslPointers.h"
#include "core/Clock.h"
#include "status/CertificateRevocationList.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace rd {

namespace {

std::unexpected<Error> cryptoError(const QString &message)
{
    return fail(ErrorCode::Crypto, message, openSslErrors());
}

} // namespace

void OcspClient::Request::Release::operator()(OCSP_REQUEST *request) const noexcept
{
    OCSP_REQUEST_free(request);
}

void OcspClient::Request::Release::operator()(OCSP_CERTID *id) const noexcept
{
    OCSP_CERTID_free(id);
}

OcspClient::OcspClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
}

OcspClient::~OcspClient()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

QUrl OcspClient::responderOf(const Certificate &certificate)
{
    for (const QString &text : certificate.ocspUrls()) {
        const QUrl url(text);
        if (url.isValid()
            && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https")))
            return url;
    }
    return {};
}

Result<OcspClient::Request> OcspClient::buildRequest(const Certificate &certificate,
                                                     const Certificate &issuer)
{
    ERR_clear_error();
    if (X509_check_issued(issuer.handle(), certificate.handle()) != X509_V_OK)
        return fail(ErrorCode::InvalidInput,
                    tr("Certificate %1 was not issued by %2.")
                        .arg(certificate.serialHex(), issuer.subjectDn()),
                    openSslErrors());
    Request request;
    // SHA-1 in the CertID is what RFC 6960 responders must understand; it names, it does not sign.
    request.id.reset(OCSP_cert_to_id(nullptr, certificate.handle(), issuer.handle()));
    request.request.reset(OCSP_REQUEST_new());
    if (!request.id || !request.request)
        return cryptoError(tr("Could not build the OCSP request."));
    OcspCertIdPtr copy(OCSP_CERTID_dup(request.id.get()));
    if (!copy || !OCSP_request_add0_id(request.request.get(), copy.get()))
        return cryptoError(tr("Could not build the OCSP request."));
    copy.release(); // the request owns it now
    // A fresh random nonce, so that an old answer cannot be replayed as this one.
    if (OCSP_request_add1_nonce(request.request.get(), nullptr, -1) != 1)
        return cryptoError(tr("Could not add a nonce to the OCSP request."));
    const int length = i2d_OCSP_REQUEST(request.request.get(), nullptr);
    if (length <= 0)
        return cryptoError(tr("Could not encode the OCSP request."));
    request.der.resize(length);
    auto *cursor = reinterpret_cast<unsigned char *>(request.der.data());
    if (i2d_OCSP_REQUEST(request.request.get(), &cursor) != length)
        return cryptoError(tr("Could not encode the OCSP request."));
    return request;
}

Result<RevocationStatus> OcspClient::evaluate(const QByteArray &responseDer, const Request &request,
                                              const Certificate &certificate,
                                              const Certificate &issuer, const QString &location,
                                              const QDateTime &now)
{
    ERR_clear_error();
    const auto *cursor = reinterpret_cast<const unsigned char *>(responseDer.constData());
    OcspResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &cursor, long(responseDer.size())));
    if (!response)
        return fail(ErrorCode::Crypto,
                    tr("The answer from %1 is not an OCSP response.").arg(location),
                    openSslErrors());
    const int responseStatus = OCSP_response_status(response.get());
    if (responseStatus != OCSP_RESPONSE_STATUS_SUCCESSFUL)
        return fail(
            ErrorCode::Crypto,
            tr("The OCSP responder %1 refused to answer: %2.")
                .arg(location, QString::fromLatin1(OCSP_response_status_str(responseStatus))));
    OcspBasicResponsePtr basic(OCSP_response_get1_basic(response.get()));
    if (!basic)
        return cryptoError(tr("The OCSP response from %1 holds no basic response.").arg(location));

    // Trust exactly the issuer: the answer must be signed by it or by a responder it certified
    // for OCSP signing (OCSP_basic_verify checks id-kp-OCSPSigning and who issued the signer).
    // PARTIAL_CHAIN because the issuer is often an intermediate whose root we do not hold.
    X509StorePtr store(X509_STORE_new());
    X509StackPtr untrusted(sk_X509_new_null());
    if (!store || !untrusted || X509_STORE_add_cert(store.get(), issuer.handle()) != 1
        || X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN) != 1
        || sk_X509_push(untrusted.get(), issuer.handle()) <= 0)
        return cryptoError(tr("Could not prepare the OCSP signature check."));
    X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()),
                               static_cast<time_t>(now.toSecsSinceEpoch()));
    // The issuer among the untrusted certificates lets a responder that signs as the CA omit
    // its certificate from the answer.
    if (OCSP_basic_verify(basic.get(), untrusted.get(), store.get(), 0) <= 0)
        return cryptoError(tr("The OCSP response from %1 is not signed by %2 or by a responder "
                              "it authorised.")
                               .arg(location, issuer.subjectDn()));

    const int nonce = OCSP_check_nonce(request.request.get(), basic.get());
    if (nonce == 0)
        return fail(ErrorCode::Crypto,
                    tr("The OCSP response from %1 carries another request's nonce: it may be a "
                       "replayed answer.")
                        .arg(location));
    if (nonce != 1 && nonce != -1)
        return fail(ErrorCode::Crypto,
                    tr("The OCSP response from %1 has a nonce that does not fit the request.")
                        .arg(location));

    int status = V_OCSP_CERTSTATUS_UNKNOWN;
    int reason = OCSP_REVOKED_STATUS_NOSTATUS;
    ASN1_GENERALIZEDTIME *revokedAt = nullptr;
    ASN1_GENERALIZEDTIME *thisUpdate = nullptr;
    ASN1_GENERALIZEDTIME *nextUpdate = nullptr;
    if (OCSP_resp_find_status(basic.get(), request.id.get(), &status, &reason, &revokedAt,
                              &thisUpdate, &nextUpdate)
        != 1)
        return cryptoError(tr("The OCSP response from %1 does not answer for certificate %2.")
                               .arg(location, certificate.serialHex()));

    RevocationStatus result;
    result.source = RevocationStatus::Source::Ocsp;
    result.serialHex = certificate.serialHex();
    result.issuerDn = issuer.subjectDn();
    result.location = location;
    result.checkedAt = now;
    result.thisUpdate = CertificateRevocationList::timeOf(thisUpdate);
    result.nextUpdate = CertificateRevocationList::timeOf(nextUpdate);
    result.producedAt = CertificateRevocationList::timeOf(OCSP_resp_get0_produced_at(basic.get()));
    result.nonce = nonce == 1 ? QStringLiteral("verified") : QStringLiteral("absent");

    // OCSP_check_validity's rule, against Clock rather than the system time so that tests can
    // pin "now" as they do for the signature check above.
    if (!result.thisUpdate.isValid() || (nextUpdate && !result.nextUpdate.isValid()))
        return fail(ErrorCode::Crypto,
                    tr("The OCSP response from %1 has unreadable update times.").arg(location));
    if (result.thisUpdate > now.addSecs(ClockLeewaySeconds))
        return fail(ErrorCode::Crypto,
                    tr("The OCSP response from %1 is dated %2, in the future.")
                        .arg(location, result.thisUpdate.toString(Qt::ISODate)));
    if (result.nextUpdate.isValid() && result.nextUpdate.addSecs(ClockLeewaySeconds) < now)
        return fail(ErrorCode::Crypto,
                    tr("The OCSP response from %1 is stale: it was valid until %2.")
                        .arg(location, result.nextUpdate.toString(Qt::ISODate)));
    if (result.nextUpdate.isValid() && result.nextUpdate < result.thisUpdate)
        return fail(ErrorCode::Crypto,
                    tr("The OCSP response from %1 expires before it was made.").arg(location));
    if (!result.nextUpdate.isValid()
        && result.thisUpdate.addSecs(MaximumAgeWithoutNextUpdateSeconds) < now)
        return fail(ErrorCode::Crypto,
                    tr("The OCSP response from %1 is stale: it dates from %2.")
                        .arg(location, result.thisUpdate.toString(Qt::ISODate)));

    X509 *signer = nullptr;
    if (OCSP_resp_get0_signer(basic.get(), &signer, untrusted.get()) == 1 && signer)
        result.signerDn = Certificate::distinguishedName(X509_get_subject_name(signer));
    ERR_clear_error();

    switch (status) {
    case V_OCSP_CERTSTATUS_GOOD:
        result.state = RevocationStatus::State::Good;
        break;
    case V_OCSP_CERTSTATUS_REVOKED:
        result.state = RevocationStatus::State::Revoked;
        result.revokedAt = CertificateRevocationList::timeOf(revokedAt);
        result.reasonCode = reason >= 0 ? reason : RevocationStatus::NoReason;
        break;
    default:
        result.state = RevocationStatus::State::Unknown;
        break;
    }
    return result;
}

void OcspClient::check(const Certificate &certificate, const Certificate &issuer,
                       const QUrl &responder, Continuation<RevocationStatus> done)
{
    m_done = std::move(done);
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    m_deadline.stop();
    m_timedOut = false;
    m_tooLarge = false;
    m_certificate = certificate;
    m_issuer = issuer;
    m_startedAt = Clock::currentUtc();
    m_responder = responder.isEmpty() ? responderOf(certificate) : responder;
    if (m_responder.isEmpty()) {
        finish(fail(
            ErrorCode::InvalidInput,
            tr("Certificate %1 names no OCSP responder; give one.").arg(certificate.serialHex())));
        return;
    }
    if (!m_responder.isValid()
        || (m_responder.scheme() != QLatin1String("http")
            && m_responder.scheme() != QLatin1String("https"))) {
        finish(fail(ErrorCode::InvalidInput,
                    tr("%1 is not an http or https URL.").arg(m_responder.toString())));
        return;
    }
    auto request = buildRequest(certificate, issuer);
    if (!request) {
        finish(errorOf(request));
        return;
    }
    m_request = std::move(*request);

    QNetworkRequest http(m_responder);
    http.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArrayLiteral("application/ocsp-request"));
    http.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/ocsp-response"));
    http.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    http.setTransferTimeout(m_timeoutMilliseconds);
    m_reply = m_network->post(http, m_request->der);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, [this] {
        if (m_reply
            && m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
                > MaximumResponseSize) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > MaximumResponseSize && m_reply) {
            m_tooLarge = true;
            m_reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &OcspClient::onReplyFinished);
    m_deadline.start(m_timeoutMilliseconds);
}

void OcspClient::onReplyFinished()
{
    m_deadline.stop();
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    if (!reply)
        return;
    reply->deleteLater();
    const QString location = m_responder.toString();
    if (m_tooLarge) {
        finish(
            fail(ErrorCode::Io,
                 tr("The answer from %1 is larger than %2 KiB, more than an OCSP response can be; "
                    "it was not read.")
                     .arg(location)
                     .arg(MaximumResponseSize / 1024)));
        return;
    }
    if (m_timedOut || reply->error() == QNetworkReply::OperationCanceledError
        || reply->error() == QNetworkReply::TimeoutError) {
        finish(fail(ErrorCode::Io,
                    tr("The OCSP responder %1 did not answer within %n second(s).", nullptr,
                       (m_timeoutMilliseconds + 999) / 1000)
                        .arg(location)));
        return;
    }
    if (reply->error() != QNetworkReply::NoError) {
        finish(fail(ErrorCode::Io, tr("Could not reach the OCSP responder %1.").arg(location),
                    reply->errorString()));
        return;
    }
    const int httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (httpStatus != 200) {
        finish(fail(ErrorCode::Io,
                    tr("The OCSP responder %1 answered with HTTP status %2.")
                        .arg(location)
                        .arg(httpStatus)));
        return;
    }
    const QByteArray body = reply->read(MaximumResponseSize + 1);
    if (body.size() > MaximumResponseSize) {
        finish(
            fail(ErrorCode::Io,
                 tr("The answer from %1 is larger than %2 KiB, more than an OCSP response can be; "
                    "it was not read.")
                     .arg(location)
                     .arg(MaximumResponseSize / 1024)));
        return;
    }
    finish(evaluate(body, *m_request, *m_certificate, *m_issuer, location, m_startedAt));
}

void OcspClient::finish(Result<RevocationStatus> result)
{
    // Queued, so that the answer always comes from the event loop, an immediate failure too.
    QMetaObject::invokeMethod(
        this, [done = std::exchange(m_done, {}), result = std::move(result)] { done(result); },
        Qt::QueuedConnection);
}

} // namespace rd
