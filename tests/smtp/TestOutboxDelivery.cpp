// The outbox end to end against a real SMTP server (aiosmtpd on loopback): e-mails queued by
// the request lifecycle, retries with back-off, 5xx kept, the operator's resend, and a sender
// killed between the server's 250 and the row update (revocation-desk-cli in a child process).
#include "CliRunner.h"
#include "SmtpTestServer.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "core/NetworkHost.h"
#include "mail/MailSettings.h"
#include "mail/Outbox.h"
#include "mail/OutboxWorker.h"
#include "requests/RequestLifecycle.h"
#include "users/OfficeSettings.h"
#include "users/UserAccounts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::CliRunner;
using rd::test::SmtpTestServer;
using rd::test::TestDatabase;
using rd::test::TestFixtures;

namespace {

const Actor s_actor = Actor::commandLine(QStringLiteral("test"));
const Actor s_operator = Actor::user(QStringLiteral("ani"), Actor::Role::Operator);

MailSettings plainSettings(int port)
{
    MailSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = port;
    settings.security = MailSettings::Security::None;
    settings.senderAddress = QStringLiteral("layanan@bsre.example");
    settings.senderName = QStringLiteral("Layanan Sertifikat");
    settings.timeoutSeconds = 10;
    return settings;
}

qint64 queue(const Database &database, const QString &to, const QString &subject)
{
    MailMessage message;
    message.from = {QStringLiteral("layanan@bsre.example"), QStringLiteral("Layanan")};
    message.to = {{to, QStringLiteral("Penerima")}};
    message.subject = subject;
    message.text = QStringLiteral("Isi pesan.\n");
    Transaction transaction(database);
    if (!transaction.begin())
        return 0;
    auto id = Outbox::enqueue(database, message, 0, QStringLiteral("test"), QStringLiteral("id"));
    if (!id || !transaction.commit())
        return 0;
    return *id;
}

qint64 auditCount(const Database &database, const QString &action)
{
    auto count = database.scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = ?"),
                                 {action});
    return count ? count->toLongLong() : -1;
}

using Run = CliRunner::Run;

} // namespace

class TestOutboxDelivery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void serverDownThenBackDeliversOnce();
    void permanentFailureKeepsReplyAndResend();
    void lifecycleQueuesInTheSameTransaction();
    void notificationsArriveInTheApplicantsLanguage();
    void crashAfterServerAcceptedSendsOnceMore();
    void commandLine();
    void demoDatabaseRefusesARemoteRelay_data();
    void demoDatabaseRefusesARemoteRelay();
    void demoDatabaseMailsALoopbackServer();

private:
    static void markAsDemo(const DatabasePtr &database);
    CliRunner cliFor(int port) const;
    qint64 requestIn(const DatabasePtr &database, RequestState state, const QString &email,
                     const QString &language, const QString &holderName);

    QTemporaryDir m_dir;
    int m_holders = 0;
};

void TestOutboxDelivery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
}

void TestOutboxDelivery::cleanup()
{
    Clock::setFixedUtc(QDateTime());
}

