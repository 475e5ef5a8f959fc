#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QString>

namespace rd {

// The key that signs the audit log's checkpoint (its chain head), and the signature itself. It
// lives in core rather than audit because the migration that creates a signed genesis head
// (database) needs it as much as AuditLog does.
class AuditKey
{
public:
    static QString secretName(); // audit/key, for `secrets set audit/key`
    static QString environmentVariable(); // REVOCATION_DESK_AUDIT_KEY

    // The environment variable when it is set and not empty (a server, a test run), otherwise
    // the keychain entry; empty when neither holds a key. An error only when the environment has
    // none and the keychain could not be asked: the caller decides whether that may pass as
    // "no key" (a verification that then proves nothing) or must stop it.
    static Result<QByteArray> load();

    // HMAC-SHA-256 of "seq:hash", in hex.
    static QString sign(const QByteArray &key, qint64 seq, const QString &hash);
    // Compares in constant time, so that the time a check takes tells nothing about how much of
    // a forged signature was right.
    static bool matches(const QByteArray &key, qint64 seq, const QString &hash,
                        const QString &signature);
};

} // namespace rd
