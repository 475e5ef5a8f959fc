// The audit chain: whole after normal use; changing, removing or inserting any entry (first,
// middle, last) is found at that entry; the newest entries cannot be cut off unseen, nor the log
// emptied; an append refuses a head written without the key rather than sign it; the checkpoint
// only moves forward. Runs on SQLite and, as TestAuditLogPostgres, on PostgreSQL.
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;

class TestAuditLog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void wholeChainVerifies();
    void appendOnlyInTheDatabase();
    void tamperingIsFoundAtThatEntry_data();
    void tamperingIsFoundAtThatEntry();
    void rewrittenTailNeedsTheKey();
    void entryHashIsUnambiguous();
    void genesisHeadIsSigned();
    void appendRefusesAHeadWrittenWithoutTheKey_data();
    void appendRefusesAHeadWrittenWithoutTheKey();
    void emptiedLogIsAFinding_data();
    void emptiedLogIsAFinding();
    void signedLogRefusesAWriterWithoutTheKey();
    void checkpointOnlyMovesForward();
    void resealAfterReview();

private:
    void dropAppendOnlyGuard();
    Result<qint64> appendOne(const Actor &actor);
    void forgeNextEntry(bool moveCheckpoint, const QVariant &signature);
    void shift(qint64 fromSeq, int by);
    std::unique_ptr<TestDatabase> m_test;
    DatabasePtr m_db;
    static constexpr int kEntries = 6;
};

void TestAuditLog::init()
{
    m_test = TestDatabase::create(TestDatabase::engineUnderTest());
    QVERIFY2(m_test->database(), qPrintable(m_test->error()));
    m_db = m_test->database();
    for (int i = 1; i <= kEntries; ++i) {
        Transaction transaction(*m_db);
        RD_VERIFY_RESULT(transaction.begin());
        RD_VERIFY_RESULT(
            AuditLog::append(*m_db, Actor::user(QStringLiteral("ani"), Actor::Role::Operator),
                             QStringLiteral("request.claim"), QStringLiteral("revocation_request"),
                             QString::number(i), QJsonObject {{QStringLiteral("n"), i}}));
        RD_VERIFY_RESULT(transaction.commit());
    }
}

void TestAuditLog::cleanup()
{
    m_db.reset();
    m_test.reset();
}

void TestAuditLog::dropAppendOnlyGuard()
{
    // Tampering means someone with database access removed the guard first.
    if (m_db->isSqlite()) {
        RD_VERIFY_RESULT(
            m_db->executeUnprepared(QStringLiteral("DROP TRIGGER audit_log_no_update")));
        RD_VERIFY_RESULT(
            m_db->executeUnprepared(QStringLiteral("DROP TRIGGER audit_log_no_delete")));
    } else {
        RD_VERIFY_RESULT(m_db->executeUnprepared(
            QStringLiteral("DROP TRIGGER audit_log_no_change ON audit_log")));
    }
    RD_VERIFY_RESULT(m_db->executeUnprepared(
        m_db->isSqlite() ? QStringLiteral("DROP TRIGGER audit_checkpoint_forward_only")
                         : QStringLiteral("DROP TRIGGER audit_checkpoint_forward_only ON "
                                          "audit_checkpoint")));
    if (m_db->isSqlite()) {
        RD_VERIFY_RESULT(
            m_db->executeUnprepared(QStringLiteral("DROP TRIGGER audit_checkpoint_no_delete")));
    }
}

Result<qint64> TestAuditLog::appendOne(const Actor &actor)
{
    return AuditLog::inTransaction(*m_db, [&] {
        return AuditLog::append(*m_db, actor, QStringLiteral("request.claim"),
                                QStringLiteral("revocation_request"), QStringLiteral("77"));
    });
}

