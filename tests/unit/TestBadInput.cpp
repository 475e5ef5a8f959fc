// Bad input to revocation-desk-cli, as an attacker with a shell or a hostile certificate gives it:
// a clear refusal (exit code and error code), nothing stored, no file left behind, nothing raw on
// the terminal. The real binary in a child process (CliRunner).
#include "CliRunner.h"
#include "TestCertificates.h"
#include "TestFixtures.h"
#include "database/Database.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>

using namespace rd;
using namespace rd::test;

using Run = CliRunner::Run;

namespace {

QString modeOf(const QString &path)
{
    struct stat status
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return QStringLiteral("missing");
    return QString::number(status.st_mode & 07777, 8);
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void limitsAreBounded_data();
    void limitsAreBounded();
    void hostileCertificateIsEscaped();
    void emailWithLineBreakIsRefused_data();
    void emailWithLineBreakIsRefused();
    void emptyDatabaseUrlIsRefused_data();
    void emptyDatabaseUrlIsRefused();
    void failedCommandsCreateNoFile_data();
    void failedCommandsCreateNoFile();
    void fifoIsRefusedAtOnce();
    void sqliteFilesArePrivate();

private:
    Run cli(const QStringList &arguments) const { return m_cli.run(arguments); }
    QString migratedDatabase();

    CliRunner m_cli;
    QTemporaryDir m_dir;
    int m_databases = 0;
};

void TestBadInput::initTestCase()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QVERIFY(m_dir.isValid());
    m_cli.useFolder(m_dir.path());
    m_cli.set(QStringLiteral("LANG"), QStringLiteral("en_GB.UTF-8"));
    m_cli.set(QStringLiteral("LC_ALL"), QStringLiteral("en_GB.UTF-8"));
    m_cli.unset(QStringLiteral("REVOCATION_DESK_DATABASE"));
}

QString TestBadInput::migratedDatabase()
{
    const QString url = QStringLiteral("sqlite:")
        + m_dir.filePath(QStringLiteral("db%1.sqlite").arg(++m_databases));
    const Run migrated
        = cli({QStringLiteral("--database"), url, QStringLiteral("db"), QStringLiteral("migrate")});
    if (migrated.exitCode != 0)
        qWarning() << migrated.describe();
    return url;
}

void TestBadInput::limitsAreBounded_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("range");
    const QString requests = QStringLiteral("requests");
    const QString holders = QStringLiteral("holders");
    const QString list = QStringLiteral("list");
    const QString limit = QStringLiteral("--limit");
    const QString offset = QStringLiteral("--offset");
    QTest::newRow("requests, largest int")
        << QStringList {requests, list, limit, QStringLiteral("2147483647")}
        << QStringLiteral("from 0 to 10000");
    QTest::newRow("requests, one past the bound")
        << QStringList {requests, list, limit, QStringLiteral("10001")}
        << QStringLiteral("from 0 to 10000");
    QTest::newRow("requests, negative") << QStringList {requests, list, limit, QStringLiteral("-1")}
                                        << QStringLiteral("from 0 to 10000");
    QTest::newRow("holders, largest int")
        << QStringList {holders, list, limit, QStringLiteral("2147483647")}
        << QStringLiteral("from 0 to 10000");
    QTest::newRow("holders, past 64 bits")
        << QStringList {holders, list, limit, QStringLiteral("99999999999999999999")}
        << QStringLiteral("from 0 to 10000");
    QTest::newRow("holders, offset")
        << QStringList {holders, list, offset, QStringLiteral("2147483647")}
        << QStringLiteral("from 0 to 100000000");
}

void TestBadInput::limitsAreBounded()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, range);
    const QString database = migratedDatabase();
    const Run run = cli(QStringList {QStringLiteral("--database"), database} + arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith(QStringLiteral("revocation-desk-cli: usage:")),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(range), qPrintable(run.err));
    // The bound itself is allowed.
    const Run largest
        = cli({QStringLiteral("--database"), database, arguments.at(0), arguments.at(1),
               arguments.at(2), range.section(QLatin1Char(' '), -1)});
    QVERIFY2(largest.exitCode == 0, qPrintable(largest.describe()));
}

