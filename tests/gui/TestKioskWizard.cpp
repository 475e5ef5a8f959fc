// The applicant kiosk, driven as a person would drive it, offscreen, against a real SQLite
// database, with the real Indonesian translation: the letter printed to PDF files, a temporary
// folder standing in for the USB drive. Its AMS side (log-in, certificates from AMS, filing there)
// is TestKioskAms.

#include "KioskDriver.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "documents/PaperContent.h"
#include "kiosk/ResumeCode.h"
#include "requests/KioskThrottle.h"
#include "users/OfficeSettings.h"

#include <QAbstractSpinBox>
#include <QBuffer>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateEdit>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTimer>

using namespace rd;
using namespace std::chrono_literals;

namespace {

struct TestHolder
{
    int n = 0;
    QString name;
    QString nik() const { return test::TestFixtures::nik(n); }
    QString email() const { return QStringLiteral("pemegang%1@natunakab.go.id").arg(n); }
};

const TestHolder Siti {1, QStringLiteral("Dra. Siti Rahmah, M.Si.")};
const TestHolder Budi {2, QStringLiteral("Budi Santoso, S.Kom.")};
const TestHolder Wan {3, QStringLiteral("H. Wan Ahmad Fauzi")};
// Valid in form, in no register.
const TestHolder Nobody {4242, QStringLiteral("Nobody")};

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

QByteArray pngOf(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QByteArray smallPdf()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    QPainter painter(&writer);
    painter.drawText(QPointF(200, 400), QStringLiteral("Surat keterangan, ditandatangani"));
    painter.end();
    return bytes;
}

} // namespace

class TestKioskWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void filesForDeceasedHolderWithLetterAndDeathCertificate();
    void savesDraftAndResumesByCode();
    void keepsBadNikOnFirstPage();
    void answersWrongEmailAndUnknownNikAlike();
    void slowsDownAfterRepeatedFailures();
    void refusesLargeAndDisguisedFiles();
    void seesRemovableMediaOnly();
    void holderCannotFileForDeceased();
    void requiresTheStatement();
    void keepsEverythingWhenFilingFails();
    void escapeGoesBackAndCancelAsks();
    void startsAgainAfterTheReceipt();
    void leavesOnlyWithTheOperatorsPin();
    void resetsAfterInactivity();
    void switchesLanguageLive();
    void namesEveryControl();

private:
    test::KioskDriver driver() const { return test::KioskDriver(m_window.get()); }
    QString mediaPath(const QString &name) const
    {
        return m_media.filePath(QStringLiteral("usb/") + name);
    }
    void putOnDrive(const QString &name, const QByteArray &bytes);
    // From welcome to the review for Budi filing for himself with the reason "data changed".
    void goToReview(const TestHolder &holder);
    qint64 requestCount() const;
    QStringList printed(const QString &prefix) const;

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<KioskWindow> m_window;
    QTemporaryDir m_media;
    QTemporaryDir m_printed;
    QDateTime m_now;
};

void TestKioskWizard::initTestCase()
{
    RD_OPEN_DATABASE(db, test::TestDatabase::Engine::Sqlite);
    for (const TestHolder &holder : {Siti, Budi, Wan})
        QVERIFY(test::TestFixtures::addHolder(db->database(), holder.n, holder.name) > 0);
    m_db = std::move(db);
    QVERIFY(m_media.isValid() && m_printed.isValid());
    QVERIFY(QDir(m_media.path()).mkpath(QStringLiteral("usb")));
}

void TestKioskWizard::init()
{
    // An hour further for each test: the kiosk's failed attempts of one test are out of the
    // next one's window.
    static QDateTime start = QDateTime::currentDateTimeUtc();
    start = start.addSecs(3600);
    m_now = start;
    KioskOptions options;
    options.lifecycle.officeZone = QTimeZone(QByteArrayLiteral("Asia/Jakarta"));
    // The kiosk's clock, which the slow-down test moves on.
    options.lifecycle.clock = Clock([this] { return m_now; });
    options.language = QStringLiteral("id");
    options.printTo = m_printed.path();
    options.removableMedia = {m_media.path()};
    options.receiptHold = 200ms;
    options.doneReset
        = QByteArray(QTest::currentTestFunction()) == "startsAgainAfterTheReceipt" ? 1500ms : 60s;
    m_window = std::make_unique<KioskWindow>(m_db->database(), options);
    m_window->resize(1280, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(driver().page(), int(KioskWizard::WelcomePageId));
}

void TestKioskWizard::cleanup()
{
    m_window.reset();
    // Every test starts with an empty drive and no failed attempts behind it.
    for (const QString &name : QDir(m_media.filePath(QStringLiteral("usb"))).entryList(QDir::Files))
        QFile::remove(mediaPath(name));
    RD_VERIFY_RESULT(m_db->database()->executeUnprepared(
        QStringLiteral("DROP TRIGGER IF EXISTS kiosk_test_refuse")));
}

void TestKioskWizard::cleanupTestCase()
{
    m_db.reset();
}

void TestKioskWizard::putOnDrive(const QString &name, const QByteArray &bytes)
{
    QFile file(mediaPath(name));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

qint64 TestKioskWizard::requestCount() const
{
    return test::TestFixtures::count(*m_db->database(), QStringLiteral("revocation_requests"));
}

QStringList TestKioskWizard::printed(const QString &prefix) const
{
    return QDir(m_printed.path())
        .entryList({prefix + QStringLiteral("-*.pdf")}, QDir::Files, QDir::Time);
}

void TestKioskWizard::goToReview(const TestHolder &holder)
{
    const auto d = driver();
    RD_DO(d.identify(holder.nik(), holder.email(), holder.name));
    QVERIFY(d.child<QRadioButton>("filedByHolder")->isChecked());
    QCOMPARE(d.field("contactEmail")->text(), holder.email());
    d.next();
    // The portal backend: no AMS log-in at the kiosk; the register has no certificate.
    RD_DO(d.chooseCertificate());
    d.next();
    RD_DO(d.chooseReason(RevocationReason::DataChanged));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::LetterPageId));
    d.next(); // a signed letter brought along

    QCOMPARE(d.page(), int(KioskWizard::AttachmentsPageId));
    RD_DO(putOnDrive(QStringLiteral("surat.pdf"), smallPdf()));
    RD_DO(d.attach(QStringLiteral("surat.pdf"), "useAsLetter"));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::ReviewPageId));
}