void TestAuditLog::forgeNextEntry(bool moveCheckpoint, const QVariant &signature)
{
    // What someone with write access and without the key can do through the triggers: add an
    // entry that links correctly, and move the checkpoint onto it.
    const qint64 seq = kEntries + 1;
    auto previous = m_db->scalar(QStringLiteral("SELECT entry_hash FROM audit_log WHERE seq = ?"),
                                 {kEntries});
    RD_VERIFY_RESULT(previous);
    const QString at = QStringLiteral("2026-11-01T00:00:00.000Z");
    const QString details = QStringLiteral("{}");
    const QString hash
        = AuditLog::entryHash(previous->toString(), seq, at, QStringLiteral("user:mallory"),
                              QStringLiteral("request.revoke"),
                              QStringLiteral("revocation_request"), QStringLiteral("99"), details);
    RD_VERIFY_RESULT(m_db->execute(
        QStringLiteral("INSERT INTO audit_log (seq, recorded_at, actor, action, entity_type, "
                       "entity_id, details, previous_hash, entry_hash) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {seq, at, QStringLiteral("user:mallory"), QStringLiteral("request.revoke"),
         QStringLiteral("revocation_request"), QStringLiteral("99"), details, previous->toString(),
         hash}));
    if (moveCheckpoint) {
        RD_VERIFY_RESULT(
            m_db->execute(QStringLiteral("UPDATE audit_checkpoint SET last_seq = ?, last_hash = ?, "
                                         "signature = ? WHERE id = 1"),
                          {seq, hash, signature}));
    }
}

void TestAuditLog::shift(qint64 fromSeq, int by)
{
    // Two steps, so that the primary key never sees two rows with one number.
    RD_VERIFY_RESULT(m_db->execute(
        QStringLiteral("UPDATE audit_log SET seq = -(seq + ?) WHERE seq >= ?"), {by, fromSeq}));
    RD_VERIFY_RESULT(
        m_db->execute(QStringLiteral("UPDATE audit_log SET seq = -seq WHERE seq < 0")));
}

void TestAuditLog::wholeChainVerifies()
{
    auto result = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(result);
    QVERIFY2(result->intact(), qPrintable(result->explanation));
    QCOMPARE(result->entries, qint64(kEntries));
    QVERIFY(result->checkpointSigned);
}

void TestAuditLog::appendOnlyInTheDatabase()
{
    auto update = m_db->execute(QStringLiteral("UPDATE audit_log SET actor = 'x' WHERE seq = 1"));
    QVERIFY(!update);
    auto remove = m_db->execute(QStringLiteral("DELETE FROM audit_log WHERE seq = 1"));
    QVERIFY(!remove);
    QCOMPARE(rd::test::TestFixtures::count(*m_db, QStringLiteral("audit_log")), qint64(kEntries));
}

void TestAuditLog::tamperingIsFoundAtThatEntry_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("seq");
    QTest::addColumn<QString>("finding");
    for (int seq : {1, 3, kEntries}) {
        const QByteArray at = QByteArray::number(seq);
        QTest::newRow(QByteArray("changed content " + at).constData())
            << QStringLiteral("content") << seq << QStringLiteral("changed");
        QTest::newRow(QByteArray("changed and rehashed " + at).constData())
            << QStringLiteral("rehash") << seq << QStringLiteral("changed");
        QTest::newRow(QByteArray("removed " + at).constData())
            << QStringLiteral("remove") << seq << QStringLiteral("removed");
        QTest::newRow(QByteArray("removed and renumbered " + at).constData())
            << QStringLiteral("remove-renumber") << seq << QStringLiteral("removed");
        QTest::newRow(QByteArray("inserted " + at).constData())
            << QStringLiteral("insert") << seq << QStringLiteral("inserted");
    }
    QTest::newRow(QByteArray("appended " + QByteArray::number(kEntries + 1)).constData())
        << QStringLiteral("append") << kEntries + 1 << QStringLiteral("inserted");
    QTest::newRow("inserted with a wrong hash 3")
        << QStringLiteral("insert-bad") << 3 << QStringLiteral("inserted");
}

