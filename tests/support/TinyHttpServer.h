#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <memory>

namespace rd::test {

// Serves one body to every request on loopback, as a CRL distribution point does; or, with
// silent(), accepts connections and never answers (a responder that hangs). A redirect for one
// path, a Content-Length that promises more than comes (the connection then stays open), and
// the last request as it arrived are there for the tests of what a client refuses.
class TinyHttpServer
{
public:
    TinyHttpServer()
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                auto request = std::make_shared<QByteArray>();
                auto answered = std::make_shared<bool>(false);
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [this, socket, request, answered] {
                                     request->append(socket->readAll());
                                     if (m_silent || *answered || !request->contains("\r\n\r\n"))
                                         return;
                                     *answered = true;
                                     ++m_requests;
                                     m_lastRequest = *request;
                                     answer(socket, *request);
                                 });
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    void setBody(const QByteArray &body, int status = 200)
    {
        m_body = body;
        m_status = status;
    }
    void setContentType(const QByteArray &type) { m_contentType = type; }
    void setSilent(bool silent) { m_silent = silent; }
    // Requests for `path` get `status` with Location: `location`.
    void setRedirect(const QString &path, const QUrl &location, int status = 302)
    {
        m_redirectPath = path.toUtf8();
        m_redirectLocation = location.toEncoded();
        m_redirectStatus = status;
    }
    // Announces `length` bytes, sends the body and keeps the connection open.
    void setAnnouncedLength(qint64 length) { m_announcedLength = length; }
    QUrl url(const QString &path = QStringLiteral("/ca.crl")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    int requests() const { return m_requests; }
    QByteArray lastRequest() const { return m_lastRequest; }

private:
    void answer(QTcpSocket *socket, const QByteArray &request)
    {
        const QByteArray line = request.left(request.indexOf("\r\n"));
        const QList<QByteArray> parts = line.split(' ');
        if (!m_redirectPath.isEmpty() && parts.size() > 1 && parts.at(1) == m_redirectPath) {
            socket->write("HTTP/1.1 " + QByteArray::number(m_redirectStatus)
                          + " Found\r\nLocation: " + m_redirectLocation
                          + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
            return;
        }
        const QByteArray reason = m_status == 200 ? "OK" : "Not Found";
        const qint64 length = m_announcedLength >= 0 ? m_announcedLength : m_body.size();
        socket->write("HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reason
                      + "\r\nContent-Type: " + m_contentType + "\r\nContent-Length: "
                      + QByteArray::number(length) + "\r\nConnection: close\r\n\r\n" + m_body);
        if (m_announcedLength < 0)
            socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QByteArray m_body;
    QByteArray m_contentType = QByteArrayLiteral("application/pkix-crl");
    int m_status = 200;
    bool m_silent = false;
    int m_requests = 0;
    QByteArray m_lastRequest;
    QByteArray m_redirectPath;
    QByteArray m_redirectLocation;
    int m_redirectStatus = 302;
    qint64 m_announcedLength = -1;
};

} // namespace rd::test
