#include "ams/Totp.h"

#include <QMessageAuthenticationCode>

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace rd {

namespace {

constexpr char kBase32Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

} // namespace

Result<QByteArray> Totp::decodeBase32(const QString &text)
{
    QByteArray bytes;
    quint32 buffer = 0;
    int bits = 0;
    for (const QChar character : text) {
        if (character.isSpace() || character == QLatin1Char('=') || character == QLatin1Char('-'))
            continue;
        const char upper = character.toUpper().toLatin1();
        int value = -1;
        if (upper >= 'A' && upper <= 'Z')
            value = upper - 'A';
        else if (upper >= '2' && upper <= '7')
            value = upper - '2' + 26;
        if (value < 0) {
            // Neither the character nor its position: both are part of the secret, and errors
            // reach the log and the terminal.
            return fail(ErrorCode::InvalidInput,
                        tr("The one-time code secret is not base32 (letters A-Z and digits 2-7)."));
        }
        buffer = (buffer << 5) | static_cast<quint32>(value);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            bytes.append(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    if (bytes.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("The one-time code secret is empty."));
    return bytes;
}

QString Totp::encodeBase32(const QByteArray &bytes)
{
    QString text;
    quint32 buffer = 0;
    int bits = 0;
    for (const char byte : bytes) {
        buffer = (buffer << 8) | static_cast<quint8>(byte);
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            text += QLatin1Char(kBase32Alphabet[(buffer >> bits) & 0x1F]);
        }
    }
    if (bits > 0)
        text += QLatin1Char(kBase32Alphabet[(buffer << (5 - bits)) & 0x1F]);
    return text;
}

QString Totp::generateSecret(int bytes)
{
    QByteArray random(bytes, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(random.data()), bytes) != 1)
        qFatal("RAND_bytes failed");
    return encodeBase32(random);
}

QString Totp::hotp(const QByteArray &key, quint64 counter, int digits)
{
    QByteArray message(8, '\0');
    for (int i = 7; i >= 0; --i) {
        message[i] = static_cast<char>(counter & 0xFF);
        counter >>= 8;
    }
    const QByteArray mac = QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha1);
    // RFC 4226 section 5.3, dynamic truncation.
    const int offset = static_cast<quint8>(mac.at(mac.size() - 1)) & 0x0F;
    const quint32 binary
        = ((static_cast<quint32>(static_cast<quint8>(mac.at(offset))) & 0x7F) << 24)
        | (static_cast<quint32>(static_cast<quint8>(mac.at(offset + 1))) << 16)
        | (static_cast<quint32>(static_cast<quint8>(mac.at(offset + 2))) << 8)
        | static_cast<quint32>(static_cast<quint8>(mac.at(offset + 3)));
    quint64 modulus = 1;
    for (int i = 0; i < digits; ++i)
        modulus *= 10;
    return QStringLiteral("%1").arg(binary % modulus, digits, 10, QLatin1Char('0'));
}

QString Totp::code(const QByteArray &key, const QDateTime &time, int digits, qint64 stepSeconds)
{
    const qint64 seconds = time.toSecsSinceEpoch();
    return hotp(key, static_cast<quint64>(seconds / stepSeconds), digits);
}

bool Totp::verify(const QByteArray &key, const QString &candidate, const QDateTime &time,
                  int digits, qint64 stepSeconds)
{
    if (key.isEmpty() || candidate.size() != digits)
        return false;
    for (const QChar character : candidate) {
        if (character < QLatin1Char('0') || character > QLatin1Char('9'))
            return false;
    }
    const QByteArray given = candidate.toLatin1();
    const qint64 step = time.toSecsSinceEpoch() / stepSeconds;
    bool matched = false;
    for (qint64 drift = -AllowedDriftSteps; drift <= AllowedDriftSteps; ++drift) {
        if (step + drift < 0)
            continue;
        const QByteArray expected
            = hotp(key, static_cast<quint64>(step + drift), digits).toLatin1();
        // No early exit: every window is compared, in constant time.
        matched
            |= CRYPTO_memcmp(expected.constData(), given.constData(), static_cast<size_t>(digits))
            == 0;
    }
    return matched;
}

} // namespace rd