void TestKioskWizard::filesForDeceasedHolderWithLetterAndDeathCertificate()
{
    const auto d = driver();
    const qint64 before = requestCount();
    RD_DO(d.identify(Wan.nik(), Wan.email().toUpper(), Wan.name)); // the e-mail's case is free
    const QString name = QStringLiteral("Drs. Raja Darmawan, M.Si.");
    const QString nip = QStringLiteral("197203151998031004");
    const QString position = QStringLiteral("Kepala Dinas Komunikasi dan Informatika");
    RD_DO(d.fileAsOfficial(name, nip, position));
    auto *relationship = d.child<QComboBox>("officialRelationship");
    relationship->setCurrentIndex(relationship->findData(QStringLiteral("Atasan langsung")));
    d.next();
    // An official files: no AMS log-in, the operator files in AMS at step 8.
    QCOMPARE(d.page(), int(KioskWizard::CertificatePageId));
    RD_DO(d.chooseCertificate());
    d.next();
    RD_DO(d.chooseReason(RevocationReason::Deceased));
    d.next();

    // The letter: previewed, printed (a draft with its resume code), then on.
    QCOMPARE(d.page(), int(KioskWizard::LetterPageId));
    QVERIFY2(!d.label("letterPreview")->pixmap().isNull(),
             qPrintable(d.label("letterProblem")->text()));
    QVERIFY(!d.child<QPushButton>("continueLater")->isEnabled());
    RD_DO(d.click("printLetter"));
    const QString code = d.label("letterResumeCode")->text();
    QVERIFY2(QRegularExpression(QStringLiteral("^[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$"))
                 .match(code)
                 .hasMatch(),
             qPrintable(code));
    QVERIFY(d.child<QPushButton>("continueLater")->isEnabled());
    QCOMPARE(printed(QStringLiteral("letter")).size(), 1);
    const QString letter = m_printed.filePath(printed(QStringLiteral("letter")).constFirst());
    QProcess text;
    text.start(QStringLiteral("pdftotext"), {letter, QStringLiteral("-")});
    QVERIFY2(text.waitForFinished(30000), "pdftotext did not run");
    const QString letterText = QString::fromUtf8(text.readAllStandardOutput());
    for (const QString &expected : {code, name, nip, QStringLiteral("Atasan langsung"), Wan.nik()})
        QVERIFY2(letterText.contains(expected), qPrintable(expected));
    QCOMPARE(requestCount(), before + 1); // the draft
    d.next();

    // The signed letter (a PDF) and the death certificate (a photographed PNG) from the drive.
    QCOMPARE(d.page(), int(KioskWizard::AttachmentsPageId));
    d.next(); // nothing attached yet
    QCOMPARE(d.page(), int(KioskWizard::AttachmentsPageId));
    QVERIFY(d.label("attachmentsProblem")->isVisible());
    QFile letterFile(letter);
    QVERIFY(letterFile.open(QIODevice::ReadOnly));
    const QByteArray letterBytes = letterFile.readAll();
    RD_DO(putOnDrive(QStringLiteral("surat-ttd.pdf"), letterBytes));
    const QByteArray death = pngOf(800, 1100);
    RD_DO(putOnDrive(QStringLiteral("akta-kematian.png"), death));
    RD_DO(d.attach(QStringLiteral("surat-ttd.pdf"), "useAsLetter"));
    d.next(); // the death certificate is still missing
    QCOMPARE(d.page(), int(KioskWizard::AttachmentsPageId));
    QVERIFY(d.label("attachmentsProblem")->isVisible());
    RD_DO(d.attach(QStringLiteral("akta-kematian.png"), "useAsEvidence"));
    d.next();

    QCOMPARE(d.page(), int(KioskWizard::ReviewPageId));
    QCOMPARE(d.label("summaryHolder")->text(), Wan.name);
    const QString filedBy = d.label("summaryFiledBy")->text();
    QVERIFY2(filedBy.contains(name) && filedBy.contains(nip) && filedBy.contains(position),
             qPrintable(filedBy));
    QVERIFY(d.label("summaryFiles")->text().contains(QLatin1String("akta-kematian.png")));
    RD_DO(d.fileFromReview());

    const QString agenda = d.label("agendaNumber")->text();
    QVERIFY2(
        QRegularExpression(QStringLiteral("^SE/\\d{4}/\\d{2}/\\d{4}$")).match(agenda).hasMatch(),
        qPrintable(agenda));
    QCOMPARE(requestCount(), before + 1); // the draft became the request
    QTRY_VERIFY(d.label("printStatus")->isVisible());
    QCOMPARE(printed(QStringLiteral("receipt")).size(), 1);

    auto row = m_db->database()->execute(
        QStringLiteral("SELECT id, state, channel, reason, filed_by_kind, filed_by_name, "
                       "filed_by_nip, filed_by_position, filed_by_relationship, "
                       "resume_code_sha256 FROM revocation_requests WHERE agenda_number = ?"),
        {agenda});
    RD_VERIFY_RESULT(row);
    QVERIFY(row->next());
    const qint64 requestId = row->value(0).toLongLong();
    QCOMPARE(row->value(1).toString(), QStringLiteral("submitted"));
    QCOMPARE(row->value(2).toString(), QStringLiteral("kiosk"));
    QCOMPARE(row->value(3).toString(), QStringLiteral("deceased"));
    QCOMPARE(row->value(4).toString(), QStringLiteral("official"));
    QCOMPARE(row->value(5).toString(), name);
    QCOMPARE(row->value(6).toString(), nip);
    QCOMPARE(row->value(7).toString(), position);
    QCOMPARE(row->value(8).toString(), QStringLiteral("Atasan langsung"));
    QVERIFY(row->value(9).isNull()); // the resume code is spent
    row->finish();

    // The files as they were on the drive, byte for byte.
    auto files = m_db->database()->execute(
        QStringLiteral("SELECT kind, file_name, sha256, size_bytes FROM attachments "
                       "WHERE request_id = ? ORDER BY kind"),
        {requestId});
    RD_VERIFY_RESULT(files);
    QVERIFY(files->next());
    QCOMPARE(files->value(0).toString(), QStringLiteral("death_certificate"));
    QCOMPARE(files->value(2).toString(), sha256(death));
    QCOMPARE(files->value(3).toLongLong(), death.size());
    QVERIFY(files->next());
    QCOMPARE(files->value(0).toString(), QStringLiteral("statement_letter"));
    QCOMPARE(files->value(1).toString(), QStringLiteral("surat-ttd.pdf"));
    QCOMPARE(files->value(2).toString(), sha256(letterBytes));
    QVERIFY(!files->next());
    files->finish();

    // The applicant's steps as events: the letter (1), the form (3), the reason (4), the files
    // (5); no AMS log-in (2) when an official files. All by this kiosk.
    auto events = m_db->database()->execute(
        QStringLiteral("SELECT DISTINCT step, actor FROM request_events WHERE request_id = ? "
                       "AND action = 'kiosk_step' ORDER BY step"),
        {requestId});
    RD_VERIFY_RESULT(events);
    QList<int> steps;
    while (events->next()) {
        steps << events->value(0).toInt();
        QCOMPARE(events->value(1).toString(),
                 QStringLiteral("kiosk:") + QSysInfo::machineHostName());
    }
    QCOMPARE(steps, QList<int>({1, 3, 4, 5}));

    // "Done" waits a moment, then a new wizard for the next person.
    QAbstractButton *done = d.wizard()->button(QWizard::FinishButton);
    QTRY_VERIFY(done->isEnabled());
    const QPointer<KioskWizard> old = d.wizard();
    QTest::mouseClick(done, Qt::LeftButton);
    QTRY_VERIFY(!old);
    QCOMPARE(driver().page(), int(KioskWizard::WelcomePageId));
    const QString everything = driver().allTexts().join(u'\n');
    for (const QString &trace : {Wan.name, Wan.nik(), name, agenda, code})
        QVERIFY2(!everything.contains(trace, Qt::CaseInsensitive), qPrintable(trace));
}