void TestBadInput::hostileCertificateIsEscaped()
{
    // ESC [2J clears the screen; OSC 0 retitles the window; a C1 CSI; a right-to-left override.
    const QString hostile = QStringLiteral("Budi\x1b[2J\x1b]0;owned\x07 Santoso") + QChar(0x9b)
        + QStringLiteral("31m") + QChar(0x202e) + QStringLiteral("gpj.exe");
    CertificateSpec spec;
    spec.subject = {{QStringLiteral("C"), QStringLiteral("ID"), V_ASN1_PRINTABLESTRING},
                    {QStringLiteral("O"), QStringLiteral("Pemerintah Kabupaten Natuna")},
                    {QStringLiteral("CN"), hostile}};
    spec.sanEmails = {QStringLiteral("budi@natunakab.example")};
    spec.crlUrl = QStringLiteral("http://crl.example.test/\x1b]8;;http://evil/\x07");
    auto certificate = TestCertificates::build(spec);
    QVERIFY(certificate);
    const QString path = m_dir.filePath(QStringLiteral("hostile.pem"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(certificate->pem());
    file.close();

    const auto clean = [](const Run &run) {
        const QString both = run.out + run.err;
        for (const QChar c : both) {
            const char16_t u = c.unicode();
            if ((u < 0x20 && u != u'\n') || (u >= 0x7f && u <= 0x9f) || u == 0x202e)
                return false;
        }
        return true;
    };
    const Run inspect = cli({QStringLiteral("cert"), QStringLiteral("inspect"), path});
    QVERIFY2(inspect.exitCode == 0, qPrintable(inspect.describe()));
    QVERIFY2(clean(inspect), inspect.out.toUtf8().toPercentEncoding(" \n").constData());
    QVERIFY2(inspect.out.contains(QStringLiteral("Budi\\x1B[2J\\x1B]0;owned\\x07 Santoso\\x9B31m"
                                                 "\\u202Egpj.exe")),
             qPrintable(inspect.out));

    const Run match = cli({QStringLiteral("cert"), QStringLiteral("match"), path,
                           QStringLiteral("--name"), QStringLiteral("Budi Santoso"),
                           QStringLiteral("--email"), QStringLiteral("budi@natunakab.example")});
    QVERIFY2(match.exitCode >= 0 && match.exitCode != 2, qPrintable(match.describe()));
    QVERIFY2(clean(match), match.out.toUtf8().toPercentEncoding(" \n").constData());
    QVERIFY2(match.out.contains(QStringLiteral("\\x1B[2J")), qPrintable(match.out));

    // JSON: \u001b from QJsonDocument, \u009B and \u202E from the CLI.
    const Run json
        = cli({QStringLiteral("--json"), QStringLiteral("cert"), QStringLiteral("inspect"), path});
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    QVERIFY(clean(json));
    QVERIFY2(json.out.contains(QStringLiteral("Budi\\u001b[2J")), qPrintable(json.out));
    QVERIFY2(json.out.contains(QStringLiteral("\\u009B31m\\u202Egpj.exe")), qPrintable(json.out));
    // ... and it still reads back as the certificate's own text.
    QVERIFY2(QString::fromUtf8(QJsonDocument(json.json()).toJson())
                 .contains(QChar(0x202e) + QStringLiteral("gpj.exe")),
             "the escaped JSON does not read back as the same text");
}

void TestBadInput::emailWithLineBreakIsRefused_data()
{
    QTest::addColumn<QString>("email");
    QTest::newRow("CR LF and a header")
        << QStringLiteral("budi@natunakab.example\r\nBcc: x@evil.example");
    QTest::newRow("trailing LF") << QStringLiteral("budi@natunakab.example\n");
    QTest::newRow("LF inside") << QStringLiteral("budi@natunakab.example\nx");
    QTest::newRow("trailing CR") << QStringLiteral("budi@natunakab.example\r");
}

void TestBadInput::emailWithLineBreakIsRefused()
{
    QFETCH(QString, email);
    const QString url = migratedDatabase();
    {
        auto database = Database::open(DatabaseUrl::sqlite(url.mid(7)));
        QVERIFY(database);
        QVERIFY(TestFixtures::addHolder(*database, 11) > 0);
    }
    const QStringList file = {QStringLiteral("--database"), url,
                              QStringLiteral("requests"),   QStringLiteral("file"),
                              QStringLiteral("--holder"),   TestFixtures::nik(11),
                              QStringLiteral("--reason"),   QStringLiteral("retired")};
    const Run refused = cli(file + QStringList {QStringLiteral("--email"), email});
    QVERIFY2(refused.exitCode == 1, qPrintable(refused.describe()));
    QVERIFY2(refused.err.startsWith(QStringLiteral("revocation-desk-cli: invalid_input:")),
             qPrintable(refused.err));
    const Run none = cli({QStringLiteral("--database"), url, QStringLiteral("--json"),
                          QStringLiteral("requests"), QStringLiteral("list")});
    QVERIFY2(none.exitCode == 0, qPrintable(none.describe()));
    QCOMPARE(none.json().array().size(), 0);
    // The same address on one line is taken.
    const Run taken = cli(
        file
        + QStringList {QStringLiteral("--email"),
                       email.section(QLatin1Char('\r'), 0, 0).section(QLatin1Char('\n'), 0, 0)});
    QVERIFY2(taken.exitCode == 0, qPrintable(taken.describe()));
}

void TestBadInput::emptyDatabaseUrlIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("--database ''") << QStringList {QStringLiteral("--database"), QString(),
                                                   QStringLiteral("db"), QStringLiteral("migrate")};
    QTest::newRow("--database=") << QStringList {QStringLiteral("--database="),
                                                 QStringLiteral("db"), QStringLiteral("migrate")};
    QTest::newRow("--database ' '")
        << QStringList {QStringLiteral("--database"), QStringLiteral(" "), QStringLiteral("db"),
                        QStringLiteral("migrate")};
}

void TestBadInput::emptyDatabaseUrlIsRefused()
{
    QFETCH(QStringList, arguments);
    QTemporaryDir home;
    CliRunner cli = m_cli;
    cli.useFolder(home.path());
    const Run run = cli.run(arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith(QStringLiteral("revocation-desk-cli: usage:")),
             qPrintable(run.err));
    // The default database (in the data folder) was neither used nor made.
    QVERIFY2(!QFileInfo::exists(home.filePath(QStringLiteral("data"))),
             "the default database's folder was created");
}

void TestBadInput::failedCommandsCreateNoFile_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("errorCode");
    QTest::newRow("requests file, no such holder")
        << QStringList {QStringLiteral("requests"), QStringLiteral("file"),
                        QStringLiteral("--holder"), QStringLiteral("3203010101010001"),
                        QStringLiteral("--reason"), QStringLiteral("retired")}
        << QStringLiteral("not_found");
    QTest::newRow("db status") << QStringList {QStringLiteral("db"), QStringLiteral("status")}
                               << QStringLiteral("not_found");
    QTest::newRow("holders show") << QStringList {QStringLiteral("holders"), QStringLiteral("show"),
                                                  QStringLiteral("3203010101010001")}
                                  << QStringLiteral("not_found");
    QTest::newRow("demo seed") << QStringList {QStringLiteral("demo"), QStringLiteral("seed")}
                               << QStringLiteral("not_found");
}