void TestAuditLog::tamperingIsFoundAtThatEntry()
{
    QFETCH(QString, kind);
    QFETCH(int, seq);
    QFETCH(QString, finding);
    dropAppendOnlyGuard();
    auto hashOf = [this](qint64 n) {
        auto value
            = m_db->scalar(QStringLiteral("SELECT entry_hash FROM audit_log WHERE seq = ?"), {n});
        return value ? value->toString() : QString();
    };
    const QString forgedDetails = QStringLiteral("{\"n\":99}");
    auto insertForged = [&](qint64 at, const QString &previous, bool correctHash) {
        const QString hash = correctHash
            ? AuditLog::entryHash(previous, at, QStringLiteral("2026-11-01T00:00:00.000Z"),
                                  QStringLiteral("user:mallory"), QStringLiteral("request.revoke"),
                                  QStringLiteral("revocation_request"), QStringLiteral("99"),
                                  forgedDetails)
            : QStringLiteral("00");
        return m_db->execute(
            QStringLiteral("INSERT INTO audit_log (seq, recorded_at, actor, action, entity_type, "
                           "entity_id, details, previous_hash, entry_hash) VALUES (?, ?, ?, ?, ?, "
                           "?, ?, ?, ?)"),
            {at, QStringLiteral("2026-11-01T00:00:00.000Z"), QStringLiteral("user:mallory"),
             QStringLiteral("request.revoke"), QStringLiteral("revocation_request"),
             QStringLiteral("99"), forgedDetails, previous, hash});
    };

    if (kind == QLatin1String("content")) {
        RD_VERIFY_RESULT(m_db->execute(
            QStringLiteral("UPDATE audit_log SET actor = 'user:mallory' WHERE seq = ?"), {seq}));
    } else if (kind == QLatin1String("rehash")) {
        auto row
            = m_db->execute(QStringLiteral("SELECT recorded_at, action, entity_type, entity_id, "
                                           "details, previous_hash FROM audit_log WHERE seq = ?"),
                            {seq});
        QVERIFY(row && row->next());
        const QString hash = AuditLog::entryHash(
            row->value(5).toString(), seq, row->value(0).toString(), QStringLiteral("user:mallory"),
            row->value(1).toString(), row->value(2).toString(), row->value(3).toString(),
            row->value(4).toString());
        row->finish();
        RD_VERIFY_RESULT(
            m_db->execute(QStringLiteral("UPDATE audit_log SET actor = 'user:mallory', "
                                         "entry_hash = ? WHERE seq = ?"),
                          {hash, seq}));
        if (seq == kEntries) {
            // Rewriting the newest entry also means rewriting the checkpoint, which only the
            // key holder can sign.
            RD_VERIFY_RESULT(m_db->execute(
                QStringLiteral("UPDATE audit_checkpoint SET last_hash = ? WHERE id = 1"), {hash}));
            finding = QStringLiteral("bad_signature");
        }
    } else if (kind == QLatin1String("remove")) {
        RD_VERIFY_RESULT(
            m_db->execute(QStringLiteral("DELETE FROM audit_log WHERE seq = ?"), {seq}));
    } else if (kind == QLatin1String("remove-renumber")) {
        RD_VERIFY_RESULT(
            m_db->execute(QStringLiteral("DELETE FROM audit_log WHERE seq = ?"), {seq}));
        if (seq < kEntries)
            shift(seq + 1, -1);
    } else if (kind == QLatin1String("insert")) {
        const QString previous = seq > 1 ? hashOf(seq - 1) : AuditLog::genesisHash();
        shift(seq, 1);
        RD_VERIFY_RESULT(insertForged(seq, previous, true));
    } else if (kind == QLatin1String("insert-bad")) {
        shift(seq, 1);
        RD_VERIFY_RESULT(insertForged(seq, QStringLiteral("ff"), false));
    } else if (kind == QLatin1String("append")) {
        RD_VERIFY_RESULT(insertForged(seq, hashOf(seq - 1), true));
    }

    auto result = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(result);
    QVERIFY(!result->intact());
    QCOMPARE(AuditVerification::findingKey(result->finding), finding);
    if (finding != QLatin1String("bad_signature"))
        QCOMPARE(result->firstBadSeq, qint64(seq));
    QVERIFY(!result->explanation.isEmpty());
}

