// The papers of the service (services/documents) as a reader holds them: each rendered from a
// request whose values are known, its text read back from the PDF (pdftotext) with every field
// in it, its pages measured (pdfinfo), its QR code decoded (pdftoppm and zbarimg) and compared
// with the record, and `check` telling a paper of the record as it is from one of a record that
// has changed since.
#include "TestCertificates.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "documents/Letterhead.h"
#include "documents/PaperComposer.h"
#include "documents/PaperRenderer.h"
#include "register/CertificateRepository.h"
#include "users/UserAccounts.h"
#include "workflow/RevocationWorkflow.h"

#include <QGuiApplication>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::CertificateSpec;
using rd::test::TestCertificates;
using rd::test::TestDatabase;
using rd::test::TestFixtures;

namespace {

// With a title in front and behind, an accented letter and an en dash: all must survive.
const QString HolderName = QStringLiteral("Hj. Renée Siregar–Lubis, S.E.");
const QString HolderBareName = QStringLiteral("Renée Siregar–Lubis");
const QTimeZone Jakarta(QByteArrayLiteral("Asia/Jakarta"));

struct PdfFacts
{
    QString text;
    int pages = 0;
    QString pageSize; // pdfinfo's "595 x 842 pts (A4)"
    QString problem;
};

QString runTool(const QString &program, const QStringList &arguments, QString *problem)
{
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        *problem = QStringLiteral("%1 is not installed (scripts/test installs poppler-utils and "
                                  "zbar-tools)")
                       .arg(program);
        return {};
    }
    QProcess process;
    process.start(path, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        *problem = QStringLiteral("%1 failed: %2")
                       .arg(program, QString::fromUtf8(process.readAllStandardError()));
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

PdfFacts readPdf(const QString &path)
{
    PdfFacts facts;
    facts.text = runTool(QStringLiteral("pdftotext"), {path, QStringLiteral("-")}, &facts.problem);
    const QString info = runTool(QStringLiteral("pdfinfo"), {path}, &facts.problem);
    for (const QString &line : info.split(u'\n')) {
        if (line.startsWith(QLatin1String("Pages:")))
            facts.pages = line.mid(6).trimmed().toInt();
        if (line.startsWith(QLatin1String("Page size:")))
            facts.pageSize = line.mid(10).trimmed();
    }
    // pdftotext breaks lines where the page does: compare words, not lines.
    facts.text = facts.text.simplified();
    return facts;
}

QString decodeQr(const QString &pdf, const QString &folder, QString *problem)
{
    const QString prefix = folder + QStringLiteral("/qr");
    runTool(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("200"), QStringLiteral("-png"),
             QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"),
             QStringLiteral("-singlefile"), pdf, prefix},
            problem);
    return runTool(QStringLiteral("zbarimg"),
                   {QStringLiteral("--raw"), QStringLiteral("-q"), prefix + QStringLiteral(".png")},
                   problem)
        .trimmed();
}

} // namespace

class TestPapers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void everyPaperCarriesItsFields_data();
    void everyPaperCarriesItsFields();
    void englishWhenTheApplicantChoseIt();
    void theScreensFontSizeDoesNotReachThePage();
    void receiptRollIsAsLongAsItsContent();
    void longTextIsSetSmallerNeverCut();
    void checkTellsACurrentPaperFromAnOutdatedOne();
    void codesAreParsedAsPeopleGiveThem();
    void emblemMustBeAnImage();

private:
    QString render(PaperKind kind, const QString &language, const QString &name,
                   PaperRenderer::ReceiptPaper receipt = PaperRenderer::ReceiptPaper::A6);

    QTemporaryDir m_dir;
    std::unique_ptr<TestDatabase> m_test;
    DatabasePtr m_db;
    QString m_agenda;
    QString m_serial;
    qint64 m_requestId = 0;
};

