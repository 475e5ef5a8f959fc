#include "mail/SmtpClient.h"

#include <QFile>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QSslSocket>

Q_LOGGING_CATEGORY(lcSmtp, "rd.mail.smtp", QtWarningMsg)

namespace rd {

namespace {

constexpr qsizetype MaximumReplyBytes = 64 * 1024;

} // namespace

SmtpClient::SmtpClient(MailSettings settings, QString password)
    : m_settings(std::move(settings))
    , m_password(std::move(password))
{ }

SmtpClient::~SmtpClient()
{
    if (m_socket)
        m_socket->abort();
}

QByteArray SmtpClient::dotStuff(const QByteArray &message)
{
    QByteArray normalised = message;
    normalised.replace("\r\n", "\n");
    normalised.replace('\r', "\n");
    QByteArray out;
    out.reserve(normalised.size() + normalised.size() / 50 + 8);
    const QList<QByteArray> lines = normalised.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        if (i + 1 == lines.size() && line.isEmpty())
            break; // the message ended with a line break
        if (line.startsWith('.'))
            out += '.';
        out += line;
        out += "\r\n";
    }
    return out;
}

QDeadlineTimer SmtpClient::stepDeadline() const
{
    return QDeadlineTimer(qint64(m_settings.timeoutSeconds) * 1000);
}

SmtpFailure SmtpClient::networkFailure(const QString &step) const
{
    SmtpFailure failure;
    const QString server = QStringLiteral("%1:%2").arg(m_settings.host).arg(m_settings.port);
    if (!m_socket || m_socket->error() == QAbstractSocket::SocketTimeoutError
        || m_socket->error() == QAbstractSocket::UnknownSocketError) {
        failure.error = Error {ErrorCode::Io,
                               tr("The SMTP server %1 did not answer within %2 seconds (%3).")
                                   .arg(server)
                                   .arg(m_settings.timeoutSeconds)
                                   .arg(step),
                               {}};
    } else {
        failure.error = Error {ErrorCode::Io,
                               tr("Could not talk to the SMTP server %1 (%2): %3")
                                   .arg(server, step, m_socket->errorString()),
                               {}};
    }
    return failure;
}

SmtpFailure SmtpClient::replyFailure(const Reply &reply, const QString &step) const
{
    SmtpFailure failure;
    failure.replyCode = reply.code;
    failure.reply = reply.text();
    failure.permanent = reply.code >= 500;
    failure.error
        = Error {ErrorCode::Io, tr("The SMTP server refused %1: %2").arg(step, failure.reply), {}};
    return failure;
}

std::expected<void, SmtpFailure> SmtpClient::write(const QByteArray &bytes, const QString &step)
{
    const QDeadlineTimer deadline = stepDeadline();
    if (m_socket->write(bytes) != bytes.size())
        return std::unexpected(networkFailure(step));
    while (m_socket->bytesToWrite() > 0 || m_socket->encryptedBytesToWrite() > 0) {
        if (deadline.hasExpired() || !m_socket->waitForBytesWritten(int(deadline.remainingTime())))
            return std::unexpected(networkFailure(step));
    }
    return {};
}

