#include "audit/AuditLog.h"

#include "core/Clock.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <optional>

namespace rd {

namespace {

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
    const QByteArray message = QByteArray::number(seq) + ':' + hash.toLatin1();
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256).toHex());
}

QByteArray AuditLog::checkpointKey()
{
    return qgetenv("REVOCATION_DESK_AUDIT_KEY");
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
    // FOR UPDATE serialises writers on PostgreSQL; SQLite writers are already serialised by the
    // caller's BEGIN IMMEDIATE.
    const QString lockHead = database.isSqlite()
        ? QStringLiteral("SELECT last_seq, last_hash FROM audit_checkpoint "
                         "WHERE id = 1")
        : QStringLiteral("SELECT last_seq, last_hash FROM audit_checkpoint "
                         "WHERE id = 1 FOR UPDATE");
    auto head = database.execute(lockHead);
    if (!head)
        return errorOf(head);
    if (!head->next())
        return fail(ErrorCode::DatabaseError, tr("The audit log has no checkpoint row."));
    const qint64 seq = head->value(0).toLongLong() + 1;
    const QString previousHash = head->value(1).toString();
    head->finish();

    const QString recordedAt = Clock::toIsoUtc(clock.now());
    const QString detailText
        = QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact));
    const QString hash = entryHash(previousHash, seq, recordedAt, actor.toString(), action,
                                   entityType, entityId, detailText);
    auto inserted = database.execute(
        QStringLiteral("INSERT INTO audit_log (seq, recorded_at, actor, action, entity_type, "
                       "entity_id, details, previous_hash, entry_hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {seq, recordedAt, actor.toString(), action, entityType, entityId, detailText, previousHash,
         hash});
    if (!inserted)
        return errorOf(inserted);

    const QByteArray key = checkpointKey();
    const QVariant signature = key.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                             : QVariant(checkpointSignature(key, seq, hash));
    auto moved = database.execute(
        QStringLiteral("UPDATE audit_checkpoint SET last_seq = ?, last_hash = ?, signature = ?, "
                       "updated_at = ? WHERE id = 1"),
        {seq, hash, signature, recordedAt});
    if (!moved)
        return errorOf(moved);
    return seq;
}

Result<AuditVerification> AuditLog::verify(const Database &database)
{
    AuditVerification result;
    auto checkpoint = database.execute(
        QStringLiteral("SELECT last_seq, last_hash, signature FROM audit_checkpoint WHERE id = 1"));
    if (!checkpoint)
        return errorOf(checkpoint);
    if (!checkpoint->next())
        return fail(ErrorCode::DatabaseError, tr("The audit log has no checkpoint row."));
    const qint64 headSeq = checkpoint->value(0).toLongLong();
    const QString headHash = checkpoint->value(1).toString();
    const QString headSignature = checkpoint->value(2).toString();
    checkpoint->finish();

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
    const QByteArray key = checkpointKey();
    if (!key.isEmpty() && headSeq > 0) {
        if (headSignature != checkpointSignature(key, headSeq, headHash)) {
            return found(AuditVerification::Finding::BadSignature, headSeq,
                         tr("The checkpoint's signature is wrong or missing: the newest entries "
                            "may have been rewritten."));
        }
        result.checkpointSigned = true;
    }
    result.explanation
        = tr("The audit chain of %n entries is whole.", nullptr, int(result.entries));
    return result;
}

} // namespace rd
