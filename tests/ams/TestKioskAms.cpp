// The applicant kiosk against the AMS simulator, a real process on loopback: the holder logs in
// to AMS with a current one-time code, chooses a certificate AMS lists, prints the letter,
// attaches it signed and files; the request is filed in AMS at once with the holder's log-in.
// Also: a wrong one-time code and a wrong password told apart, and AMS gone at the moment of
// filing (the request kept here, its AMS filing left in the queue for the operator).

#include "AmsTestSupport.h"
#include "KioskDriver.h"
#include "SimulatorProcess.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "ams/RestAmsGateway.h"
#include "ams/Totp.h"
#include "kiosk/KioskAmsSession.h"
#include "register/HolderRepository.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTimeZone>

using namespace rd;
using namespace std::chrono_literals;

namespace {

QString currentHolderCode(qint64 stepsLater = 0)
{
    return Totp::code(
        *Totp::decodeBase32(QString::fromLatin1(test::SimulatorProcess::HolderTotpSecret)),
        QDateTime::currentDateTimeUtc().addSecs(stepsLater * 30));
}

} // namespace

class TestKioskAms : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void filesForThemselvesInAms();
    void tellsWrongCodeFromWrongPassword();
    void keepsTheRequestWhenAmsIsGone();

private:
    test::KioskDriver driver() const { return test::KioskDriver(m_window.get()); }
    // From welcome through the AMS log-in and the certificate AMS lists to the review, with
    // the printed letter attached as the signed one.
    void goToReviewThroughAms();
    void logIn(const QString &password, const QString &code);

    test::SimulatorProcess m_simulator;
    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<KioskWindow> m_window;
    QTemporaryDir m_media;
    QTemporaryDir m_printed;
    QNetworkAccessManager m_network;
};

void TestKioskAms::initTestCase()
{
    RD_OPEN_DATABASE(db, test::TestDatabase::Engine::Sqlite);
    m_db = std::move(db);
    // The register knows Budi as the simulator does, without his certificates: the kiosk takes
    // the one he chooses from AMS.
    Holder budi;
    budi.nik = QString::fromLatin1(test::SimulatorProcess::HolderNik);
    budi.fullName = QStringLiteral("Budi Santoso");
    budi.email = QString::fromLatin1(test::SimulatorProcess::HolderEmail);
    budi.unit = QStringLiteral("Dinas Komunikasi dan Informatika");
    budi.amsUsername = QString::fromLatin1(test::SimulatorProcess::HolderAccountName);
    RD_VERIFY_RESULT(m_db->database()->inTransaction([&]() -> Result<qint64> {
        return HolderRepository(m_db->database()).insert(Actor::commandLine(), budi);
    }));
    QVERIFY(m_media.isValid() && m_printed.isValid());
    QVERIFY(QDir(m_media.path()).mkpath(QStringLiteral("usb")));
}

