#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace rd {

struct AuditVerification
{
    enum class Finding {
        Intact,
        Changed,
        Removed,
        Inserted,
        CheckpointMismatch,
        BadSignature,
        Unsigned, // a key is configured, the checkpoint carries no signature
        CheckpointMissing,
    };

    Finding finding = Finding::Intact;
    qint64 entries = 0;
    qint64 firstBadSeq = 0; // the entry that was changed, removed or inserted
    qint64 headSeq = 0; // what the checkpoint records
    bool checkpointSigned = false; // its signature was checked and is right
    // Why the signature was not checked (no key here, the keychain did not answer); empty when
    // it was. A whole chain with an unchecked signature proves nothing about its newest entries.
    QString signatureUnchecked;
    QString explanation;

    bool intact() const { return finding == Finding::Intact; }
    static QString findingKey(Finding finding);
};

// Append-only, hash-chained record of who did what. Each entry's hash covers the previous
// entry's hash and its own content; the chain head is kept in audit_checkpoint, signed with an
// HMAC key when one is configured (core/AuditKey), so that cutting off the newest entries shows
// too, and an append refuses a head whose signature does not check out rather than sign it.
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)

public:
    // Must run inside the caller's transaction: the entry commits or rolls back with the change
    // it records. Locks the chain head, so concurrent writers never fork the chain. Refuses, and
    // logs, a head that was not written by a holder of the key (wrong or missing signature,
    // entries after it, or a signed head and no key here): signing it would make a forged entry
    // look honest. The entry is recorded at clock's "now" (the writer's own clock, see
    // core/Clock.h).
    static Result<qint64> append(const Database &database, const Actor &actor,
                                 const QString &action, const QString &entityType,
                                 const QString &entityId, const QJsonObject &details = {},
                                 const Clock &clock = Clock());

    // Takes the chain head's lock first thing in a transaction. Writers that take it first
    // always take their locks in the same order, so they queue instead of deadlocking (e.g. a
    // filing that locks the agenda counter and a submit that would lock it after the head).
    static Result<void> lockChain(const Database &database);

    // A change and its audit entries in one transaction of its own (Database::inTransaction),
    // the chain locked first so that concurrent writers queue instead of deadlocking.
    template<typename Work>
    static std::invoke_result_t<Work &> inTransaction(const Database &database, Work &&work)
    {
        return database.inTransaction([&]() -> std::invoke_result_t<Work &> {
            if (auto ok = lockChain(database); !ok)
                return errorOf(ok);
            return work();
        });
    }

    static Result<AuditVerification> verify(const Database &database);

    // After an administrator has reviewed a head that `verify` finds unsigned or wrongly signed
    // (the chain itself whole), appends an `audit.resealed` entry naming that head and signs the
    // new one. Refuses a broken chain, which resealing would hide. Inside the caller's
    // transaction, like append.
    static Result<qint64> reseal(const Database &database, const Actor &actor,
                                 const QString &reason);

    // The HMAC key for the checkpoint (AuditKey::load: the environment, then the keychain).
    static Result<QByteArray> checkpointKey();

    // What the first entry links to: 64 zeros (never NULL or empty, which drivers may confuse).
    static QString genesisHash();

    static QString entryHash(const QString &previousHash, qint64 seq, const QString &recordedAt,
                             const QString &actor, const QString &action, const QString &entityType,
                             const QString &entityId, const QString &details);
    static QString checkpointSignature(const QByteArray &key, qint64 seq, const QString &hash);
};

} // namespace rd
