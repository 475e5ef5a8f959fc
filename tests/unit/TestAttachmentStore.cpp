// The files of a request (SOP steps 1-5 and the completion loop): what is stored, what is
// refused with nothing written, who may add a file when, and a changed file found on the way
// out. Runs on SQLite, and on PostgreSQL as TestAttachmentStorePostgres.
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "requests/RevocationRequestRepository.h"
#include "workflow/RevocationWorkflow.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;
using rd::test::TestFixtures;

namespace {

const Actor Staff = Actor::user(QStringLiteral("ani"), Actor::Role::Operator, 7);
const Actor Kiosk = Actor::kiosk(QStringLiteral("kiosk-1"));

QByteArray pdfBytes()
{
    return QByteArrayLiteral("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 "
                             "R >>\n%%EOF\n");
}

QByteArray pngBytes()
{
    QImage image(8, 8, QImage::Format_RGB32);
    image.fill(Qt::white);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray jpegBytes()
{
    // A JFIF header is what tells a JPEG by its content.
    return QByteArray::fromHex("ffd8ffe000104a46494600010100000100010000") + QByteArray(64, '\0');
}

} // namespace

class TestAttachmentStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void filedWithItsFiles();
    void refusedFilesChangeNothing_data();
    void refusedFilesChangeNothing();
    void largeFileRefusedBeforeItIsRead();
    void whoMayAddWhen_data();
    void whoMayAddWhen();
    void changedBytesAreFound();

private:
    NewRevocationRequest newRequest() const;

    std::unique_ptr<TestDatabase> m_test;
    DatabasePtr m_db;
    qint64 m_holder = 0;
};

void TestAttachmentStore::init()
{
    m_db.reset();
    m_test = TestDatabase::create(TestDatabase::engineUnderTest());
    QVERIFY2(m_test->database(), qPrintable(m_test->error()));
    m_db = m_test->database();
    m_holder = TestFixtures::addHolder(m_db, 1, QStringLiteral("Rahmawati, S.E."));
    QVERIFY(m_holder > 0);
}

NewRevocationRequest TestAttachmentStore::newRequest() const
{
    NewRevocationRequest request;
    request.holderId = m_holder;
    request.reason = RevocationReason::Retired;
    request.applicantEmail = QStringLiteral("rahmawati@natunakab.example");
    return request;
}

void TestAttachmentStore::filedWithItsFiles()
{
    RevocationWorkflow workflow(m_db, {});
    const std::vector<AttachmentFile> files {
        {AttachmentKind::StatementLetter, QStringLiteral("surat-keterangan.pdf"), pdfBytes()},
        {AttachmentKind::Decree, QStringLiteral("SK pensiun.png"), pngBytes()},
        {AttachmentKind::IdentityCard, QStringLiteral("ktp.jpg"), jpegBytes()},
    };
    const qint64 auditBefore = TestFixtures::count(*m_db, QStringLiteral("audit_log"));
    auto filed = workflow.file(Kiosk, newRequest(), files);
    RD_VERIFY_RESULT(filed);
    QCOMPARE(filed->outcome.to, RequestState::Submitted);
    QCOMPARE(filed->attachments.size(), size_t(3));
    // request.create, request.submit, and one entry a file.
    QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("audit_log")), auditBefore + 2 + 3);

    auto listed = workflow.attachments().list(filed->outcome.requestId);
    RD_VERIFY_RESULT(listed);
    QCOMPARE(listed->size(), size_t(3));
    const QStringList types {QStringLiteral("application/pdf"), QStringLiteral("image/png"),
                             QStringLiteral("image/jpeg")};
    for (size_t i = 0; i < files.size(); ++i) {
        const Attachment &stored = (*listed)[i];
        QCOMPARE(stored.kind, files[i].kind);
        QCOMPARE(stored.fileName, files[i].fileName);
        QCOMPARE(stored.mediaType, types[int(i)]);
        QCOMPARE(stored.sizeBytes, qint64(files[i].bytes.size()));
        QCOMPARE(stored.sha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash(files[i].bytes, QCryptographicHash::Sha256).toHex()));
        auto bytes = workflow.attachments().content(filed->outcome.requestId, stored.id);
        RD_VERIFY_RESULT(bytes);
        QCOMPARE(*bytes, files[i].bytes);
    }
    auto audit = m_db->execute(QStringLiteral("SELECT actor, details FROM audit_log WHERE action "
                                              "= 'request.attachment_added' ORDER BY seq"));
    RD_VERIFY_RESULT(audit);
    QVERIFY(audit->next());
    QCOMPARE(audit->value(0).toString(), QStringLiteral("kiosk:kiosk-1"));
    const QJsonObject details = QJsonDocument::fromJson(audit->value(1).toByteArray()).object();
    QCOMPARE(details.value(QStringLiteral("sha256")).toString(), listed->front().sha256);
    QCOMPARE(details.value(QStringLiteral("kind")).toString(), QStringLiteral("statement_letter"));
    auto verified = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(verified);
    QVERIFY(verified->intact());
}

