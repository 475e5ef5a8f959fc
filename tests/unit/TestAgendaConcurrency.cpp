// Two workstations at once: two processes file 500 requests each and get 1,000 distinct agenda
// numbers with no gaps; two processes claim the same requests and each request goes to exactly
// one of them, the other told so. Runs on SQLite and, as ...Postgres, on PostgreSQL.
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "core/Error.h"
#include "requests/RequestLifecycle.h"
#include "users/UserAccounts.h"

#include <QProcess>
#include <QtTest>

#include <cstdio>

using namespace rd;
using rd::test::TestDatabase;
using rd::test::TestFixtures;

namespace {

Result<DatabasePtr> openUrl(const QString &url)
{
    auto parsed = DatabaseUrl::parse(url);
    if (!parsed)
        return errorOf(parsed);
    return Database::open(*parsed);
}

// Child process: file N requests for a holder, one transaction each, as fast as it can.
int fileWorker(const QStringList &args)
{
    auto db = openUrl(args.value(0));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().toString()));
        return 1;
    }
    RequestLifecycle lifecycle(*db);
    NewRevocationRequest request;
    request.holderId = args.value(1).toLongLong();
    request.reason = RevocationReason::KeyCompromised;
    const int count = args.value(2).toInt();
    for (int i = 0; i < count; ++i) {
        auto filed = lifecycle.file(Actor::commandLine(QStringLiteral("worker")), request);
        if (!filed) {
            std::fprintf(stderr, "%s\n", qPrintable(filed.error().toString()));
            return 1;
        }
        std::printf("%s\n", qPrintable(filed->agendaNumber));
    }
    return 0;
}

// Child process: claim each request id as one operator; prints "won ID" or "lost ID".
int claimWorker(const QStringList &args)
{
    auto db = openUrl(args.value(0));
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().toString()));
        return 1;
    }
    RequestLifecycle lifecycle(*db);
    const Actor actor
        = Actor::user(args.value(1), Actor::Role::Operator, args.value(2).toLongLong());
    for (const QString &id : args.mid(3)) {
        auto claimed
            = lifecycle.apply(actor, {id.toLongLong(), RequestAction::Claim, std::nullopt, {}, {}});
        if (claimed) {
            std::printf("won %s\n", qPrintable(id));
        } else if (claimed.error().code == ErrorCode::Conflict) {
            std::printf("lost %s\n", qPrintable(id));
        } else {
            std::fprintf(stderr, "%s\n", qPrintable(claimed.error().toString()));
            return 1;
        }
    }
    return 0;
}

} // namespace

class TestAgendaConcurrency : public QObject
{
    Q_OBJECT

private slots:
    void twoProcessesFileWithoutDuplicatesOrGaps();
    void twoProcessesClaimEachRequestOnce();

private:
    static QProcess *startWorker(const QStringList &args);
};

QProcess *TestAgendaConcurrency::startWorker(const QStringList &args)
{
    auto *process = new QProcess;
    process->start(QCoreApplication::applicationFilePath(), args);
    return process;
}

void TestAgendaConcurrency::twoProcessesFileWithoutDuplicatesOrGaps()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const qint64 holder = TestFixtures::addHolder(test->database(), 7);
    QVERIFY(holder > 0);
    const QStringList args = {QStringLiteral("--file-worker"), test->url(), QString::number(holder),
                              QStringLiteral("500")};
    std::unique_ptr<QProcess> first(startWorker(args));
    std::unique_ptr<QProcess> second(startWorker(args));
    QStringList numbers;
    for (QProcess *process : {first.get(), second.get()}) {
        QVERIFY(process->waitForFinished(240000));
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        numbers += QString::fromUtf8(process->readAllStandardOutput())
                       .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    QCOMPARE(numbers.size(), 1000);
    QSet<int> sequence;
    QString month;
    for (const QString &number : numbers) {
        QVERIFY2(number.size() == 15 && number.startsWith(QLatin1String("SE/")),
                 qPrintable(number));
        if (month.isEmpty())
            month = number.left(10);
        // Both processes run in the same office month unless the test straddles midnight.
        if (number.left(10) == month)
            sequence.insert(number.mid(11).toInt());
    }
    const qint64 distinct = TestFixtures::count(
        *test->database(),
        QStringLiteral("(SELECT DISTINCT agenda_number FROM revocation_requests) AS d"));
    QCOMPARE(distinct, qint64(1000));
    if (sequence.size() == 1000) {
        for (int n = 1; n <= 1000; ++n)
            QVERIFY2(sequence.contains(n), qPrintable(QStringLiteral("gap at %1").arg(n)));
    }
    auto audit = AuditLog::verify(*test->database());
    RD_VERIFY_RESULT(audit);
    QVERIFY2(audit->intact(), qPrintable(audit->explanation));
    QCOMPARE(audit->entries, qint64(1 + 2 * 1000)); // the holder, then create + submit each
}

