#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace rd {

struct AuditVerification
{
    enum class Finding { Intact, Changed, Removed, Inserted, CheckpointMismatch, BadSignature };

    Finding finding = Finding::Intact;
    qint64 entries = 0;
    qint64 firstBadSeq = 0; // the entry that was changed, removed or inserted
    bool checkpointSigned = false;
    QString explanation;

    bool intact() const { return finding == Finding::Intact; }
    static QString findingKey(Finding finding);
};

// Append-only, hash-chained record of who did what. Each entry's hash covers the previous
// entry's hash and its own content; the chain head is kept in audit_checkpoint, signed with an
// HMAC key when one is configured, so that cutting off the newest entries shows too.
class AuditLog
{
    Q_DECLARE_TR_FUNCTIONS(AuditLog)

public:
    // Must run inside the caller's transaction: the entry commits or rolls back with the change
    // it records. Locks the chain head, so concurrent writers never fork the chain. The entry
    // is recorded at clock's "now" (the writer's own clock, see core/Clock.h).
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

    // The HMAC key for the checkpoint: REVOCATION_DESK_AUDIT_KEY, empty when none is set.
    static QByteArray checkpointKey();

    // What the first entry links to: 64 zeros (never NULL or empty, which drivers may confuse).
    static QString genesisHash();

    static QString entryHash(const QString &previousHash, qint64 seq, const QString &recordedAt,
                             const QString &actor, const QString &action, const QString &entityType,
                             const QString &entityId, const QString &details);
    static QString checkpointSignature(const QByteArray &key, qint64 seq, const QString &hash);
};

} // namespace rd