void TestKioskAms::init()
{
    const QString started = m_simulator.start();
    QVERIFY2(started.isEmpty(), qPrintable(started));
    KioskOptions options;
    options.lifecycle.officeZone = QTimeZone(QByteArrayLiteral("Asia/Jakarta"));
    options.backend = AmsBackend::Rest;
    options.language = QStringLiteral("en");
    options.printTo = m_printed.path();
    options.removableMedia = {m_media.path()};
    options.receiptHold = 100ms;
    m_window = std::make_unique<KioskWindow>(m_db->database(), options);
    auto session = std::make_unique<KioskAmsSession>(m_simulator.url());
    session->gateway().setPolicy({5000, 2, 100});
    m_window->wizard()->setAmsSession(std::move(session));
    m_window->resize(1280, 900);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskAms::cleanup()
{
    m_window.reset();
    m_simulator.stop();
    for (const QString &name : QDir(m_media.filePath(QStringLiteral("usb"))).entryList(QDir::Files))
        QFile::remove(m_media.filePath(QStringLiteral("usb/") + name));
}

void TestKioskAms::logIn(const QString &password, const QString &code)
{
    const auto d = driver();
    QCOMPARE(d.page(), int(KioskWizard::AmsLogInPageId));
    d.field("amsUsername")->setText(QString::fromLatin1(test::SimulatorProcess::HolderAccountName));
    RD_DO(d.type("amsPassword", password));
    RD_DO(d.type("amsOneTimeCode", code));
    d.next();
    // Sent and wiped at once, whatever AMS answers.
    QVERIFY(d.field("amsPassword")->text().isEmpty());
    QVERIFY(d.field("amsOneTimeCode")->text().isEmpty());
}

void TestKioskAms::goToReviewThroughAms()
{
    const auto d = driver();
    RD_DO(d.identify(QString::fromLatin1(test::SimulatorProcess::HolderNik),
                     QString::fromLatin1(test::SimulatorProcess::HolderEmail),
                     QStringLiteral("Budi Santoso")));
    d.next(); // the holder files: the AMS log-in comes next
    RD_DO(logIn(QString::fromLatin1(test::SimulatorProcess::HolderAccountPassword),
                currentHolderCode()));
    QTRY_COMPARE_WITH_TIMEOUT(d.page(), int(KioskWizard::CertificatePageId), 15000);
    auto *list = d.child<QListWidget>("certificates");
    QTRY_VERIFY_WITH_TIMEOUT(list->count() > 0, 15000);
    // Only what AMS lists: no "not listed" row after a log-in.
    for (int row = 0; row < list->count(); ++row)
        QVERIFY(list->item(row)->text().contains(QLatin1String("Serial number")));
    RD_DO(d.chooseCertificate(QStringLiteral("Serial number")));
    d.next();
    RD_DO(d.chooseReason(RevocationReason::KeyCompromised, QStringLiteral("Laptop hilang")));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::LetterPageId));
    RD_DO(d.click("printLetter"));
    const QStringList letters
        = QDir(m_printed.path())
              .entryList({QStringLiteral("letter-*.pdf")}, QDir::Files, QDir::Time);
    QVERIFY(!letters.isEmpty());
    QVERIFY(QFile::copy(m_printed.filePath(letters.constFirst()),
                        m_media.filePath(QStringLiteral("usb/surat-budi.pdf"))));
    d.next();
    RD_DO(d.attach(QStringLiteral("surat-budi.pdf"), "useAsLetter"));
    d.next();
    QCOMPARE(d.page(), int(KioskWizard::ReviewPageId));
}

void TestKioskAms::filesForThemselvesInAms()
{
    RD_DO(goToReviewThroughAms());
    const auto d = driver();
    const QString serial = d.label("summaryCertificate")->text().section(u' ', -1);
    RD_DO(d.fileFromReview());
    const QString agenda = d.label("agendaNumber")->text();
    QTRY_VERIFY2_WITH_TIMEOUT(d.label("amsStatus")->text().contains(QLatin1String("AMS-REV-")),
                              qPrintable(d.label("amsStatus")->text()), 15000);

    // The desk's side: the request with the certificate AMS listed, now in the register, and
    // its AMS filing done with AMS's reference.
    auto row = m_db->database()->execute(
        QStringLiteral("SELECT r.id, r.state, c.serial_hex FROM revocation_requests r JOIN "
                       "certificates c ON c.id = r.certificate_id WHERE r.agenda_number = ?"),
        {agenda});
    RD_VERIFY_RESULT(row);
    QVERIFY(row->next());
    const qint64 requestId = row->value(0).toLongLong();
    QCOMPARE(row->value(1).toString(), QStringLiteral("submitted"));
    QCOMPARE(row->value(2).toString(), serial);
    row->finish();
    auto operation = m_db->database()->execute(
        QStringLiteral("SELECT state, response FROM ams_operations WHERE request_id = ? AND "
                       "operation = 'file_request'"),
        {requestId});
    RD_VERIFY_RESULT(operation);
    QVERIFY(operation->next());
    QCOMPARE(operation->value(0).toString(), QStringLiteral("done"));
    const QJsonObject response
        = QJsonDocument::fromJson(operation->value(1).toString().toUtf8()).object();
    const QString amsId = response.value(QStringLiteral("ams_request_id")).toString();
    QVERIFY(d.label("amsStatus")->text().contains(amsId));
    operation->finish();
    auto letter = m_db->database()->scalar(
        QStringLiteral("SELECT sha256 FROM attachments WHERE request_id = ? AND kind = "
                       "'statement_letter'"),
        {requestId});
    RD_VERIFY_RESULT(letter);

    // AMS's side, as its operator sees it: filed by Budi's own account, with the letter.
    RestAmsGateway operatorGateway(m_network, m_simulator.url());
    operatorGateway.setCredentials({QString::fromLatin1(test::SimulatorProcess::OperatorName),
                                    QString::fromLatin1(test::SimulatorProcess::OperatorPassword),
                                    QString::fromLatin1(test::SimulatorProcess::TotpSecret)});
    auto filed = test::awaitCall<AmsRequestRecord>(
        [&](auto done) { operatorGateway.fetchRequest(amsId, done); });
    RD_VERIFY_RESULT(filed);
    QCOMPARE(filed->nik, QString::fromLatin1(test::SimulatorProcess::HolderNik));
    QCOMPARE(filed->serialHex, serial);
    QCOMPARE(filed->reasonCode, 1); // keyCompromise
    QCOMPARE(filed->letterSha256, letter->toString());
    const QJsonArray events
        = QJsonDocument::fromJson(test::httpGet(m_network,
                                                m_simulator.url().resolved(QUrl(
                                                    QStringLiteral("/api/v1/simulator/events")))))
              .object()
              .value(QStringLiteral("events"))
              .toArray();
    bool byHolder = false;
    for (const QJsonValue &event : events) {
        byHolder |= event[QStringLiteral("kind")].toString() == QLatin1String("login")
            && event[QStringLiteral("subject")].toString()
                == QLatin1String(test::SimulatorProcess::HolderAccountName);
    }
    QVERIFY(byHolder);

    // Steps 1 to 5, each recorded, the AMS log-in (2) among them.
    auto steps = m_db->database()->execute(
        QStringLiteral("SELECT DISTINCT step FROM request_events WHERE request_id = ? AND "
                       "action = 'kiosk_step' ORDER BY step"),
        {requestId});
    RD_VERIFY_RESULT(steps);
    QList<int> found;
    while (steps->next())
        found << steps->value(0).toInt();
    QCOMPARE(found, QList<int>({1, 2, 3, 4, 5}));
    // Nothing of the log-in is kept: no password, no code, no token in the database.
    auto secrets = m_db->database()->scalar(
        QStringLiteral("SELECT count(*) FROM audit_log WHERE details LIKE ?"),
        {QString(QLatin1Char('%')
                 + QString::fromLatin1(test::SimulatorProcess::HolderAccountPassword)
                 + QLatin1Char('%'))});
    RD_VERIFY_RESULT(secrets);
    QCOMPARE(secrets->toLongLong(), 0);
}

