#include "audit/AuditLog.h"

#include "core/AuditKey.h"
#include "core/Clock.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <optional>

namespace rd {

namespace {

Q_LOGGING_CATEGORY(lcAudit, "rd.audit", QtWarningMsg)

struct Head
{
    qint64 seq = 0;
    QString hash;
    QString signature; // empty when unsigned
};

struct Entry
{
    qint64 seq = 0;
    QString recordedAt, actor, action, entityType, entityId, details, previousHash, entryHash;

    QString recompute(qint64 asSeq) const
    {
        return AuditLog::entryHash(previousHash, asSeq, recordedAt, actor, action, entityType,
                                   entityId, details);
    }
};

Entry readEntry(const QSqlQuery &query)
{
    Entry entry;
    entry.seq = query.value(0).toLongLong();
    entry.recordedAt = query.value(1).toString();
    entry.actor = query.value(2).toString();
    entry.action = query.value(3).toString();
    entry.entityType = query.value(4).toString();
    entry.entityId = query.value(5).toString();
    entry.details = query.value(6).toString();
    entry.previousHash = query.value(7).toString();
    entry.entryHash = query.value(8).toString();
    return entry;
}

void appendField(QByteArray &out, const QString &field)
{
    // Length-prefixed, so that no text can move from one field into the next unnoticed.
    const QByteArray bytes = field.toUtf8();
    out += QByteArray::number(bytes.size());
    out += ':';
    out += bytes;
    out += '\n';
}

// Reads the chain head and, on PostgreSQL, locks it (FOR UPDATE serialises writers; SQLite
// writers are already serialised by the caller's BEGIN IMMEDIATE).
Result<Head> lockHead(const Database &database)
{
    const QString sql = database.isSqlite()
        ? QStringLiteral("SELECT last_seq, last_hash, signature FROM audit_checkpoint WHERE id = 1")
        : QStringLiteral("SELECT last_seq, last_hash, signature FROM audit_checkpoint "
                         "WHERE id = 1 FOR UPDATE");
    auto query = database.execute(sql);
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::DatabaseError, AuditLog::tr("The audit log has no checkpoint row."));
    Head head {query->value(0).toLongLong(), query->value(1).toString(),
               query->value(2).isNull() ? QString() : query->value(2).toString()};
    query->finish();
    return head;
}

std::unexpected<Error> refuse(ErrorCode code, const QString &action, const QString &message,
                              const QString &why)
{
    qCCritical(lcAudit).noquote() << "refused to append" << action << "to the audit log:" << why;
    return fail(code, message, why);
}

// What makes signing the next head safe: the head was signed by a holder of the key and nothing
// follows it. Only the newest entry is read (an index look-up), not the whole chain; the rest is
// `verify`'s. Returns the key to sign with, empty where the log is unsigned.
Result<QByteArray> checkHead(const Database &database, const Head &head, const QString &action)
{
    const QString askAdministrator = AuditLog::tr(
        "Nothing was saved. Ask an administrator to check the audit log (audit verify).");
    auto loaded = AuditLog::checkpointKey();
    const QByteArray key = loaded ? *loaded : QByteArray();
    if (key.isEmpty() && !head.signature.isEmpty()) {
        QString message = AuditLog::tr("The audit log is signed, but no audit key is configured "
                                       "here (%1 or the keychain entry %2), so nothing can be "
                                       "added to it. Nothing was saved.")
                              .arg(AuditKey::environmentVariable(), AuditKey::secretName());
        if (!loaded)
            message += QLatin1Char(' ') + loaded.error().message;
        return refuse(ErrorCode::Crypto, action, message,
                      QStringLiteral("signed head %1, no key").arg(head.seq));
    }
    if (!key.isEmpty() && head.signature.isEmpty()) {
        return refuse(ErrorCode::Crypto, action,
                      AuditLog::tr("The audit log's checkpoint carries no signature although an "
                                   "audit key is configured: entries may have been written "
                                   "without the key.")
                          + QLatin1Char(' ') + askAdministrator,
                      QStringLiteral("unsigned head %1").arg(head.seq));
    }
    if (!key.isEmpty() && !AuditKey::matches(key, head.seq, head.hash, head.signature)) {
        return refuse(ErrorCode::Crypto, action,
                      AuditLog::tr("The audit log's checkpoint signature is wrong: the log was "
                                   "written to without the key.")
                          + QLatin1Char(' ') + askAdministrator,
                      QStringLiteral("wrong signature on head %1").arg(head.seq));
    }
    auto newest = database.execute(
        QStringLiteral("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    if (!newest)
        return errorOf(newest);
    const bool any = newest->next();
    const qint64 newestSeq = any ? newest->value(0).toLongLong() : 0;
    const QString newestHash = any ? newest->value(1).toString() : AuditLog::genesisHash();
    newest->finish();
    if (newestSeq != head.seq || newestHash != head.hash) {
        return refuse(ErrorCode::DatabaseError, action,
                      AuditLog::tr("The audit log does not end at its checkpoint (entry %1): "
                                   "entries were added, removed or changed outside the program.")
                              .arg(head.seq)
                          + QLatin1Char(' ') + askAdministrator,
                      QStringLiteral("head %1 %2, newest entry %3 %4")
                          .arg(head.seq)
                          .arg(head.hash)
                          .arg(newestSeq)
                          .arg(newestHash));
    }
    return key;
}

Result<qint64> appendAfter(const Database &database, const Head &head, const QByteArray &key,
                           const Actor &actor, const QString &action, const QString &entityType,
                           const QString &entityId, const QJsonObject &details, const Clock &clock)
{
    const qint64 seq = head.seq + 1;
    const QString recordedAt = Clock::toIsoUtc(clock.now());
    const QString detailText
        = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    const QString hash = AuditLog::entryHash(head.hash, seq, recordedAt, actor.toString(), action,
                                             entityType, entityId, detailText);
    auto inserted = database.execute(
        QStringLiteral("INSERT INTO audit_log (seq, recorded_at, actor, action, entity_type, "
                       "entity_id, details, previous_hash, entry_hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {seq, recordedAt, actor.toString(), action, entityType, entityId, detailText, head.hash,
         hash});
    if (!inserted)
        return errorOf(inserted);

    const QVariant signature = key.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                             : QVariant(AuditKey::sign(key, seq, hash));
    auto moved = database.execute(
        QStringLiteral("UPDATE audit_checkpoint SET last_seq = ?, last_hash = ?, signature = ?, "
                       "updated_at = ? WHERE id = 1"),
        {seq, hash, signature, recordedAt});
    if (!moved)
        return errorOf(moved);
    return seq;
}

} // namespace

QString AuditVerification::findingKey(Finding finding)
{
    switch (finding) {
    case Finding::Intact:
        return QStringLiteral("intact");
    case Finding::Changed:
        return QStringLiteral("changed");
    case Finding::Removed:
        return QStringLiteral("removed");
    case Finding::Inserted:
        return QStringLiteral("inserted");
    case Finding::CheckpointMismatch:
        return QStringLiteral("checkpoint_mismatch");
    case Finding::BadSignature:
        return QStringLiteral("bad_signature");
    case Finding::Unsigned:
        return QStringLiteral("unsigned_checkpoint");
    case Finding::CheckpointMissing:
        return QStringLiteral("checkpoint_missing");
    }
    return {};
}

QString AuditLog::genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString AuditLog::entryHash(const QString &previousHash, qint64 seq, const QString &recordedAt,
                            const QString &actor, const QString &action, const QString &entityType,
                            const QString &entityId, const QString &details)
{
    QByteArray content;
    for (const QString &field : {previousHash, QString::number(seq), recordedAt, actor, action,
                                 entityType, entityId, details})
        appendField(content, field);
    return QString::fromLatin1(
        QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
}

QString AuditLog::checkpointSignature(const QByteArray &key, qint64 seq, const QString &hash)
{
    return AuditKey::sign(key, seq, hash);
}

Result<QByteArray> AuditLog::checkpointKey()
{
    return AuditKey::load();
}

Result<void> AuditLog::lockChain(const Database &database)
{
    if (database.isSqlite())
        return {}; // BEGIN IMMEDIATE already holds the only write lock there is
    auto locked = database.execute(
        QStringLiteral("SELECT last_seq FROM audit_checkpoint WHERE id = 1 FOR UPDATE"));
    if (!locked)
        return errorOf(locked);
    return {};
}

Result<qint64> AuditLog::append(const Database &database, const Actor &actor, const QString &action,
                                const QString &entityType, const QString &entityId,
                                const QJsonObject &details, const Clock &clock)
{
    auto head = lockHead(database);
    if (!head)
        return errorOf(head);
    auto key = checkHead(database, *head, action);
    if (!key)
        return errorOf(key);
    return appendAfter(database, *head, *key, actor, action, entityType, entityId, details, clock);
}

Result<qint64> AuditLog::reseal(const Database &database, const Actor &actor, const QString &reason)
{
    if (actor.role() != Actor::Role::Administrator)
        return fail(ErrorCode::PermissionDenied,
                    tr("Only an administrator may reseal the audit log."));
    if (reason.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("Say why the audit log is resealed: the reason is kept in the log."));
    auto key = checkpointKey();
    if (!key)
        return errorOf(key);
    if (key->isEmpty()) {
        return fail(ErrorCode::InvalidInput,
                    tr("No audit key is configured (%1 or the keychain entry %2): there is "
                       "nothing to seal with.")
                        .arg(AuditKey::environmentVariable(), AuditKey::secretName()));
    }
    auto head = lockHead(database);
    if (!head)
        return errorOf(head);
    auto verified = verify(database);
    if (!verified)
        return errorOf(verified);
    if (verified->intact())
        return fail(ErrorCode::Conflict,
                    tr("The audit log is whole and signed; there is nothing to reseal."));
    if (verified->finding != AuditVerification::Finding::BadSignature
        && verified->finding != AuditVerification::Finding::Unsigned) {
        return fail(ErrorCode::Conflict,
                    tr("The audit chain itself is broken (%1); resealing would hide that. "
                       "Restore the database from a backup taken before entry %2.")
                        .arg(AuditVerification::findingKey(verified->finding))
                        .arg(verified->firstBadSeq));
    }
    qCWarning(lcAudit).noquote() << "resealing the audit log at head" << head->seq << "by"
                                 << actor.toString() << "after"
                                 << AuditVerification::findingKey(verified->finding);
    return appendAfter(
        database, *head, *key, actor, QStringLiteral("audit.resealed"), QStringLiteral("audit_log"),
        QString::number(head->seq),
        QJsonObject {{QStringLiteral("reason"), reason.trimmed()},
                     {QStringLiteral("finding"), AuditVerification::findingKey(verified->finding)},
                     {QStringLiteral("head_seq"), head->seq},
                     {QStringLiteral("head_hash"), head->hash}},
        Clock());
}

Result<AuditVerification> AuditLog::verify(const Database &database)
{
    AuditVerification result;
    auto checkpoint = database.execute(
        QStringLiteral("SELECT last_seq, last_hash, signature FROM audit_checkpoint WHERE id = 1"));
    if (!checkpoint)
        return errorOf(checkpoint);
    if (!checkpoint->next()) {
        result.finding = AuditVerification::Finding::CheckpointMissing;
        result.explanation = tr("The audit log has no checkpoint row: its newest entries cannot "
                                "be checked.");
        return result;
    }
    const qint64 headSeq = checkpoint->value(0).toLongLong();
    const QString headHash = checkpoint->value(1).toString();
    const QString headSignature = checkpoint->value(2).toString();
    checkpoint->finish();
    result.headSeq = headSeq;

    auto query = database.execute(
        QStringLiteral("SELECT seq, recorded_at, actor, action, entity_type, entity_id, details, "
                       "previous_hash, entry_hash FROM audit_log ORDER BY seq"));
    if (!query)
        return errorOf(query);

    auto found = [&result](AuditVerification::Finding finding, qint64 seq, const QString &why) {
        result.finding = finding;
        result.firstBadSeq = seq;
        result.explanation = why;
        return result;
    };

    qint64 expected = 1;
    QString previous = genesisHash(); // hash of the last entry that checked out
    QString beforePrevious; // and of the one before it
    std::optional<Entry> current;
    if (query->next())
        current = readEntry(*query);
    while (current) {
        std::optional<Entry> next;
        if (query->next())
            next = readEntry(*query);
        const Entry &entry = *current;
        ++result.entries;

        if (entry.seq > expected) {
            return found(AuditVerification::Finding::Removed, expected,
                         tr("Entry %1 was removed: the chain jumps from %2 to %3.")
                             .arg(expected)
                             .arg(expected - 1)
                             .arg(entry.seq));
        }
        if (entry.previousHash != previous) {
            if (entry.seq > 1 && entry.previousHash == beforePrevious) {
                return found(AuditVerification::Finding::Inserted, entry.seq - 1,
                             tr("Entry %1 was inserted: entry %2 links past it to entry %3.")
                                 .arg(entry.seq - 1)
                                 .arg(entry.seq)
                                 .arg(entry.seq - 2));
            }
            if (next && next->previousHash == previous) {
                return found(AuditVerification::Finding::Inserted, entry.seq,
                             tr("Entry %1 was inserted: the entry after it links to entry %2.")
                                 .arg(entry.seq)
                                 .arg(entry.seq - 1));
            }
            if (entry.recompute(entry.seq + 1) == entry.entryHash) {
                return found(
                    AuditVerification::Finding::Removed, entry.seq,
                    tr("Entry %1 was removed and the entries after it renumbered.").arg(entry.seq));
            }
            const qint64 bad = entry.seq > 1 ? entry.seq - 1 : entry.seq;
            return found(AuditVerification::Finding::Changed, bad,
                         tr("Entry %1 was changed: entry %2 no longer links to it.")
                             .arg(bad)
                             .arg(entry.seq));
        }
        if (entry.recompute(entry.seq) != entry.entryHash) {
            if (next && next->previousHash == previous) {
                return found(AuditVerification::Finding::Inserted, entry.seq,
                             tr("Entry %1 was inserted: the entry after it links to entry %2.")
                                 .arg(entry.seq)
                                 .arg(entry.seq - 1));
            }
            return found(
                AuditVerification::Finding::Changed, entry.seq,
                tr("Entry %1 was changed: its content no longer matches its hash.").arg(entry.seq));
        }
        beforePrevious = previous;
        previous = entry.entryHash;
        expected = entry.seq + 1;
        current = next;
    }

    const qint64 last = expected - 1;
    if (headSeq > last) {
        return found(
            AuditVerification::Finding::Removed, last + 1,
            tr("Entry %1 was removed: the checkpoint records %2 entries, the log holds %3.")
                .arg(last + 1)
                .arg(headSeq)
                .arg(last));
    }
    if (headSeq < last) {
        return found(AuditVerification::Finding::Inserted, headSeq + 1,
                     tr("Entry %1 was inserted after the checkpoint (entry %2).")
                         .arg(headSeq + 1)
                         .arg(headSeq));
    }
    if (headHash != previous) {
        return found(AuditVerification::Finding::CheckpointMismatch, last,
                     tr("The checkpoint does not match entry %1.").arg(last));
    }
    // The empty head is signed too: an emptied log with its checkpoint reset to zero must not
    // pass for a new one.
    auto key = checkpointKey();
    if (!key) {
        result.signatureUnchecked = key.error().message;
    } else if (key->isEmpty()) {
        result.signatureUnchecked
            = tr("No audit key is configured here (%1 or the keychain entry %2).")
                  .arg(AuditKey::environmentVariable(), AuditKey::secretName());
    } else if (headSignature.isEmpty()) {
        return found(AuditVerification::Finding::Unsigned, headSeq,
                     tr("The checkpoint carries no signature although an audit key is "
                        "configured: the log may have been emptied or rewritten without the "
                        "key."));
    } else if (!AuditKey::matches(*key, headSeq, headHash, headSignature)) {
        return found(AuditVerification::Finding::BadSignature, headSeq,
                     tr("The checkpoint's signature is wrong: the newest entries may have been "
                        "rewritten."));
    } else {
        result.checkpointSigned = true;
    }
    result.explanation
        = tr("The audit chain of %n entries is whole.", nullptr, int(result.entries));
    return result;
}

} // namespace rd