void TestPapers::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // To look at the papers after the run.
    if (qEnvironmentVariableIsSet("REVOCATION_DESK_KEEP_PAPERS")) {
        m_dir.setAutoRemove(false);
        qInfo("papers kept in %s", qPrintable(m_dir.path()));
    }
    m_test = TestDatabase::create(TestDatabase::Engine::Sqlite);
    QVERIFY2(m_test->database(), qPrintable(m_test->error()));
    m_db = m_test->database();
    const Actor admin = Actor::user(QStringLiteral("admin"), Actor::Role::Administrator);
    auto ani = UserAccounts(m_db).add(admin, QStringLiteral("ani"),
                                      QStringLiteral("Ani Rahmawati, S.Kom."),
                                      Actor::Role::Operator, QStringLiteral("kata-sandi-ani-1"));
    RD_VERIFY_RESULT(ani);
    const Actor ani_ = Actor::user(QStringLiteral("ani"), Actor::Role::Operator, *ani);
    OfficeSettings office(m_db);
    for (const auto &[key, value] :
         {std::pair {QStringLiteral("office/government"),
                     QStringLiteral("Pemerintah Kabupaten Uji")},
          std::pair {QStringLiteral("office/name"),
                     QStringLiteral("Dinas Komunikasi dan Informatika")},
          std::pair {QStringLiteral("office/address"),
                     QStringLiteral("Jalan Percobaan 7, Kota Uji")},
          std::pair {QStringLiteral("office/place"), QStringLiteral("Kota Uji")},
          std::pair {QStringLiteral("office/head"),
                     QStringLiteral("Kepala Dinas Kominfo Kabupaten Uji")},
          std::pair {QStringLiteral("office/classificationCode"), QStringLiteral("000.5.10")}})
        RD_VERIFY_RESULT(office.set(admin, key, value));

    const qint64 holder = TestFixtures::addHolder(m_db, 7, HolderName);
    QVERIFY(holder > 0);
    // The holder's certificate, in the register, as the kiosk would name it.
    auto authority = TestCertificates::certificateAuthority(QStringLiteral("Test BSrE CA"));
    RD_VERIFY_RESULT(authority);
    CertificateSpec spec;
    spec.subject = {{QStringLiteral("C"), QStringLiteral("ID")},
                    {QStringLiteral("CN"), HolderBareName},
                    {QStringLiteral("emailAddress"), QStringLiteral("pemegang7@natunakab.go.id")}};
    auto built = TestCertificates::build(spec, &*authority);
    RD_VERIFY_RESULT(built);
    auto certificates = Certificate::readAll(built->der());
    RD_VERIFY_RESULT(certificates);
    const Certificate &certificate = certificates->front();
    m_serial = certificate.serialHex();
    CertificateRecord stored;
    stored.holderId = holder;
    stored.serialHex = m_serial;
    stored.issuerDn = certificate.issuerDn();
    stored.subjectDn = certificate.subjectDn();
    stored.notBefore = certificate.notBefore();
    stored.notAfter = certificate.notAfter();
    stored.sha256Fingerprint = certificate.sha256Fingerprint();
    stored.der = built->der();
    auto certificateId = CertificateRepository(m_db).insert(admin, stored);
    RD_VERIFY_RESULT(certificateId);

    NewRevocationRequest request;
    request.holderId = holder;
    request.certificateId = *certificateId;
    request.reason = RevocationReason::Retired;
    request.reasonText = QStringLiteral("Purna tugas per 1 Desember – SK terlampir");
    request.effectiveDate = QDate(2026, 12, 1);
    request.applicantEmail = QStringLiteral("renee@natunakab.example");
    request.applicantLanguage = QStringLiteral("id");
    request.filedBy = NewRevocationRequest::FiledBy::Official;
    request.officialName = QStringLiteral("Hendra Saputra, S.Sos.");
    request.officialNip = QStringLiteral("197805122005011003");
    request.officialPosition = QStringLiteral("Sekretaris Dinas");
    RevocationWorkflow workflow(m_db, {});
    auto filed = workflow.file(Actor::kiosk(QStringLiteral("kiosk-1")), request, {});
    RD_VERIFY_RESULT(filed);
    m_requestId = filed->outcome.requestId;
    TransitionRequest claim;
    claim.requestId = m_requestId;
    claim.action = RequestAction::Claim;
    RD_VERIFY_RESULT(RequestLifecycle(m_db).apply(ani_, claim));
    std::vector<ChecklistAnswer> answers;
    for (const ChecklistItem &item : VerificationChecklist::applicable(true))
        answers.push_back({item.key, true, QStringLiteral("cocok dengan KTP")});
    RD_VERIFY_RESULT(workflow.verify(ani_, m_requestId, answers));
    auto issuers
        = TrustedIssuers::fromList({QStringLiteral("CN=Test BSrE CA,O=Test Organisation,C=ID")});
    RD_VERIFY_RESULT(issuers);
    auto registered = workflow.registeredCertificate(m_requestId);
    RD_VERIFY_RESULT(registered);
    auto matched = workflow.matchCertificate(ani_, m_requestId, *registered, *issuers, {});
    RD_VERIFY_RESULT(matched);
    QVERIFY(matched->recorded);

    auto record = RevocationRequestRepository(m_db).findById(m_requestId);
    RD_VERIFY_RESULT(record);
    m_agenda = record->agendaNumber;
}

