#include "SmtpTestServer.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace rd::test {

SmtpTestServer::SmtpTestServer(const QString &directory)
    : m_directory(directory)
{ }

SmtpTestServer::~SmtpTestServer()
{
    stop();
}

QString SmtpTestServer::maildir() const
{
    return m_directory + QStringLiteral("/maildir");
}

QString SmtpTestServer::waitingFile() const
{
    return m_directory + QStringLiteral("/waiting");
}

QString SmtpTestServer::continueFile() const
{
    return m_directory + QStringLiteral("/continue");
}

QString SmtpTestServer::quitFile() const
{
    return m_directory + QStringLiteral("/quit");
}

bool SmtpTestServer::start(const Options &options, QString *error)
{
    stop();
    QStringList arguments {QStringLiteral(RD_SMTP_SERVER_SCRIPT),
                           QStringLiteral("--maildir"),
                           maildir(),
                           QStringLiteral("--port"),
                           QString::number(options.port),
                           QStringLiteral("--security"),
                           options.security};
    if (!options.certificate.isEmpty())
        arguments << QStringLiteral("--cert") << options.certificate << QStringLiteral("--key")
                  << options.key;
    if (!options.authUser.isEmpty())
        arguments << QStringLiteral("--auth-user") << options.authUser
                  << QStringLiteral("--auth-password") << options.authPassword;
    if (!options.authOnly.isEmpty())
        arguments << QStringLiteral("--auth-only") << options.authOnly;
    for (const QString &address : options.reject)
        arguments << QStringLiteral("--reject") << address;
    if (options.sizeLimit > 0)
        arguments << QStringLiteral("--size-limit") << QString::number(options.sizeLimit);
    if (options.holdAfterMail)
        arguments << QStringLiteral("--waiting-file") << waitingFile()
                  << QStringLiteral("--continue-file") << continueFile()
                  << QStringLiteral("--quit-file") << quitFile();

    m_process = std::make_unique<QProcess>();
    // Debian's interpreter: a python3 earlier on PATH may not see python3-aiosmtpd.
    m_process->start(QStringLiteral("/usr/bin/python3"), arguments);
    if (!m_process->waitForStarted(10000)) {
        *error = QStringLiteral("cannot start /usr/bin/python3: ") + m_process->errorString();
        return false;
    }
    QByteArray output;
    const QDeadlineTimer deadline(15000);
    while (!output.contains('\n')) {
        if (deadline.hasExpired() || m_process->state() != QProcess::Running
            || !m_process->waitForReadyRead(int(deadline.remainingTime()))) {
            if (m_process->bytesAvailable() > 0) {
                output += m_process->readAllStandardOutput();
                continue;
            }
            m_process->waitForFinished(1000);
            *error = QStringLiteral("smtp_server.py did not start (is python3-aiosmtpd "
                                    "installed?): ")
                + QString::fromUtf8(output + m_process->readAllStandardError());
            return false;
        }
        output += m_process->readAllStandardOutput();
    }
    const QList<QByteArray> words = output.trimmed().split(' ');
    if (words.size() != 2 || words.at(0) != "READY") {
        *error = QStringLiteral("smtp_server.py said: ") + QString::fromUtf8(output);
        return false;
    }
    m_port = words.at(1).toInt();
    return m_port > 0;
}

void SmtpTestServer::stop()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    m_process.reset();
}

QList<QJsonObject> SmtpTestServer::messages() const
{
    QList<QJsonObject> result;
    const QDir dir(maildir());
    for (const QString &name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            result << QJsonDocument::fromJson(file.readAll()).object();
    }
    return result;
}

QList<QByteArray> SmtpTestServer::rawMessages() const
{
    QList<QByteArray> result;
    const QDir dir(maildir());
    for (const QString &name : dir.entryList({QStringLiteral("*.eml")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly))
            result << file.readAll();
    }
    return result;
}

bool SmtpTestServer::makeCertificate(const QString &directory, QString *certificate, QString *key,
                                     QString *error)
{
    *certificate = directory + QStringLiteral("/server.pem");
    *key = directory + QStringLiteral("/server.key");
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=Revocation Desk test SMTP server"),
                   QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
                   QStringLiteral("-keyout"), *key, QStringLiteral("-out"), *certificate});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        *error = QStringLiteral("openssl req failed: ") + openssl.errorString()
            + QString::fromUtf8(openssl.readAllStandardError());
        return false;
    }
    return true;
}

} // namespace rd::test