void TestAttachmentStore::refusedFilesChangeNothing_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("because");
    QByteArray large = pdfBytes();
    large.append(QByteArray(2048, ' '));
    QTest::newRow("too large") << QStringLiteral("letter.pdf") << large << QStringLiteral("2");
    QTest::newRow("empty") << QStringLiteral("letter.pdf") << QByteArray()
                           << QStringLiteral("empty");
    QTest::newRow("plain text") << QStringLiteral("letter.txt")
                                << QByteArrayLiteral("Dengan hormat, saya yang bertanda tangan")
                                << QStringLiteral("PDF, JPEG or PNG");
    QTest::newRow("a .pdf that is a PNG")
        << QStringLiteral("letter.pdf") << pngBytes() << QStringLiteral("PNG");
    QTest::newRow("a private key")
        << QStringLiteral("letter.pdf")
        << QByteArrayLiteral("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n"
                             "-----END PRIVATE KEY-----\n")
        << QStringLiteral("private key");
    QTest::newRow("a name with a folder")
        << QStringLiteral("../../etc/letter.pdf") << pdfBytes() << QStringLiteral("folders");
    QTest::newRow("a name with a control character")
        << QStringLiteral("letter\x1b[2J.pdf") << pdfBytes() << QStringLiteral("control");
}

void TestAttachmentStore::refusedFilesChangeNothing()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, because);
    RevocationWorkflow workflow(m_db, {}, 1024);
    const std::vector<AttachmentFile> files {
        {AttachmentKind::Decree, QStringLiteral("sk.png"), pngBytes()},
        {AttachmentKind::StatementLetter, fileName, bytes},
    };
    const QStringList tables {QStringLiteral("revocation_requests"), QStringLiteral("attachments"),
                              QStringLiteral("audit_log"), QStringLiteral("request_events")};
    QList<qint64> before;
    for (const QString &table : tables)
        before << TestFixtures::count(*m_db, table);

    auto filed = workflow.file(Kiosk, newRequest(), files);
    QVERIFY(!filed);
    QCOMPARE(filed.error().code, ErrorCode::InvalidInput);
    QVERIFY2(filed.error().message.contains(because, Qt::CaseInsensitive),
             qPrintable(filed.error().message));
    // Nothing of the key reaches the message.
    QVERIFY(!filed.error().message.contains(QLatin1String("MIIE")));

    // Added to a filed request, the same file is refused the same way.
    auto fine = workflow.file(Kiosk, newRequest(), {});
    RD_VERIFY_RESULT(fine);
    before.clear();
    for (const QString &table : tables)
        before << TestFixtures::count(*m_db, table);
    auto added = workflow.attachments().add(Kiosk, fine->outcome.requestId, files[1]);
    QVERIFY(!added);
    QCOMPARE(added.error().code, ErrorCode::InvalidInput);
    for (int i = 0; i < tables.size(); ++i)
        QCOMPARE(TestFixtures::count(*m_db, tables[i]), before[i]);
}