QString TestPapers::render(PaperKind kind, const QString &language, const QString &name,
                           PaperRenderer::ReceiptPaper receipt)
{
    auto content = PaperComposer(m_db).compose(kind, m_agenda);
    if (!content) {
        qWarning() << content.error().toString();
        return {};
    }
    auto letterhead = Letterhead::load(OfficeSettings(m_db));
    auto words = PaperLanguage::load(language);
    if (!letterhead || !words)
        return {};
    const QString path = m_dir.filePath(name);
    if (auto written
        = PaperRenderer(*letterhead, *words, Jakarta, receipt).writePdf(*content, path);
        !written) {
        qWarning() << written.error().toString();
        return {};
    }
    return path;
}

void TestPapers::everyPaperCarriesItsFields_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("pages");
    QTest::addColumn<QString>("size");
    QTest::addColumn<QStringList>("fields");
    QTest::newRow("statement letter")
        << int(PaperKind::StatementLetter) << 1 << QStringLiteral("595 x 842 pts (A4)")
        << QStringList {QStringLiteral("PEMERINTAH KABUPATEN UJI"),
                        QStringLiteral("Jalan Percobaan 7, Kota Uji"),
                        QStringLiteral("Permohonan Pencabutan Sertifikat Elektronik"),
                        QStringLiteral("Kepala Dinas Kominfo Kabupaten Uji"),
                        HolderBareName,
                        TestFixtures::nik(7),
                        QStringLiteral("Pranata Komputer"),
                        QStringLiteral("Dinas Komunikasi dan Informatika"),
                        QStringLiteral("pemegang7@natunakab.go.id"),
                        QStringLiteral("Hendra Saputra, S.Sos."),
                        QStringLiteral("197805122005011003"),
                        QStringLiteral("Sekretaris Dinas"),
                        QStringLiteral("Purna tugas"),
                        QStringLiteral("1 Desember 2026"),
                        QStringLiteral("Purna tugas per 1 Desember – SK terlampir"),
                        QStringLiteral("Mengetahui"),
                        QStringLiteral("SK pensiun")};
    QTest::newRow("receipt") << int(PaperKind::Receipt) << 1 << QStringLiteral("297 x 420 pts")
                             << QStringList {HolderName,
                                             QStringLiteral("TANDA TERIMA"),
                                             QStringLiteral("renee@natunakab.example"),
                                             QStringLiteral("Purna tugas"),
                                             QStringLiteral("Hendra Saputra, S.Sos."),
                                             QStringLiteral("1 Desember 2026")};
    QTest::newRow("verification result")
        << int(PaperKind::VerificationResult) << 0 << QStringLiteral("595 x 842 pts (A4)")
        << QStringList {QStringLiteral("HASIL VERIFIKASI DATA"),
                        HolderName,
                        TestFixtures::nik(7),
                        QStringLiteral("cocok dengan KTP"),
                        QStringLiteral("Sesuai"),
                        QStringLiteral("Ani Rahmawati, S.Kom."),
                        HolderBareName,
                        QStringLiteral("Sertifikat yang diperiksa")};
    QTest::newRow("control card") << int(PaperKind::ControlCard) << 3
                                  << QStringLiteral("283 x 425 pts")
                                  << QStringList {QStringLiteral("KARTU KENDALI"),
                                                  QStringLiteral("000.5.10"),
                                                  HolderName,
                                                  QStringLiteral("Hendra Saputra, S.Sos."),
                                                  QStringLiteral("Ani Rahmawati, S.Kom."),
                                                  QStringLiteral("Lembar 1 dari 3"),
                                                  QStringLiteral("Lembar 3 dari 3")};
    QTest::newRow("disposition sheet")
        << int(PaperKind::DispositionSheet) << 1 << QStringLiteral("609 x 468 pts")
        << QStringList {QStringLiteral("LEMBAR DISPOSISI"),
                        QStringLiteral("PEMERINTAH KABUPATEN UJI"),
                        QStringLiteral("Hendra Saputra, S.Sos."),
                        QStringLiteral("Sangat segera"),
                        QStringLiteral("Rahasia"),
                        QStringLiteral("Diteruskan kepada")};
}