void TestKioskWizard::savesDraftAndResumesByCode()
{
    auto d = driver();
    RD_DO(d.identify(Budi.nik(), Budi.email(), Budi.name));
    d.next();
    RD_DO(d.chooseCertificate());
    d.next();
    RD_DO(d.chooseReason(RevocationReason::Transferred));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::LetterPageId));
    RD_DO(d.click("printLetter"));
    const QString code = d.label("letterResumeCode")->text();
    RD_DO(d.click("continueLater"));
    QCOMPARE(d.page(), int(KioskWizard::DraftSavedPageId));
    QCOMPARE(d.label("draftResumeCode")->text(), code);
    auto draft = m_db->database()->execute(
        QStringLiteral("SELECT r.id, r.state, r.agenda_number, r.resume_code_sha256 FROM "
                       "revocation_requests r JOIN holders h ON h.id = r.holder_id WHERE h.nik = ? "
                       "ORDER BY r.id DESC LIMIT 1"),
        {Budi.nik()});
    RD_VERIFY_RESULT(draft);
    QVERIFY(draft->next());
    const qint64 draftId = draft->value(0).toLongLong();
    QCOMPARE(draft->value(1).toString(), QStringLiteral("draft"));
    QVERIFY(draft->value(2).toString().isEmpty());
    // Only the code's hash is kept.
    QCOMPARE(draft->value(3).toString(), ResumeCode::sha256(*ResumeCode::normalize(code)));
    draft->finish();
    QTest::mouseClick(d.wizard()->button(QWizard::FinishButton), Qt::LeftButton);
    QTRY_COMPARE(driver().page(), int(KioskWizard::WelcomePageId));

    // Back with the signed letter: a wrong code first, then the right one, typed loosely.
    d = driver();
    RD_DO(d.click("resumeButton"));
    QCOMPARE(d.page(), int(KioskWizard::ResumePageId));
    RD_DO(d.type("resumeCode", QStringLiteral("AAAA-BBBB")));
    RD_DO(d.type("resumeNik", Budi.nik()));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::ResumePageId));
    const QString neutral = d.label("resumeProblem")->text();
    QVERIFY(!neutral.isEmpty());
    d.field("resumeCode")->setText(code);
    d.field("resumeNik")->setText(Siti.nik()); // the right code with another NIK
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::ResumePageId));
    QCOMPARE(d.label("resumeProblem")->text(), neutral);
    d.field("resumeCode")->setText(code.toLower().remove(u'-'));
    d.field("resumeNik")->setText(Budi.nik());
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::AttachmentsPageId));
    RD_DO(putOnDrive(QStringLiteral("surat-budi.pdf"), smallPdf()));
    RD_DO(d.attach(QStringLiteral("surat-budi.pdf"), "useAsLetter"));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::ReviewPageId));
    QCOMPARE(d.label("summaryHolder")->text(), Budi.name);
    QCOMPARE(d.label("summaryReason")->text(),
             RevocationReasons::labelIndonesian(RevocationReason::Transferred));
    RD_DO(d.fileFromReview());

    auto filed = m_db->database()->execute(
        QStringLiteral("SELECT state, agenda_number, resume_code_sha256 FROM revocation_requests "
                       "WHERE id = ?"),
        {draftId});
    RD_VERIFY_RESULT(filed);
    QVERIFY(filed->next());
    QCOMPARE(filed->value(0).toString(), QStringLiteral("submitted"));
    QCOMPARE(filed->value(1).toString(), d.label("agendaNumber")->text());
    QVERIFY(filed->value(2).isNull());
    filed->finish();
    // Both visits' steps are on the request: the letter on the first, the file on the second.
    auto steps = m_db->database()->execute(
        QStringLiteral("SELECT DISTINCT step FROM request_events WHERE request_id = ? AND "
                       "action = 'kiosk_step' ORDER BY step"),
        {draftId});
    RD_VERIFY_RESULT(steps);
    QList<int> found;
    while (steps->next())
        found << steps->value(0).toInt();
    QCOMPARE(found, QList<int>({1, 3, 4, 5}));
}