std::expected<SmtpClient::Reply, SmtpFailure> SmtpClient::readReply(const QString &step)
{
    const QDeadlineTimer deadline = stepDeadline();
    Reply reply;
    while (true) {
        m_buffer += m_socket->readAll();
        const qsizetype end = m_buffer.indexOf('\n');
        if (end < 0) {
            if (m_buffer.size() > MaximumReplyBytes) {
                SmtpFailure failure;
                failure.error
                    = Error {ErrorCode::Io,
                             tr("The SMTP server sent a reply that is too long (%1).").arg(step),
                             {}};
                return std::unexpected(failure);
            }
            if (deadline.hasExpired()
                || !m_socket->waitForReadyRead(int(deadline.remainingTime()))) {
                if (m_socket->bytesAvailable() > 0)
                    continue;
                return std::unexpected(networkFailure(step));
            }
            continue;
        }
        QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 1);
        if (line.endsWith('\r'))
            line.chop(1);
        bool ok = false;
        const int code = line.left(3).toInt(&ok);
        if (!ok || code < 200 || code > 599
            || (line.size() > 3 && line.at(3) != ' ' && line.at(3) != '-')) {
            SmtpFailure failure;
            failure.error = Error {ErrorCode::Io,
                                   tr("The SMTP server's reply makes no sense (%1): %2")
                                       .arg(step, QString::fromUtf8(line.left(200))),
                                   {}};
            return std::unexpected(failure);
        }
        if (reply.code != 0 && reply.code != code) {
            SmtpFailure failure;
            failure.error
                = Error {ErrorCode::Io,
                         tr("The SMTP server's multi-line reply changed its code (%1).").arg(step),
                         {}};
            return std::unexpected(failure);
        }
        reply.code = code;
        reply.lines << QString::fromUtf8(line);
        if (line.size() == 3 || line.at(3) == ' ')
            return reply;
    }
}

std::expected<SmtpClient::Reply, SmtpFailure>
SmtpClient::command(const QByteArray &line, const QString &step, int expectedClass)
{
    if (auto written = write(line + "\r\n", step); !written)
        return errorOf(written);
    auto reply = readReply(step);
    if (!reply)
        return reply;
    if (reply->code / 100 != expectedClass)
        return std::unexpected(replyFailure(*reply, step));
    return reply;
}

std::expected<void, SmtpFailure> SmtpClient::connectToServer()
{
    m_socket = std::make_unique<QSslSocket>();
    m_buffer.clear();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!m_settings.caFile.isEmpty()) {
        const QList<QSslCertificate> certificates
            = QSslCertificate::fromPath(m_settings.caFile, QSsl::Pem);
        if (certificates.isEmpty()) {
            SmtpFailure failure;
            failure.permanent = true;
            failure.error = Error {
                ErrorCode::InvalidInput,
                tr("The CA file %1 (mail/caFile) holds no PEM certificate.").arg(m_settings.caFile),
                {}};
            return std::unexpected(failure);
        }
        configuration.addCaCertificates(certificates);
    }
    configuration.setPeerVerifyMode(m_settings.verifyCertificate ? QSslSocket::VerifyPeer
                                                                 : QSslSocket::VerifyNone);
    m_socket->setSslConfiguration(configuration);
    m_socket->setPeerVerifyName(m_settings.host);
    if (!m_settings.verifyCertificate)
        qCWarning(lcSmtp) << "mail/verifyCertificate is off: the SMTP server is not verified";

    const QDeadlineTimer deadline = stepDeadline();
    if (m_settings.security == MailSettings::Security::Tls) {
        m_socket->connectToHostEncrypted(m_settings.host, quint16(m_settings.port));
        if (!m_socket->waitForEncrypted(int(deadline.remainingTime()))) {
            if (!m_socket->sslHandshakeErrors().isEmpty())
                return std::unexpected(certificateFailure());
            return std::unexpected(networkFailure(QStringLiteral("TLS")));
        }
    } else {
        m_socket->connectToHost(m_settings.host, quint16(m_settings.port));
        if (!m_socket->waitForConnected(int(deadline.remainingTime())))
            return std::unexpected(networkFailure(QStringLiteral("connect")));
    }
    auto greeting = readReply(QStringLiteral("greeting"));
    if (!greeting)
        return errorOf(greeting);
    if (greeting->code != 220)
        return std::unexpected(replyFailure(*greeting, QStringLiteral("the connection")));
    return {};
}

SmtpFailure SmtpClient::certificateFailure() const
{
    QStringList reasons;
    for (const QSslError &error : m_socket->sslHandshakeErrors())
        reasons << error.errorString();
    SmtpFailure failure;
    // Not permanent: the operator fixes the trust (mail/caFile) and the outbox goes on.
    failure.error = Error {ErrorCode::Crypto,
                           tr("The SMTP server %1 is not trusted: %2. Give its CA in mail/caFile.")
                               .arg(m_settings.host, reasons.join(QStringLiteral("; "))),
                           {}};
    return failure;
}