void TestAuditLog::rewrittenTailNeedsTheKey()
{
    // Cutting off the two newest entries and moving the checkpoint back is found by its signature.
    dropAppendOnlyGuard();
    auto hash = m_db->scalar(QStringLiteral("SELECT entry_hash FROM audit_log WHERE seq = ?"),
                             {kEntries - 2});
    RD_VERIFY_RESULT(hash);
    RD_VERIFY_RESULT(
        m_db->execute(QStringLiteral("DELETE FROM audit_log WHERE seq > ?"), {kEntries - 2}));
    RD_VERIFY_RESULT(
        m_db->execute(QStringLiteral("UPDATE audit_checkpoint SET last_seq = ?, last_hash = ? "
                                     "WHERE id = 1"),
                      {kEntries - 2, hash->toString()}));
    auto result = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(result);
    QCOMPARE(result->finding, AuditVerification::Finding::BadSignature);
}

void TestAuditLog::entryHashIsUnambiguous()
{
    // Moving text from one field into the next must change the hash.
    const QString a = AuditLog::entryHash(
        AuditLog::genesisHash(), 1, QStringLiteral("t"), QStringLiteral("ab"), QStringLiteral("c"),
        QStringLiteral("e"), QStringLiteral("1"), QStringLiteral("{}"));
    const QString b = AuditLog::entryHash(
        AuditLog::genesisHash(), 1, QStringLiteral("t"), QStringLiteral("a"), QStringLiteral("bc"),
        QStringLiteral("e"), QStringLiteral("1"), QStringLiteral("{}"));
    QVERIFY(a != b);
    QCOMPARE(a.size(), 64);
}

void TestAuditLog::genesisHeadIsSigned()
{
    // The migration signs the empty head, so that "no entries, checkpoint at zero" proves a new
    // log and not an emptied one.
    auto fresh = TestDatabase::create(TestDatabase::engineUnderTest());
    QVERIFY2(fresh->database(), qPrintable(fresh->error()));
    auto signature = fresh->database()->scalar(
        QStringLiteral("SELECT signature FROM audit_checkpoint WHERE id = 1"));
    RD_VERIFY_RESULT(signature);
    auto key = AuditLog::checkpointKey();
    RD_VERIFY_RESULT(key);
    QVERIFY(!key->isEmpty());
    QCOMPARE(signature->toString(),
             AuditLog::checkpointSignature(*key, 0, AuditLog::genesisHash()));
    auto result = AuditLog::verify(*fresh->database());
    RD_VERIFY_RESULT(result);
    QVERIFY2(result->intact(), qPrintable(result->explanation));
    QVERIFY(result->checkpointSigned);
}

void TestAuditLog::appendRefusesAHeadWrittenWithoutTheKey_data()
{
    QTest::addColumn<bool>("moveCheckpoint");
    QTest::addColumn<bool>("keepOldSignature");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("finding");
    QTest::newRow("checkpoint moved, old signature kept")
        << true << true << QStringLiteral("crypto") << QStringLiteral("bad_signature");
    QTest::newRow("checkpoint moved, signature removed")
        << true << false << QStringLiteral("crypto") << QStringLiteral("unsigned_checkpoint");
    QTest::newRow("checkpoint left behind")
        << false << true << QStringLiteral("database_error") << QStringLiteral("inserted");
}

