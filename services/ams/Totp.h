#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace rd {

// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), as AMS's two-factor log-in and
// authenticator apps use them: HMAC-SHA1, 30-second steps, 6 digits by default.
class Totp
{
    Q_DECLARE_TR_FUNCTIONS(Totp)

public:
    static constexpr int DefaultDigits = 6;
    static constexpr qint64 DefaultStepSeconds = 30;
    // One step either side: a phone clock a little off, or a code typed as it rolled over.
    static constexpr int AllowedDriftSteps = 1;

    // RFC 4648 base32 as authenticator apps show secrets: case, spaces and '=' padding ignored.
    static Result<QByteArray> decodeBase32(const QString &text);
    static QString encodeBase32(const QByteArray &bytes);
    // A fresh random secret of `bytes` bytes, base32.
    static QString generateSecret(int bytes = 20);

    static QString hotp(const QByteArray &key, quint64 counter, int digits = DefaultDigits);
    static QString code(const QByteArray &key, const QDateTime &time, int digits = DefaultDigits,
                        qint64 stepSeconds = DefaultStepSeconds);
    // True when `candidate` is the code of the step of `time` or of one step before or after.
    // Compared in constant time; anything that is not exactly `digits` digits is refused.
    static bool verify(const QByteArray &key, const QString &candidate, const QDateTime &time,
                       int digits = DefaultDigits, qint64 stepSeconds = DefaultStepSeconds);
};

} // namespace rd
