#include "SimulatorServer.h"

#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>

namespace rd::sim {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("OTHER");
    }
}

void send(QHttpServerResponder &responder, const HttpResponse &response)
{
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    responder.writeHeader(QByteArrayLiteral("Content-Type"), response.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"),
                          QByteArray::number(response.body.size()));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeBody(response.body);
}

} // namespace

SimulatorServer::SimulatorServer(SimulatorApi &api, FaultOptions faults, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_faults(faults)
{
    m_server.setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            serve(request, std::move(responder));
        });
}

Result<void> SimulatorServer::useTls(const QString &certificateFile, const QString &keyFile)
{
    QFile certificateIn(certificateFile);
    QFile keyIn(keyFile);
    if (!certificateIn.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1.").arg(certificateFile),
                    certificateIn.errorString());
    if (!keyIn.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1.").arg(keyFile), keyIn.errorString());
    const QSslCertificate certificate(certificateIn.readAll(), QSsl::Pem);
    const QByteArray keyPem = keyIn.readAll();
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (certificate.isNull() || key.isNull())
        return fail(ErrorCode::InvalidInput, tr("--tls needs a PEM certificate and its PEM key."));
    m_server.sslSetup(certificate, key);
    return {};
}

Result<quint16> SimulatorServer::listen(quint16 port)
{
    const quint16 bound = m_server.listen(QHostAddress::LocalHost, port);
    if (bound == 0) {
        return fail(ErrorCode::Io,
                    tr("Cannot listen on 127.0.0.1 port %1 (in use or not allowed).").arg(port));
    }
    return bound;
}

void SimulatorServer::serve(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    ++m_requestCount;
    if (m_faults.dropEvery > 0 && m_requestCount % static_cast<quint64>(m_faults.dropEvery) == 0) {
        // Closed without a word, as a proxy or a crashed server would.
        if (QTcpSocket *socket = responder.socket())
            socket->abort();
        return;
    }
    HttpResponse response;
    if (!m_faults.junk.isEmpty() && request.url().path().startsWith(QLatin1String("/api/"))) {
        if (m_faults.junk == QLatin1String("not-json")) {
            response.contentType = QByteArrayLiteral("text/plain");
            response.body = QByteArrayLiteral("OK maybe, who knows");
        } else if (m_faults.junk == QLatin1String("wrong-shape")) {
            response.body = QByteArrayLiteral(R"({"data":[1,2,3],"status":42,"token":7})");
        } else {
            response.status = 500;
            response.contentType = QByteArrayLiteral("text/html; charset=utf-8");
            response.body
                = QByteArrayLiteral("<html><head><title>500 Internal Server Error</title></head>"
                                    "<body><h1>Internal Server Error</h1></body></html>");
        }
    } else if (m_faults.failEvery > 0
               && m_requestCount % static_cast<quint64>(m_faults.failEvery) == 0) {
        response = errorResponse(503, QStringLiteral("unavailable"),
                                 QStringLiteral("The service is unavailable; try again later."));
        response.headers.append({QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1")});
    } else {
        HttpRequest call;
        call.method = methodName(request.method());
        call.path = request.url().path();
        call.query = request.query();
        for (const auto &[name, value] : request.headers())
            call.headers.insert(name.toLower(), value);
        call.body = request.body();
        response = m_api.handle(call);
    }
    if (m_faults.latencyMs <= 0) {
        send(responder, response);
        return;
    }
    // The work is done at once and only the answer waits, so that a caller that gives up
    // sees what a slow network shows: a change made, its answer lost. The responder refers to
    // the request, which ends with this handler, so the late answer is written to the socket
    // itself, closing the connection after it.
    QPointer<QTcpSocket> socket = responder.socket();
    QByteArray raw = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(response.status)
        + (response.status < 400 ? QByteArrayLiteral(" OK\r\n") : QByteArrayLiteral(" Error\r\n"))
        + QByteArrayLiteral("Content-Type: ") + response.contentType
        + QByteArrayLiteral("\r\nContent-Length: ") + QByteArray::number(response.body.size())
        + QByteArrayLiteral("\r\nConnection: close\r\n");
    for (const auto &[name, value] : response.headers)
        raw += name + QByteArrayLiteral(": ") + value + QByteArrayLiteral("\r\n");
    raw += QByteArrayLiteral("\r\n") + response.body;
    QTimer::singleShot(m_faults.latencyMs, this, [socket, raw] {
        if (socket && socket->state() == QAbstractSocket::ConnectedState) {
            socket->write(raw);
            socket->disconnectFromHost();
        }
    });
}

} // namespace rd::sim
