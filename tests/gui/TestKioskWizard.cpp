// The applicant kiosk, driven as a person would drive it (keepassxc's TestGui style): typing
// into the fields by object name, Enter for "Next", Esc to cancel, and the database checked after.

#include "KioskWizard.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/Actor.h"
#include "requests/RevocationReason.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTest>
#include <QTimeZone>
#include <QTranslator>

using namespace rd;
using namespace std::chrono_literals;

// Stops the test when a helper failed (helpers are void, like QVERIFY needs).
#define RD_DO(call)                                                                                \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace {

// Stands in for the Indonesian .qm: while the default locale is Indonesian (rd::Translator sets
// it), every string of the project's own contexts (rd::KioskWizard, RevocationReasons, ...) comes
// back marked, so a test can tell which texts were put in the language and which were missed.
class MarkedIndonesian : public QTranslator
{
public:
    static constexpr QLatin1String Mark {"[id] "};

    QString translate(const char *context, const char *sourceText, const char *disambiguation,
                      int n) const override
    {
        Q_UNUSED(disambiguation)
        Q_UNUSED(n)
        // Qt's own contexts (QWizard, QLineEdit, ...) start with Q; ours never do.
        if (QLocale().language() != QLocale::Indonesian || !context || context[0] == 'Q')
            return {};
        return Mark + QString::fromUtf8(sourceText);
    }
    bool isEmpty() const override { return false; }
};

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

} // namespace

class TestKioskWizard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void filesKeyCompromiseRequest();
    void keepsBadNikOnFirstPage();
    void answersWrongEmailAndUnknownNikAlike();
    void deceasedNeedsOfficialWithValidNip();
    void requiresTheStatement();
    void keepsEverythingWhenFilingFails();
    void escapeAsksBeforeClearing();
    void resetsAfterInactivity();
    void switchesLanguageLive();

private:
    template<typename T> T *child(const char *name) const
    {
        return m_wizard->findChild<T *>(QString::fromLatin1(name));
    }
    QLineEdit *field(const char *name) const { return child<QLineEdit>(name); }
    int currentPage() const { return m_wizard->currentId(); }
    void next() { QTest::keyClick(m_wizard.get(), Qt::Key_Enter); }
    void clearField(QLineEdit *edit);
    // Step 1 up to the confirmed holder: the wizard is then on the reason page.
    void identify(const TestHolder &holder, const QString &email = {});
    void chooseReason(RevocationReason reason);
    // From the reason page with the reason chosen to the summary, with the defaults of step 3.
    void goToSummary(RevocationReason reason, const TestHolder &holder);
    void fileFromSummary();
    qint64 requestCount() const;
    // Every text the wizard holds: labels, fields, list entries (shown or not).
    QStringList allTexts() const;
    QStringList visibleTexts(QWidget *within) const;

    std::unique_ptr<test::TestDatabase> m_db;
    std::unique_ptr<KioskWizard> m_wizard;
    MarkedIndonesian m_indonesian;
};

void TestKioskWizard::initTestCase()
{
    RD_OPEN_DATABASE(db, test::TestDatabase::Engine::Sqlite);
    for (const TestHolder &holder : {Siti, Budi, Wan})
        QVERIFY(test::TestFixtures::addHolder(db->database(), holder.n, holder.name) > 0);
    m_db = std::move(db);
    QVERIFY(QCoreApplication::installTranslator(&m_indonesian));
}

void TestKioskWizard::init()
{
    RequestLifecycle::Options options;
    options.officeZone = QTimeZone(QByteArrayLiteral("Asia/Jakarta"));
    m_wizard = std::make_unique<KioskWizard>(m_db->database(), options, QStringLiteral("id"));
    m_wizard->setReceiptHold(200ms);
    m_wizard->resize(1280, 800);
    m_wizard->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_wizard.get()));
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));
}

void TestKioskWizard::cleanup()
{
    m_wizard.reset();
}

void TestKioskWizard::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_indonesian);
    m_db.reset();
}

void TestKioskWizard::clearField(QLineEdit *edit)
{
    QVERIFY(edit);
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_Backspace);
    QVERIFY(edit->text().isEmpty());
}