void TestPapers::everyPaperCarriesItsFields()
{
    QFETCH(int, kind);
    QFETCH(int, pages);
    QFETCH(QString, size);
    QFETCH(QStringList, fields);
    const QString path = render(PaperKind(kind), QStringLiteral("id"),
                                PaperKinds::key(PaperKind(kind)) + QStringLiteral(".pdf"));
    QVERIFY(!path.isEmpty());
    const PdfFacts pdf = readPdf(path);
    QVERIFY2(pdf.problem.isEmpty(), qPrintable(pdf.problem));
    // 0: as many as the content needs (a table carries on to the next page).
    if (pages > 0)
        QCOMPARE(pdf.pages, pages);
    else
        QVERIFY(pdf.pages >= 1);
    QCOMPARE(pdf.pageSize, size);
    fields << m_agenda;
    if (PaperKind(kind) != PaperKind::ControlCard && PaperKind(kind) != PaperKind::DispositionSheet)
        fields << m_serial;
    for (const QString &field : std::as_const(fields))
        QVERIFY2(pdf.text.contains(field),
                 qPrintable(field + QStringLiteral(" missing in: ") + pdf.text));

    auto content = PaperComposer(m_db).compose(PaperKind(kind), m_agenda);
    RD_VERIFY_RESULT(content);
    QVERIFY(pdf.text.contains(content->shortCode()));
    QString problem;
    QCOMPARE(decodeQr(path, m_dir.path(), &problem), content->qrText());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPapers::englishWhenTheApplicantChoseIt()
{
    const QString path
        = render(PaperKind::StatementLetter, QStringLiteral("en"), QStringLiteral("en.pdf"));
    QVERIFY(!path.isEmpty());
    const PdfFacts pdf = readPdf(path);
    QVERIFY2(pdf.problem.isEmpty(), qPrintable(pdf.problem));
    for (const QString &field :
         {QStringLiteral("Request for Revocation of an Electronic Certificate"),
          QStringLiteral("1 December 2026"), QStringLiteral("Retired"),
          QStringLiteral("Acknowledged by"), HolderBareName})
        QVERIFY2(pdf.text.contains(field),
                 qPrintable(field + QStringLiteral(" missing in: ") + pdf.text));
    QVERIFY(!pdf.text.contains(QLatin1String("Desember 2026")));
}

void TestPapers::theScreensFontSizeDoesNotReachThePage()
{
    const PdfFacts normal = readPdf(
        render(PaperKind::StatementLetter, QStringLiteral("id"), QStringLiteral("normal.pdf")));
    const QFont before = QGuiApplication::font();
    QFont large = before;
    large.setPointSizeF(before.pointSizeF() * 1.5);
    QGuiApplication::setFont(large);
    const PdfFacts enlarged = readPdf(
        render(PaperKind::StatementLetter, QStringLiteral("id"), QStringLiteral("large.pdf")));
    QGuiApplication::setFont(before);
    QVERIFY2(normal.problem.isEmpty(), qPrintable(normal.problem));
    QCOMPARE(enlarged.pages, normal.pages);
    QCOMPARE(enlarged.text, normal.text);
}

void TestPapers::receiptRollIsAsLongAsItsContent()
{
    const QString path = render(PaperKind::Receipt, QStringLiteral("id"),
                                QStringLiteral("roll.pdf"), PaperRenderer::ReceiptPaper::Roll80);
    const PdfFacts pdf = readPdf(path);
    QVERIFY2(pdf.problem.isEmpty(), qPrintable(pdf.problem));
    QCOMPARE(pdf.pages, 1);
    QVERIFY2(pdf.pageSize.startsWith(QLatin1String("227 x ")), qPrintable(pdf.pageSize));
    // pdfinfo says "227 x 353 pts": the third word is the height in points.
    const double height = pdf.pageSize.section(u' ', 2, 2).toDouble();
    QVERIFY2(height > 300 && height < 900, qPrintable(pdf.pageSize));
    QVERIFY(pdf.text.contains(m_agenda));
    QVERIFY(pdf.text.contains(QLatin1String("renee@natunakab.example")));
    QString problem;
    QVERIFY(decodeQr(path, m_dir.path(), &problem).startsWith(QLatin1String("RD1;")));
}

void TestPapers::longTextIsSetSmallerNeverCut()
{
    // A holder with a long unit name: the card is one card still, three copies, all text there.
    const QString longUnit = QStringLiteral(
        "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah Bidang Perekonomian, "
        "Sumber Daya Alam, Infrastruktur dan Kewilayahan Sub Bagian Umum dan Kepegawaian");
    RD_VERIFY_RESULT(m_db->execute(QStringLiteral("UPDATE holders SET unit = ? WHERE nik = ?"),
                                   {longUnit, TestFixtures::nik(7)}));
    const PdfFacts pdf
        = readPdf(render(PaperKind::ControlCard, QStringLiteral("id"), QStringLiteral("long.pdf")));
    RD_VERIFY_RESULT(
        m_db->execute(QStringLiteral("UPDATE holders SET unit = ? WHERE nik = ?"),
                      {QStringLiteral("Dinas Komunikasi dan Informatika"), TestFixtures::nik(7)}));
    QVERIFY2(pdf.problem.isEmpty(), qPrintable(pdf.problem));
    QCOMPARE(pdf.pages, 3);
    QVERIFY2(pdf.text.contains(QStringLiteral("Sub Bagian Umum dan Kepegawaian")),
             qPrintable(pdf.text));
}

void TestPapers::checkTellsACurrentPaperFromAnOutdatedOne()
{
    PaperComposer composer(m_db);
    auto letter = composer.compose(PaperKind::StatementLetter, m_agenda);
    RD_VERIFY_RESULT(letter);
    auto current = composer.check(m_agenda, letter->qrText());
    RD_VERIFY_RESULT(current);
    QVERIFY(current->matches);
    QCOMPARE(*current->kind, PaperKind::StatementLetter);
    auto typed = composer.check(m_agenda, letter->shortCode().toLower());
    RD_VERIFY_RESULT(typed);
    QVERIFY(typed->matches);
    // The same code given for another request does not match it.
    auto other = composer.check(
        m_agenda, letter->qrText().replace(m_agenda, QStringLiteral("SE/1999/01/0001")));
    RD_VERIFY_RESULT(other);
    QVERIFY(!other->matches);

    // The record changes behind the paper: the printed code no longer matches.
    RD_VERIFY_RESULT(
        m_db->execute(QStringLiteral("UPDATE revocation_requests SET reason_text = ? WHERE id = ?"),
                      {QStringLiteral("Purna tugas per 1 Januari"), m_requestId}));
    auto outdated = composer.check(m_agenda, letter->qrText());
    RD_VERIFY_RESULT(outdated);
    QVERIFY(!outdated->matches);
    auto again = composer.compose(PaperKind::StatementLetter, m_agenda);
    RD_VERIFY_RESULT(again);
    QVERIFY(again->sha256() != letter->sha256());
    RD_VERIFY_RESULT(
        m_db->execute(QStringLiteral("UPDATE revocation_requests SET reason_text = ? WHERE id = ?"),
                      {QStringLiteral("Purna tugas per 1 Desember – SK terlampir"), m_requestId}));
    auto restored = composer.check(m_agenda, letter->qrText());
    RD_VERIFY_RESULT(restored);
    QVERIFY(restored->matches);
}

void TestPapers::codesAreParsedAsPeopleGiveThem()
{
    QVERIFY(PaperContent::parseCode(QStringLiteral("8DD7-60B9-14A2-4A2E")));
    QVERIFY(PaperContent::parseCode(QStringLiteral(" 8dd760b914a24a2e ")));
    QVERIFY(!PaperContent::parseCode(QStringLiteral("8DD7-60B9")));
    QVERIFY(!PaperContent::parseCode(QStringLiteral("RD1;SE/2026/12/0001;letter;xyz")));
    QVERIFY(!PaperContent::parseCode(QStringLiteral("RD1;SE/2026/12/0001;poster;")
                                     + QString(64, u'a')));
    auto qr = PaperContent::parseCode(QStringLiteral("RD1;SE/2026/12/0001;receipt;")
                                      + QString(64, u'A'));
    QVERIFY(qr);
    QCOMPARE(qr->agendaNumber, QStringLiteral("SE/2026/12/0001"));
    QCOMPARE(*qr->kind, PaperKind::Receipt);
    auto refused = PaperComposer(m_db).check(m_agenda, QStringLiteral("not a code"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
}

void TestPapers::emblemMustBeAnImage()
{
    QFile demo(QStringLiteral(":/documents/demo-emblem.png"));
    QVERIFY(demo.open(QIODevice::ReadOnly));
    auto url = OfficeSettings::emblemUrl(demo.readAll());
    RD_VERIFY_RESULT(url);
    QVERIFY(!Letterhead::emblemFromUrl(*url).isNull());
    QVERIFY(!OfficeSettings::emblemUrl(QByteArrayLiteral("%PDF-1.4 not an image")));
}

QTEST_MAIN(TestPapers)
#include "TestPapers.moc"
