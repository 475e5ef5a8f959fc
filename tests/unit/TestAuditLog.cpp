// The audit chain: whole after normal use; changing, removing or inserting any entry (first,
// middle, last) is found at that entry; the newest entries cannot be cut off unseen. Runs on
// SQLite and, as TestAuditLogPostgres, on PostgreSQL.
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"

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

private:
    void dropAppendOnlyGuard();
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

QTEST_GUILESS_MAIN(TestAuditLog)
#include "TestAuditLog.moc"