void TestKioskWizard::identify(const TestHolder &holder, const QString &email)
{
    QLineEdit *nik = field("nik");
    QLineEdit *mail = field("email");
    QVERIFY(nik && mail);
    QTest::keyClicks(nik, holder.nik());
    QVERIFY(child<QLabel>("nikProblem")->isHidden());
    QTest::keyClicks(mail, email.isEmpty() ? holder.email() : email);
    QTest::keyClick(mail, Qt::Key_Return);
    // First Enter: the register answers and the holder is shown for confirmation.
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));
    QVERIFY(child<QWidget>("holderConfirmation")->isVisible());
    QCOMPARE(child<QLabel>("holderName")->text(), holder.name);
    QCOMPARE(child<QLabel>("holderUnit")->text(),
             QStringLiteral("Dinas Komunikasi dan Informatika"));
    QVERIFY(child<QLabel>("identityMessage")->isHidden());
    // Second Enter: confirmed.
    next();
    QCOMPARE(currentPage(), int(KioskWizard::ReasonPageId));
}

void TestKioskWizard::chooseReason(RevocationReason reason)
{
    auto *reasons = child<QListWidget>("reason");
    QVERIFY(reasons);
    const auto found = reasons->findItems(m_wizard->reasonLabel(reason), Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    QListWidgetItem *item = found.constFirst();
    QTest::mouseClick(reasons->viewport(), Qt::LeftButton, {},
                      reasons->visualItemRect(item).center());
    QVERIFY(item->isSelected());
    QCOMPARE(child<QLabel>("reasonExplanation")->text(), RevocationReasons::explanation(reason));
}

void TestKioskWizard::goToSummary(RevocationReason reason, const TestHolder &holder)
{
    next();
    QCOMPARE(currentPage(), int(KioskWizard::FilerPageId));
    QCOMPARE(field("contactEmail")->text(), holder.email());
    next();
    QCOMPARE(currentPage(), int(KioskWizard::SummaryPageId));
    QCOMPARE(child<QLabel>("summaryHolder")->text(), holder.name);
    QCOMPARE(child<QLabel>("summaryReason")->text(), RevocationReasons::labelIndonesian(reason));
}

void TestKioskWizard::fileFromSummary()
{
    auto *statement = child<QCheckBox>("statement");
    QVERIFY(statement);
    if (!statement->isChecked())
        QTest::keyClick(statement, Qt::Key_Space);
    QVERIFY(statement->isChecked());
    next();
    QCOMPARE(currentPage(), int(KioskWizard::ReceiptPageId));
}

qint64 TestKioskWizard::requestCount() const
{
    return test::TestFixtures::count(*m_db->database(), QStringLiteral("revocation_requests"));
}

QStringList TestKioskWizard::allTexts() const
{
    QStringList texts;
    for (const QLabel *label : m_wizard->findChildren<QLabel *>())
        texts << label->text();
    for (const QLineEdit *edit : m_wizard->findChildren<QLineEdit *>())
        texts << edit->text();
    for (const QListWidget *list : m_wizard->findChildren<QListWidget *>()) {
        for (int row = 0; row < list->count(); ++row)
            texts << list->item(row)->text();
    }
    return texts;
}

QStringList TestKioskWizard::visibleTexts(QWidget *within) const
{
    QStringList texts;
    for (const QLabel *label : within->findChildren<QLabel *>()) {
        if (label->isVisible() && !label->text().isEmpty())
            texts << label->text();
    }
    for (const QLineEdit *edit : within->findChildren<QLineEdit *>()) {
        if (edit->isVisible() && !edit->placeholderText().isEmpty())
            texts << edit->placeholderText();
    }
    return texts;
}

void TestKioskWizard::filesKeyCompromiseRequest()
{
    const qint64 before = requestCount();
    // The register's e-mail matches whatever the case.
    RD_DO(identify(Siti, Siti.email().toUpper()));

    RD_DO(chooseReason(RevocationReason::KeyCompromised));
    auto *date = child<QDateEdit>("effectiveDate");
    const QDate today = QDateTime::currentDateTimeUtc()
                            .toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Jakarta")))
                            .date();
    QCOMPARE(date->date(), today);
    QCOMPARE(date->maximumDate(), today); // never in the future
    QTest::keyClicks(field("reasonText"), QStringLiteral("Laptop hilang di pelabuhan"));
    next();

    QCOMPARE(currentPage(), int(KioskWizard::FilerPageId));
    QVERIFY(child<QRadioButton>("filedByHolder")->isChecked());
    QVERIFY(child<QRadioButton>("filedByHolder")->isEnabled());
    QVERIFY(child<QWidget>("officialFields")->isHidden());
    QCOMPARE(field("contactEmail")->text(), Siti.email());
    QCOMPARE(child<QComboBox>("outcomeLanguage")->currentData().toString(), QStringLiteral("id"));
    next();

    QCOMPARE(currentPage(), int(KioskWizard::SummaryPageId));
    QCOMPARE(child<QLabel>("summaryHolder")->text(), Siti.name);
    QCOMPARE(child<QLabel>("summaryNik")->text(), Siti.nik());
    QCOMPARE(child<QLabel>("summaryReason")->text(),
             RevocationReasons::labelIndonesian(RevocationReason::KeyCompromised));
    QCOMPARE(child<QLabel>("summaryReasonText")->text(),
             QStringLiteral("Laptop hilang di pelabuhan"));
    QCOMPARE(child<QLabel>("summaryContact")->text(), Siti.email());
    QVERIFY(child<QLabel>("documentsNote")->isVisible());
    RD_DO(fileFromSummary());

    const QString agenda = child<QLabel>("agendaNumber")->text();
    QVERIFY2(
        QRegularExpression(QStringLiteral("^SE/\\d{4}/\\d{2}/\\d{4}$")).match(agenda).hasMatch(),
        qPrintable(agenda));
    QVERIFY(child<QLabel>("nextSteps")->text().contains(Siti.email()));
    QCOMPARE(requestCount(), before + 1);

    auto row = m_db->database()->execute(
        QStringLiteral("SELECT id, state, channel, reason, reason_text, filed_by_kind, "
                       "applicant_email, applicant_language, holder_id FROM revocation_requests "
                       "WHERE agenda_number = ?"),
        {agenda});
    RD_VERIFY_RESULT(row);
    QVERIFY(row->next());
    const qint64 requestId = row->value(0).toLongLong();
    QCOMPARE(row->value(1).toString(), QStringLiteral("submitted"));
    QCOMPARE(row->value(2).toString(), QStringLiteral("kiosk"));
    QCOMPARE(row->value(3).toString(), QStringLiteral("key_compromised"));
    QCOMPARE(row->value(4).toString(), QStringLiteral("Laptop hilang di pelabuhan"));
    QCOMPARE(row->value(5).toString(), QStringLiteral("holder"));
    QCOMPARE(row->value(6).toString(), Siti.email());
    QCOMPARE(row->value(7).toString(), QStringLiteral("id"));

    auto events = m_db->database()->execute(
        QStringLiteral(
            "SELECT actor, to_state FROM request_events WHERE request_id = ? ORDER BY id"),
        {requestId});
    RD_VERIFY_RESULT(events);
    const QString kiosk = QStringLiteral("kiosk:") + QSysInfo::machineHostName();
    QStringList states;
    while (events->next()) {
        QCOMPARE(events->value(0).toString(), kiosk);
        states << events->value(1).toString();
    }
    QCOMPARE(states, QStringList({QStringLiteral("draft"), QStringLiteral("submitted")}));

    // "Done" waits a moment, then clears everything for the next person.
    QAbstractButton *done = m_wizard->button(QWizard::FinishButton);
    QVERIFY(done->isVisible());
    QVERIFY(!done->isEnabled());
    QTRY_VERIFY(done->isEnabled());
    QTest::mouseClick(done, Qt::LeftButton);
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));
    QVERIFY(m_wizard->isVisible());
    QVERIFY(field("nik")->text().isEmpty());
    QVERIFY(!field("nik")->isUndoAvailable());
    QVERIFY(!field("email")->isUndoAvailable());
    const QString everything = allTexts().join(u'\n');
    for (const QString &trace : {Siti.name, Siti.nik(), Siti.email(), agenda})
        QVERIFY2(!everything.contains(trace, Qt::CaseInsensitive), qPrintable(trace));
}

