#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <memory>

namespace rd::test {

// Serves one body to every GET on loopback, as a CRL distribution point does; or, with
// silent(), accepts connections and never answers (a responder that hangs).
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
                QObject::connect(
                    socket, &QTcpSocket::readyRead, socket, [this, socket, request, answered] {
                        request->append(socket->readAll());
                        if (m_silent || *answered || !request->contains("\r\n\r\n"))
                            return;
                        *answered = true;
                        ++m_requests;
                        const QByteArray reason = m_status == 200 ? "OK" : "Not Found";
                        socket->write("HTTP/1.1 " + QByteArray::number(m_status) + ' ' + reason
                                      + "\r\nContent-Type: application/pkix-crl\r\nContent-Length: "
                                      + QByteArray::number(m_body.size())
                                      + "\r\nConnection: close\r\n\r\n" + m_body);
                        socket->disconnectFromHost();
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
    void setSilent(bool silent) { m_silent = silent; }
    QUrl url(const QString &path = QStringLiteral("/ca.crl")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    int requests() const { return m_requests; }

private:
    QTcpServer m_server;
    QByteArray m_body;
    int m_status = 200;
    bool m_silent = false;
    int m_requests = 0;
};

} // namespace rd::test