void TestAuditLog::appendRefusesAHeadWrittenWithoutTheKey()
{
    QFETCH(bool, moveCheckpoint);
    QFETCH(bool, keepOldSignature);
    QFETCH(QString, error);
    QFETCH(QString, finding);
    auto old = m_db->scalar(QStringLiteral("SELECT signature FROM audit_checkpoint WHERE id = 1"));
    RD_VERIFY_RESULT(old);
    forgeNextEntry(moveCheckpoint,
                   keepOldSignature ? *old : QVariant(QMetaType::fromType<QString>()));

    // The next honest write must not sign the forged entry into the chain, and says so in the
    // log as well as to the person.
    QTest::ignoreMessage(QtCriticalMsg, QRegularExpression(QStringLiteral("^refused to append")));
    auto appended = appendOne(Actor::user(QStringLiteral("ani"), Actor::Role::Operator));
    QVERIFY(!appended);
    QCOMPARE(errorCodeName(appended.error().code), error);
    QVERIFY(appended.error().message.contains(QStringLiteral("Nothing was saved")));
    QCOMPARE(rd::test::TestFixtures::count(*m_db, QStringLiteral("audit_log")),
             qint64(kEntries + 1));

    auto result = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(result);
    QVERIFY(!result->intact());
    QCOMPARE(AuditVerification::findingKey(result->finding), finding);
}

void TestAuditLog::emptiedLogIsAFinding_data()
{
    QTest::addColumn<bool>("keepOldSignature");
    QTest::addColumn<QString>("finding");
    QTest::newRow("signature removed") << false << QStringLiteral("unsigned_checkpoint");
    QTest::newRow("signature kept") << true << QStringLiteral("bad_signature");
}

void TestAuditLog::emptiedLogIsAFinding()
{
    QFETCH(bool, keepOldSignature);
    QFETCH(QString, finding);
    dropAppendOnlyGuard();
    RD_VERIFY_RESULT(m_db->execute(QStringLiteral("DELETE FROM audit_log")));
    RD_VERIFY_RESULT(m_db->execute(
        keepOldSignature
            ? QStringLiteral("UPDATE audit_checkpoint SET last_seq = 0, last_hash = ? "
                             "WHERE id = 1")
            : QStringLiteral("UPDATE audit_checkpoint SET last_seq = 0, last_hash = ?, "
                             "signature = NULL WHERE id = 1"),
        {AuditLog::genesisHash()}));
    auto result = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(result);
    QVERIFY(!result->intact());
    QCOMPARE(AuditVerification::findingKey(result->finding), finding);
    QCOMPARE(result->entries, qint64(0));
    auto appended = appendOne(Actor::user(QStringLiteral("ani"), Actor::Role::Operator));
    QVERIFY(!appended);
    QCOMPARE(appended.error().code, ErrorCode::Crypto);
}

void TestAuditLog::signedLogRefusesAWriterWithoutTheKey()
{
    // An unsigned write would leave the head unsigned, a finding for everyone with the key.
    const QByteArray key = qgetenv("REVOCATION_DESK_AUDIT_KEY");
    qunsetenv("REVOCATION_DESK_AUDIT_KEY");
    auto appended = appendOne(Actor::user(QStringLiteral("ani"), Actor::Role::Operator));
    auto verified = AuditLog::verify(*m_db);
    qputenv("REVOCATION_DESK_AUDIT_KEY", key);
    QVERIFY(!appended);
    QCOMPARE(appended.error().code, ErrorCode::Crypto);
    QVERIFY2(appended.error().message.contains(QStringLiteral("REVOCATION_DESK_AUDIT_KEY")),
             qPrintable(appended.error().message));
    QCOMPARE(rd::test::TestFixtures::count(*m_db, QStringLiteral("audit_log")), qint64(kEntries));
    // Without the key the chain may be whole, but its head is unchecked: not proof.
    RD_VERIFY_RESULT(verified);
    QVERIFY(verified->intact());
    QVERIFY(!verified->checkpointSigned);
    QVERIFY(!verified->signatureUnchecked.isEmpty());
}

