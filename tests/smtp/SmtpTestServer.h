#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace rd::test {

// tests/smtp/smtp_server.py (aiosmtpd) in a child process on loopback. Every message it takes
// lands in maildir() as NNNN.eml and NNNN.json (parsed by Python's email package).
class SmtpTestServer
{
public:
    struct Options
    {
        QString security = QStringLiteral("none"); // none, starttls, tls
        QString certificate;
        QString key;
        QString authUser;
        QString authPassword;
        QString authOnly; // LOGIN or PLAIN: the only mechanism offered
        QStringList reject; // RCPT TO answered with 550
        int sizeLimit = 0; // 0: aiosmtpd's default
        int port = 0; // 0: any free port
        bool holdAfterMail = false; // waitingFile(), continueFile(), quitFile() in use
    };

    explicit SmtpTestServer(const QString &directory);
    ~SmtpTestServer();

    bool start(const Options &options, QString *error);
    void stop();
    int port() const { return m_port; }
    QString maildir() const;
    QList<QJsonObject> messages() const;
    QList<QByteArray> rawMessages() const;

    QString waitingFile() const;
    QString continueFile() const;
    QString quitFile() const;

    // A self-signed certificate for 127.0.0.1 and localhost (also its own CA), made with the
    // openssl program.
    static bool makeCertificate(const QString &directory, QString *certificate, QString *key,
                                QString *error);

private:
    QString m_directory;
    std::unique_ptr<QProcess> m_process;
    int m_port = 0;
};

} // namespace rd::test