void TestKioskWizard::keepsBadNikOnFirstPage()
{
    const auto d = driver();
    RD_DO(d.click("startButton"));
    QLineEdit *nik = d.field("nik");
    QTest::keyClicks(nik, Siti.nik().left(15));
    auto *problem = d.label("nikProblem");
    QVERIFY(problem->isVisible()); // as it is typed
    RD_DO(d.type("email", Siti.email()));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::IdentityPageId));
    QVERIFY2(problem->text().contains(QLatin1String("16"))
                 && problem->text().contains(QLatin1String("15")),
             qPrintable(problem->text()));
    // The register was not asked.
    QVERIFY(d.child<QWidget>("holderConfirmation")->isHidden());
    QVERIFY(d.label("identityMessage")->isHidden());
    // Letters never get in; the sixteenth digit makes it right and the message goes.
    QTest::keyClicks(nik, QStringLiteral("ab"));
    QCOMPARE(nik->text().size(), 15);
    QTest::keyClicks(nik, Siti.nik().right(1));
    QVERIFY(problem->isHidden());
    d.next();
    QVERIFY(d.child<QWidget>("holderConfirmation")->isVisible());
}

void TestKioskWizard::answersWrongEmailAndUnknownNikAlike()
{
    const auto d = driver();
    RD_DO(d.click("startButton"));
    auto *message = d.label("identityMessage");
    RD_DO(d.type("nik", Budi.nik()));
    RD_DO(d.type("email", QStringLiteral("someone.else@natunakab.go.id")));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::IdentityPageId));
    const QString wrongEmail = message->text();
    QVERIFY(message->isVisible() && !wrongEmail.isEmpty());
    QVERIFY(!d.allTexts().join(u'\n').contains(Budi.name));

    d.field("nik")->setText(Nobody.nik());
    d.field("email")->setText(Nobody.email());
    d.next();
    QCOMPARE(message->text(), wrongEmail);
    QVERIFY(d.child<QWidget>("holderConfirmation")->isHidden());

    // Another holder's e-mail with this NIK: the same words again.
    d.field("nik")->setText(Budi.nik());
    d.field("email")->setText(Siti.email());
    d.next();
    QCOMPARE(message->text(), wrongEmail);
    const QString everything = d.allTexts().join(u'\n');
    QVERIFY(!everything.contains(Budi.name));
    QVERIFY(!everything.contains(Siti.name));
}