void TestKioskAms::tellsWrongCodeFromWrongPassword()
{
    const auto d = driver();
    RD_DO(d.identify(QString::fromLatin1(test::SimulatorProcess::HolderNik),
                     QString::fromLatin1(test::SimulatorProcess::HolderEmail),
                     QStringLiteral("Budi Santoso")));
    d.next();
    // A code from long ago: the password is right, the code is not.
    RD_DO(logIn(QString::fromLatin1(test::SimulatorProcess::HolderAccountPassword),
                currentHolderCode(-10)));
    auto *problem = d.label("amsProblem");
    QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible(), 15000);
    const QString wrongCode = problem->text();
    QVERIFY2(wrongCode.contains(QLatin1String("one-time code")), qPrintable(wrongCode));
    QCOMPARE(d.page(), int(KioskWizard::AmsLogInPageId));

    RD_DO(logIn(QStringLiteral("not the password"), currentHolderCode()));
    QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible() && problem->text() != wrongCode, 15000);
    QVERIFY2(problem->text().contains(QLatin1String("password")), qPrintable(problem->text()));
    QCOMPARE(d.page(), int(KioskWizard::AmsLogInPageId));

    // AMS gone: a third message, and the person is told what else to do.
    m_simulator.stop();
    const QString wrongPassword = problem->text();
    RD_DO(logIn(QString::fromLatin1(test::SimulatorProcess::HolderAccountPassword),
                currentHolderCode()));
    QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible() && problem->text() != wrongPassword, 20000);
    QVERIFY2(problem->text().contains(QLatin1String("cannot be reached")),
             qPrintable(problem->text()));
}

void TestKioskAms::keepsTheRequestWhenAmsIsGone()
{
    RD_DO(goToReviewThroughAms());
    const auto d = driver();
    m_simulator.stop();
    RD_DO(d.fileFromReview());
    const QString agenda = d.label("agendaNumber")->text();
    QVERIFY(!agenda.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(d.label("amsStatus")->text().contains(QLatin1String("kept")), 20000);
    auto operation = m_db->database()->execute(
        QStringLiteral("SELECT o.state, o.attempts, r.state FROM ams_operations o JOIN "
                       "revocation_requests r ON r.id = o.request_id WHERE r.agenda_number = ? "
                       "AND o.operation = 'file_request'"),
        {agenda});
    RD_VERIFY_RESULT(operation);
    QVERIFY(operation->next());
    // Pending again for the worker, which files it with the office's account.
    QCOMPARE(operation->value(0).toString(), QStringLiteral("pending"));
    QVERIFY(operation->value(1).toInt() >= 1);
    QCOMPARE(operation->value(2).toString(), QStringLiteral("submitted"));
}

QTEST_MAIN(TestKioskAms)
#include "TestKioskAms.moc"