CliRunner TestOutboxDelivery::cliFor(int port) const
{
    // A settings file of the test's own, as a desk's administrator would write it.
    const QString config = m_dir.filePath(QStringLiteral("config-%1").arg(port));
    QSettings settings(config + QStringLiteral("/revocation-desk/revocation-desk.ini"),
                       QSettings::IniFormat);
    plainSettings(port).write(settings);
    settings.sync();
    CliRunner cli;
    cli.set(QStringLiteral("XDG_CONFIG_HOME"), config);
    cli.set(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
    cli.unset(QStringLiteral("REVOCATION_DESK_DATABASE"));
    return cli;
}

qint64 TestOutboxDelivery::requestIn(const DatabasePtr &database, RequestState state,
                                     const QString &email, const QString &language,
                                     const QString &holderName)
{
    const qint64 holder = TestFixtures::addHolder(database, ++m_holders, holderName);
    if (holder <= 0)
        return 0;
    const QString now = Clock::toIsoUtc(Clock::currentUtc());
    auto certificate = database->scalar(
        QStringLiteral("INSERT INTO certificates (holder_id, serial_hex, issuer_dn, subject_dn, "
                       "not_before, not_after, sha256_fingerprint, created_at) "
                       "VALUES (?, ?, 'CN=OSD', ?, ?, ?, ?, ?) RETURNING id"),
        {holder, QStringLiteral("5A0F%1C3").arg(m_holders), QString(u"CN=" + holderName), now, now,
         QStringLiteral("FP%1").arg(m_holders), now});
    if (!certificate)
        return 0;
    RequestLifecycle lifecycle(database);
    NewRevocationRequest request;
    request.holderId = holder;
    request.certificateId = certificate->toLongLong();
    request.reason = RevocationReason::KeyCompromised;
    request.reasonText = QStringLiteral("Laptop hilang");
    request.channel = QStringLiteral("cli");
    request.applicantEmail = email;
    request.applicantLanguage = language;
    auto filed = lifecycle.file(s_actor, request);
    if (!filed || !TestFixtures::forceState(*database, filed->requestId, state))
        return 0;
    return filed->requestId;
}

void TestOutboxDelivery::serverDownThenBackDeliversOnce()
{
    RD_OPEN_DATABASE(db, TestDatabase::engineUnderTest());
    QTemporaryDir serverDir;
    SmtpTestServer server(serverDir.path());
    QString why;
    QVERIFY2(server.start({}, &why), qPrintable(why));
    const int port = server.port();
    server.stop(); // now nothing listens on the port

    const qint64 id
        = queue(*db->database(), QStringLiteral("budi@example.org"), QStringLiteral("Uji"));
    QVERIFY(id > 0);
    OutboxWorker worker(db->database(), plainSettings(port), s_actor);
    for (int attempt = 1; attempt <= 2; ++attempt) {
        auto run = worker.flush();
        RD_VERIFY_RESULT(run);
        QCOMPARE(run->retried, 1);
        QCOMPARE(run->sent, 0);
        auto row = Outbox::find(*db->database(), id);
        RD_VERIFY_RESULT(row);
        QCOMPARE(row->state, OutboxEntry::State::Pending);
        QCOMPARE(row->attempts, attempt);
        QVERIFY2(row->lastError.contains(QLatin1String("127.0.0.1")), qPrintable(row->lastError));
        const QDateTime next = Clock::fromIsoUtc(row->nextAttemptAt);
        QVERIFY(next > Clock::currentUtc());
        // Not due yet: a flush now leaves it alone and counts no attempt.
        auto early = worker.flush();
        RD_VERIFY_RESULT(early);
        QCOMPARE(early->retried + early->sent + early->failed, 0);
        QCOMPARE(Outbox::find(*db->database(), id)->attempts, attempt);
        Clock::setFixedUtc(next.addSecs(1));
    }

    SmtpTestServer::Options options;
    options.port = port;
    QVERIFY2(server.start(options, &why), qPrintable(why));
    auto run = worker.flush();
    RD_VERIFY_RESULT(run);
    QCOMPARE(run->sent, 1);
    QVERIFY(run->allSent());
    auto row = Outbox::find(*db->database(), id);
    QCOMPARE(row->state, OutboxEntry::State::Sent);
    QCOMPARE(row->attempts, 3);
    QVERIFY(!row->sentAt.isEmpty());
    Clock::setFixedUtc(Clock::currentUtc().addDays(1));
    auto again = worker.flush();
    RD_VERIFY_RESULT(again);
    QCOMPARE(again->sent, 0);
    QCOMPARE(server.messages().size(), 1);
    QCOMPARE(server.messages().first().value(QStringLiteral("message_id")).toString(),
             QLatin1Char('<') + row->messageId + QLatin1Char('>'));
    QCOMPARE(auditCount(*db->database(), QStringLiteral("mail.sent")), 1);
}

void TestOutboxDelivery::permanentFailureKeepsReplyAndResend()
{
    RD_OPEN_DATABASE(db, TestDatabase::engineUnderTest());
    QTemporaryDir serverDir;
    SmtpTestServer server(serverDir.path());
    SmtpTestServer::Options options;
    options.reject = {QStringLiteral("tidakada@example.org")};
    QString why;
    QVERIFY2(server.start(options, &why), qPrintable(why));
    const qint64 bad
        = queue(*db->database(), QStringLiteral("tidakada@example.org"), QStringLiteral("Gagal"));
    const qint64 good
        = queue(*db->database(), QStringLiteral("ada@example.org"), QStringLiteral("Berhasil"));
    OutboxWorker worker(db->database(), plainSettings(server.port()), s_actor);
    auto run = worker.flush();
    RD_VERIFY_RESULT(run);
    QCOMPARE(run->failed, 1);
    QCOMPARE(run->sent, 1); // one bad address does not hold up the others
    QVERIFY(!run->allSent());
    auto row = Outbox::find(*db->database(), bad);
    QCOMPARE(row->state, OutboxEntry::State::Failed);
    QVERIFY2(row->lastError.contains(QLatin1String("550 5.1.1")), qPrintable(row->lastError));
    QVERIFY(row->lastError.contains(QLatin1String("User unknown")));
    QCOMPARE(Outbox::find(*db->database(), good)->state, OutboxEntry::State::Sent);
    QCOMPARE(auditCount(*db->database(), QStringLiteral("mail.failed")), 1);

    // The operator sends it again (after the address was fixed on the server's side).
    server.stop();
    QVERIFY2(server.start({}, &why), qPrintable(why));
    OutboxWorker second(db->database(), plainSettings(server.port()), s_actor);
    RD_VERIFY_RESULT(Outbox::resend(*db->database(), s_operator, bad));
    QCOMPARE(Outbox::find(*db->database(), bad)->state, OutboxEntry::State::Pending);
    auto resent = second.flush();
    RD_VERIFY_RESULT(resent);
    QCOMPARE(resent->sent, 1);
    QCOMPARE(Outbox::find(*db->database(), bad)->state, OutboxEntry::State::Sent);
    QCOMPARE(auditCount(*db->database(), QStringLiteral("mail.resend")), 1);
    // A sent e-mail is not sent again by hand.
    auto twice = Outbox::resend(*db->database(), s_operator, good);
    QVERIFY(!twice);
    QCOMPARE(twice.error().code, ErrorCode::InvalidTransition);
}

void TestOutboxDelivery::lifecycleQueuesInTheSameTransaction()
{
    RD_OPEN_DATABASE(db, TestDatabase::engineUnderTest());
    const DatabasePtr database = db->database();
    RequestLifecycle lifecycle(database);
    lifecycle.setMailSender({QStringLiteral("layanan@bsre.example"), QStringLiteral("Layanan")});
    const auto staff = Actor::user(QStringLiteral("operator1"), Actor::Role::Supervisor, 0);

    // A change that fails (stale version) queues nothing.
    const qint64 revoked
        = requestIn(database, RequestState::Revoked, QStringLiteral("siti@example.org"),
                    QStringLiteral("id"), QStringLiteral("Siti"));
    QVERIFY(revoked > 0);
    auto stale = lifecycle.apply(staff, {revoked, RequestAction::Notify, 99, {}, {}});
    QVERIFY(!stale);
    QCOMPARE(TestFixtures::count(*database, QStringLiteral("outbox")), 0);

    // The outbox refusing the row undoes the state change too: one transaction.
    const bool sqlite = database->isSqlite();
    RD_VERIFY_RESULT(database->executeUnprepared(
        sqlite ? QStringLiteral("CREATE TRIGGER outbox_refuse BEFORE INSERT ON outbox "
                                "BEGIN SELECT RAISE(ABORT, 'outbox refuses'); END")
               : QStringLiteral("ALTER TABLE outbox ADD CONSTRAINT outbox_refuse "
                                "CHECK (recipient <> 'siti@example.org')")));
    auto refused = lifecycle.apply(staff, {revoked, RequestAction::Notify, {}, {}, {}});
    QVERIFY(!refused);
    QCOMPARE(database
                 ->scalar(QStringLiteral("SELECT state FROM revocation_requests WHERE id = ?"),
                          {revoked})
                 ->toString(),
             QStringLiteral("revoked"));
    RD_VERIFY_RESULT(database->executeUnprepared(
        sqlite ? QStringLiteral("DROP TRIGGER outbox_refuse")
               : QStringLiteral("ALTER TABLE outbox DROP CONSTRAINT outbox_refuse")));

    auto notified = lifecycle.apply(staff, {revoked, RequestAction::Notify, {}, {}, {}});
    RD_VERIFY_RESULT(notified);
    auto rows = Outbox::list(*database);
    RD_VERIFY_RESULT(rows);
    QCOMPARE(rows->size(), size_t(1));
    QCOMPARE(rows->front().kind, QStringLiteral("revocation_done"));
    QCOMPARE(rows->front().requestId, revoked);
    QCOMPARE(rows->front().recipient, QStringLiteral("siti@example.org"));
    QCOMPARE(rows->front().state, OutboxEntry::State::Pending);
    auto details = database->scalar(
        QStringLiteral("SELECT details FROM audit_log WHERE action = 'request.notify'"));
    RD_VERIFY_RESULT(details);
    QCOMPARE(QJsonDocument::fromJson(details->toString().toUtf8())
                 .object()
                 .value(QStringLiteral("outbox_id"))
                 .toInteger(),
             rows->front().id);

    // No applicant e-mail: nothing queued, and the audit entry says so.
    const qint64 silent = requestIn(database, RequestState::InVerification, QString(),
                                    QStringLiteral("id"), QStringLiteral("Tanpa Surel"));
    RD_VERIFY_RESULT(lifecycle.apply(
        staff, {silent, RequestAction::Reject, {}, QStringLiteral("Bukan pemegang"), {}}));
    QCOMPARE(TestFixtures::count(*database, QStringLiteral("outbox")), 1);
    auto skipped = database->scalar(
        QStringLiteral("SELECT details FROM audit_log WHERE action = 'request.reject'"));
    QVERIFY(skipped->toString().contains(QLatin1String("no applicant e-mail")));
}

void TestOutboxDelivery::notificationsArriveInTheApplicantsLanguage()
{
    RD_OPEN_DATABASE(db, TestDatabase::engineUnderTest());
    const DatabasePtr database = db->database();
    RequestLifecycle lifecycle(database);
    lifecycle.setMailSender(
        {QStringLiteral("layanan@bsre.example"), QStringLiteral("Layanan Sertifikat Elektronik")});
    const auto staff = Actor::user(QStringLiteral("operator1"), Actor::Role::Supervisor, 0);
    const QString name = QStringLiteral("Ni Luh Ayu Déwi Ṡukmawati");

    // Indonesian, revoked with a proof of status on record. (The way to revoked, through the
    // AMS queue and a proof, is RevocationStep's and tested with it; here only the e-mail of
    // step 9 counts.)
    const qint64 withProof
        = requestIn(database, RequestState::Revoked, QStringLiteral("dewi@example.org"),
                    QStringLiteral("id"), name);
    RD_VERIFY_RESULT(database->execute(
        QStringLiteral(
            "INSERT INTO verification_results (request_id, kind, verdict, report, "
            "actor, created_at) VALUES (?, 'revocation_proof', 'revoked', ?, 'test', ?)"),
        {withProof, QStringLiteral("OCSP: revoked since 2026-11-26T09:00:00Z, keyCompromise"),
         Clock::toIsoUtc(Clock::currentUtc())}));
    RD_VERIFY_RESULT(lifecycle.apply(staff, {withProof, RequestAction::Notify, {}, {}, {}}));
    // English, revoked without a proof on record (revoked before the desk kept proofs).
    const qint64 noProof
        = requestIn(database, RequestState::Revoked, QStringLiteral("john@example.org"),
                    QStringLiteral("en"), QStringLiteral("John Smith"));
    RD_VERIFY_RESULT(lifecycle.apply(staff, {noProof, RequestAction::Notify, {}, {}, {}}));
    // Documents to complete, and a rejection.
    const qint64 incomplete
        = requestIn(database, RequestState::InVerification, QStringLiteral("lengkapi@example.org"),
                    QStringLiteral("id"), QStringLiteral("Budi"));
    RD_VERIFY_RESULT(
        lifecycle.apply(staff,
                        {incomplete,
                         RequestAction::RequestCompletion,
                         {},
                         QStringLiteral("Surat keterangan bermeterai\nSalinan SK pensiun"),
                         {}}));
    const qint64 rejected
        = requestIn(database, RequestState::InVerification, QStringLiteral("reject@example.org"),
                    QStringLiteral("en"), QStringLiteral("Jane"));
    RD_VERIFY_RESULT(lifecycle.apply(
        staff,
        {rejected, RequestAction::Reject, {}, QStringLiteral("Not the holder's request"), {}}));

    QTemporaryDir serverDir;
    SmtpTestServer server(serverDir.path());
    QString why;
    QVERIFY2(server.start({}, &why), qPrintable(why));
    OutboxWorker worker(database, plainSettings(server.port()), s_actor);
    auto run = worker.flush();
    RD_VERIFY_RESULT(run);
    QCOMPARE(run->sent, 4);
    const auto messages = server.messages();
    QCOMPARE(messages.size(), 4);
    const auto agenda = [&](qint64 id) {
        return database
            ->scalar(QStringLiteral("SELECT agenda_number FROM revocation_requests WHERE id = ?"),
                     {id})
            ->toString();
    };

    const QJsonObject done = messages.at(0);
    QVERIFY2(done.value(QStringLiteral("subject"))
                 .toString()
                 .startsWith(QLatin1String("Sertifikat elektronik Anda telah dicabut")),
             qPrintable(done.value(QStringLiteral("subject")).toString()));
    QVERIFY(done.value(QStringLiteral("subject")).toString().contains(agenda(withProof)));
    QCOMPARE(
        done.value(QStringLiteral("to")).toArray().first().toObject().value(QStringLiteral("name")),
        QJsonValue(name));
    QCOMPARE(done.value(QStringLiteral("from_name")).toString(),
             QStringLiteral("Layanan Sertifikat Elektronik"));
    const QString text = done.value(QStringLiteral("text")).toString();
    QVERIFY(text.contains(QStringLiteral("Yth. ") + name));
    QVERIFY(text.contains(QStringLiteral("5A0F")));
    QVERIFY(text.contains(QStringLiteral("Laptop hilang")));
    QVERIFY(text.contains(QStringLiteral("keyCompromise")));
    QVERIFY(text.contains(QStringLiteral("Bukti status")));
    QVERIFY(text.contains(QStringLiteral("UTC+07:00")));
    QVERIFY(done.value(QStringLiteral("html")).toString().contains(agenda(withProof)));

    const QString english = messages.at(1).value(QStringLiteral("text")).toString();
    QVERIFY(messages.at(1)
                .value(QStringLiteral("subject"))
                .toString()
                .startsWith(QLatin1String("Your electronic certificate has been revoked")));
    QVERIFY(english.contains(QStringLiteral("there is no proof yet")));

    const QString completion = messages.at(2).value(QStringLiteral("text")).toString();
    QVERIFY(completion.contains(QStringLiteral("  - Surat keterangan bermeterai")));
    QVERIFY(completion.contains(QStringLiteral("  - Salinan SK pensiun")));
    QVERIFY(messages.at(3)
                .value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("Not the holder's request")));
}