void TestKioskWizard::keepsBadNikOnFirstPage()
{
    QLineEdit *nik = field("nik");
    QTest::keyClicks(nik, Siti.nik().left(15));
    auto *problem = child<QLabel>("nikProblem");
    QVERIFY(problem->isVisible()); // as it is typed
    QTest::keyClicks(field("email"), Siti.email());
    next();
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QLatin1String("16"))
                 && problem->text().contains(QLatin1String("15")),
             qPrintable(problem->text()));
    // The register was not asked.
    QVERIFY(child<QWidget>("holderConfirmation")->isHidden());
    QVERIFY(child<QLabel>("identityMessage")->isHidden());
    // Letters never get in; the sixteenth digit makes it right and the message goes.
    QTest::keyClicks(nik, QStringLiteral("ab"));
    QCOMPARE(nik->text().size(), 15);
    QTest::keyClicks(nik, Siti.nik().right(1));
    QVERIFY(problem->isHidden());
    next();
    QVERIFY(child<QWidget>("holderConfirmation")->isVisible());
}

void TestKioskWizard::answersWrongEmailAndUnknownNikAlike()
{
    QLineEdit *nik = field("nik");
    QLineEdit *email = field("email");
    auto *message = child<QLabel>("identityMessage");

    QTest::keyClicks(nik, Budi.nik());
    QTest::keyClicks(email, QStringLiteral("someone.else@natunakab.go.id"));
    next();
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));
    QVERIFY(message->isVisible());
    const QString wrongEmail = message->text();
    QVERIFY(!wrongEmail.isEmpty());
    QVERIFY(child<QWidget>("holderConfirmation")->isHidden());
    QVERIFY(!allTexts().join(u'\n').contains(Budi.name));
    next(); // asking again changes nothing
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));

    // Editing takes the message away at once.
    RD_DO(clearField(nik));
    QVERIFY(message->isHidden());
    RD_DO(clearField(email));
    QTest::keyClicks(nik, Nobody.nik());
    QTest::keyClicks(email, Nobody.email());
    next();
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));
    QVERIFY(message->isVisible());
    QCOMPARE(message->text(), wrongEmail);
    QVERIFY(child<QWidget>("holderConfirmation")->isHidden());

    // Another holder's e-mail with this NIK: the same words again.
    RD_DO(clearField(nik));
    RD_DO(clearField(email));
    QTest::keyClicks(nik, Budi.nik());
    QTest::keyClicks(email, Siti.email());
    next();
    QCOMPARE(message->text(), wrongEmail);
    const QString everything = allTexts().join(u'\n');
    QVERIFY(!everything.contains(Budi.name));
    QVERIFY(!everything.contains(Siti.name));
}