void TestAuditLog::checkpointOnlyMovesForward()
{
    auto back = m_db->execute(QStringLiteral("UPDATE audit_checkpoint SET last_seq = 0, "
                                             "last_hash = ?, signature = NULL WHERE id = 1"),
                              {AuditLog::genesisHash()});
    QVERIFY(!back);
    auto skip = m_db->execute(
        QStringLiteral("UPDATE audit_checkpoint SET last_seq = last_seq + 1 WHERE id = 1"));
    QVERIFY(!skip);
    auto remove = m_db->execute(QStringLiteral("DELETE FROM audit_checkpoint"));
    QVERIFY(!remove);
    if (!m_db->isSqlite()) {
        // TRUNCATE passes row triggers by; statement triggers stop it, even for the owner.
        for (const QString &table :
             {QStringLiteral("audit_log"), QStringLiteral("audit_checkpoint")}) {
            auto truncated = m_db->executeUnprepared(QStringLiteral("TRUNCATE ") + table);
            QVERIFY2(!truncated, qPrintable(table));
        }
    }
    QCOMPARE(rd::test::TestFixtures::count(*m_db, QStringLiteral("audit_log")), qint64(kEntries));
    auto result = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(result);
    QVERIFY2(result->intact(), qPrintable(result->explanation));
    QVERIFY(result->checkpointSigned);
}

void TestAuditLog::resealAfterReview()
{
    const Actor administrator = Actor::user(QStringLiteral("adi"), Actor::Role::Administrator);
    auto reseal = [&](const Actor &actor) {
        return AuditLog::inTransaction(*m_db, [&] {
            return AuditLog::reseal(*m_db, actor, QStringLiteral("entry 7 checked against file"));
        });
    };
    auto nothingToDo = reseal(administrator);
    QVERIFY(!nothingToDo);
    QCOMPARE(nothingToDo.error().code, ErrorCode::Conflict);

    forgeNextEntry(true, QVariant(QMetaType::fromType<QString>()));
    auto byOperator = reseal(Actor::user(QStringLiteral("ani"), Actor::Role::Operator));
    QVERIFY(!byOperator);
    QCOMPARE(byOperator.error().code, ErrorCode::PermissionDenied);

    auto sealed = reseal(administrator);
    RD_VERIFY_RESULT(sealed);
    QCOMPARE(*sealed, qint64(kEntries + 2));
    auto entry = m_db->execute(
        QStringLiteral("SELECT actor, action, details FROM audit_log WHERE seq = ?"), {*sealed});
    QVERIFY(entry && entry->next());
    QCOMPARE(entry->value(0).toString(), administrator.toString());
    QCOMPARE(entry->value(1).toString(), QStringLiteral("audit.resealed"));
    const QJsonObject details
        = QJsonDocument::fromJson(entry->value(2).toString().toUtf8()).object();
    entry->finish();
    QCOMPARE(details.value(QStringLiteral("finding")).toString(),
             QStringLiteral("unsigned_checkpoint"));
    QCOMPARE(details.value(QStringLiteral("head_seq")).toInteger(), qint64(kEntries + 1));
    auto result = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(result);
    QVERIFY2(result->intact(), qPrintable(result->explanation));
    QVERIFY(result->checkpointSigned);
    RD_VERIFY_RESULT(appendOne(Actor::user(QStringLiteral("ani"), Actor::Role::Operator)));

    // A broken chain is not resealed: that would hide the break.
    dropAppendOnlyGuard();
    RD_VERIFY_RESULT(
        m_db->execute(QStringLiteral("UPDATE audit_log SET actor = 'user:mallory' WHERE seq = 2")));
    auto broken = reseal(administrator);
    QVERIFY(!broken);
    QCOMPARE(broken.error().code, ErrorCode::Conflict);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