void TestOutboxDelivery::crashAfterServerAcceptedSendsOnceMore()
{
    RD_OPEN_DATABASE(db, TestDatabase::engineUnderTest());
    const qint64 id
        = queue(*db->database(), QStringLiteral("budi@example.org"), QStringLiteral("Sekali lagi"));
    QVERIFY(id > 0);
    QTemporaryDir serverDir;
    SmtpTestServer server(serverDir.path());
    SmtpTestServer::Options options;
    options.holdAfterMail = true;
    QString why;
    QVERIFY2(server.start(options, &why), qPrintable(why));
    const CliRunner cli = cliFor(server.port());
    const QStringList flush {QStringLiteral("--database"), db->url(), QStringLiteral("--json"),
                             QStringLiteral("mail"), QStringLiteral("flush")};

    const std::unique_ptr<QProcess> sender = cli.start(flush);
    QVERIFY(sender->waitForStarted());
    // The server holds MAIL FROM: the sender has claimed the row (committed) and waits.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(server.waitingFile()), 20000);
    // Take SQLite's write lock (PostgreSQL: the row's lock), so the row update after the 250
    // cannot happen.
    DatabasePtr lock = db->openAnother();
    QVERIFY(lock);
    RD_VERIFY_RESULT(lock->begin());
    if (!lock->isSqlite())
        RD_VERIFY_RESULT(
            lock->execute(QStringLiteral("SELECT id FROM outbox WHERE id = ? FOR UPDATE"), {id}));
    QFile go(server.continueFile());
    QVERIFY(go.open(QIODevice::WriteOnly));
    go.close();
    // QUIT comes after the 250: the server has the message and the sender believes it sent.
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(server.quitFile()), 20000);
    QCOMPARE(server.messages().size(), 1);
    QCOMPARE(sender->state(), QProcess::Running); // waiting for the lock
    // A second worker started now must not take the row that is really being sent.
    const Run rival = cli.run(flush);
    QCOMPARE(rival.exitCode, 1);
    QVERIFY2(rival.err.contains(QLatin1String("revocation-desk-cli: conflict: ")),
             qPrintable(rival.err));
    QCOMPARE(sender->state(), QProcess::Running);
    sender->kill(); // SIGKILL: no clean-up of any kind
    QVERIFY(sender->waitForFinished(10000));
    QCOMPARE(
        lock->scalar(QStringLiteral("SELECT state FROM outbox WHERE id = ?"), {id})->toString(),
        QStringLiteral("sending"));
    lock->rollback();
    lock.reset();

    // The next start finds the row "sending" and sends it again, recording that it did.
    // (PostgreSQL: the dead worker's session ends, and frees its lock, once the server notices.)
    Run second = cli.run(flush);
    for (int wait = 0; second.err.contains(QLatin1String("conflict")) && wait < 50; ++wait) {
        QTest::qWait(200);
        second = cli.run(flush);
    }
    QVERIFY2(second.exitCode == 0, qPrintable(second.err));
    const QJsonObject summary = second.json().object();
    QCOMPARE(summary.value(QStringLiteral("recovered")).toInt(), 1);
    QCOMPARE(summary.value(QStringLiteral("sent")).toInt(), 1);
    const auto messages = server.messages();
    QCOMPARE(messages.size(), 2);
    auto row = Outbox::find(*db->database(), id);
    RD_VERIFY_RESULT(row);
    const QString messageId = QLatin1Char('<') + row->messageId + QLatin1Char('>');
    QCOMPARE(messages.at(0).value(QStringLiteral("message_id")).toString(), messageId);
    QCOMPARE(messages.at(1).value(QStringLiteral("message_id")).toString(), messageId);
    QCOMPARE(server.rawMessages().at(0), server.rawMessages().at(1)); // byte for byte
    QCOMPARE(row->state, OutboxEntry::State::Sent);
    QCOMPARE(row->interruptedSends, 1);
    QCOMPARE(row->attempts, 2);
    // Written by the CLI in the test's locale (Indonesian under ctest); both languages name it.
    QVERIFY2(row->lastError.contains(QLatin1String("Message-ID")), qPrintable(row->lastError));
    QCOMPARE(auditCount(*db->database(), QStringLiteral("mail.interrupted")), 1);
    auto verified = AuditLog::verify(*db->database());
    RD_VERIFY_RESULT(verified);
    QVERIFY(verified->intact());

    // And no more after that.
    const Run third = cli.run(flush);
    QCOMPARE(third.exitCode, 0);
    QCOMPARE(third.json().object().value(QStringLiteral("sent")).toInt(), 0);
    QCOMPARE(server.messages().size(), 2);
}

