#include "KioskWizard.h"

#include "KioskFilerPage.h"
#include "KioskIdentityPage.h"
#include "KioskReasonPage.h"
#include "KioskReceiptPage.h"
#include "KioskSummaryPage.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "core/Translator.h"
#include "requests/AgendaNumberAllocator.h"
#include "requests/KioskFilings.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFile>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSysInfo>
#include <QTimer>

Q_LOGGING_CATEGORY(lcKiosk, "rd.ui.kiosk", QtInfoMsg)

namespace rd {

namespace {

// Readable from a step away: the kiosk never goes below this, and follows a larger system font.
constexpr double MinimumPointSize = 17.0;

// The style sheet (resources/kiosk/kiosk.qss) with its font sizes filled in: in the style sheet,
// as multiples of the base size, because a style sheet's fonts win over setFont(). Its drop-down
// arrow comes from the same resources, as a restyled drop-down must draw its arrow from a file.
QString kioskStyleSheet(double points)
{
    QFile file(QStringLiteral(":/kiosk/kiosk.qss"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        qCWarning(lcKiosk) << "cannot read the kiosk's style sheet" << file.fileName();
        return {};
    }
    // An explicit QString: with QStringBuilder, `auto` would keep references to temporaries.
    const auto size = [points](double factor) -> QString {
        return QString::number(points * factor, 'f', 1) + QStringLiteral("pt");
    };
    return QString::fromUtf8(file.readAll()).arg(size(1.0), size(1.6), size(1.25), size(2.6));
}

} // namespace

KioskWizard::KioskWizard(DatabasePtr database, const RequestLifecycle::Options &options,
                         const QString &language, QWidget *parent)
    : QWizard(parent)
    , m_database(std::move(database))
    , m_officeZone(options.officeZone.isValid() ? options.officeZone
                                                : OfficeCalendar::defaultZone())
    , m_lifecycle(m_database, options)
    , m_initialLanguage(language == QLatin1String("en") ? QStringLiteral("en")
                                                        : QStringLiteral("id"))
    , m_language(m_initialLanguage)
{
    setObjectName(QStringLiteral("kioskWizard"));
    setWizardStyle(QWizard::ClassicStyle);
    // The kiosk's database role cannot write requests: it files through the function.
    if (auto restricted = KioskFilings::onlyThroughFunctions(*m_database); restricted)
        m_throughFunctions = *restricted;
    else
        qCWarning(lcKiosk).noquote()
            << "cannot tell the kiosk's database rights:" << restricted.error().toString();
    setOptions(QWizard::NoBackButtonOnStartPage | QWizard::NoBackButtonOnLastPage
               | QWizard::NoCancelButtonOnLastPage | QWizard::HaveCustomButton1
               | QWizard::HaveCustomButton2);
    // The language switch on the left, the way on the right; Cancel apart from Next.
    setButtonLayout({QWizard::CustomButton1, QWizard::CustomButton2, QWizard::Stretch,
                     QWizard::CancelButton, QWizard::BackButton, QWizard::NextButton,
                     QWizard::CommitButton, QWizard::FinishButton});

    setStyleSheet(kioskStyleSheet(qMax(font().pointSizeF(), MinimumPointSize)));

    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::CommitButton)->setObjectName(QStringLiteral("commitButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("finishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelButton"));

    // Each language is named in itself, so that it is found by whoever needs it.
    m_indonesian = qobject_cast<QPushButton *>(button(QWizard::CustomButton1));
    m_english = qobject_cast<QPushButton *>(button(QWizard::CustomButton2));
    Q_ASSERT(m_indonesian && m_english);
    m_indonesian->setObjectName(QStringLiteral("languageIndonesian"));
    m_indonesian->setText(languageName(QStringLiteral("id")));
    m_english->setObjectName(QStringLiteral("languageEnglish"));
    m_english->setText(languageName(QStringLiteral("en")));
    for (QPushButton *languageButton : {m_indonesian, m_english}) {
        languageButton->setCheckable(true);
        languageButton->setAutoDefault(false);
    }
    // Tab goes from the page to the way forward first, the language switch last.
    setTabOrder(button(QWizard::FinishButton), m_indonesian);
    setTabOrder(m_indonesian, m_english);
    connect(m_indonesian, &QAbstractButton::clicked, this,
            [this] { setLanguage(QStringLiteral("id")); });
    connect(m_english, &QAbstractButton::clicked, this,
            [this] { setLanguage(QStringLiteral("en")); });

    m_identity = new KioskIdentityPage(this);
    m_reason = new KioskReasonPage(this);
    m_filer = new KioskFilerPage(this);
    m_summary = new KioskSummaryPage(this);
    m_receipt = new KioskReceiptPage(this);
    m_pages = {m_identity, m_reason, m_filer, m_summary, m_receipt};
    setPage(IdentityPageId, m_identity);
    setPage(ReasonPageId, m_reason);
    setPage(FilerPageId, m_filer);
    setPage(SummaryPageId, m_summary);
    setPage(ReceiptPageId, m_receipt);
    setStartId(IdentityPageId);
    // QWizard gives the focus to a page's first field; some pages know better.
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (auto *current = qobject_cast<KioskPage *>(page(id))) {
            if (QWidget *field = current->preferredFocus())
                field->setFocus(Qt::OtherFocusReason);
        }
    });