void TestKioskWizard::slowsDownAfterRepeatedFailures()
{
    const auto d = driver();
    RD_DO(d.click("startButton"));
    auto *message = d.label("identityMessage");
    const QString host = QSysInfo::machineHostName();
    const auto failures = [this, &host] {
        auto count = m_db->database()->scalar(
            QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND actor = ?"),
            {KioskThrottle::failureAction(), QString(QStringLiteral("kiosk:") + host)});
        return count ? count->toLongLong() : -1;
    };
    const qint64 before = failures();
    for (int i = 0; i < KioskThrottle::FreeFailures; ++i) {
        d.field("nik")->setText(Nobody.nik());
        d.field("email")->setText(QStringLiteral("x%1@example.go.id").arg(i));
        d.next();
        QVERIFY(message->isVisible());
    }
    const QString neutral = message->text();
    d.field("email")->setText(QStringLiteral("y@example.go.id"));
    d.next(); // the fourth: recorded, and from now on a wait
    QCOMPARE(failures(), before + KioskThrottle::FreeFailures + 1);
    // The right pair must wait too, and the register is not asked.
    d.field("nik")->setText(Budi.nik());
    d.field("email")->setText(Budi.email());
    d.next();
    QVERIFY(message->isVisible());
    QVERIFY(message->text() != neutral);
    QVERIFY2(message->text().contains(QLatin1String("2")), qPrintable(message->text()));
    QVERIFY(d.child<QWidget>("holderConfirmation")->isHidden());
    QCOMPARE(failures(), before + KioskThrottle::FreeFailures + 1);
    // After the delay it is asked again.
    m_now = m_now.addSecs(KioskThrottle::delaySeconds(KioskThrottle::FreeFailures + 1) + 1);
    d.next();
    QVERIFY(d.child<QWidget>("holderConfirmation")->isVisible());
    // The audit entries hold no NIK, only its last four digits.
    auto details = m_db->database()->execute(
        QStringLiteral("SELECT details FROM audit_log WHERE action = ?"),
        {QVariant(KioskThrottle::failureAction())});
    RD_VERIFY_RESULT(details);
    while (details->next())
        QVERIFY(!details->value(0).toString().contains(Nobody.nik()));
}

void TestKioskWizard::refusesLargeAndDisguisedFiles()
{
    RD_DO(goToReview(Budi));
    const auto d = driver();
    d.wizard()->back();
    QCOMPARE(d.page(), int(KioskWizard::AttachmentsPageId));
    // 2 MB: refused with the limit named, not read, not offered for use.
    RD_DO(putOnDrive(QStringLiteral("besar.pdf"),
                     QByteArray("%PDF-1.4\n") + QByteArray(2 * 1024 * 1024, 'x')));
    RD_DO(d.choose(QStringLiteral("besar.pdf")));
    QVERIFY(d.label("fileProblem")->isVisible());
    QVERIFY(!d.child<QPushButton>("useAsLetter")->isEnabled());
    // A PNG named .pdf: recognised from its bytes, refused.
    RD_DO(putOnDrive(QStringLiteral("palsu.pdf"), pngOf(40, 40)));
    RD_DO(d.choose(QStringLiteral("palsu.pdf")));
    QVERIFY(d.label("fileProblem")->isVisible());
    QVERIFY(!d.child<QPushButton>("useAsLetter")->isEnabled());
    // Not a document at all.
    RD_DO(putOnDrive(QStringLiteral("kosong.png"), QByteArray("not an image")));
    RD_DO(d.choose(QStringLiteral("kosong.png")));
    QVERIFY(d.label("fileProblem")->isVisible());
    // The letter attached before stays.
    QVERIFY(d.label("letterSlot")->text().contains(QLatin1String("surat.pdf")));
}

void TestKioskWizard::seesRemovableMediaOnly()
{
    RD_DO(goToReview(Budi));
    const auto d = driver();
    d.wizard()->back();
    // A link on the drive to a file elsewhere (the home folder, /etc) is not offered.
    QTemporaryDir outside;
    QFile secret(outside.filePath(QStringLiteral("rahasia.pdf")));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write(smallPdf());
    secret.close();
    QVERIFY(QFile::link(secret.fileName(), mediaPath(QStringLiteral("tautan.pdf"))));
    RD_DO(d.click("lookAgain"));
    auto *files = d.child<QListWidget>("mediaFiles");
    for (int row = 0; row < files->count(); ++row)
        QVERIFY2(!files->item(row)->text().startsWith(QLatin1String("tautan.pdf")),
                 qPrintable(files->item(row)->text()));
    // There is no file dialog anywhere in the kiosk.
    QVERIFY(m_window->findChildren<QFileDialog *>().isEmpty());
}

