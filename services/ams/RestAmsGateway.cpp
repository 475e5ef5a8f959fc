#include "ams/RestAmsGateway.h"

#include "core/SecretStore.h"

#include "core/AppSettings.h"

#include "ams/AmsSettings.h"

#include "ams/Totp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QUrlQuery>

namespace rd {

namespace {

Error unexpected(const QString &what, const QString &detail)
{
    return Error {ErrorCode::Internal,
                  RestAmsGateway::tr("AMS answered, but not with the JSON this program expects "
                                     "(%1). Nothing is taken as done; the request stays as it "
                                     "was.")
                      .arg(what),
                  detail};
}

QString snippet(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(160)).simplified();
    return body.size() > 160 ? text + QStringLiteral("...") : text;
}

QDateTime timeField(const QJsonObject &object, const QString &key)
{
    return QDateTime::fromString(object.value(key).toString(), Qt::ISODate).toUTC();
}

} // namespace

RestAmsGateway::RestAmsGateway(QNetworkAccessManager &network, const QUrl &baseUrl, QObject *parent)
    : AmsRevocationGateway(parent)
    , m_http(new AmsHttpClient(network, QStringLiteral("AMS"), this))
    , m_baseUrl(baseUrl)
{ }

QUrl RestAmsGateway::endpoint(const QString &path) const
{
    QUrl url = m_baseUrl;
    QString base = url.path();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(base + (query < 0 ? path : path.left(query)));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    return url;
}

Result<QJsonObject> RestAmsGateway::interpret(const Result<AmsHttpAnswer> &answer, bool kept) const
{
    if (!answer)
        return errorOf(answer);
    const int status = answer->status;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(answer->body, &parseError);
    const QString detail
        = QStringLiteral("HTTP %1, %2: %3")
              .arg(status)
              .arg(QString::fromLatin1(answer->contentType), snippet(answer->body));
    if (status >= 200 && status < 300) {
        if (!document.isObject())
            return std::unexpected(unexpected(tr("the answer is not a JSON object"), detail));
        return document.object();
    }
    const QJsonObject error = document.object().value(QStringLiteral("error")).toObject();
    const QString code = error.value(QStringLiteral("code")).toString();
    const QString message = error.value(QStringLiteral("message")).toString();
    if (status == 502 || status == 503 || status == 504)
        return std::unexpected(m_http->unreachable(detail, kept));
    if (code.isEmpty()) {
        if (status >= 500) {
            return fail(ErrorCode::Io,
                        (kept ? tr("AMS reported a failure of its own (HTTP %1) and did not "
                                   "answer in JSON. Your request is kept and will be sent again.")
                              : tr("AMS reported a failure of its own (HTTP %1) and did not "
                                   "answer in JSON; try again later."))
                            .arg(status),
                        detail);
        }
        return std::unexpected(unexpected(tr("HTTP %1 without a JSON error").arg(status), detail));
    }
    // AMS's own code goes first into the detail, where amsErrorCode() finds it.
    const QString coded = AmsErrorCodeMarker + code + QStringLiteral("; ") + detail;
    if (code == QLatin1String("invalid_credentials"))
        return fail(ErrorCode::AuthenticationFailed, tr("AMS refused the user name or password."),
                    coded);
    if (code == QLatin1String("invalid_otp"))
        return fail(ErrorCode::AuthenticationFailed,
                    tr("AMS refused the one-time code. Wait for the next code and try again."),
                    coded);
    if (status == 401)
        return fail(ErrorCode::AuthenticationFailed,
                    tr("AMS wants a log-in first (the session is missing or expired)."), coded);
    if (status == 403 || code == QLatin1String("forbidden"))
        return fail(ErrorCode::PermissionDenied,
                    tr("AMS does not allow this account to do this: %1").arg(message), coded);
    if (status == 404)
        return fail(ErrorCode::NotFound, tr("AMS does not know it: %1").arg(message), coded);
    if (status == 409)
        return fail(ErrorCode::Conflict, tr("AMS refused: %1").arg(message), coded);
    if (status >= 500)
        return fail(ErrorCode::Io,
                    (kept ? tr("AMS reported a failure of its own: %1. Your request is kept and "
                               "will be sent again.")
                          : tr("AMS reported a failure of its own: %1. Try again later."))
                        .arg(message),
                    coded);
    return fail(ErrorCode::InvalidInput, tr("AMS refused the request: %1").arg(message), coded);
}

