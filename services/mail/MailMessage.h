#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>

namespace rd {

struct MailAddress
{
    QString address; // ASCII addr-spec: the desk sends without SMTPUTF8
    QString displayName; // any Unicode, sent as RFC 2047 encoded-words when not ASCII
};

struct MailAttachment
{
    QString fileName;
    QByteArray mediaType = QByteArrayLiteral("application/pdf");
    QByteArray content;
};

// One e-mail as RFC 5322 and MIME write it: multipart/mixed around a multipart/alternative
// (text, and HTML when there is some) and the attachments in base64. The bytes are built once,
// when the message enters the outbox, and sent unchanged on every attempt, so a resend carries
// the same Message-ID.
class MailMessage
{
    Q_DECLARE_TR_FUNCTIONS(MailMessage)

public:
    MailAddress from;
    QList<MailAddress> to;
    QString subject;
    QString text;
    QString html; // empty: text only
    QList<MailAttachment> attachments;
    QString messageId; // without the angle brackets; newMessageId() when empty
    QDateTime date; // now when invalid

    // "<random>@<domain of the sender>" (RFC 5322 section 3.6.4).
    static QString newMessageId(const QString &senderAddress);
    // Refuses addresses that cannot be sent (not ASCII, no @, line breaks), before anything
    // is queued.
    static Result<void> checkAddress(const QString &address);

    // CRLF line endings, 7-bit clean, ready for DATA (before dot-stuffing).
    Result<QByteArray> toBytes();

    // RFC 2047 "B" encoded-words for non-ASCII text, split so that none is longer than 75
    // characters and no UTF-8 sequence is cut; ASCII text is returned unchanged.
    static QByteArray encodeHeaderText(const QString &text);
    static QByteArray formatAddress(const MailAddress &address);
    static QByteArray quotedPrintable(const QByteArray &utf8);
    static QByteArray base64Lines(const QByteArray &data);
    // RFC 5322 date in UTC, e.g. "Thu, 26 Nov 2026 09:00:00 +0000".
    static QByteArray rfc5322Date(const QDateTime &time);
};

} // namespace rd
