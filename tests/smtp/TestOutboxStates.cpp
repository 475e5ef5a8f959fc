// The outbox's rows change state only from the state they are in (a mark on a row some other
// worker or an operator moved is a Conflict that changes nothing), and an address stored with a
// line break is refused when the row is sent: that row fails with a clear error, the others go
// out (against a real SMTP server on loopback). Rows are written with SQL, as an older version or
// a hand in the database would have left them.
#include "SmtpTestServer.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "core/Clock.h"
#include "mail/MailSettings.h"
#include "mail/Outbox.h"
#include "mail/OutboxWorker.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::SmtpTestServer;
using rd::test::TestDatabase;

namespace {

const Actor s_actor = Actor::commandLine(QStringLiteral("test"));

qint64 insertRow(const Database &database, const QString &recipient, const QString &state)
{
    static int counter = 0;
    const QString now = Clock::toIsoUtc(Clock::currentUtc().addSecs(-60));
    auto id = database.scalar(
        QStringLiteral("INSERT INTO outbox (kind, language, message_id, recipient, subject, "
                       "message, state, attempts, next_attempt_at, created_at) "
                       "VALUES ('test', 'id', ?, ?, 'Uji', ?, ?, 0, ?, ?) RETURNING id"),
        {QStringLiteral("state-%1@bsre.example").arg(++counter), recipient,
         QByteArray("From: layanan@bsre.example\r\nTo: budi@example.org\r\nSubject: Uji\r\n\r\n"
                    "Isi pesan.\r\n"),
         state, now, now});
    return id ? id->toLongLong() : 0;
}

QString stateOf(const Database &database, qint64 id)
{
    auto entry = Outbox::find(database, id);
    return entry ? Outbox::stateKey(entry->state) : entry.error().toString();
}

} // namespace

class TestOutboxStates : public QObject
{
    Q_OBJECT

private slots:
    void marksLeaveOnlySending_data();
    void marksLeaveOnlySending();
    void resendOfARowThatMovedIsAConflict();
    void storedAddressWithLineBreakFailsThatRowOnly();
};

void TestOutboxStates::marksLeaveOnlySending_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("mark");
    for (const char *from : {"pending", "sent", "failed"}) {
        for (const char *mark : {"sent", "retry", "failed"})
            QTest::addRow("%s marked %s", from, mark)
                << QString::fromLatin1(from) << QString::fromLatin1(mark);
    }
}

void TestOutboxStates::marksLeaveOnlySending()
{
    QFETCH(QString, from);
    QFETCH(QString, mark);
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const Database &db = *test->database();
    const qint64 id = insertRow(db, QStringLiteral("budi@example.org"), from);
    QVERIFY(id > 0);
    Result<void> marked;
    if (mark == QLatin1String("sent")) {
        marked = Outbox::markSent(db, s_actor, id, QStringLiteral("250 OK"));
    } else if (mark == QLatin1String("retry")) {
        auto retried = Outbox::markRetry(db, s_actor, id, QStringLiteral("421 busy"));
        marked = retried ? Result<void>() : Result<void>(errorOf(retried));
    } else {
        marked = Outbox::markFailed(db, s_actor, id, QStringLiteral("550 no"));
    }
    QVERIFY2(!marked, "a row that is not being sent was marked");
    QCOMPARE(marked.error().code, ErrorCode::Conflict);
    QCOMPARE(stateOf(db, id), from);
    auto audited = db.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE entity_type = "
                                            "'outbox'"));
    RD_VERIFY_RESULT(audited);
    QCOMPARE(audited->toInt(), 0);
}

void TestOutboxStates::resendOfARowThatMovedIsAConflict()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const Database &db = *test->database();
    const qint64 id = insertRow(db, QStringLiteral("budi@example.org"), QStringLiteral("sending"));
    QVERIFY(id > 0);
    RD_VERIFY_RESULT(Outbox::markSent(db, s_actor, id, QStringLiteral("250 OK")));
    QCOMPARE(stateOf(db, id), QStringLiteral("sent"));
    // Sent once: a second mark (a second worker's late answer) changes nothing.
    auto again = Outbox::markFailed(db, s_actor, id, QStringLiteral("timeout"));
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(stateOf(db, id), QStringLiteral("sent"));
}

void TestOutboxStates::storedAddressWithLineBreakFailsThatRowOnly()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const Database &db = *test->database();
    QTemporaryDir serverDir;
    SmtpTestServer server(serverDir.path());
    QString why;
    QVERIFY2(server.start({}, &why), qPrintable(why));

    const qint64 bad
        = insertRow(db, QStringLiteral("budi@example.org>\r\nRCPT TO:<mallory@example.org"),
                    QStringLiteral("pending"));
    const qint64 trailing
        = insertRow(db, QStringLiteral("sari@example.org\n"), QStringLiteral("pending"));
    const qint64 good
        = insertRow(db, QStringLiteral("budi@example.org"), QStringLiteral("pending"));
    QVERIFY(bad > 0 && trailing > 0 && good > 0);

    MailSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = server.port();
    settings.security = MailSettings::Security::None;
    settings.senderAddress = QStringLiteral("layanan@bsre.example");
    settings.timeoutSeconds = 10;
    OutboxWorker worker(test->database(), settings, s_actor);
    auto run = worker.flush();
    RD_VERIFY_RESULT(run);
    QCOMPARE(run->sent, 1);
    QCOMPARE(run->failed, 2);
    QCOMPARE(stateOf(db, good), QStringLiteral("sent"));
    for (qint64 id : {bad, trailing}) {
        auto row = Outbox::find(db, id);
        RD_VERIFY_RESULT(row);
        QCOMPARE(row->state, OutboxEntry::State::Failed);
        QVERIFY2(row->lastError.contains(QStringLiteral("recipient address")),
                 qPrintable(row->lastError));
    }
    const QList<QJsonObject> delivered = server.messages();
    QCOMPARE(delivered.size(), 1);
    QVERIFY2(!QString::fromUtf8(QJsonDocument(delivered.first()).toJson())
                  .contains(QStringLiteral("mallory")),
             "the injected recipient got the message");
}

QTEST_GUILESS_MAIN(TestOutboxStates)
#include "TestOutboxStates.moc"