QString RestAmsGateway::amsErrorCode(const Error &error)
{
    if (!error.detail.startsWith(AmsErrorCodeMarker))
        return {};
    const qsizetype end = error.detail.indexOf(QLatin1Char(';'), AmsErrorCodeMarker.size());
    return end < 0 ? QString()
                   : error.detail.mid(AmsErrorCodeMarker.size(), end - AmsErrorCodeMarker.size());
}

bool RestAmsGateway::isWrongPassword(const Error &error)
{
    return error.code == ErrorCode::AuthenticationFailed
        && amsErrorCode(error) == QLatin1String("invalid_credentials");
}

bool RestAmsGateway::isWrongOneTimeCode(const Error &error)
{
    return error.code == ErrorCode::AuthenticationFailed
        && amsErrorCode(error) == QLatin1String("invalid_otp");
}

void RestAmsGateway::ping(Continuation<AmsHealth> done)
{
    AmsHttpCall call;
    call.url = endpoint(QStringLiteral("/api/v1/health"));
    call.repeatable = true;
    m_http->send(
        call, {this, [this, done = std::move(done)](Result<AmsHttpAnswer> answer) {
                   auto object = interpret(answer);
                   if (!object)
                       return done(errorOf(object));
                   const QString status = object->value(QStringLiteral("status")).toString();
                   if (status.isEmpty())
                       return done(std::unexpected(unexpected(
                           tr("no \"status\" in the health answer"), snippet(answer->body))));
                   done(AmsHealth {status, object->value(QStringLiteral("api_version")).toString(),
                                   object->value(QStringLiteral("service")).toString(),
                                   timeField(*object, QStringLiteral("time"))});
               }});
}

void RestAmsGateway::logIn(const QString &username, const QString &password,
                           const QString &oneTimeCode, Continuation<void> done)
{
    AmsHttpCall call;
    call.method = QByteArrayLiteral("POST");
    call.url = endpoint(QStringLiteral("/api/v1/auth/login"));
    call.body = QJsonDocument(QJsonObject {{QStringLiteral("username"), username},
                                           {QStringLiteral("password"), password},
                                           {QStringLiteral("otp"), oneTimeCode}})
                    .toJson(QJsonDocument::Compact);
    // Logging in changes nothing that a second try could double.
    call.repeatable = true;
    m_http->send(call, {this, [this, done = std::move(done)](Result<AmsHttpAnswer> answer) {
                            auto object = interpret(answer);
                            if (!object)
                                return done(errorOf(object));
                            const QString token = object->value(QStringLiteral("token")).toString();
                            if (token.isEmpty()) {
                                return done(std::unexpected(unexpected(
                                    tr("no token in the log-in answer"), snippet(answer->body))));
                            }
                            m_token = token;
                            done({});
                        }});
}