void TestKioskWizard::holderCannotFileForDeceased()
{
    const auto d = driver();
    RD_DO(d.identify(Siti.nik(), Siti.email(), Siti.name));
    d.next();
    RD_DO(d.chooseCertificate());
    d.next();
    auto *reasons = d.child<QListWidget>("reason");
    const auto deceased
        = reasons->findItems(d.wizard()->reasonLabel(RevocationReason::Deceased), Qt::MatchExactly);
    QCOMPARE(deceased.size(), 1);
    QVERIFY(!(deceased.constFirst()->flags() & Qt::ItemIsEnabled));
}

void TestKioskWizard::requiresTheStatement()
{
    RD_DO(goToReview(Budi));
    const auto d = driver();
    const qint64 before = requestCount();
    auto *problem = d.label("statementProblem");
    QVERIFY(problem->isHidden());
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::ReviewPageId));
    QVERIFY(problem->isVisible());
    QCOMPARE(requestCount(), before);
    QTest::keyClick(d.child<QCheckBox>("statement"), Qt::Key_Space);
    QVERIFY(problem->isHidden());
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::ReceiptPageId));
    QCOMPARE(requestCount(), before + 1);
}

void TestKioskWizard::keepsEverythingWhenFilingFails()
{
    RD_DO(goToReview(Siti));
    const auto d = driver();
    // The database refuses for a moment.
    RD_VERIFY_RESULT(m_db->database()->executeUnprepared(
        QStringLiteral("CREATE TRIGGER kiosk_test_refuse BEFORE INSERT ON revocation_requests "
                       "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")));
    const qint64 before = requestCount();
    QTest::keyClick(d.child<QCheckBox>("statement"), Qt::Key_Space);
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::ReviewPageId));
    auto *error = d.label("fileError");
    QVERIFY(error->isVisible());
    QVERIFY2(!error->text().contains(QLatin1String("refused by the test")),
             qPrintable(error->text())); // plain words, not the driver's
    QCOMPARE(requestCount(), before);
    QVERIFY(d.child<QCheckBox>("statement")->isChecked());
    QCOMPARE(d.label("summaryHolder")->text(), Siti.name);
    QVERIFY(d.label("summaryFiles")->text().contains(QLatin1String("surat.pdf")));

    RD_VERIFY_RESULT(
        m_db->database()->executeUnprepared(QStringLiteral("DROP TRIGGER kiosk_test_refuse")));
    d.next(); // try again
    QCOMPARE(d.page(), int(KioskWizard::ReceiptPageId));
    QCOMPARE(requestCount(), before + 1);
}