void TestKioskWizard::deceasedNeedsOfficialWithValidNip()
{
    RD_DO(identify(Wan));
    RD_DO(chooseReason(RevocationReason::Deceased));
    next();
    QCOMPARE(currentPage(), int(KioskWizard::FilerPageId));
    auto *byHolder = child<QRadioButton>("filedByHolder");
    QVERIFY(!byHolder->isEnabled());
    QVERIFY(child<QRadioButton>("filedByOfficial")->isChecked());
    QVERIFY(child<QWidget>("officialFields")->isVisible());
    QVERIFY(child<QLabel>("filerNote")->isVisible());

    next(); // nothing about the official yet
    QCOMPARE(currentPage(), int(KioskWizard::FilerPageId));
    QVERIFY(child<QLabel>("officialNameProblem")->isVisible());
    QVERIFY(child<QLabel>("officialNipProblem")->isVisible());
    QVERIFY(child<QLabel>("officialPositionProblem")->isVisible());

    const QString name = QStringLiteral("Drs. Raja Darmawan, M.Si.");
    const QString nip = QStringLiteral("197203151998031004");
    const QString position = QStringLiteral("Kepala Dinas Komunikasi dan Informatika");
    QTest::keyClicks(field("officialName"), name);
    QTest::keyClicks(field("officialNip"), nip.left(8));
    QTest::keyClicks(field("officialPosition"), position);
    auto *nipProblem = child<QLabel>("officialNipProblem");
    QVERIFY(nipProblem->text().contains(QLatin1String("18")));
    next();
    QCOMPARE(currentPage(), int(KioskWizard::FilerPageId));
    QVERIFY(nipProblem->isVisible());
    QVERIFY(child<QLabel>("officialNameProblem")->isHidden());

    QTest::keyClicks(field("officialNip"), nip.mid(8));
    QVERIFY(nipProblem->isHidden());
    next();
    QCOMPARE(currentPage(), int(KioskWizard::SummaryPageId));
    const QString filedBy = child<QLabel>("summaryFiledBy")->text();
    QVERIFY2(filedBy.contains(name) && filedBy.contains(nip) && filedBy.contains(position),
             qPrintable(filedBy));
    RD_DO(fileFromSummary());

    auto row = m_db->database()->execute(
        QStringLiteral("SELECT reason, filed_by_kind, filed_by_name, filed_by_nip, "
                       "filed_by_position, channel FROM revocation_requests "
                       "WHERE agenda_number = ?"),
        {child<QLabel>("agendaNumber")->text()});
    RD_VERIFY_RESULT(row);
    QVERIFY(row->next());
    QCOMPARE(row->value(0).toString(), QStringLiteral("deceased"));
    QCOMPARE(row->value(1).toString(), QStringLiteral("official"));
    QCOMPARE(row->value(2).toString(), name);
    QCOMPARE(row->value(3).toString(), nip);
    QCOMPARE(row->value(4).toString(), position);
    QCOMPARE(row->value(5).toString(), QStringLiteral("kiosk"));
}

