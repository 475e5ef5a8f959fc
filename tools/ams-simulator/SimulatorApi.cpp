#include "SimulatorApi.h"

#include "ams/Totp.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>

namespace rd::sim {

namespace {

QString iso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(iso(time)) : QJsonValue();
}

QString dmy(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("dd-MM-yyyy"));
}

bool validReasonCode(int code)
{
    // RFC 5280 CRLReason, without 7 (unused) and 8 (removeFromCRL, not a revocation).
    return code >= 0 && code <= 10 && code != 7 && code != 8;
}

QString randomToken()
{
    QByteArray bytes(32, '\0');
    for (char &byte : bytes)
        byte = static_cast<char>(QRandomGenerator::system()->bounded(256));
    return QString::fromLatin1(bytes.toHex());
}

HttpResponse esignJson(int httpStatus, int statusCode, const QString &status,
                       const QString &message)
{
    QJsonObject object {{QStringLiteral("status_code"), statusCode},
                        {QStringLiteral("message"), message}};
    if (!status.isEmpty())
        object.insert(QStringLiteral("status"), status);
    return jsonResponse(httpStatus, object);
}

} // namespace

HttpResponse jsonResponse(int status, const QJsonObject &object)
{
    HttpResponse response;
    response.status = status;
    response.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse errorResponse(int status, const QString &code, const QString &message)
{
    return jsonResponse(status,
                        QJsonObject {{QStringLiteral("error"),
                                      QJsonObject {{QStringLiteral("code"), code},
                                                   {QStringLiteral("message"), message}}}});
}

HttpResponse forbiddenResponse(const QString &message)
{
    return errorResponse(403, QStringLiteral("forbidden"), message);
}

SimulatorApi::SimulatorApi(SimulatorState &state, SimulatorAuthority &authority)
    : m_state(state)
    , m_authority(authority)
{ }

QDateTime SimulatorApi::now() const
{
    return m_clock ? m_clock() : QDateTime::currentDateTimeUtc();
}

Result<void> SimulatorApi::publishDue()
{
    // Checked when the CRL or OCSP is asked for rather than on a timer: nothing needs to run
    // between requests, and a check with nothing due costs a comparison.
    auto published = m_authority.publishIfDue(m_state, now());
    if (!published)
        return errorOf(published);
    if (*published)
        return m_state.save();
    return {};
}

void SimulatorApi::record(const QString &kind, const QString &subject, const QString &key)
{
    m_state.events.push_back({now(), kind, subject, key.isEmpty() ? m_currentKey : key});
}

HttpResponse SimulatorApi::handle(const HttpRequest &request)
{
    const bool changesState = request.method == QLatin1String("POST")
        && request.path.startsWith(QLatin1String("/api/v1/"))
        && request.path != QLatin1String("/api/v1/auth/login");
    if (!changesState)
        return dispatch(request);
    const QString key = QString::fromLatin1(request.headers.value("idempotency-key")).trimmed();
    if (key.isEmpty() || key.size() > 200) {
        return errorResponse(400, QStringLiteral("idempotency_key_required"),
                             QStringLiteral("Calls that change state need an Idempotency-Key "
                                            "header of 1 to 200 characters."));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(request.method.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.path.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(request.body);
    const QString fingerprint = QString::fromLatin1(hash.result().toHex());
    if (auto found = m_state.idempotency.constFind(key); found != m_state.idempotency.cend()) {
        if (found->fingerprint != fingerprint) {
            return errorResponse(422, QStringLiteral("idempotency_key_reused"),
                                 QStringLiteral("This Idempotency-Key was used for a different "
                                                "call."));
        }
        HttpResponse replay;
        replay.status = found->status;
        replay.body = found->body;
        replay.headers.append(
            {QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")});
        return replay;
    }
    m_currentKey = key;
    HttpResponse response = dispatch(request);
    m_currentKey.clear();
    // An answer the caller may act on is kept; a passing failure (5xx) may be tried again, and
    // so may a call refused for an expired token.
    if (response.status < 500 && response.status != 401) {
        m_state.idempotency.insert(key, {fingerprint, response.status, response.body});
        if (auto saved = m_state.save(); !saved) {
            return errorResponse(500, QStringLiteral("internal"), saved.error().toString());
        }
    }
    return response;
}

HttpResponse SimulatorApi::dispatch(const HttpRequest &request)
{
    static const QRegularExpression certificatesPath(
        QStringLiteral("^/api/v1/holders/([^/]+)/certificates$"));
    static const QRegularExpression requestPath(
        QStringLiteral("^/api/v1/revocation-requests/([^/]+)(/letter|/revoke|/reject)?$"));
    static const QRegularExpression esignStatusPath(QStringLiteral("^/api/user/status/([^/]+)$"));
    static const QRegularExpression esignProfilePath(QStringLiteral("^/api/user/profile/([^/]+)$"));
    static const QRegularExpression ocspGetPath(QStringLiteral("^/ocsp/(.+)$"));
    static const QRegularExpression oneTimeCodePath(
        QStringLiteral("^/api/v1/simulator/one-time-code/([^/]+)$"));

    const QString &path = request.path;
    const bool get = request.method == QLatin1String("GET");
    const bool post = request.method == QLatin1String("POST");

    if (get && path == QLatin1String("/ca.crt")) {
        HttpResponse response;
        response.contentType = QByteArrayLiteral("application/pkix-cert");
        response.body = m_authority.certificateDer();
        return response;
    }
    if (get && path == QLatin1String("/crl/ca.crl")) {
        if (auto ok = publishDue(); !ok)
            return errorResponse(500, QStringLiteral("internal"), ok.error().toString());
        HttpResponse response;
        response.contentType = QByteArrayLiteral("application/pkix-crl");
        response.body = m_authority.crlDer();
        return response;
    }
    const bool ocsp = (post && (path == QLatin1String("/ocsp") || path == QLatin1String("/ocsp/")))
        || (get && path.startsWith(QLatin1String("/ocsp/")));
    // The answer comes from the state at now(), whatever was published; publishing here keeps
    // index.txt and crl.der in step with it, and when writing them fails the answer stands.
    if (ocsp)
        static_cast<void>(publishDue());
    if (post && (path == QLatin1String("/ocsp") || path == QLatin1String("/ocsp/"))) {
        HttpResponse response;
        response.contentType = QByteArrayLiteral("application/ocsp-response");
        response.body = m_authority.ocspResponse(m_state, request.body, now());
        return response;
    }
    if (get) {
        if (auto match = ocspGetPath.match(path); match.hasMatch()) {
            HttpResponse response;
            response.contentType = QByteArrayLiteral("application/ocsp-response");
            const QByteArray encoded
                = QByteArray::fromPercentEncoding(match.captured(1).toLatin1());
            response.body
                = m_authority.ocspResponse(m_state, QByteArray::fromBase64(encoded), now());
            return response;
        }
    }

    // Esign Client Service shapes (BSrE), HTTP Basic.
    if (path.startsWith(QLatin1String("/api/user/"))
        || path.startsWith(QLatin1String("/api/v2/"))) {
        if (!esignAuthenticated(request)) {
            HttpResponse response = esignJson(401, 401, {}, QStringLiteral("Unauthorized"));
            response.headers.append({QByteArrayLiteral("WWW-Authenticate"),
                                     QByteArrayLiteral("Basic realm=\"esign\"")});
            return response;
        }
        if (get) {
            if (auto match = esignStatusPath.match(path); match.hasMatch())
                return esignStatusV1(match.captured(1));
            if (auto match = esignProfilePath.match(path); match.hasMatch())
                return esignProfileV1(match.captured(1));
        }
        if (post && path == QLatin1String("/api/v2/user/check/status"))
            return esignStatusV2(request);
        return esignJson(404, 404, {}, QStringLiteral("Not found"));
    }

    if (!path.startsWith(QLatin1String("/api/v1/")))
        return errorResponse(404, QStringLiteral("not_found"), QStringLiteral("No such path."));
    if (get && path == QLatin1String("/api/v1/health"))
        return health();
    if (post && path == QLatin1String("/api/v1/auth/login"))
        return login(request);
    if (get && path == QLatin1String("/api/v1/simulator/events"))
        return events();
    if (auto match = oneTimeCodePath.match(path); get && match.hasMatch())
        return oneTimeCode(match.captured(1));

    const std::optional<Session> session = authenticatedSession(request);
    if (!session) {
        HttpResponse response = errorResponse(
            401, QStringLiteral("unauthorized"),
            QStringLiteral("Log in first: the bearer token is missing, unknown or expired."));
        response.headers.append(
            {QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer")});
        return response;
    }
    if (session->role == QLatin1String("holder"))
        return holderDispatch(request, *session);
    const QString &username = session->username;
    if (get) {
        if (auto match = certificatesPath.match(path); match.hasMatch())
            return certificates(match.captured(1));
    }
    if (path == QLatin1String("/api/v1/revocation-requests")) {
        if (get)
            return listRequests(request);
        if (post)
            return fileRequest(request, username, {});
    }
    if (auto match = requestPath.match(path); match.hasMatch()) {
        const QString id = match.captured(1);
        const QString action = match.captured(2);
        if (get && action.isEmpty())
            return fetchRequest(id);
        if (get && action == QLatin1String("/letter"))
            return letter(id);
        if (post && action == QLatin1String("/revoke"))
            return revoke(request, id, username);
        if (post && action == QLatin1String("/reject"))
            return reject(request, id, username);
    }
    return errorResponse(404, QStringLiteral("not_found"), QStringLiteral("No such path."));
}

HttpResponse SimulatorApi::holderDispatch(const HttpRequest &request, const Session &session)
{
    static const QRegularExpression certificatesPath(
        QStringLiteral("^/api/v1/holders/([^/]+)/certificates$"));
    if (request.method == QLatin1String("GET")) {
        if (auto match = certificatesPath.match(request.path); match.hasMatch()) {
            if (match.captured(1) != session.nik) {
                return forbiddenResponse(QStringLiteral("A holder's account sees its own "
                                                        "certificates only."));
            }
            return certificates(session.nik);
        }
    }
    if (request.method == QLatin1String("POST")
        && request.path == QLatin1String("/api/v1/revocation-requests"))
        return fileRequest(request, session.username, session.nik);
    return forbiddenResponse(QStringLiteral("A holder's account may list its own certificates "
                                            "and file a revocation request for its own NIK, "
                                            "nothing else."));
}

HttpResponse SimulatorApi::health() const
{
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("status"), QStringLiteral("ok")},
                                     {QStringLiteral("api_version"), QStringLiteral("1")},
                                     {QStringLiteral("service"), QStringLiteral("ams-simulator")},
                                     {QStringLiteral("time"), iso(now())}});
}

HttpResponse SimulatorApi::login(const HttpRequest &request)
{
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    const QJsonObject body = document.object();
    const QString username = body.value(QStringLiteral("username")).toString();
    const QString password = body.value(QStringLiteral("password")).toString();
    const QString otp = body.value(QStringLiteral("otp")).toString();
    if (!document.isObject() || username.isEmpty() || password.isEmpty() || otp.isEmpty()) {
        return errorResponse(400, QStringLiteral("bad_request"),
                             QStringLiteral("Give username, password and otp."));
    }
    const auto account = m_state.accounts.constFind(username);
    // Esign clients use HTTP Basic on the Esign endpoints; they do not log in here.
    const bool mayLogIn = account != m_state.accounts.cend()
        && (account->role == QLatin1String("operator") || account->role == QLatin1String("holder"));
    if (!mayLogIn || account->password != password) {
        return errorResponse(401, QStringLiteral("invalid_credentials"),
                             QStringLiteral("Wrong user name or password."));
    }
    const auto key = Totp::decodeBase32(account->totpSecret);
    if (!key || !Totp::verify(*key, otp, now())) {
        return errorResponse(401, QStringLiteral("invalid_otp"),
                             QStringLiteral("Wrong or expired one-time code."));
    }
    const QString token = randomToken();
    const QDateTime expiresAt = now().addSecs(TokenLifetimeSeconds);
    m_sessions.insert(token, {username, expiresAt, account->role, account->nik});
    record(QStringLiteral("login"), username, {});
    if (auto saved = m_state.save(); !saved)
        return errorResponse(500, QStringLiteral("internal"), saved.error().toString());
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("token"), token},
                                     {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                                     {QStringLiteral("expires_at"), iso(expiresAt)},
                                     {QStringLiteral("username"), username}});
}

std::optional<SimulatorApi::Session> SimulatorApi::authenticatedSession(const HttpRequest &request)
{
    const QByteArray header = request.headers.value("authorization");
    if (!header.startsWith("Bearer "))
        return {};
    const QString token = QString::fromLatin1(header.mid(7)).trimmed();
    const auto found = m_sessions.constFind(token);
    if (found == m_sessions.cend())
        return {};
    if (found->expiresAt < now()) {
        m_sessions.remove(token);
        return {};
    }
    return *found;
}

bool SimulatorApi::esignAuthenticated(const HttpRequest &request) const
{
    const QByteArray header = request.headers.value("authorization");
    if (!header.startsWith("Basic "))
        return false;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0)
        return false;
    const QString username = QString::fromUtf8(decoded.left(colon));
    const QString password = QString::fromUtf8(decoded.mid(colon + 1));
    const auto account = m_state.accounts.constFind(username);
    return account != m_state.accounts.cend() && account->role == QLatin1String("esign")
        && account->password == password;
}

QJsonObject SimulatorApi::certificateJson(const SimulatorCertificate &c) const
{
    QByteArray pem = "-----BEGIN CERTIFICATE-----\n";
    const QByteArray base64 = c.der.toBase64();
    for (qsizetype i = 0; i < base64.size(); i += 64)
        pem += base64.mid(i, 64) + '\n';
    pem += "-----END CERTIFICATE-----\n";
    QString status = QStringLiteral("active");
    if (c.revoked())
        status = QStringLiteral("revoked");
    else if (c.notAfter < now())
        status = QStringLiteral("expired");
    return QJsonObject {
        {QStringLiteral("serial"), c.serialHex},
        {QStringLiteral("issuer"), c.issuerDn},
        {QStringLiteral("subject"), c.subjectDn},
        {QStringLiteral("not_before"), iso(c.notBefore)},
        {QStringLiteral("not_after"), iso(c.notAfter)},
        {QStringLiteral("status"), status},
        {QStringLiteral("revoked_at"), isoOrNull(c.revokedAt)},
        {QStringLiteral("reason_code"), c.revoked() ? QJsonValue(c.reasonCode) : QJsonValue()},
        {QStringLiteral("pem"), QString::fromLatin1(pem)}};
}

QJsonObject SimulatorApi::requestJson(const SimulatorRequest &r) const
{
    return QJsonObject {
        {QStringLiteral("id"), r.id},
        {QStringLiteral("nik"), r.nik},
        {QStringLiteral("serial"), r.serialHex},
        {QStringLiteral("reason_code"), r.reasonCode},
        {QStringLiteral("reason_text"), r.reasonText},
        {QStringLiteral("status"), r.status},
        {QStringLiteral("filed_by"), r.filedBy},
        {QStringLiteral("created_at"), iso(r.createdAt)},
        {QStringLiteral("updated_at"), iso(r.updatedAt)},
        {QStringLiteral("revoked_at"), isoOrNull(r.revokedAt)},
        {QStringLiteral("rejection_reason"),
         r.rejectionReason.isEmpty() ? QJsonValue() : QJsonValue(r.rejectionReason)},
        {QStringLiteral("letter"),
         QJsonObject {{QStringLiteral("file_name"), r.letterFileName},
                      {QStringLiteral("media_type"), r.letterMediaType},
                      {QStringLiteral("size"), r.letterSize},
                      {QStringLiteral("sha256"), r.letterSha256}}}};
}

HttpResponse SimulatorApi::certificates(const QString &nik) const
{
    if (!m_state.holders.contains(nik)) {
        return errorResponse(404, QStringLiteral("holder_not_found"),
                             QStringLiteral("No holder with this NIK."));
    }
    QJsonArray array;
    for (const SimulatorCertificate *certificate : m_state.certificatesOf(nik))
        array.append(certificateJson(*certificate));
    return jsonResponse(
        200, QJsonObject {{QStringLiteral("nik"), nik}, {QStringLiteral("certificates"), array}});
}

HttpResponse SimulatorApi::fileRequest(const HttpRequest &request, const QString &username,
                                       const QString &ownNik)
{
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!document.isObject()) {
        return errorResponse(400, QStringLiteral("bad_request"),
                             QStringLiteral("The body is not a JSON object."));
    }
    const QJsonObject body = document.object();
    const QString nik = body.value(QStringLiteral("nik")).toString();
    const QString serial = body.value(QStringLiteral("serial")).toString().toUpper();
    const QJsonValue reasonValue = body.value(QStringLiteral("reason_code"));
    const int reasonCode = reasonValue.toInt(-1);
    const QJsonObject letter = body.value(QStringLiteral("letter")).toObject();
    const QString fileName = letter.value(QStringLiteral("file_name")).toString();
    const QByteArray content = QByteArray::fromBase64(
        letter.value(QStringLiteral("content_base64")).toString().toLatin1());
    if (nik.isEmpty() || serial.isEmpty() || !reasonValue.isDouble() || fileName.isEmpty()) {
        return errorResponse(400, QStringLiteral("bad_request"),
                             QStringLiteral("Give nik, serial, reason_code and letter "
                                            "{file_name, media_type, content_base64}."));
    }
    if (!ownNik.isEmpty() && nik != ownNik) {
        return forbiddenResponse(QStringLiteral("A holder's account files revocation requests "
                                                "for its own NIK only."));
    }
    if (!validReasonCode(reasonCode)) {
        return errorResponse(422, QStringLiteral("invalid_reason_code"),
                             QStringLiteral("reason_code must be an RFC 5280 CRLReason."));
    }
    if (content.size() > MaximumLetterBytes) {
        return errorResponse(413, QStringLiteral("letter_too_large"),
                             QStringLiteral("The letter is larger than 1 MB."));
    }
    if (!content.startsWith("%PDF-")) {
        return errorResponse(415, QStringLiteral("letter_not_pdf"),
                             QStringLiteral("The letter must be a PDF file."));
    }
    if (!m_state.holders.contains(nik)) {
        return errorResponse(404, QStringLiteral("holder_not_found"),
                             QStringLiteral("No holder with this NIK."));
    }
    const auto certificate = m_state.certificates.constFind(serial);
    if (certificate == m_state.certificates.cend() || certificate->nik != nik) {
        return errorResponse(404, QStringLiteral("certificate_not_found"),
                             QStringLiteral("The holder has no certificate with this serial."));
    }
    if (certificate->revoked()) {
        return errorResponse(409, QStringLiteral("already_revoked"),
                             QStringLiteral("This certificate is revoked already."));
    }
    SimulatorRequest filed;
    filed.id = QStringLiteral("AMS-REV-%1").arg(m_state.nextRequestNumber, 6, 10, QLatin1Char('0'));
    filed.nik = nik;
    filed.serialHex = serial;
    filed.reasonCode = reasonCode;
    filed.reasonText = body.value(QStringLiteral("reason_text")).toString();
    filed.status = QStringLiteral("pending");
    filed.filedBy = username;
    filed.createdAt = now();
    filed.updatedAt = filed.createdAt;
    filed.letterFileName = fileName;
    filed.letterMediaType = QStringLiteral("application/pdf");
    filed.letterSize = content.size();
    filed.letterSha256 = QString::fromLatin1(
        QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
    QSaveFile file(m_state.path(QStringLiteral("letters/%1.pdf").arg(filed.id)));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return errorResponse(500, QStringLiteral("internal"), file.errorString());
    m_state.nextRequestNumber += 1;
    m_state.requests.insert(filed.id, filed);
    record(QStringLiteral("file"), filed.id, {});
    if (auto saved = m_state.save(); !saved)
        return errorResponse(500, QStringLiteral("internal"), saved.error().toString());
    return jsonResponse(201, requestJson(filed));
}

HttpResponse SimulatorApi::listRequests(const HttpRequest &request) const
{
    const QString status = request.query.queryItemValue(QStringLiteral("status"));
    if (!status.isEmpty() && status != QLatin1String("pending")
        && status != QLatin1String("revoked") && status != QLatin1String("rejected")) {
        return errorResponse(400, QStringLiteral("bad_request"),
                             QStringLiteral("status is pending, revoked or rejected."));
    }
    QJsonArray array;
    for (const SimulatorRequest &r : m_state.requests) {
        if (status.isEmpty() || r.status == status)
            array.append(requestJson(r));
    }
    return jsonResponse(200, QJsonObject {{QStringLiteral("requests"), array}});
}

HttpResponse SimulatorApi::fetchRequest(const QString &id) const
{
    const auto found = m_state.requests.constFind(id);
    if (found == m_state.requests.cend()) {
        return errorResponse(404, QStringLiteral("request_not_found"),
                             QStringLiteral("No request with this id."));
    }
    return jsonResponse(200, requestJson(*found));
}

HttpResponse SimulatorApi::letter(const QString &id) const
{
    if (!m_state.requests.contains(id)) {
        return errorResponse(404, QStringLiteral("request_not_found"),
                             QStringLiteral("No request with this id."));
    }
    QFile file(m_state.path(QStringLiteral("letters/%1.pdf").arg(id)));
    if (!file.open(QIODevice::ReadOnly))
        return errorResponse(500, QStringLiteral("internal"), file.errorString());
    HttpResponse response;
    response.contentType = QByteArrayLiteral("application/pdf");
    response.body = file.readAll();
    return response;
}

HttpResponse SimulatorApi::revoke(const HttpRequest &request, const QString &id,
                                  const QString &username)
{
    const auto found = m_state.requests.find(id);
    if (found == m_state.requests.end()) {
        return errorResponse(404, QStringLiteral("request_not_found"),
                             QStringLiteral("No request with this id."));
    }
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (!request.body.trimmed().isEmpty() && !document.isObject()) {
        return errorResponse(400, QStringLiteral("bad_request"),
                             QStringLiteral("The body is not a JSON object."));
    }
    const QJsonValue reasonValue = document.object().value(QStringLiteral("reason_code"));
    const int reasonCode = reasonValue.isUndefined() ? found->reasonCode : reasonValue.toInt(-1);
    if (!validReasonCode(reasonCode)) {
        return errorResponse(422, QStringLiteral("invalid_reason_code"),
                             QStringLiteral("reason_code must be an RFC 5280 CRLReason."));
    }
    if (found->status != QLatin1String("pending")) {
        return errorResponse(409, QStringLiteral("request_not_pending"),
                             QStringLiteral("The request is %1, not pending.").arg(found->status));
    }
    auto certificate = m_state.certificates.find(found->serialHex);
    if (certificate == m_state.certificates.end()) {
        return errorResponse(404, QStringLiteral("certificate_not_found"),
                             QStringLiteral("The request's certificate is not known."));
    }
    if (certificate->revoked()) {
        return errorResponse(409, QStringLiteral("already_revoked"),
                             QStringLiteral("This certificate is revoked already."));
    }
    const QDateTime at = now();
    certificate->revokedAt = at;
    certificate->reasonCode = reasonCode;
    found->status = QStringLiteral("revoked");
    found->revokedAt = at;
    found->updatedAt = at;
    found->reasonCode = reasonCode;
    found->filedBy = found->filedBy.isEmpty() ? username : found->filedBy;
    if (auto published = m_authority.publish(m_state, at); !published)
        return errorResponse(500, QStringLiteral("internal"), published.error().toString());
    record(QStringLiteral("revoke"), id, {});
    if (auto saved = m_state.save(); !saved)
        return errorResponse(500, QStringLiteral("internal"), saved.error().toString());
    return jsonResponse(
        200,
        QJsonObject {{QStringLiteral("request"), requestJson(*found)},
                     {QStringLiteral("certificate"), certificateJson(*certificate)}});
}

HttpResponse SimulatorApi::reject(const HttpRequest &request, const QString &id, const QString &)
{
    const auto found = m_state.requests.find(id);
    if (found == m_state.requests.end()) {
        return errorResponse(404, QStringLiteral("request_not_found"),
                             QStringLiteral("No request with this id."));
    }
    const QString reason = QJsonDocument::fromJson(request.body)
                               .object()
                               .value(QStringLiteral("reason"))
                               .toString()
                               .trimmed();
    if (reason.isEmpty()) {
        return errorResponse(400, QStringLiteral("bad_request"),
                             QStringLiteral("Give the reason for rejecting."));
    }
    if (found->status != QLatin1String("pending")) {
        return errorResponse(409, QStringLiteral("request_not_pending"),
                             QStringLiteral("The request is %1, not pending.").arg(found->status));
    }
    found->status = QStringLiteral("rejected");
    found->rejectionReason = reason;
    found->updatedAt = now();
    record(QStringLiteral("reject"), id, {});
    if (auto saved = m_state.save(); !saved)
        return errorResponse(500, QStringLiteral("internal"), saved.error().toString());
    return jsonResponse(200, requestJson(*found));
}

HttpResponse SimulatorApi::events() const
{
    QJsonArray array;
    for (const SimulatorEvent &event : m_state.events) {
        array.append(QJsonObject {{QStringLiteral("at"), iso(event.at)},
                                  {QStringLiteral("kind"), event.kind},
                                  {QStringLiteral("subject"), event.subject},
                                  {QStringLiteral("idempotency_key"), event.idempotencyKey}});
    }
    return jsonResponse(200, QJsonObject {{QStringLiteral("events"), array}});
}

HttpResponse SimulatorApi::oneTimeCode(const QString &username) const
{
    const auto account = m_state.accounts.constFind(username);
    if (account == m_state.accounts.cend() || account->totpSecret.isEmpty()) {
        return errorResponse(404, QStringLiteral("not_found"),
                             QStringLiteral("No account with a one-time code secret by this "
                                            "name."));
    }
    const auto key = Totp::decodeBase32(account->totpSecret);
    if (!key)
        return errorResponse(500, QStringLiteral("internal"), key.error().toString());
    const QDateTime at = now();
    const qint64 step = Totp::DefaultStepSeconds;
    return jsonResponse(
        200,
        QJsonObject {{QStringLiteral("username"), username},
                     {QStringLiteral("code"), Totp::code(*key, at)},
                     {QStringLiteral("valid_for_seconds"), step - at.toSecsSinceEpoch() % step}});
}

QString SimulatorApi::esignStatusWord(const QString &nik) const
{
    const auto holder = m_state.holders.constFind(nik);
    if (holder == m_state.holders.cend() || !holder->esignRegistered)
        return QStringLiteral("NOT_REGISTERED");
    const auto certificates = m_state.certificatesOf(nik);
    if (certificates.empty())
        return QStringLiteral("NO_CERTIFICATE");
    const SimulatorCertificate *latest = certificates.back();
    if (latest->revoked())
        return QStringLiteral("REVOKE");
    if (latest->notAfter < now())
        return QStringLiteral("EXPIRED");
    return certificates.size() > 1 ? QStringLiteral("RENEW") : QStringLiteral("ISSUE");
}

HttpResponse SimulatorApi::esignStatusV1(const QString &nik) const
{
    const QString word = esignStatusWord(nik);
    if (word == QLatin1String("NOT_REGISTERED"))
        return esignJson(200, 1110, word, QStringLiteral("User tidak terdaftar"));
    return esignJson(200, 1111, word, QStringLiteral("User terdaftar"));
}

HttpResponse SimulatorApi::esignProfileV1(const QString &nik) const
{
    const auto holder = m_state.holders.constFind(nik);
    if (holder == m_state.holders.cend() || !holder->esignRegistered) {
        return jsonResponse(
            404,
            QJsonObject {{QStringLiteral("success"), false},
                         {QStringLiteral("message"), QStringLiteral("User tidak terdaftar")}});
    }
    QJsonArray certificates;
    for (const SimulatorCertificate *c : m_state.certificatesOf(nik)) {
        QString status = QStringLiteral("ISSUE");
        if (c->revoked())
            status = QStringLiteral("REVOKE");
        else if (c->notAfter < now())
            status = QStringLiteral("EXPIRED");
        certificates.append(QJsonObject {{QStringLiteral("serial_number"), c->serialHex},
                                         {QStringLiteral("status"), status},
                                         {QStringLiteral("subject_dn"), c->subjectDn},
                                         {QStringLiteral("berlaku_mulai"), dmy(c->notBefore)},
                                         {QStringLiteral("berlaku_sampai"), dmy(c->notAfter)}});
    }
    return jsonResponse(200,
                        QJsonObject {{QStringLiteral("success"), true},
                                     {QStringLiteral("data"),
                                      QJsonObject {{QStringLiteral("nik"), holder->nik},
                                                   {QStringLiteral("nama"), holder->fullName},
                                                   {QStringLiteral("email"), holder->email},
                                                   {QStringLiteral("sertifikat"), certificates}}}});
}

HttpResponse SimulatorApi::esignStatusV2(const HttpRequest &request) const
{
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QString nik = body.value(QStringLiteral("nik")).toString();
    const QString email = body.value(QStringLiteral("email")).toString();
    if (nik.isEmpty() && email.isEmpty())
        return esignJson(400, 400, {}, QStringLiteral("nik atau email wajib diisi"));
    if (nik.isEmpty()) {
        for (const SimulatorHolder &holder : m_state.holders) {
            if (holder.email.compare(email, Qt::CaseInsensitive) == 0)
                nik = holder.nik;
        }
    }
    const QString word = esignStatusWord(nik);
    if (word == QLatin1String("NOT_REGISTERED"))
        return esignJson(200, 2011, word, QStringLiteral("User tidak terdaftar"));
    if (word == QLatin1String("NO_CERTIFICATE"))
        return esignJson(200, 2021, word, QStringLiteral("User belum memiliki sertifikat"));
    // BSrE publishes no code for a user with a certificate in v2; the simulator says 1111.
    return esignJson(200, 1111, word, QStringLiteral("User terdaftar"));
}

} // namespace rd::sim
