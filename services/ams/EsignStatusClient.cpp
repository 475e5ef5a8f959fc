#include "ams/EsignStatusClient.h"

#include "register/IdentityNumbers.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace rd {

namespace {

Error unexpectedAnswer(const QString &what, int status, const QByteArray &body)
{
    return Error {
        ErrorCode::Internal,
        EsignStatusClient::tr("The Esign service answered, but not as expected (%1).").arg(what),
        QStringLiteral("HTTP %1: %2")
            .arg(status)
            .arg(QString::fromUtf8(body.left(160)).simplified())};
}

std::optional<Error> httpProblem(int status, const QByteArray &body)
{
    if (status == 401 || status == 403) {
        return Error {ErrorCode::AuthenticationFailed,
                      EsignStatusClient::tr("The Esign service refused the user name or "
                                            "password (settings esign/username, secret "
                                            "esign/password)."),
                      QStringLiteral("HTTP %1").arg(status)};
    }
    if (status == 502 || status == 503 || status == 504 || status >= 500) {
        return Error {ErrorCode::Io,
                      EsignStatusClient::tr("The Esign service reported a failure (HTTP %1); "
                                            "try again later.")
                          .arg(status),
                      QString::fromUtf8(body.left(160)).simplified()};
    }
    return std::nullopt;
}

} // namespace

const QStringList &EsignStatusClient::statusWords()
{
    static const QStringList words
        = {QStringLiteral("ISSUE"),          QStringLiteral("REVOKE"),
           QStringLiteral("RENEW"),          QStringLiteral("EXPIRED"),
           QStringLiteral("NO_CERTIFICATE"), QStringLiteral("NOT_REGISTERED")};
    return words;
}

EsignStatusClient::EsignStatusClient(QNetworkAccessManager &network, const QUrl &baseUrl,
                                     EsignApiVersion api, QObject *parent)
    : QObject(parent)
    , m_http(new AmsHttpClient(network, QStringLiteral("Esign"), this))
    , m_baseUrl(baseUrl)
    , m_api(api)
{ }

void EsignStatusClient::setCredentials(const QString &username, const QString &password)
{
    m_authorization = "Basic " + (username + QLatin1Char(':') + password).toUtf8().toBase64();
}

QUrl EsignStatusClient::endpoint(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base + path);
    return url;
}

AmsHttpCall EsignStatusClient::basicCall(const QString &path) const
{
    AmsHttpCall call;
    call.url = endpoint(path);
    call.repeatable = true; // reads only
    if (!m_authorization.isEmpty())
        call.headers.append({QByteArrayLiteral("Authorization"), m_authorization});
    return call;
}

Result<EsignStatus> EsignStatusClient::parseStatus(int httpStatus, const QByteArray &body,
                                                   const QString &api)
{
    if (auto problem = httpProblem(httpStatus, body))
        return std::unexpected(*problem);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::unexpected(unexpectedAnswer(tr("not a JSON object"), httpStatus, body));
    const QJsonObject object = document.object();
    const QJsonValue codeValue = object.value(QStringLiteral("status_code"));
    EsignStatus status;
    status.api = api;
    status.statusCode = codeValue.isString() ? codeValue.toString().toInt() : codeValue.toInt();
    status.status = object.value(QStringLiteral("status")).toString().trimmed().toUpper();
    status.message = object.value(QStringLiteral("message")).toString();
    // The codes sop-en.md names say the word even when an answer leaves it out.
    if (status.status.isEmpty()) {
        if (status.statusCode == 1110 || status.statusCode == 2011)
            status.status = QStringLiteral("NOT_REGISTERED");
        else if (status.statusCode == 2021)
            status.status = QStringLiteral("NO_CERTIFICATE");
    }
    if (status.status.isEmpty() && status.statusCode == 0)
        return std::unexpected(
            unexpectedAnswer(tr("no status_code and no status"), httpStatus, body));
    if (!statusWords().contains(status.status)) {
        return std::unexpected(unexpectedAnswer(
            tr("unknown status \"%1\" with code %2").arg(status.status).arg(status.statusCode),
            httpStatus, body));
    }
    return status;
}