void TestKioskWizard::escapeGoesBackAndCancelAsks()
{
    auto d = driver();
    // On the welcome page Escape does nothing: no question, no page.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QTest::qWait(50);
    QVERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")));
    QCOMPARE(d.page(), int(KioskWizard::WelcomePageId));

    RD_DO(d.identify(Siti.nik(), Siti.email(), Siti.name));
    const QPointer<KioskWizard> first = d.wizard();
    d.field("officialName")->setText(QStringLiteral("catatan"));
    // Escape is Back, from wherever the keyboard is; what was typed stays.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
    QCOMPARE(d.page(), int(KioskWizard::IdentityPageId));
    QCOMPARE(d.field("nik")->text(), Siti.nik());
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::FilerPageId));
    QCOMPARE(d.field("officialName")->text(), QStringLiteral("catatan"));

    // Cancel asks first; "No" changes nothing.
    RD_DO(d.click("cancelButton"));
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = m_window->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")))
                && question->isVisible());
    QTest::mouseClick(question->findChild<QPushButton *>(QStringLiteral("cancelNo")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")));
    QCOMPARE(d.page(), int(KioskWizard::FilerPageId));

    RD_DO(d.click("cancelButton"));
    QTRY_VERIFY((question = m_window->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")))
                && question->isVisible());
    QTest::mouseClick(question->findChild<QPushButton *>(QStringLiteral("cancelYes")),
                      Qt::LeftButton);
    QTRY_VERIFY(!first);
    d = driver();
    QCOMPARE(d.page(), int(KioskWizard::WelcomePageId));
    QVERIFY(!d.allTexts().join(u'\n').contains(Siti.name));
    // No menus anywhere, not even a field's.
    for (const QWidget *widget : m_window->findChildren<QWidget *>()) {
        if (widget->contextMenuPolicy() != Qt::NoContextMenu && d.wizard()->isAncestorOf(widget))
            QFAIL(qPrintable(widget->objectName() + QStringLiteral(" has a context menu")));
    }
}

void TestKioskWizard::startsAgainAfterTheReceipt()
{
    RD_DO(goToReview(Budi));
    const auto d = driver();
    RD_DO(d.fileFromReview());
    const QPointer<KioskWizard> filed = d.wizard();
    // Nobody presses "Done": the receipt stands a while (here shortened), then goes.
    QTRY_VERIFY_WITH_TIMEOUT(!filed, 5000);
    QCOMPARE(driver().page(), int(KioskWizard::WelcomePageId));
}

void TestKioskWizard::leavesOnlyWithTheOperatorsPin()
{
    // Ctrl+Alt+Q is the only way to the PIN.
    const QList<QShortcut *> shortcuts = m_window->findChildren<QShortcut *>();
    QCOMPARE(shortcuts.size(), 1);
    QShortcut *leave = shortcuts.constFirst();
    QCOMPARE(leave->key(), QKeySequence(QStringLiteral("Ctrl+Alt+Q")));
    QCOMPARE(leave->context(), Qt::ApplicationShortcut);
    const auto answerPin = [this](const QString &pin, QString *problem) {
        QTimer::singleShot(100, this, [pin, problem] {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            auto *field = dialog->findChild<QLineEdit *>(QStringLiteral("exitPin"));
            QTest::keyClicks(field, pin);
            QTest::keyClick(field, Qt::Key_Return);
            QTest::qWait(50);
            if (dialog->isVisible()) {
                *problem = dialog->findChild<QLabel *>(QStringLiteral("exitPinProblem"))->text();
                dialog->reject();
            }
        });
    };
    QString problem;
    // No PIN set: the kiosk stays, and says how one is set.
    answerPin(QStringLiteral("123456"), &problem);
    emit leave->activated();
    QTRY_VERIFY(!problem.isEmpty());
    QVERIFY2(problem.contains(QLatin1String("kiosk/exitPin")), qPrintable(problem));
    QVERIFY(m_window->isVisible());

    RD_VERIFY_RESULT(OfficeSettings(m_db->database())
                         .set(Actor::user(QStringLiteral("admin"), Actor::Role::Administrator),
                              OfficeSettings::kioskExitPinKey(), QStringLiteral("482913")));
    problem.clear();
    answerPin(QStringLiteral("111111"), &problem);
    emit leave->activated();
    QTRY_VERIFY(!problem.isEmpty());
    QVERIFY(m_window->isVisible());
    // Closing the window (Alt+F4) does not leave either.
    m_window->close();
    QVERIFY(m_window->isVisible());

    problem.clear();
    answerPin(QStringLiteral("482913"), &problem);
    emit leave->activated();
    QTRY_VERIFY(!m_window->isVisible());
    QVERIFY(problem.isEmpty());
    RD_VERIFY_RESULT(OfficeSettings(m_db->database())
                         .set(Actor::user(QStringLiteral("admin"), Actor::Role::Administrator),
                              OfficeSettings::kioskExitPinKey(), QString()));
}

void TestKioskWizard::resetsAfterInactivity()
{
    m_window->setInactivityTimeout(1200ms);
    m_window->setWarningTime(1000ms);
    auto d = driver();
    RD_DO(d.identify(Siti.nik(), Siti.email(), Siti.name));
    RD_DO(d.fileAsOfficial(QStringLiteral("Pejabat Penguji"), QStringLiteral("197203151998031004"),
                           QStringLiteral("Sekretaris")));
    d.next();
    RD_DO(d.chooseCertificate());
    d.next();
    RD_DO(d.chooseReason(RevocationReason::Retired, QStringLiteral("purna tugas Maret")));
    d.next();
    d.next();
    RD_DO(putOnDrive(QStringLiteral("sk.png"), pngOf(300, 400)));
    RD_DO(d.attach(QStringLiteral("sk.png"), "useAsEvidence"));
    QPointer<KioskWizard> old = d.wizard();
    // Input keeps it alive...
    for (int i = 0; i < 8; ++i) {
        QTest::qWait(250);
        QTest::keyClick(d.wizard(), Qt::Key_Shift);
    }
    QVERIFY(old);
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("inactivityWarning"))->isHidden());
    // ...then without it a warning, and a new wizard after it.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->findChild<QLabel *>(QStringLiteral("inactivityWarning"))->isVisible(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!old, 5000);
    d = driver();
    QCOMPARE(d.page(), int(KioskWizard::WelcomePageId));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("inactivityWarning"))->isHidden());
    // Every widget of the window walked: nothing of the person is left.
    QCOMPARE(m_window->findChildren<KioskWizard *>().size(), 1);
    const QString everything = d.allTexts().join(u'\n');
    for (const QString &trace :
         {Siti.name, Siti.nik(), Siti.email(), QStringLiteral("Pejabat Penguji"),
          QStringLiteral("purna tugas Maret"), QStringLiteral("sk.png")})
        QVERIFY2(!everything.contains(trace), qPrintable(trace));
    for (const QLineEdit *edit : m_window->findChildren<QLineEdit *>()) {
        if (qobject_cast<QAbstractSpinBox *>(edit->parentWidget()))
            continue; // the date field's today
        QVERIFY2(edit->text().isEmpty(), qPrintable(edit->objectName()));
        QVERIFY(!edit->isUndoAvailable());
    }
    QVERIFY(d.child<QListWidget>("reason")->selectedItems().isEmpty());
}