void TestKioskWizard::requiresTheStatement()
{
    RD_DO(identify(Budi));
    RD_DO(chooseReason(RevocationReason::DataChanged));
    RD_DO(goToSummary(RevocationReason::DataChanged, Budi));
    const qint64 before = requestCount();
    auto *problem = child<QLabel>("statementProblem");
    QVERIFY(problem->isHidden());
    next();
    QCOMPARE(currentPage(), int(KioskWizard::SummaryPageId));
    QVERIFY(problem->isVisible());
    QCOMPARE(requestCount(), before);
    QTest::keyClick(child<QCheckBox>("statement"), Qt::Key_Space);
    QVERIFY(problem->isHidden());
    next();
    QCOMPARE(currentPage(), int(KioskWizard::ReceiptPageId));
    QCOMPARE(requestCount(), before + 1);
}

void TestKioskWizard::keepsEverythingWhenFilingFails()
{
    RD_DO(identify(Budi));
    RD_DO(chooseReason(RevocationReason::Other));
    next(); // "Other" needs its explanation
    QCOMPARE(currentPage(), int(KioskWizard::ReasonPageId));
    QVERIFY(child<QLabel>("reasonTextProblem")->isVisible());
    QTest::keyClicks(field("reasonText"), QStringLiteral("Sertifikat ganda"));
    QVERIFY(child<QLabel>("reasonTextProblem")->isHidden());
    RD_DO(goToSummary(RevocationReason::Other, Budi));

    // The database refuses for a moment.
    RD_VERIFY_RESULT(m_db->database()->executeUnprepared(
        QStringLiteral("CREATE TRIGGER kiosk_test_refuse BEFORE INSERT ON revocation_requests "
                       "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")));
    const qint64 before = requestCount();
    QTest::keyClick(child<QCheckBox>("statement"), Qt::Key_Space);
    next();
    QCOMPARE(currentPage(), int(KioskWizard::SummaryPageId));
    auto *error = child<QLabel>("fileError");
    QVERIFY(error->isVisible());
    QVERIFY2(!error->text().contains(QLatin1String("refused by the test")),
             qPrintable(error->text())); // plain words, not the driver's
    QCOMPARE(requestCount(), before);
    QVERIFY(child<QCheckBox>("statement")->isChecked());
    QCOMPARE(child<QLabel>("summaryHolder")->text(), Budi.name);
    QCOMPARE(child<QLabel>("summaryReasonText")->text(), QStringLiteral("Sertifikat ganda"));

    RD_VERIFY_RESULT(
        m_db->database()->executeUnprepared(QStringLiteral("DROP TRIGGER kiosk_test_refuse")));
    next(); // try again
    QCOMPARE(currentPage(), int(KioskWizard::ReceiptPageId));
    QCOMPARE(requestCount(), before + 1);
    QVERIFY(!child<QLabel>("agendaNumber")->text().isEmpty());
}

