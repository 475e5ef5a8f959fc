// `requests file --attach`, `requests attach|attachments|attachment` as a user runs them: the
// files kept and read back byte for byte, and every refused file leaving the desk as it was.
#include "CliRunner.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "database/Database.h"
#include "database/DatabaseUrl.h"

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

QTEST_GUILESS_MAIN(TestAttachmentCommands)
#include "TestAttachmentCommands.moc"
