#include "mail/MailMessage.h"

#include "core/Clock.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUuid>

namespace rd {

namespace {

bool isAscii(const QString &text)
{
    for (QChar c : text) {
        if (c.unicode() > 0x7e || (c.unicode() < 0x20 && c != QLatin1Char('\t')))
            return false;
    }
    return true;
}

QByteArray boundary()
{
    // Cannot occur in base64 or quoted-printable output (it holds "=_").
    return QByteArrayLiteral("=_rd_")
        + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

// RFC 2231 would be the strict way for a non-ASCII file name; mail readers understand
// encoded-words in the name parameter far more often.
QByteArray parameterValue(const QString &value)
{
    if (isAscii(value) && !value.contains(QLatin1Char('"')) && !value.contains(QLatin1Char('\\')))
        return '"' + value.toLatin1() + '"';
    return '"' + MailMessage::encodeHeaderText(value) + '"';
}

} // namespace

QString MailMessage::newMessageId(const QString &senderAddress)
{
    QString domain = senderAddress.section(QLatin1Char('@'), 1).trimmed();
    if (domain.isEmpty() || !isAscii(domain))
        domain = QStringLiteral("revocation-desk.invalid");
    return QUuid::createUuid().toString(QUuid::WithoutBraces) + QLatin1Char('@') + domain;
}

Result<void> MailMessage::checkAddress(const QString &address)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(QStringLiteral(
        "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")));
    if (!pattern.match(address).hasMatch())
        return fail(ErrorCode::InvalidInput,
                    tr("\"%1\" is not an e-mail address the desk can send to.").arg(address));
    return {};
}

QByteArray MailMessage::encodeHeaderText(const QString &text)
{
    if (isAscii(text))
        return text.toLatin1();
    // 42 bytes of UTF-8 are 56 characters of base64: with "=?UTF-8?B?" and "?=" a word is 68
    // characters, within RFC 2047's 75, and "Subject: " and a word stay within a 78-character
    // line.
    constexpr qsizetype maxBytes = 42;
    QByteArray result;
    QByteArray chunk;
    const QList<uint> codePoints = text.toUcs4();
    for (uint codePoint : codePoints) {
        const QByteArray bytes
            = QString::fromUcs4(reinterpret_cast<const char32_t *>(&codePoint), 1).toUtf8();
        if (chunk.size() + bytes.size() > maxBytes) {
            if (!result.isEmpty())
                result += "\r\n ";
            result += "=?UTF-8?B?" + chunk.toBase64() + "?=";
            chunk.clear();
        }
        chunk += bytes;
    }
    if (!chunk.isEmpty()) {
        if (!result.isEmpty())
            result += "\r\n ";
        result += "=?UTF-8?B?" + chunk.toBase64() + "?=";
    }
    return result;
}

QByteArray MailMessage::formatAddress(const MailAddress &address)
{
    const QByteArray spec = '<' + address.address.toLatin1() + '>';
    const QString name = address.displayName.trimmed();
    if (name.isEmpty())
        return spec;
    if (isAscii(name)) {
        QString quoted = name;
        quoted.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
        quoted.replace(QLatin1Char('"'), QStringLiteral("\\\""));
        return '"' + quoted.toLatin1() + "\" " + spec;
    }
    return encodeHeaderText(name) + "\r\n " + spec;
}

QByteArray MailMessage::quotedPrintable(const QByteArray &utf8)
{
    // RFC 2045 section 6.7, with line breaks kept as hard breaks (CRLF).
    QByteArray normalised = utf8;
    normalised.replace("\r\n", "\n");
    QByteArray out;
    const QList<QByteArray> lines = normalised.split('\n');
    for (qsizetype l = 0; l < lines.size(); ++l) {
        const QByteArray &line = lines.at(l);
        QByteArray encoded;
        qsizetype lineLength = 0;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line.at(i));
            const bool last = i == line.size() - 1;
            QByteArray piece;
            if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last))
                piece = QByteArray(1, static_cast<char>(c));
            else
                piece = '=' + QByteArray::number(c, 16).toUpper().rightJustified(2, '0');
            if (lineLength + piece.size() > 75) {
                encoded += "=\r\n"; // soft break
                lineLength = 0;
            }
            encoded += piece;
            lineLength += piece.size();
        }
        out += encoded;
        if (l + 1 < lines.size())
            out += "\r\n";
    }
    return out;
}

QByteArray MailMessage::base64Lines(const QByteArray &data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    for (qsizetype i = 0; i < encoded.size(); i += 76)
        out += encoded.mid(i, 76) + "\r\n";
    return out;
}

QByteArray MailMessage::rfc5322Date(const QDateTime &time)
{
    static const char *const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const months[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime utc = time.toUTC();
    const QDate d = utc.date();
    return QByteArray(days[d.dayOfWeek() - 1]) + ", " + QByteArray::number(d.day()) + ' '
        + months[d.month() - 1] + ' ' + QByteArray::number(d.year()) + ' '
        + utc.time().toString(QStringLiteral("HH:mm:ss")).toLatin1() + " +0000";
}

Result<QByteArray> MailMessage::toBytes()
{
    if (auto ok = checkAddress(from.address); !ok)
        return errorOf(ok);
    if (to.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("The message has no recipient."));
    for (const MailAddress &recipient : std::as_const(to)) {
        if (auto ok = checkAddress(recipient.address); !ok)
            return errorOf(ok);
    }
    if (messageId.isEmpty())
        messageId = newMessageId(from.address);
    if (!date.isValid())
        date = Clock::currentUtc();

    QByteArray out;
    out += "Date: " + rfc5322Date(date) + "\r\n";
    out += "From: " + formatAddress(from) + "\r\n";
    QList<QByteArray> recipients;
    for (const MailAddress &recipient : std::as_const(to))
        recipients << formatAddress(recipient);
    out += "To: " + recipients.join(",\r\n ") + "\r\n";
    out += "Subject: " + encodeHeaderText(subject.simplified()) + "\r\n";
    out += "Message-ID: <" + messageId.toLatin1() + ">\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Auto-Submitted: auto-generated\r\n";

    const auto textPart = [](const QString &body, const char *subtype) -> QByteArray {
        return QByteArray("Content-Type: text/") + subtype
            + "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + quotedPrintable(body.toUtf8()) + "\r\n";
    };
    QByteArray body;
    if (html.isEmpty()) {
        body = textPart(text, "plain");
    } else {
        const QByteArray alternative = boundary();
        body = "Content-Type: multipart/alternative; boundary=\"" + alternative + "\"\r\n\r\n";
        body += "--" + alternative + "\r\n" + textPart(text, "plain");
        body += "--" + alternative + "\r\n" + textPart(html, "html");
        body += "--" + alternative + "--\r\n";
    }
    if (attachments.isEmpty()) {
        out += body;
        return out;
    }
    const QByteArray mixed = boundary();
    out += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";
    out += "This is a MIME message.\r\n";
    out += "--" + mixed + "\r\n" + body;
    for (const MailAttachment &attachment : std::as_const(attachments)) {
        const QByteArray name = parameterValue(attachment.fileName);
        out += "--" + mixed + "\r\n";
        out += "Content-Type: " + attachment.mediaType + ";\r\n name=" + name + "\r\n";
        out += "Content-Disposition: attachment;\r\n filename=" + name + "\r\n";
        out += "Content-Transfer-Encoding: base64\r\n\r\n";
        out += base64Lines(attachment.content);
    }
    out += "--" + mixed + "--\r\n";
    return out;
}

} // namespace rd