void TestAgendaConcurrency::twoProcessesClaimEachRequestOnce()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    const DatabasePtr db = test->database();
    const qint64 holder = TestFixtures::addHolder(db, 8);
    UserAccounts users(db);
    auto ani = users.add(Actor::user(QStringLiteral("admin"), Actor::Role::Administrator),
                         QStringLiteral("ani"), QStringLiteral("Ani"), Actor::Role::Operator,
                         QStringLiteral("kata-sandi-ani-1"));
    auto budi = users.add(Actor::user(QStringLiteral("admin"), Actor::Role::Administrator),
                          QStringLiteral("budi"), QStringLiteral("Budi"), Actor::Role::Operator,
                          QStringLiteral("kata-sandi-budi-1"));
    RD_VERIFY_RESULT(ani);
    RD_VERIFY_RESULT(budi);
    QStringList ids;
    for (int i = 0; i < 150; ++i) {
        const qint64 id = TestFixtures::fileRequest(db, holder);
        QVERIFY(id > 0);
        ids << QString::number(id);
    }
    std::unique_ptr<QProcess> first(
        startWorker(QStringList {QStringLiteral("--claim-worker"), test->url(),
                                 QStringLiteral("ani"), QString::number(*ani)}
                    + ids));
    std::unique_ptr<QProcess> second(
        startWorker(QStringList {QStringLiteral("--claim-worker"), test->url(),
                                 QStringLiteral("budi"), QString::number(*budi)}
                    + ids));
    QMap<QString, int> winners;
    int lost = 0;
    for (QProcess *process : {first.get(), second.get()}) {
        QVERIFY(process->waitForFinished(240000));
        QVERIFY2(process->exitCode() == 0, process->readAllStandardError().constData());
        const QStringList lines = QString::fromUtf8(process->readAllStandardOutput())
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), ids.size());
        for (const QString &line : lines) {
            if (line.startsWith(QLatin1String("won ")))
                winners[line.mid(4)] += 1;
            else
                ++lost;
        }
    }
    QCOMPARE(winners.size(), ids.size());
    for (auto it = winners.cbegin(); it != winners.cend(); ++it)
        QVERIFY2(it.value() == 1,
                 qPrintable(QStringLiteral("request %1 claimed twice").arg(it.key())));
    QCOMPARE(lost, ids.size());
    auto claimed = db->scalar(QStringLiteral("SELECT COUNT(*) FROM revocation_requests WHERE "
                                             "state = 'in_verification' AND assigned_operator_id "
                                             "IS NOT NULL"));
    QCOMPARE(claimed->toInt(), ids.size());
    auto audit = AuditLog::verify(*db);
    RD_VERIFY_RESULT(audit);
    QVERIFY2(audit->intact(), qPrintable(audit->explanation));
}

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.value(1) == QLatin1String("--file-worker"))
        return fileWorker(args.mid(2));
    if (args.value(1) == QLatin1String("--claim-worker"))
        return claimWorker(args.mid(2));
    TestAgendaConcurrency test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestAgendaConcurrency.moc"