void RestAmsGateway::authorized(AmsHttpCall call, Continuation<QJsonObject> done,
                                bool mayLogInAgain)
{
    const bool canLogIn = !m_credentials.username.isEmpty() && !m_credentials.totpSecret.isEmpty();
    auto loginThenSend = [this, call, done](bool again) mutable {
        auto key = Totp::decodeBase32(m_credentials.totpSecret);
        if (!key)
            return done(errorOf(key));
        const QString code = Totp::code(*key, QDateTime::currentDateTimeUtc());
        logIn(m_credentials.username, m_credentials.password, code,
              {this, [this, call, done, again](Result<void> loggedIn) mutable {
                   if (!loggedIn)
                       return done(errorOf(loggedIn));
                   authorized(call, done, again);
               }});
    };
    if (m_token.isEmpty()) {
        if (!canLogIn) {
            return done(fail(ErrorCode::AuthenticationFailed,
                             tr("Log in to AMS first: there is no session, and no one-time code "
                                "secret to log in with.")));
        }
        return loginThenSend(false);
    }
    AmsHttpCall sent = call;
    sent.headers.append({QByteArrayLiteral("Authorization"), "Bearer " + m_token.toLatin1()});
    const bool kept = call.kept;
    m_http->send(sent,
                 {this,
                  [this, done, mayLogInAgain, canLogIn, kept,
                   loginThenSend](Result<AmsHttpAnswer> answer) mutable {
                      if (answer && answer->status == 401 && mayLogInAgain && canLogIn) {
                          m_token.clear();
                          return loginThenSend(false);
                      }
                      done(interpret(answer, kept));
                  }});
}

void RestAmsGateway::listCertificates(const QString &nik,
                                      Continuation<std::vector<AmsCertificate>> done)
{
    AmsHttpCall call;
    call.url = endpoint(QStringLiteral("/api/v1/holders/%1/certificates")
                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(nik))));
    call.repeatable = true;
    authorized(
        call,
        {this, [done = std::move(done)](Result<QJsonObject> object) {
             if (!object)
                 return done(errorOf(object));
             const QJsonValue list = object->value(QStringLiteral("certificates"));
             if (!list.isArray()) {
                 return done(std::unexpected(unexpected(
                     tr("no \"certificates\" list"),
                     QString::fromUtf8(QJsonDocument(*object).toJson(QJsonDocument::Compact)))));
             }
             std::vector<AmsCertificate> certificates;
             for (const QJsonValue &value : list.toArray()) {
                 auto certificate = certificateFromJson(value.toObject());
                 if (!certificate)
                     return done(errorOf(certificate));
                 certificates.push_back(*certificate);
             }
             done(certificates);
         }});
}

void RestAmsGateway::requestCall(AmsHttpCall call, Continuation<AmsRequestRecord> done,
                                 const QString &objectKey)
{
    authorized(call, {this, [done = std::move(done), objectKey](Result<QJsonObject> object) {
                          if (!object)
                              return done(errorOf(object));
                          auto record = requestFromJson(
                              objectKey.isEmpty() ? *object : object->value(objectKey).toObject());
                          if (!record)
                              return done(errorOf(record));
                          done(*record);
                      }});
}

void RestAmsGateway::fileRevocationRequest(const AmsRevocationFiling &filing,
                                           const QString &idempotencyKey,
                                           Continuation<AmsRequestRecord> done)
{
    if (filing.letter.content.size() > MaximumLetterBytes) {
        return done(fail(ErrorCode::InvalidInput,
                         tr("The statement letter is larger than AMS accepts (1 MB).")));
    }
    if (!filing.letter.content.startsWith("%PDF-")) {
        return done(fail(ErrorCode::InvalidInput, tr("The statement letter must be a PDF file.")));
    }
    if (idempotencyKey.isEmpty()) {
        return done(fail(ErrorCode::Internal,
                         tr("A request to AMS that changes state needs an idempotency key.")));
    }
    AmsHttpCall call;
    call.method = QByteArrayLiteral("POST");
    call.url = endpoint(QStringLiteral("/api/v1/revocation-requests"));
    call.headers.append({QByteArrayLiteral("Idempotency-Key"), idempotencyKey.toUtf8()});
    call.repeatable = true;
    call.kept = true;
    call.body
        = QJsonDocument(
              QJsonObject {
                  {QStringLiteral("nik"), filing.nik},
                  {QStringLiteral("serial"), filing.serialHex},
                  {QStringLiteral("reason_code"), filing.reasonCode},
                  {QStringLiteral("reason_text"), filing.reasonText},
                  {QStringLiteral("letter"),
                   QJsonObject {{QStringLiteral("file_name"), filing.letter.fileName},
                                {QStringLiteral("media_type"), QStringLiteral("application/pdf")},
                                {QStringLiteral("content_base64"),
                                 QString::fromLatin1(filing.letter.content.toBase64())}}}})
              .toJson(QJsonDocument::Compact);
    requestCall(call, std::move(done));
}

