// `requests file --attach`, `requests attach|attachments|attachment` as a user runs them: the
// files kept and read back byte for byte, and every refused file leaving the desk as it was.
#include "CliRunner.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "database/Database.h"
#include "database/DatabaseUrl.h"
#include "kiosk/KioskFiling.h"
#include "users/UserAccounts.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::CliRunner;
using rd::test::TestFixtures;
using Run = CliRunner::Run;

class TestAttachmentCommands : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void filesWithAttachmentsAndReadsThemBack();
    void resumesKioskDraftAtTheCounter();

private:
    Run cli(const QStringList &arguments, const QByteArray &input = {}) const
    {
        return m_cli.run(arguments, input);
    }
    QString freshDatabase()
    {
        return QStringLiteral("sqlite:")
            + m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases));
    }

    CliRunner m_cli;
    QTemporaryDir m_dir;
    int m_databases = 0;
};

void TestAttachmentCommands::initTestCase()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QVERIFY(m_dir.isValid());
    m_cli.useFolder(m_dir.path());
    m_cli.set(QStringLiteral("LANG"), QStringLiteral("en_GB.UTF-8"));
    m_cli.set(QStringLiteral("LC_ALL"), QStringLiteral("en_GB.UTF-8"));
    m_cli.unset(QStringLiteral("REVOCATION_DESK_DATABASE"));
}

void TestAttachmentCommands::filesWithAttachmentsAndReadsThemBack()
{
    const QString db = freshDatabase();
    QCOMPARE(
        cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode,
        0);
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        QVERIFY(TestFixtures::addHolder(*database, 4, QStringLiteral("Rahmawati")) > 0);
    }
    const QString nik = TestFixtures::nik(4);
    const QByteArray letter = QByteArrayLiteral("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n");
    const QString letterPath = m_dir.filePath(QStringLiteral("surat.pdf"));
    const QString fakePath = m_dir.filePath(QStringLiteral("ktp.png"));
    for (const auto &[path, bytes] :
         {std::pair {letterPath, letter},
          std::pair {fakePath, QByteArrayLiteral("not an image at all, only text")}}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    const QStringList file {QStringLiteral("--database"),
                            db,
                            QStringLiteral("--json"),
                            QStringLiteral("requests"),
                            QStringLiteral("file"),
                            QStringLiteral("--holder"),
                            nik,
                            QStringLiteral("--reason"),
                            QStringLiteral("retired"),
                            QStringLiteral("--attach"),
                            QStringLiteral("statement_letter=") + letterPath};

    // A refused file: no request, no file, nothing in the audit log.
    const QString before = TestFixtures::deskSnapshot(db);
    const Run refused = cli(
        file
        + QStringList {QStringLiteral("--attach"), QStringLiteral("identity_card=") + fakePath});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QLatin1String("invalid_input"))
                 && refused.err.contains(QLatin1String("ktp.png")),
             qPrintable(refused.err));
    QCOMPARE(TestFixtures::deskSnapshot(db), before);
    const Run badKind = cli(
        file + QStringList {QStringLiteral("--attach"), QStringLiteral("selfie=") + letterPath});
    QCOMPARE(badKind.exitCode, 1);
    QCOMPARE(TestFixtures::deskSnapshot(db), before);

    const Run filed = cli(file);
    QVERIFY2(filed.exitCode == 0, qPrintable(filed.describe()));
    const QJsonObject answer = filed.json().object();
    const QString agenda = answer.value(QStringLiteral("agenda_number")).toString();
    const QJsonArray attached = answer.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(attached.size(), 1);
    const QJsonObject stored = attached.at(0).toObject();
    QCOMPARE(stored.value(QStringLiteral("kind")).toString(), QStringLiteral("statement_letter"));
    QCOMPARE(stored.value(QStringLiteral("media_type")).toString(),
             QStringLiteral("application/pdf"));
    QCOMPARE(
        stored.value(QStringLiteral("sha256")).toString(),
        QString::fromLatin1(QCryptographicHash::hash(letter, QCryptographicHash::Sha256).toHex()));

    const Run listed = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("requests"), QStringLiteral("attachments"), agenda});
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(listed.json().array().size(), 1);

    const QString out = m_dir.filePath(QStringLiteral("kembali.pdf"));
    const QString id = QString::number(stored.value(QStringLiteral("id")).toInteger());
    const QStringList fetch {QStringLiteral("--database"), db,     QStringLiteral("requests"),
                             QStringLiteral("attachment"), agenda, id,
                             QStringLiteral("--out"),      out};
    const Run written = cli(fetch);
    QVERIFY2(written.exitCode == 0, qPrintable(written.describe()));
    QFile back(out);
    QVERIFY(back.open(QIODevice::ReadOnly));
    QCOMPARE(back.readAll(), letter);
    QCOMPARE(back.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
    const Run again = cli(fetch);
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(QLatin1String("conflict")), qPrintable(again.err));

    // The applicant adds the missing paper while the request waits for its check.
    const Run added
        = cli({QStringLiteral("--database"), db, QStringLiteral("requests"),
               QStringLiteral("attach"), agenda, QStringLiteral("other=") + letterPath});
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const Run twoNow = cli({QStringLiteral("--database"), db, QStringLiteral("--json"),
                            QStringLiteral("requests"), QStringLiteral("attachments"), agenda});
    QCOMPARE(twoNow.json().array().size(), 2);
    const Run verified = cli(
        {QStringLiteral("--database"), db, QStringLiteral("audit"), QStringLiteral("verify")});
    QVERIFY2(verified.exitCode == 0 || verified.exitCode == 4, qPrintable(verified.describe()));
}