    // Any key, click, touch or wheel anywhere in the application starts the count again.
    m_inactivity = new QTimer(this);
    m_inactivity->setObjectName(QStringLiteral("inactivityTimer"));
    m_inactivity->setSingleShot(true);
    m_inactivity->setInterval(DefaultInactivityTimeout);
    connect(m_inactivity, &QTimer::timeout, this, [this] {
        if (!nothingEntered() || m_language != m_initialLanguage)
            qCInfo(lcKiosk) << "no input for" << m_inactivity->interval() << "ms: starting again";
        resetForNextPerson();
    });
    qApp->installEventFilter(this);

    setLanguage(m_initialLanguage);
    m_inactivity->start();
}

KioskWizard::~KioskWizard()
{
    qApp->removeEventFilter(this);
}

void KioskWizard::setLanguage(const QString &language)
{
    const QString chosen
        = language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("id");
    // Translator::install replaces the previous language's translators.
    if (QCoreApplication *application = QCoreApplication::instance()) {
        if (!Translator::install(*application, chosen))
            qCInfo(lcKiosk) << "no translation for language" << chosen;
    }
    m_language = chosen;
    // Translator::install made the language's locale the default: dates and month names follow.
    setLocale(QLocale());
    retranslate();
}

std::chrono::milliseconds KioskWizard::inactivityTimeout() const
{
    return m_inactivity->intervalAsDuration();
}

void KioskWizard::setInactivityTimeout(std::chrono::milliseconds timeout)
{
    m_inactivity->setInterval(timeout);
    m_inactivity->start();
}

void KioskWizard::resetForNextPerson()
{
    if (m_cancelQuestion && m_cancelQuestion->isVisible())
        m_cancelQuestion->close();
    // An open calendar or list closes too.
    for (int i = 0; i < 8 && QApplication::activePopupWidget(); ++i)
        QApplication::activePopupWidget()->close();
    for (KioskPage *page : m_pages)
        page->clear();
    restart();
    // Whatever the last person copied does not wait for the next one.
    if (QClipboard *clipboard = QGuiApplication::clipboard()) {
        clipboard->clear(QClipboard::Clipboard);
        if (clipboard->supportsSelection())
            clipboard->clear(QClipboard::Selection);
    }
    if (m_language != m_initialLanguage)
        setLanguage(m_initialLanguage);
    m_inactivity->start();
}

QDate KioskWizard::today() const
{
    return Clock::currentUtc().toTimeZone(m_officeZone).date();
}

const Holder *KioskWizard::holder() const
{
    return m_identity->holder();
}

std::optional<RevocationReason> KioskWizard::chosenReason() const
{
    return m_reason->reason();
}

QString KioskWizard::reasonLabel(RevocationReason reason) const
{
    // The SOP's own words in Indonesian, the project's English for the English kiosk.
    return m_language == QLatin1String("en") ? RevocationReasons::labelEnglish(reason)
                                             : RevocationReasons::labelIndonesian(reason);
}

QString KioskWizard::languageName(const QString &language)
{
    return language == QLatin1String("en") ? QStringLiteral("English")
                                           : QStringLiteral("Bahasa Indonesia");
}

NewRevocationRequest KioskWizard::request() const
{
    NewRevocationRequest request;
    if (const Holder *holder = m_identity->holder())
        request.holderId = holder->id;
    request.reason = m_reason->reason().value_or(RevocationReason::Other);
    request.reasonText = m_reason->reasonText();
    request.effectiveDate = m_reason->effectiveDate();
    request.filedBy = m_filer->filedBy();
    if (request.filedBy == NewRevocationRequest::FiledBy::Official) {
        request.officialName = m_filer->officialName();
        request.officialNip = m_filer->officialNip();
        request.officialPosition = m_filer->officialPosition();
    }
    request.channel = QStringLiteral("kiosk");
    request.applicantEmail = m_filer->contactEmail();
    request.applicantLanguage = m_filer->outcomeLanguage();
    return request;
}

Result<void> KioskWizard::fileRequest()
{
    const NewRevocationRequest request = this->request();
    if (m_throughFunctions) {
        auto filing = KioskFilings(m_database)
                          .file(m_identity->nik(), m_identity->email(), request,
                                QSysInfo::machineHostName());
        if (!filing) {
            qCWarning(lcKiosk).noquote() << "filing failed:" << filing.error().toString();
            return errorOf(filing);
        }
        qCInfo(lcKiosk).noquote() << "filed" << KioskFilings::filingNumber(*filing);
        m_receipt->showFiling(KioskFilings::filingNumber(*filing), request.applicantEmail,
                              request.applicantLanguage);
        return {};
    }
    auto filed = m_lifecycle.file(Actor::kiosk(), request);
    if (!filed) {
        qCWarning(lcKiosk).noquote() << "filing failed:" << filed.error().toString();
        return errorOf(filed);
    }
    qCInfo(lcKiosk).noquote() << "filed request" << filed->agendaNumber;
    m_receipt->showOutcome(*filed, request.applicantEmail, request.applicantLanguage);
    return {};
}

void KioskWizard::accept()
{
    // "Done" on the receipt: the kiosk stays open for the next person.
    resetForNextPerson();
}

void KioskWizard::reject()
{
    // Esc, Cancel and closing the window: a public kiosk never closes, it starts again. What
    // is filed is filed, and an empty first page has nothing to lose: no question then.
    if (currentId() == ReceiptPageId || nothingEntered()) {
        resetForNextPerson();
        return;
    }
    askToCancel();
}

bool KioskWizard::nothingEntered() const
{
    return currentId() == IdentityPageId && m_identity->isEmpty();
}

void KioskWizard::askToCancel()
{
    if (m_cancelQuestion) {
        m_cancelQuestion->raise();
        m_cancelQuestion->activateWindow();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("Cancel the request"),
                                tr("Cancel this request? Everything entered so far is cleared."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("cancelQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setAttribute(Qt::WA_WindowPropagation); // the kiosk's large font
    box->setTextFormat(Qt::PlainText);
    QPushButton *yes = box->addButton(tr("Yes, cancel and clear"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("cancelYes"));
    QPushButton *no = box->addButton(tr("No, continue"), QMessageBox::RejectRole);
    no->setObjectName(QStringLiteral("cancelNo"));
    box->setDefaultButton(no);
    box->setEscapeButton(no);
    connect(box, &QDialog::finished, this, [this, box, yes] {
        if (box->clickedButton() == yes)
            resetForNextPerson();
        // Without a window manager nobody hands the keyboard back: take it.
        activateWindow();
    });
    m_cancelQuestion = box;
    box->open();
}

bool KioskWizard::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::InputMethod:
        m_inactivity->start();
        break;
    default:
        break;
    }
    return QWizard::eventFilter(watched, event);
}

void KioskWizard::changeEvent(QEvent *event)
{
    QWizard::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::WindowStateChange
               && windowState().testFlag(Qt::WindowFullScreen)) {
        // A kiosk session often has no window manager to honour "full screen": take the
        // screen ourselves.
        if (const QScreen *screen = this->screen())
            setGeometry(screen->geometry());
    }
}

void KioskWizard::retranslate()
{
    setWindowTitle(tr("Electronic certificate revocation"));
    // Debian has no Indonesian Qt translation: the wizard's own buttons are ours.
    setButtonText(QWizard::BackButton, tr("Back"));
    setButtonText(QWizard::NextButton, tr("Next"));
    setButtonText(QWizard::CommitButton, tr("File the request"));
    setButtonText(QWizard::FinishButton, tr("Done"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));
    m_indonesian->setChecked(m_language == QLatin1String("id"));
    m_english->setChecked(m_language == QLatin1String("en"));
    m_indonesian->setToolTip(tr("Show the kiosk in Indonesian"));
    m_english->setToolTip(tr("Show the kiosk in English"));
    for (KioskPage *page : m_pages)
        page->retranslate();
}

} // namespace rd
