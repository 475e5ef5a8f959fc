#pragma once

#include "core/Error.h"
#include "mail/MailSettings.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QSet>
#include <QStringList>

#include <expected>
#include <memory>

class QSslSocket;

namespace rd {

// Why a delivery did not happen, and whether trying again later can help: 4xx replies and
// network trouble are transient, 5xx replies and our own refusals (SIZE, certificate) are not.
struct SmtpFailure
{
    Error error;
    bool permanent = false;
    int replyCode = 0; // 0 when the server never answered
    QString reply; // the server's reply as it came, all lines
};

struct SmtpReceipt
{
    QString reply; // the 250 after DATA, e.g. "250 OK queued as 1234"
};

// One SMTP conversation at a time, synchronous: EHLO, STARTTLS (or TLS from the start),
// AUTH PLAIN or LOGIN, MAIL/RCPT/DATA with dot-stuffing, QUIT. Every step has its own
// deadline (mail/timeoutSeconds). Blocks the calling thread, unlike the network clients of
// core/Continuation.h: a conversation is a strict sequence of replies, and the outbox worker
// runs it off the GUI thread or in the CLI.
class SmtpClient
{
    Q_DECLARE_TR_FUNCTIONS(SmtpClient)

public:
    explicit SmtpClient(MailSettings settings, QString password = {});
    ~SmtpClient();
    Q_DISABLE_COPY_MOVE(SmtpClient)

    std::expected<SmtpReceipt, SmtpFailure>
    send(const QString &envelopeFrom, const QStringList &recipients, const QByteArray &message);

    // CRLF line endings and a dot doubled at the start of every line (RFC 5321 4.5.2).
    static QByteArray dotStuff(const QByteArray &message);

private:
    struct Reply
    {
        int code = 0;
        QStringList lines;
        QString text() const { return lines.join(QLatin1Char('\n')); }
    };

    std::expected<void, SmtpFailure> connectToServer();
    std::expected<void, SmtpFailure> startTls();
    std::expected<void, SmtpFailure> ehlo();
    std::expected<void, SmtpFailure> authenticate();
    std::expected<Reply, SmtpFailure> command(const QByteArray &line, const QString &step,
                                              int expectedClass = 2);
    std::expected<Reply, SmtpFailure> readReply(const QString &step);
    std::expected<void, SmtpFailure> write(const QByteArray &bytes, const QString &step);
    SmtpFailure networkFailure(const QString &step) const;
    SmtpFailure replyFailure(const Reply &reply, const QString &step) const;
    SmtpFailure certificateFailure() const;
    QDeadlineTimer stepDeadline() const;
    void quit();

    MailSettings m_settings;
    QString m_password;
    std::unique_ptr<QSslSocket> m_socket;
    QByteArray m_buffer;
    QSet<QString> m_extensions; // upper-case EHLO keywords
    QStringList m_authMechanisms;
    qint64 m_sizeLimit = 0; // 0: the server named none
};

} // namespace rd