void TestAttachmentCommands::resumesKioskDraftAtTheCounter()
{
    const QString db = freshDatabase();
    QCOMPARE(
        cli({QStringLiteral("--database"), db, QStringLiteral("db"), QStringLiteral("migrate")})
            .exitCode,
        0);
    KioskDraft draft;
    {
        auto database = Database::open(*DatabaseUrl::parse(db));
        RD_VERIFY_RESULT(database);
        RD_VERIFY_RESULT(UserAccounts(*database).add(
            Actor::user(QStringLiteral("setup"), Actor::Role::Administrator), QStringLiteral("ani"),
            QStringLiteral("Ani Rahmawati"), Actor::Role::Operator,
            QStringLiteral("kata-sandi-ani-1")));
        NewRevocationRequest request;
        request.holderId = TestFixtures::addHolder(*database, 5, QStringLiteral("Yusuf"));
        request.reason = RevocationReason::Transferred;
        request.channel = QStringLiteral("kiosk");
        request.applicantEmail = QStringLiteral("pemegang5@natunakab.go.id");
        auto saved = KioskFiling(*database, {}, AmsBackend::Portal)
                         .saveDraft(Actor::kiosk(QStringLiteral("kios-1")), request, {});
        RD_VERIFY_RESULT(saved);
        draft = *saved;
    }
    const QString letterPath = m_dir.filePath(QStringLiteral("surat-ttd.pdf"));
    QFile letter(letterPath);
    QVERIFY(letter.open(QIODevice::WriteOnly));
    letter.write(QByteArrayLiteral("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"));
    letter.close();
    const QByteArray password = QByteArrayLiteral("kata-sandi-ani-1\n");
    const QStringList resume {QStringLiteral("--database"), db,
                              QStringLiteral("--json"),     QStringLiteral("--user"),
                              QStringLiteral("ani"),        QStringLiteral("requests"),
                              QStringLiteral("resume")};
    const QStringList attach {QStringLiteral("--attach"),
                              QStringLiteral("statement_letter=") + letterPath};

    // Refused, and nothing changes: no log-in, another NIK, a wrong code.
    const Run anonymous
        = cli(QStringList {QStringLiteral("--database"), db, QStringLiteral("requests"),
                           QStringLiteral("resume"), draft.resumeCode, QStringLiteral("--nik"),
                           TestFixtures::nik(5)}
              + attach);
    QVERIFY2(anonymous.exitCode != 0, qPrintable(anonymous.describe()));
    const Run otherNik
        = cli(resume + QStringList {draft.resumeCode, QStringLiteral("--nik"), TestFixtures::nik(6)}
                  + attach,
              password);
    QVERIFY2(otherNik.exitCode != 0, qPrintable(otherNik.describe()));
    QVERIFY2(otherNik.err.contains(QLatin1String("resume code")), qPrintable(otherNik.describe()));
    const Run wrongCode = cli(resume
                                  + QStringList {QStringLiteral("AAAA-BBBB"),
                                                 QStringLiteral("--nik"), TestFixtures::nik(5)}
                                  + attach,
                              password);
    QVERIFY2(wrongCode.exitCode != 0, qPrintable(wrongCode.describe()));

    // The code as a scanner reads it from the letter's QR code works as well as typed.
    const Run filed = cli(resume
                              + QStringList {QStringLiteral("RD1;;letter;") + QString(64, u'0')
                                                 + u';' + draft.resumeCode,
                                             QStringLiteral("--nik"), TestFixtures::nik(5)}
                              + attach,
                          password);
    QVERIFY2(filed.exitCode == 0, qPrintable(filed.describe()));
    const QJsonObject answer = filed.json().object();
    QCOMPARE(answer.value(QStringLiteral("id")).toInteger(), draft.requestId);
    QCOMPARE(answer.value(QStringLiteral("state")).toString(), QStringLiteral("submitted"));
    QVERIFY(!answer.value(QStringLiteral("agenda_number")).toString().isEmpty());
    QCOMPARE(answer.value(QStringLiteral("attachments")).toArray().size(), 1);
    // Used once.
    const Run again
        = cli(resume + QStringList {draft.resumeCode, QStringLiteral("--nik"), TestFixtures::nik(5)}
                  + attach,
              password);
    QVERIFY2(again.exitCode != 0, qPrintable(again.describe()));
}

QTEST_GUILESS_MAIN(TestAttachmentCommands)
#include "TestAttachmentCommands.moc"
