#include "core/AuditKey.h"

#include "core/SecretStore.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <openssl/crypto.h>

namespace rd {

QString AuditKey::secretName()
{
    return QStringLiteral("audit/key");
}

QString AuditKey::environmentVariable()
{
    return QStringLiteral("REVOCATION_DESK_AUDIT_KEY");
}

Result<QByteArray> AuditKey::load()
{
    auto secret = SecretStore::read(secretName(), environmentVariable());
    if (!secret)
        return errorOf(secret);
    return secret->toUtf8();
}

QString AuditKey::sign(const QByteArray &key, qint64 seq, const QString &hash)
{
    const QByteArray message = QByteArray::number(seq) + ':' + hash.toLatin1();
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256).toHex());
}

bool AuditKey::matches(const QByteArray &key, qint64 seq, const QString &hash,
                       const QString &signature)
{
    const QByteArray expected = sign(key, seq, hash).toLatin1();
    const QByteArray given = signature.toLatin1();
    // The length is no secret (always 64 hex digits); the content is.
    return given.size() == expected.size()
        && CRYPTO_memcmp(given.constData(), expected.constData(), size_t(expected.size())) == 0;
}

} // namespace rd