void RestAmsGateway::listRequests(const QString &status,
                                  Continuation<std::vector<AmsRequestRecord>> done)
{
    AmsHttpCall call;
    call.url = endpoint(QStringLiteral("/api/v1/revocation-requests"));
    if (!status.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("status"), status);
        call.url.setQuery(query);
    }
    call.repeatable = true;
    authorized(call,
               {this, [done = std::move(done)](Result<QJsonObject> object) {
                    if (!object)
                        return done(errorOf(object));
                    const QJsonValue list = object->value(QStringLiteral("requests"));
                    if (!list.isArray())
                        return done(std::unexpected(unexpected(tr("no \"requests\" list"), {})));
                    std::vector<AmsRequestRecord> records;
                    for (const QJsonValue &value : list.toArray()) {
                        auto record = requestFromJson(value.toObject());
                        if (!record)
                            return done(errorOf(record));
                        records.push_back(*record);
                    }
                    done(records);
                }});
}

void RestAmsGateway::fetchRequest(const QString &id, Continuation<AmsRequestRecord> done)
{
    AmsHttpCall call;
    call.url = endpoint(QStringLiteral("/api/v1/revocation-requests/%1")
                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(id))));
    call.repeatable = true;
    requestCall(call, std::move(done));
}

void RestAmsGateway::changeRequest(const QString &id, const QString &action,
                                   const QJsonObject &body, const QString &idempotencyKey,
                                   Continuation<AmsRequestRecord> done, const QString &objectKey)
{
    if (idempotencyKey.isEmpty()) {
        return done(fail(ErrorCode::Internal,
                         tr("A request to AMS that changes state needs an idempotency key.")));
    }
    AmsHttpCall call;
    call.method = QByteArrayLiteral("POST");
    call.url = endpoint(QStringLiteral("/api/v1/revocation-requests/%1/%2")
                            .arg(QString::fromLatin1(QUrl::toPercentEncoding(id)), action));
    call.headers.append({QByteArrayLiteral("Idempotency-Key"), idempotencyKey.toUtf8()});
    // The key makes a repeat the same call, so a timeout may be retried.
    call.repeatable = true;
    call.kept = true;
    call.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    requestCall(call, std::move(done), objectKey);
}

void RestAmsGateway::revoke(const QString &id, int reasonCode, const QString &idempotencyKey,
                            Continuation<AmsRequestRecord> done)
{
    changeRequest(id, QStringLiteral("revoke"),
                  QJsonObject {{QStringLiteral("reason_code"), reasonCode}}, idempotencyKey,
                  std::move(done), QStringLiteral("request"));
}

void RestAmsGateway::reject(const QString &id, const QString &reason, const QString &idempotencyKey,
                            Continuation<AmsRequestRecord> done)
{
    changeRequest(id, QStringLiteral("reject"), QJsonObject {{QStringLiteral("reason"), reason}},
                  idempotencyKey, std::move(done));
}