std::expected<void, SmtpFailure> SmtpClient::ehlo()
{
    const QHostAddress local = m_socket->localAddress();
    QByteArray name = QByteArrayLiteral("[127.0.0.1]");
    if (!local.isNull()) {
        const QByteArray literal = local.toString().toLatin1();
        name = local.protocol() == QAbstractSocket::IPv6Protocol
            ? QByteArray("[IPv6:" + literal + ']')
            : QByteArray('[' + literal + ']');
    }
    auto reply = command("EHLO " + name, QStringLiteral("EHLO"));
    if (!reply)
        return errorOf(reply);
    m_extensions.clear();
    m_authMechanisms.clear();
    m_sizeLimit = 0;
    for (qsizetype i = 1; i < reply->lines.size(); ++i) {
        const QStringList words
            = reply->lines.at(i).mid(4).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (words.isEmpty())
            continue;
        const QString keyword = words.first().toUpper();
        m_extensions.insert(keyword);
        if (keyword == QLatin1String("SIZE") && words.size() > 1)
            m_sizeLimit = words.at(1).toLongLong();
        if (keyword == QLatin1String("AUTH")) {
            for (qsizetype w = 1; w < words.size(); ++w)
                m_authMechanisms << words.at(w).toUpper();
        }
    }
    return {};
}

std::expected<void, SmtpFailure> SmtpClient::startTls()
{
    if (!m_extensions.contains(QStringLiteral("STARTTLS"))) {
        SmtpFailure failure;
        failure.error = Error {ErrorCode::Crypto,
                               tr("The SMTP server %1 does not offer STARTTLS; the desk does not "
                                  "send mail in plain text unless mail/security is none.")
                                   .arg(m_settings.host),
                               {}};
        return std::unexpected(failure);
    }
    if (auto reply = command("STARTTLS", QStringLiteral("STARTTLS")); !reply)
        return errorOf(reply);
    if (!m_buffer.isEmpty()) {
        // Plain-text bytes after the 220 would be read as if they came through TLS.
        SmtpFailure failure;
        failure.error = Error {
            ErrorCode::Crypto, tr("The SMTP server sent data after STARTTLS; refused."), {}};
        return std::unexpected(failure);
    }
    m_socket->startClientEncryption();
    if (!m_socket->waitForEncrypted(int(stepDeadline().remainingTime()))) {
        if (!m_socket->sslHandshakeErrors().isEmpty())
            return std::unexpected(certificateFailure());
        return std::unexpected(networkFailure(QStringLiteral("STARTTLS")));
    }
    return ehlo(); // RFC 3207: forget what was said before TLS
}