void TestBadInput::failedCommandsCreateNoFile()
{
    QFETCH(QStringList, command);
    QFETCH(QString, errorCode);
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("new/sub"));
    const QString path = folder + QStringLiteral("/desk.sqlite");
    const Run run = cli(QStringList {QStringLiteral("--database"), QStringLiteral("sqlite:") + path}
                        + command);
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY2(run.err.startsWith(QStringLiteral("revocation-desk-cli: %1:").arg(errorCode)),
             qPrintable(run.err));
    QVERIFY2(run.err.contains(QStringLiteral("db migrate")), qPrintable(run.err));
    QVERIFY2(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty(),
             qPrintable(QDir(dir.path())
                            .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                            .join(QLatin1Char(' '))));
}

void TestBadInput::fifoIsRefusedAtOnce()
{
    const QString fifo = m_dir.filePath(QStringLiteral("certificate.pipe"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QElapsedTimer timer;
    timer.start();
    for (const QString &verb : {QStringLiteral("inspect"), QStringLiteral("match")}) {
        QStringList arguments = {QStringLiteral("cert"), verb, fifo};
        if (verb == QLatin1String("match"))
            arguments << QStringLiteral("--name") << QStringLiteral("Budi")
                      << QStringLiteral("--email") << QStringLiteral("budi@natunakab.example");
        const Run run = cli(arguments);
        QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.startsWith(QStringLiteral("revocation-desk-cli: invalid_input:")),
                 qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("not a regular file")), qPrintable(run.err));
    }
    QVERIFY2(timer.elapsed() < 30000, "reading the FIFO waited for a writer");
}

void TestBadInput::sqliteFilesArePrivate()
{
    QTemporaryDir dir;
    // A folder that exists keeps its mode; the folders made for the database are 0700.
    QVERIFY(QFile::setPermissions(dir.path(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                      | QFileDevice::ExeOwner | QFileDevice::ReadGroup
                                      | QFileDevice::ExeGroup | QFileDevice::ReadOther
                                      | QFileDevice::ExeOther));
    const QString path = dir.filePath(QStringLiteral("made/here/desk.sqlite"));
    // The usual umask (the child inherits it): 0644 and 0755 unless the program says otherwise.
    const mode_t previous = ::umask(022);
    const Run run = cli({QStringLiteral("--database"), QStringLiteral("sqlite:") + path,
                         QStringLiteral("db"), QStringLiteral("migrate")});
    ::umask(previous);
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    QCOMPARE(modeOf(dir.path()), QStringLiteral("755"));
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("made"))), QStringLiteral("700"));
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("made/here"))), QStringLiteral("700"));
    QCOMPARE(modeOf(path), QStringLiteral("600"));
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(path + suffix))
            QCOMPARE(modeOf(path + suffix), QStringLiteral("600"));
    }
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "TestBadInput.moc"