Result<EsignProfile> EsignStatusClient::parseProfile(int httpStatus, const QByteArray &body)
{
    if (auto problem = httpProblem(httpStatus, body))
        return std::unexpected(*problem);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return std::unexpected(unexpectedAnswer(tr("not a JSON object"), httpStatus, body));
    const QJsonObject object = document.object();
    if (!object.value(QStringLiteral("success")).toBool()) {
        const QString message = object.value(QStringLiteral("message")).toString();
        return fail(ErrorCode::NotFound,
                    tr("The Esign service has no profile for this NIK: %1").arg(message),
                    QStringLiteral("HTTP %1").arg(httpStatus));
    }
    const QJsonObject data = object.value(QStringLiteral("data")).toObject();
    const QJsonValue list = data.value(QStringLiteral("sertifikat"));
    if (!list.isArray())
        return std::unexpected(unexpectedAnswer(tr("no data.sertifikat list"), httpStatus, body));
    EsignProfile profile;
    profile.nik = data.value(QStringLiteral("nik")).toString();
    profile.name = data.value(QStringLiteral("nama")).toString();
    profile.email = data.value(QStringLiteral("email")).toString();
    for (const QJsonValue &value : list.toArray()) {
        const QJsonObject o = value.toObject();
        EsignProfileCertificate certificate;
        certificate.serialHex = o.value(QStringLiteral("serial_number")).toString().toUpper();
        certificate.status = o.value(QStringLiteral("status")).toString();
        const QString until = o.value(QStringLiteral("berlaku_sampai")).toString();
        certificate.validUntil = QDate::fromString(until, QStringLiteral("dd-MM-yyyy"));
        if (!until.isEmpty() && !certificate.validUntil.isValid()) {
            return std::unexpected(unexpectedAnswer(
                tr("berlaku_sampai \"%1\" is not dd-mm-YYYY").arg(until), httpStatus, body));
        }
        profile.certificates.push_back(certificate);
    }
    return profile;
}

void EsignStatusClient::statusCall(const AmsHttpCall &call, Continuation<EsignStatus> done)
{
    const QString api = m_api == EsignApiVersion::V2 ? QStringLiteral("v2") : QStringLiteral("v1");
    m_http->send(call, {this, [done = std::move(done), api](Result<AmsHttpAnswer> answer) {
                            if (!answer)
                                return done(errorOf(answer));
                            done(parseStatus(answer->status, answer->body, api));
                        }});
}

void EsignStatusClient::statusByNik(const QString &nik, Continuation<EsignStatus> done)
{
    if (const QString problem = IdentityNumbers::nikProblem(nik); !problem.isEmpty())
        return done(fail(ErrorCode::InvalidInput, problem));
    if (m_api == EsignApiVersion::V1)
        return statusCall(basicCall(QStringLiteral("/api/user/status/") + nik), std::move(done));
    AmsHttpCall call = basicCall(QStringLiteral("/api/v2/user/check/status"));
    call.method = QByteArrayLiteral("POST");
    call.body
        = QJsonDocument(QJsonObject {{QStringLiteral("nik"), nik}}).toJson(QJsonDocument::Compact);
    statusCall(call, std::move(done));
}

void EsignStatusClient::statusByEmail(const QString &email, Continuation<EsignStatus> done)
{
    if (m_api != EsignApiVersion::V2) {
        return done(fail(ErrorCode::InvalidInput,
                         tr("The Esign v1 API asks by NIK only; set esign/api to v2 to ask by "
                            "e-mail.")));
    }
    if (!email.contains(QLatin1Char('@')))
        return done(
            fail(ErrorCode::InvalidInput, tr("\"%1\" is not an e-mail address.").arg(email)));
    AmsHttpCall call = basicCall(QStringLiteral("/api/v2/user/check/status"));
    call.method = QByteArrayLiteral("POST");
    call.body = QJsonDocument(QJsonObject {{QStringLiteral("email"), email}})
                    .toJson(QJsonDocument::Compact);
    statusCall(call, std::move(done));
}

void EsignStatusClient::profile(const QString &nik, Continuation<EsignProfile> done)
{
    if (const QString problem = IdentityNumbers::nikProblem(nik); !problem.isEmpty())
        return done(fail(ErrorCode::InvalidInput, problem));
    m_http->send(basicCall(QStringLiteral("/api/user/profile/") + nik),
                 {this, [done = std::move(done)](Result<AmsHttpAnswer> answer) {
                      if (!answer)
                          return done(errorOf(answer));
                      done(parseProfile(answer->status, answer->body));
                  }});
}

} // namespace rd