void TestOutboxDelivery::commandLine()
{
    RD_OPEN_DATABASE(db, TestDatabase::engineUnderTest());
    QTemporaryDir serverDir;
    SmtpTestServer server(serverDir.path());
    SmtpTestServer::Options options;
    options.reject = {QStringLiteral("tidakada@example.org")};
    QString why;
    QVERIFY2(server.start(options, &why), qPrintable(why));
    const CliRunner cli = cliFor(server.port());
    const QStringList database {QStringLiteral("--database"), db->url()};

    for (const QString &verb : {QStringLiteral("test"), QStringLiteral("list"),
                                QStringLiteral("flush"), QStringLiteral("resend")}) {
        const Run help = cli.run({QStringLiteral("mail"), verb, QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains(QStringLiteral("revocation-desk-cli mail ") + verb));
    }
    QCOMPARE(cli.run(database
                     + QStringList {QStringLiteral("mail"), QStringLiteral("list"),
                                    QStringLiteral("--state"), QStringLiteral("lost")})
                 .exitCode,
             2);
    QCOMPARE(
        cli.run(database + QStringList {QStringLiteral("mail"), QStringLiteral("test")}).exitCode,
        2);

    // mail test goes straight to the server.
    const Run test = cli.run(database
                             + QStringList {QStringLiteral("--json"), QStringLiteral("mail"),
                                            QStringLiteral("test"), QStringLiteral("--to"),
                                            QStringLiteral("admin@example.org")});
    QVERIFY2(test.exitCode == 0, qPrintable(test.err));
    QCOMPARE(server.messages().size(), 1);
    QCOMPARE(test.json().object().value(QStringLiteral("reply")).toString(),
             QStringLiteral("250 OK queued as 0001"));

    const qint64 bad
        = queue(*db->database(), QStringLiteral("tidakada@example.org"), QStringLiteral("Gagal"));
    const Run flush
        = cli.run(database + QStringList {QStringLiteral("mail"), QStringLiteral("flush")});
    QCOMPARE(flush.exitCode, 1);
    QVERIFY2(flush.err.contains(QLatin1String("revocation-desk-cli: io: ")), qPrintable(flush.err));

    const Run list = cli.run(database
                             + QStringList {QStringLiteral("--json"), QStringLiteral("mail"),
                                            QStringLiteral("list"), QStringLiteral("--state"),
                                            QStringLiteral("failed")});
    QCOMPARE(list.exitCode, 0);
    const QJsonArray rows = list.json().array();
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first().toObject();
    for (const char *key :
         {"id", "request_id", "kind", "language", "message_id", "recipient", "subject", "state",
          "attempts", "last_error", "next_attempt_at", "last_attempt_at", "created_at", "sent_at",
          "interrupted_sends", "size_bytes"})
        QVERIFY2(row.contains(QLatin1String(key)), key);
    QCOMPARE(row.value(QStringLiteral("id")).toInteger(), bad);
    QVERIFY(row.value(QStringLiteral("last_error")).toString().contains(QLatin1String("550")));

    // Sending again is an operator's decision: refused without a log-in, done with one.
    const QStringList resendBad {QStringLiteral("mail"), QStringLiteral("resend"),
                                 QString::number(bad)};
    const Run anonymous = cli.run(database + resendBad);
    QCOMPARE(anonymous.exitCode, 1);
    QVERIFY2(anonymous.err.contains(QLatin1String("permission_denied")), qPrintable(anonymous.err));
    QCOMPARE(Outbox::find(*db->database(), bad)->state, OutboxEntry::State::Failed);
    RD_VERIFY_RESULT(UserAccounts(db->database())
                         .add(s_actor, QStringLiteral("admin"), QStringLiteral("Admin"),
                              Actor::Role::Administrator, QStringLiteral("kata-sandi-admin-1")));
    const QStringList login {QStringLiteral("--user"), QStringLiteral("admin")};
    const Run resend = cli.run(database + login + resendBad, "kata-sandi-admin-1\n");
    QVERIFY2(resend.exitCode == 0, qPrintable(resend.err));
    QCOMPARE(Outbox::find(*db->database(), bad)->state, OutboxEntry::State::Pending);
    const Run missing = cli.run(
        database + login
            + QStringList {QStringLiteral("mail"), QStringLiteral("resend"), QStringLiteral("999")},
        "kata-sandi-admin-1\n");
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains(QLatin1String("not_found")));

    // Without mail settings nothing is touched.
    CliRunner unconfigured = cli;
    unconfigured.set(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("none")));
    const Run refused = unconfigured.run(
        database + QStringList {QStringLiteral("mail"), QStringLiteral("flush")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY(refused.err.contains(QLatin1String("mail/host")));
    QCOMPARE(Outbox::find(*db->database(), bad)->attempts, 0);
}

void TestOutboxDelivery::markAsDemo(const DatabasePtr &database)
{
    const Actor administrator = Actor::user(QStringLiteral("admin"), Actor::Role::Administrator);
    RD_VERIFY_RESULT(
        OfficeSettings(database).setFlag(administrator, OfficeSettings::demoDatabaseKey(), true));
}

void TestOutboxDelivery::demoDatabaseRefusesARemoteRelay_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    // What NetworkHost::isLoopback decides; the remote ones are also tried by the outbox below,
    // which must refuse them before any network is touched.
    QTest::newRow("localhost") << QStringLiteral("localhost") << true;
    QTest::newRow("LOCALHOST") << QStringLiteral("LOCALHOST") << true;
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127.8.9.10") << QStringLiteral("127.8.9.10") << true;
    QTest::newRow("::1") << QStringLiteral("::1") << true;
    QTest::newRow("TEST-NET-1 address") << QStringLiteral("192.0.2.1") << false;
    QTest::newRow("IPv6 documentation") << QStringLiteral("2001:db8::25") << false;
    QTest::newRow("a relay's name") << QStringLiteral("mail.natunakab.go.id") << false;
    QTest::newRow("a name that starts like loopback")
        << QStringLiteral("127.0.0.1.example.org") << false;
    QTest::newRow("localhost as a subdomain") << QStringLiteral("localhost.example.org") << false;
}