std::expected<void, SmtpFailure> SmtpClient::authenticate()
{
    if (!m_socket->isEncrypted() && !MailSettings::isLoopbackHost(m_settings.host)) {
        SmtpFailure failure;
        failure.permanent = true;
        failure.error = Error {ErrorCode::AuthenticationFailed,
                               tr("The desk does not send the SMTP password in plain text: set "
                                  "mail/security to starttls or tls."),
                               {}};
        return std::unexpected(failure);
    }
    const QByteArray user = m_settings.user.toUtf8();
    const QByteArray password = m_password.toUtf8();
    std::expected<Reply, SmtpFailure> reply;
    if (m_authMechanisms.contains(QStringLiteral("PLAIN"))) {
        const QByteArray plain = QByteArray(1, '\0') + user + '\0' + password;
        const QByteArray token = plain.toBase64();
        reply = command("AUTH PLAIN " + token, QStringLiteral("AUTH PLAIN"));
    } else if (m_authMechanisms.contains(QStringLiteral("LOGIN"))) {
        reply = command("AUTH LOGIN", QStringLiteral("AUTH LOGIN"), 3);
        if (reply)
            reply = command(user.toBase64(), QStringLiteral("AUTH LOGIN"), 3);
        if (reply)
            reply = command(password.toBase64(), QStringLiteral("AUTH LOGIN"));
    } else {
        SmtpFailure failure;
        failure.permanent = true;
        failure.error
            = Error {ErrorCode::AuthenticationFailed,
                     tr("The SMTP server offers neither AUTH PLAIN nor AUTH LOGIN "
                        "(it offers: %1).")
                         .arg(m_authMechanisms.isEmpty() ? tr("no AUTH at all")
                                                         : m_authMechanisms.join(QLatin1Char(' '))),
                     {}};
        return std::unexpected(failure);
    }
    if (!reply) {
        SmtpFailure failure = reply.error();
        if (failure.replyCode == 535 || failure.replyCode == 534 || failure.replyCode == 454) {
            failure.error = Error {ErrorCode::AuthenticationFailed,
                                   tr("The SMTP server refused the user name or password for "
                                      "%1: %2")
                                       .arg(m_settings.user, failure.reply),
                                   {}};
        }
        return std::unexpected(failure);
    }
    return {};
}

void SmtpClient::quit()
{
    // Best effort: the message is already accepted; a server that hangs up first is fine.
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (write("QUIT\r\n", QStringLiteral("QUIT")))
        (void)readReply(QStringLiteral("QUIT"));
    m_socket->disconnectFromHost();
}

std::expected<SmtpReceipt, SmtpFailure> SmtpClient::send(const QString &envelopeFrom,
                                                         const QStringList &recipients,
                                                         const QByteArray &message)
{
    if (auto ok = m_settings.validate(); !ok) {
        SmtpFailure failure;
        failure.permanent = true;
        failure.error = ok.error();
        return std::unexpected(failure);
    }
    if (auto connected = connectToServer(); !connected)
        return errorOf(connected);
    if (auto greeted = ehlo(); !greeted)
        return errorOf(greeted);
    if (m_settings.security == MailSettings::Security::StartTls) {
        if (auto secured = startTls(); !secured)
            return errorOf(secured);
    }
    if (!m_settings.user.isEmpty()) {
        if (auto authenticated = authenticate(); !authenticated)
            return errorOf(authenticated);
    }

    const QByteArray data = dotStuff(message);
    if (m_sizeLimit > 0 && data.size() > m_sizeLimit) {
        quit();
        SmtpFailure failure;
        failure.permanent = true;
        failure.error = Error {ErrorCode::InvalidInput,
                               tr("The message is %1 bytes but the SMTP server takes at most %2 "
                                  "bytes (SIZE); it was not sent.")
                                   .arg(data.size())
                                   .arg(m_sizeLimit),
                               {}};
        return std::unexpected(failure);
    }
    QByteArray mailFrom = "MAIL FROM:<" + envelopeFrom.toLatin1() + '>';
    if (m_extensions.contains(QStringLiteral("SIZE")))
        mailFrom += " SIZE=" + QByteArray::number(data.size());
    if (auto reply = command(mailFrom, QStringLiteral("MAIL FROM")); !reply)
        return errorOf(reply);
    for (const QString &recipient : recipients) {
        if (auto reply = command("RCPT TO:<" + recipient.toLatin1() + '>',
                                 QStringLiteral("RCPT TO:<%1>").arg(recipient));
            !reply)
            return errorOf(reply);
    }
    if (auto reply = command("DATA", QStringLiteral("DATA"), 3); !reply)
        return errorOf(reply);
    if (auto written = write(data + ".\r\n", QStringLiteral("DATA")); !written)
        return errorOf(written);
    auto accepted = readReply(QStringLiteral("DATA"));
    if (!accepted)
        return errorOf(accepted);
    if (accepted->code / 100 != 2)
        return std::unexpected(replyFailure(*accepted, QStringLiteral("the message")));
    quit();
    return SmtpReceipt {accepted->text()};
}

} // namespace rd