void TestKioskWizard::escapeAsksBeforeClearing()
{
    // On an empty first page there is nothing to lose: no question.
    QTest::keyClick(m_wizard.get(), Qt::Key_Escape);
    QVERIFY(!m_wizard->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")));
    QVERIFY(m_wizard->isVisible());

    RD_DO(identify(Siti));
    QTest::keyClicks(field("reasonText"), QStringLiteral("catatan"));
    QTest::keyClick(m_wizard.get(), Qt::Key_Escape);
    QMessageBox *question = nullptr;
    QTRY_VERIFY((question = m_wizard->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")))
                && question->isVisible());
    QTest::mouseClick(question->findChild<QPushButton *>(QStringLiteral("cancelNo")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_wizard->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")));
    QCOMPARE(currentPage(), int(KioskWizard::ReasonPageId));
    QCOMPARE(field("reasonText")->text(), QStringLiteral("catatan"));
    QVERIFY(m_wizard->isVisible());

    QTest::keyClick(m_wizard.get(), Qt::Key_Escape);
    QTRY_VERIFY((question = m_wizard->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")))
                && question->isVisible());
    QTest::mouseClick(question->findChild<QPushButton *>(QStringLiteral("cancelYes")),
                      Qt::LeftButton);
    QTRY_VERIFY(!m_wizard->findChild<QMessageBox *>(QStringLiteral("cancelQuestion")));
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));
    QVERIFY(m_wizard->isVisible());
    QVERIFY(field("nik")->text().isEmpty());
    QVERIFY(field("reasonText")->text().isEmpty());
    QVERIFY(!allTexts().join(u'\n').contains(Siti.name));
}

void TestKioskWizard::resetsAfterInactivity()
{
    QCOMPARE(m_wizard->inactivityTimeout(), KioskWizard::DefaultInactivityTimeout);
    m_wizard->setInactivityTimeout(1500ms);
    QCOMPARE(m_wizard->inactivityTimeout(), 1500ms);

    RD_DO(identify(Siti));
    RD_DO(chooseReason(RevocationReason::Reissued));
    QTest::keyClicks(field("reasonText"), QStringLiteral("sertifikat baru"));
    // Input keeps it alive, on any page...
    for (int i = 0; i < 8; ++i) {
        QTest::qWait(250);
        QTest::keyClick(field("reasonText"), Qt::Key_Shift);
    }
    QCOMPARE(currentPage(), int(KioskWizard::ReasonPageId));
    // The calendar left open closes with the rest.
    auto *date = child<QDateEdit>("effectiveDate");
    QTest::mouseClick(date, Qt::LeftButton, {}, QPoint(date->width() - 12, date->height() / 2));
    QTRY_VERIFY(QApplication::activePopupWidget());
    // ...and without input it starts again, empty.
    QTRY_COMPARE_WITH_TIMEOUT(currentPage(), int(KioskWizard::IdentityPageId), 5000);
    QVERIFY(field("nik")->text().isEmpty());
    QVERIFY(field("email")->text().isEmpty());
    QVERIFY(field("reasonText")->text().isEmpty());
    QVERIFY(!field("reasonText")->isUndoAvailable());
    QVERIFY(child<QListWidget>("reason")->selectedItems().isEmpty());
    QVERIFY(child<QWidget>("holderConfirmation")->isHidden());
    QVERIFY(!QApplication::activePopupWidget());
    const QString everything = allTexts().join(u'\n');
    QVERIFY(!everything.contains(Siti.name));
    QVERIFY(!everything.contains(Siti.email()));
    QVERIFY(!everything.contains(QLatin1String("sertifikat baru")));

    // Also from the summary, with the statement ticked.
    RD_DO(identify(Budi));
    RD_DO(chooseReason(RevocationReason::Transferred));
    RD_DO(goToSummary(RevocationReason::Transferred, Budi));
    QTest::keyClick(child<QCheckBox>("statement"), Qt::Key_Space);
    QTRY_COMPARE_WITH_TIMEOUT(currentPage(), int(KioskWizard::IdentityPageId), 5000);
    QVERIFY(!child<QCheckBox>("statement")->isChecked());
    QVERIFY(child<QLabel>("summaryHolder")->text().isEmpty());
}

void TestKioskWizard::switchesLanguageLive()
{
    auto *indonesian = child<QPushButton>("languageIndonesian");
    auto *english = child<QPushButton>("languageEnglish");
    QVERIFY(indonesian && english);
    QCOMPARE(indonesian->text(), QStringLiteral("Bahasa Indonesia"));
    QCOMPARE(english->text(), QStringLiteral("English"));
    QCOMPARE(m_wizard->language(), QStringLiteral("id"));
    QVERIFY(indonesian->isChecked());
    QCOMPARE(QLocale().language(), QLocale::Indonesian);

    // Every text on the page and on the wizard's buttons is in the language.
    auto checkAllMarked = [this](bool marked) {
        QStringList texts = visibleTexts(m_wizard->currentPage());
        for (QAbstractButton *button : m_wizard->findChildren<QAbstractButton *>()) {
            if (button->isVisible() && button != child<QPushButton>("languageIndonesian")
                && button != child<QPushButton>("languageEnglish") && !button->text().isEmpty())
                texts << button->text();
        }
        QVERIFY(texts.size() > 5);
        for (const QString &text : std::as_const(texts)) {
            QVERIFY2(text.startsWith(MarkedIndonesian::Mark) == marked, qPrintable(text));
        }
    };
    RD_DO(checkAllMarked(true));

    QTest::keyClicks(field("nik"), Siti.nik());
    QTest::mouseClick(english, Qt::LeftButton);
    QCOMPARE(m_wizard->language(), QStringLiteral("en"));
    QVERIFY(english->isChecked());
    QVERIFY(!indonesian->isChecked());
    QCOMPARE(QLocale().language(), QLocale::English);
    auto *heading = m_wizard->currentPage()->findChild<QLabel *>(QStringLiteral("heading"));
    QCOMPARE(heading->text(), QStringLiteral("Whose certificate is to be revoked?"));
    QCOMPARE(m_wizard->button(QWizard::NextButton)->text(), QStringLiteral("Next"));
    RD_DO(checkAllMarked(false));
    QCOMPARE(field("nik")->text(), Siti.nik()); // what was typed stays

    // The reasons carry the SOP's own words in Indonesian and the project's in English.
    QTest::keyClicks(field("email"), Siti.email());
    next();
    next();
    QCOMPARE(currentPage(), int(KioskWizard::ReasonPageId));
    auto *reasons = child<QListWidget>("reason");
    QCOMPARE(reasons->item(0)->text(),
             RevocationReasons::labelEnglish(RevocationReasons::all()[0]));
    RD_DO(chooseReason(RevocationReason::Retired));
    QTest::mouseClick(indonesian, Qt::LeftButton);
    QCOMPARE(m_wizard->language(), QStringLiteral("id"));
    QCOMPARE(reasons->item(0)->text(),
             RevocationReasons::labelIndonesian(RevocationReasons::all()[0]));
    QVERIFY(reasons->item(0)->isSelected()); // the choice stays
    RD_DO(checkAllMarked(true));
    // The date follows the language's month names.
    QCOMPARE(child<QDateEdit>("effectiveDate")->locale().language(), QLocale::Indonesian);

    // The next person starts in the kiosk's language, whatever the last one chose.
    QTest::mouseClick(english, Qt::LeftButton);
    QCOMPARE(m_wizard->language(), QStringLiteral("en"));
    m_wizard->resetForNextPerson();
    QCOMPARE(m_wizard->language(), QStringLiteral("id"));
    QVERIFY(indonesian->isChecked());
    QCOMPARE(currentPage(), int(KioskWizard::IdentityPageId));
}

QTEST_MAIN(TestKioskWizard)
#include "TestKioskWizard.moc"