void TestKioskWizard::switchesLanguageLive()
{
    auto d = driver();
    auto *indonesian = d.child<QPushButton>("languageIndonesian");
    auto *english = d.child<QPushButton>("languageEnglish");
    QCOMPARE(indonesian->text(), QStringLiteral("Bahasa Indonesia"));
    QCOMPARE(english->text(), QStringLiteral("English"));
    QCOMPARE(d.wizard()->language(), QStringLiteral("id"));
    QCOMPARE(QLocale().language(), QLocale::Indonesian);

    // Every text of the page and of the wizard's buttons, by widget: each one changes with the
    // language (the translation is complete), except what is the same word in both.
    const auto texts = [&d] {
        QMap<const QObject *, QString> found;
        for (const QLabel *label : d.wizard()->currentPage()->findChildren<QLabel *>()) {
            if (label->isVisible() && !label->text().isEmpty())
                found.insert(label, label->text());
        }
        for (const QAbstractButton *button : d.wizard()->findChildren<QAbstractButton *>()) {
            if (button->isVisible() && !button->text().isEmpty()
                && button != d.child<QPushButton>("languageIndonesian")
                && button != d.child<QPushButton>("languageEnglish"))
                found.insert(button, button->text());
        }
        return found;
    };
    const QStringList sameInBoth {QStringLiteral("NIK")};
    const auto checkTranslated = [&](const QMap<const QObject *, QString> &before) {
        const auto after = texts();
        QVERIFY(after.size() > 4);
        for (auto it = after.cbegin(); it != after.cend(); ++it) {
            if (before.contains(it.key()) && !sameInBoth.contains(it.value()))
                QVERIFY2(before.value(it.key()) != it.value(), qPrintable(it.value()));
        }
    };
    const auto welcome = texts();
    QTest::mouseClick(english, Qt::LeftButton);
    RD_DO(checkTranslated(welcome));
    QTest::mouseClick(indonesian, Qt::LeftButton);
    RD_DO(d.click("startButton"));
    RD_DO(d.type("nik", Siti.nik()));
    const auto identity = texts();
    QTest::mouseClick(english, Qt::LeftButton);
    QCOMPARE(d.wizard()->language(), QStringLiteral("en"));
    QVERIFY(english->isChecked() && !indonesian->isChecked());
    QCOMPARE(QLocale().language(), QLocale::English);
    QCOMPARE(d.wizard()->currentPage()->findChild<QLabel *>(QStringLiteral("heading"))->text(),
             QStringLiteral("Whose certificate is to be revoked?"));
    RD_DO(checkTranslated(identity));
    QCOMPARE(d.field("nik")->text(), Siti.nik()); // what was typed stays

    // The reasons carry the SOP's own words in Indonesian and the project's in English.
    RD_DO(d.type("email", Siti.email()));
    d.next();
    d.next();
    d.next();
    RD_DO(d.chooseCertificate());
    d.next();
    auto *reasons = d.child<QListWidget>("reason");
    QCOMPARE(reasons->item(0)->text(),
             RevocationReasons::labelEnglish(RevocationReasons::all()[0]));
    RD_DO(d.chooseReason(RevocationReason::Retired));
    const auto reasonPage = texts();
    QTest::mouseClick(indonesian, Qt::LeftButton);
    QCOMPARE(reasons->item(0)->text(),
             RevocationReasons::labelIndonesian(RevocationReasons::all()[0]));
    QVERIFY(reasons
                ->findItems(RevocationReasons::labelIndonesian(RevocationReason::Retired),
                            Qt::MatchExactly)
                .constFirst()
                ->isSelected()); // the choice stays
    RD_DO(checkTranslated(reasonPage));
    QCOMPARE(d.child<QDateEdit>("effectiveDate")->locale().language(), QLocale::Indonesian);

    // The next person starts in the kiosk's language, whatever the last one chose.
    QTest::mouseClick(english, Qt::LeftButton);
    m_window->startAgain();
    d = driver();
    QCOMPARE(d.wizard()->language(), QStringLiteral("id"));
    QVERIFY(d.child<QPushButton>("languageIndonesian")->isChecked());
    QCOMPARE(d.page(), int(KioskWizard::WelcomePageId));
}

void TestKioskWizard::namesEveryControl()
{
    const auto d = driver();
    const auto check = [&d](const char *where) {
        const QStringList nameless = d.namelessControls();
        QVERIFY2(nameless.isEmpty(),
                 qPrintable(QString::fromLatin1(where) + QStringLiteral(": ")
                            + nameless.join(QStringLiteral(", "))));
    };
    RD_DO(check("welcome"));
    RD_DO(d.identify(Wan.nik(), Wan.email(), Wan.name));
    RD_DO(d.fileAsOfficial(QStringLiteral("Pejabat"), QStringLiteral("197203151998031004"),
                           QStringLiteral("Sekretaris")));
    RD_DO(check("who files"));
    d.next();
    RD_DO(check("certificate"));
    RD_DO(d.chooseCertificate());
    d.next();
    RD_DO(check("reason"));
    RD_DO(d.chooseReason(RevocationReason::Retired));
    d.next();
    RD_DO(check("letter"));
    d.next();
    RD_DO(putOnDrive(QStringLiteral("sk.png"), pngOf(300, 400)));
    RD_DO(d.attach(QStringLiteral("sk.png"), "useAsEvidence"));
    RD_DO(check("attachments"));
    RD_DO(putOnDrive(QStringLiteral("surat.pdf"), smallPdf()));
    RD_DO(d.attach(QStringLiteral("surat.pdf"), "useAsLetter"));
    d.next();
    RD_DO(check("review"));
}

QTEST_MAIN(TestKioskWizard)
#include "TestKioskWizard.moc"