void TestOutboxDelivery::demoDatabaseRefusesARemoteRelay()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(NetworkHost::isLoopback(host), loopback);
    if (loopback)
        return;

    RD_OPEN_DATABASE(db, TestDatabase::engineUnderTest());
    markAsDemo(db->database());
    const qint64 id = queue(*db->database(), QStringLiteral("budi.santoso@natunakab.example"),
                            QStringLiteral("Uji demo"));
    QVERIFY(id > 0);
    MailSettings settings = plainSettings(25);
    settings.host = host;
    // Plain text to a remote host is refused on its own (MailSettings::validate); with TLS the
    // settings are sound and only the demo rule stands in the way.
    settings.security = MailSettings::Security::StartTls;
    settings.timeoutSeconds = 2; // without the refusal, the attempt would wait for no server
    OutboxWorker worker(db->database(), settings, s_actor);
    auto run = worker.flush();
    QVERIFY(!run);
    QCOMPARE(run.error().code, ErrorCode::PermissionDenied);
    QVERIFY2(run.error().message.contains(host), qPrintable(run.error().message));
    QVERIFY2(run.error().message.contains(QLatin1String("demo")), qPrintable(run.error().message));
    // Nothing lost and no attempt counted: the row waits for a loopback server.
    auto row = Outbox::find(*db->database(), id);
    RD_VERIFY_RESULT(row);
    QCOMPARE(row->state, OutboxEntry::State::Pending);
    QCOMPARE(row->attempts, 0);
    QVERIFY(row->lastError.isEmpty());
}

void TestOutboxDelivery::demoDatabaseMailsALoopbackServer()
{
    RD_OPEN_DATABASE(db, TestDatabase::engineUnderTest());
    markAsDemo(db->database());
    const qint64 id = queue(*db->database(), QStringLiteral("budi.santoso@natunakab.example"),
                            QStringLiteral("Uji demo"));
    QVERIFY(id > 0);
    QTemporaryDir serverDir;
    SmtpTestServer server(serverDir.path());
    QString why;
    QVERIFY2(server.start({}, &why), qPrintable(why));
    OutboxWorker worker(db->database(), plainSettings(server.port()), s_actor);
    auto run = worker.flush();
    RD_VERIFY_RESULT(run);
    QCOMPARE(run->sent, 1);
    QCOMPARE(Outbox::find(*db->database(), id)->state, OutboxEntry::State::Sent);
    QCOMPARE(server.messages().size(), 1);
}

QTEST_GUILESS_MAIN(TestOutboxDelivery)
#include "TestOutboxDelivery.moc"
