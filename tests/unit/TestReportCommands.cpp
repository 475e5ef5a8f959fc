// `report KIND AGENDA --out` and `report check AGENDA CODE` as an operator runs them: the PDF
// written with the code it names, the code matching (exit 0) until the record changes (exit 3),
// and refusals (no log-in, no --out, a code that is none) that write nothing.
#include "CliRunner.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "database/Database.h"
#include "database/DatabaseUrl.h"
#include "users/UserAccounts.h"

#include <QFile>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::CliRunner;
using rd::test::TestFixtures;
using Run = CliRunner::Run;

class TestReportCommands : public QObject
{
    Q_OBJECT

private slots:
    void printsAndChecksAPaper();
};

void TestReportCommands::printsAndChecksAPaper()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QTemporaryDir dir;
    CliRunner cli;
    cli.useFolder(dir.path());
    cli.set(QStringLiteral("LANG"), QStringLiteral("en_GB.UTF-8"));
    cli.set(QStringLiteral("LC_ALL"), QStringLiteral("en_GB.UTF-8"));
    cli.unset(QStringLiteral("REVOCATION_DESK_DATABASE"));
    const QString db = QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("desk.sqlite"));
    QCOMPARE(
        cli.run({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode,
        0);
    QString agenda;
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        RD_VERIFY_RESULT(UserAccounts(*database).add(
            Actor::user(QStringLiteral("setup"), Actor::Role::Administrator), QStringLiteral("ani"),
            QStringLiteral("Ani Rahmawati"), Actor::Role::Operator,
            QStringLiteral("kata-sandi-ani-1")));
        const qint64 id
            = TestFixtures::fileRequest(*database, TestFixtures::addHolder(*database, 2));
        QVERIFY(id > 0);
        auto number = (*database)->scalar(
            QStringLiteral("SELECT agenda_number FROM revocation_requests WHERE id = ?"), {id});
        RD_VERIFY_RESULT(number);
        agenda = number->toString();
    }
    const QByteArray password = QByteArrayLiteral("kata-sandi-ani-1\n");
    const QString out = dir.filePath(QStringLiteral("surat.pdf"));
    const QStringList asAni {QStringLiteral("--database"), db, QStringLiteral("--user"),
                             QStringLiteral("ani")};

    // Refused: no log-in, no --out, an unknown paper.
    const Run anonymous = cli.run({QStringLiteral("--database"), db, QStringLiteral("report"),
                                   QStringLiteral("letter"), agenda, QStringLiteral("--out"), out});
    QVERIFY2(anonymous.exitCode != 0, qPrintable(anonymous.describe()));
    QVERIFY(!QFile::exists(out));
    const Run noOut = cli.run(
        asAni + QStringList {QStringLiteral("report"), QStringLiteral("letter"), agenda}, password);
    QCOMPARE(noOut.exitCode, 2);
    QVERIFY2(noOut.err.contains(QLatin1String("--out")), qPrintable(noOut.err));

    const Run written = cli.run(
        asAni
            + QStringList {QStringLiteral("--json"), QStringLiteral("report"),
                           QStringLiteral("letter"), agenda, QStringLiteral("--out"), out},
        password);
    QVERIFY2(written.exitCode == 0, qPrintable(written.describe()));
    const QJsonObject answer = written.json().object();
    QCOMPARE(answer.value(QStringLiteral("agenda")).toString(), agenda);
    QCOMPARE(answer.value(QStringLiteral("language")).toString(), QStringLiteral("id"));
    QFile pdf(out);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == QByteArrayLiteral("%PDF-"));
    const QString code = answer.value(QStringLiteral("code")).toString();
    const QString qr = answer.value(QStringLiteral("qr")).toString();
    QVERIFY(qr.startsWith(QStringLiteral("RD1;") + agenda + QStringLiteral(";letter;")));

    const QStringList check
        = asAni + QStringList {QStringLiteral("report"), QStringLiteral("check"), agenda};
    const Run matches = cli.run(check + QStringList {code}, password);
    QVERIFY2(matches.exitCode == 0, qPrintable(matches.describe()));
    QVERIFY2(matches.out.contains(QLatin1String("Statement letter")), qPrintable(matches.out));
    QCOMPARE(cli.run(check + QStringList {qr}, password).exitCode, 0);
    const Run notACode = cli.run(check + QStringList {QStringLiteral("hello")}, password);
    QCOMPARE(notACode.exitCode, 1);
    QVERIFY2(notACode.err.contains(QLatin1String("not a paper's code")), qPrintable(notACode.err));

    // The record changes after printing: the paper is outdated.
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        RD_VERIFY_RESULT((*database)->execute(
            QStringLiteral(
                "UPDATE revocation_requests SET applicant_email = ? WHERE agenda_number = ?"),
            {QStringLiteral("lain@natunakab.example"), agenda}));
    }
    const Run outdated = cli.run(check + QStringList {code}, password);
    QVERIFY2(outdated.exitCode == 3, qPrintable(outdated.describe()));
    QVERIFY(outdated.out.contains(QLatin1String("does not match")));
}

QTEST_MAIN(TestReportCommands)
#include "TestReportCommands.moc"