Result<AmsCertificate> RestAmsGateway::certificateFromJson(const QJsonObject &o)
{
    AmsCertificate c;
    c.serialHex = o.value(QStringLiteral("serial")).toString().toUpper();
    c.issuerDn = o.value(QStringLiteral("issuer")).toString();
    c.subjectDn = o.value(QStringLiteral("subject")).toString();
    c.notBefore = timeField(o, QStringLiteral("not_before"));
    c.notAfter = timeField(o, QStringLiteral("not_after"));
    c.status = o.value(QStringLiteral("status")).toString();
    c.revokedAt = timeField(o, QStringLiteral("revoked_at"));
    c.reasonCode = o.value(QStringLiteral("reason_code")).toInt(-1);
    c.pem = o.value(QStringLiteral("pem")).toString().toLatin1();
    static const QStringList statuses
        = {QStringLiteral("active"), QStringLiteral("revoked"), QStringLiteral("expired")};
    if (c.serialHex.isEmpty() || c.subjectDn.isEmpty() || !c.notBefore.isValid()
        || !c.notAfter.isValid() || !statuses.contains(c.status)) {
        return std::unexpected(unexpected(
            tr("a certificate without serial, subject, validity or a known status"),
            QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact).left(300))));
    }
    return c;
}

Result<AmsRequestRecord> RestAmsGateway::requestFromJson(const QJsonObject &o)
{
    AmsRequestRecord r;
    r.id = o.value(QStringLiteral("id")).toString();
    r.nik = o.value(QStringLiteral("nik")).toString();
    r.serialHex = o.value(QStringLiteral("serial")).toString();
    r.reasonCode = o.value(QStringLiteral("reason_code")).toInt(-1);
    r.reasonText = o.value(QStringLiteral("reason_text")).toString();
    r.status = o.value(QStringLiteral("status")).toString();
    r.createdAt = timeField(o, QStringLiteral("created_at"));
    r.updatedAt = timeField(o, QStringLiteral("updated_at"));
    r.revokedAt = timeField(o, QStringLiteral("revoked_at"));
    r.rejectionReason = o.value(QStringLiteral("rejection_reason")).toString();
    r.letterSha256
        = o.value(QStringLiteral("letter")).toObject().value(QStringLiteral("sha256")).toString();
    static const QStringList statuses
        = {QStringLiteral("pending"), QStringLiteral("revoked"), QStringLiteral("rejected")};
    if (r.id.isEmpty() || r.serialHex.isEmpty() || !statuses.contains(r.status)) {
        return std::unexpected(unexpected(
            tr("a request without id, serial or a known status"),
            QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact).left(300))));
    }
    return r;
}

Result<std::unique_ptr<RestAmsGateway>> RestAmsGateway::configured(QNetworkAccessManager &network)
{
    AppSettings appSettings;
    AmsSettings settings(appSettings.raw());
    if (auto ok = settings.validate(); !ok)
        return errorOf(ok);
    if (settings.backend() != AmsBackend::Rest) {
        return fail(ErrorCode::InvalidInput,
                    tr("This needs the rest backend (setting ams/backend = rest); "
                       "with the portal backend AMS is used in its web pages."));
    }
    if (!settings.amsUrl().isValid() || settings.amsUrl().host().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("The setting ams/url is not set."));
    auto gateway = std::make_unique<RestAmsGateway>(network, settings.amsUrl());
    gateway->setPolicy({settings.timeoutMs(), settings.maxAttempts(), 500});
    if (auto ok = gateway->setCaFile(settings.caFile()); !ok)
        return errorOf(ok);
    auto password
        = SecretStore::read(AmsSettings::amsPasswordName(), AmsSettings::amsPasswordVariable());
    if (!password)
        return errorOf(password);
    auto totp
        = SecretStore::read(AmsSettings::amsTotpSecretName(), AmsSettings::amsTotpSecretVariable());
    if (!totp)
        return errorOf(totp);
    gateway->setCredentials({settings.amsUsername(), *password, *totp});
    // A stored session is only needed when the gateway cannot log in by itself.
    if (password->isEmpty() || totp->isEmpty()) {
        auto token
            = SecretStore::read(AmsSettings::amsTokenName(), AmsSettings::amsTokenVariable());
        if (!token)
            return errorOf(token);
        gateway->setToken(*token);
    }
    return gateway;
}

} // namespace rd