void TestAttachmentStore::largeFileRefusedBeforeItIsRead()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    const QString path = folder.filePath(QStringLiteral("scan.pdf"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(pdfBytes());
    QVERIFY(file.resize(3 * 1024 * 1024));
    file.close();
    AttachmentStore store(m_db);
    auto read = store.readFile(AttachmentKind::StatementLetter, path);
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY2(read.error().message.contains(QLatin1String("attachments/maxBytes")),
             qPrintable(read.error().message));
    auto folderItself = store.readFile(AttachmentKind::StatementLetter, folder.path());
    QVERIFY(!folderItself);

    QVERIFY(file.resize(pdfBytes().size()));
    auto fine = store.readFile(AttachmentKind::StatementLetter, path);
    RD_VERIFY_RESULT(fine);
    QCOMPARE(fine->fileName, QStringLiteral("scan.pdf"));
    QCOMPARE(fine->bytes, pdfBytes());
}

void TestAttachmentStore::whoMayAddWhen_data()
{
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("staff");
    QTest::addColumn<int>("expected"); // -1: stored; otherwise the ErrorCode
    const int stored = -1;
    const int denied = int(ErrorCode::PermissionDenied);
    const int over = int(ErrorCode::Conflict);
    QTest::newRow("applicant, submitted") << int(RequestState::Submitted) << false << stored;
    QTest::newRow("applicant, needs completion")
        << int(RequestState::NeedsCompletion) << false << stored;
    QTest::newRow("applicant, in verification")
        << int(RequestState::InVerification) << false << denied;
    QTest::newRow("applicant, revoked") << int(RequestState::Revoked) << false << denied;
    QTest::newRow("staff, in verification") << int(RequestState::InVerification) << true << stored;
    QTest::newRow("staff, awaiting approval")
        << int(RequestState::AwaitingApproval) << true << stored;
    QTest::newRow("staff, closed") << int(RequestState::Closed) << true << over;
    QTest::newRow("staff, rejected") << int(RequestState::Rejected) << true << over;
}

void TestAttachmentStore::whoMayAddWhen()
{
    QFETCH(int, state);
    QFETCH(bool, staff);
    QFETCH(int, expected);
    RevocationWorkflow workflow(m_db, {});
    auto filed = workflow.file(Kiosk, newRequest(), {});
    RD_VERIFY_RESULT(filed);
    QVERIFY(TestFixtures::forceState(*m_db, filed->outcome.requestId, RequestState(state)));
    const qint64 before = TestFixtures::count(*m_db, QStringLiteral("attachments"));
    auto added = workflow.attachments().add(
        staff ? Staff : Kiosk, filed->outcome.requestId,
        {AttachmentKind::StatementLetter, QStringLiteral("surat.pdf"), pdfBytes()});
    if (expected < 0) {
        RD_VERIFY_RESULT(added);
        QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("attachments")), before + 1);
    } else {
        QVERIFY(!added);
        QCOMPARE(int(added.error().code), expected);
        QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("attachments")), before);
    }
}

void TestAttachmentStore::changedBytesAreFound()
{
    RevocationWorkflow workflow(m_db, {});
    auto filed = workflow.file(
        Kiosk, newRequest(),
        {{AttachmentKind::StatementLetter, QStringLiteral("surat.pdf"), pdfBytes()}});
    RD_VERIFY_RESULT(filed);
    const Attachment &stored = filed->attachments.front();
    QByteArray forged = pdfBytes();
    forged.replace("Catalog", "Katalog");
    RD_VERIFY_RESULT(m_db->execute(
        QStringLiteral("UPDATE attachments SET content = ? WHERE id = ?"), {forged, stored.id}));
    auto bytes = workflow.attachments().content(filed->outcome.requestId, stored.id);
    QVERIFY(!bytes);
    QCOMPARE(bytes.error().code, ErrorCode::Conflict);
    // Another request's number does not reach this file.
    auto other = workflow.attachments().content(filed->outcome.requestId + 1, stored.id);
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::NotFound);
}

QTEST_GUILESS_MAIN(TestAttachmentStore)
#include "TestAttachmentStore.moc"
