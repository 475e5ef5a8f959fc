#include "KioskWizard.h"

#include "KioskFilerPage.h"
#include "KioskIdentityPage.h"
#include "KioskReasonPage.h"
#include "KioskReceiptPage.h"
#include "KioskSummaryPage.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "core/Translator.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QScreen>
#include <QTimer>

Q_LOGGING_CATEGORY(lcKiosk, "rd.ui.kiosk", QtInfoMsg)

namespace rd {

namespace {

// Readable from a step away: the kiosk never goes below this, and follows a larger system font.
constexpr double MinimumPointSize = 17.0;

// High contrast (black on white, white on navy), a thick yellow focus for keyboard use, large
// targets; colours as the GOV.UK design system uses them for the same reasons. Font sizes are in
// the style sheet, as multiples of the base size, because a style sheet's fonts win over
// setFont().
QString kioskStyleSheet(double points, const QString &downArrow)
{
    // An explicit QString: with QStringBuilder, `auto` would keep references to temporaries.
    const auto size = [points](double factor) -> QString {
        return QString::number(points * factor, 'f', 1) + QStringLiteral("pt");
    };
    return QStringLiteral(R"(
QWidget { font-size: %1; }
QWizard, QWizardPage, QScrollArea#kioskScroll, QWidget#kioskContent, QWidget#kioskColumn {
    background: #ffffff; color: #0b0c0c; }
QLabel { color: #0b0c0c; }
QFrame#kioskBanner { background: #0b3d91; }
QFrame#kioskBanner QLabel { color: #ffffff; background: transparent; font-weight: bold; }
QLabel#heading { font-size: %2; font-weight: bold; }
QLabel[kioskRole="problem"] { color: #b00020; font-weight: bold; }
QLabel[kioskRole="note"] { background: #eef3fb; border-left: 6px solid #0b3d91; padding: 8px 12px; }
QLabel[kioskRole="fieldLabel"] { font-weight: bold; }
QFrame#holderConfirmation { background: #eef3fb; border: 2px solid #0b3d91; border-radius: 6px; }
QFrame#holderConfirmation QLabel { background: transparent; }
QLabel#holderName { font-size: %3; font-weight: bold; }
QLabel#agendaNumber { font-size: %4; font-weight: bold; color: #0b3d91; background: #ffffff;
                      border: 3px solid #0b3d91; border-radius: 8px; padding: 12px 28px; }
QLineEdit, QDateEdit, QComboBox { background: #ffffff; color: #0b0c0c; border: 2px solid #0b0c0c;
                                  border-radius: 3px; padding: 6px 8px;
                                  selection-background-color: #0b3d91; selection-color: #ffffff; }
QLineEdit:focus, QDateEdit:focus, QComboBox:focus { border: 3px solid #0b0c0c; background: #fff7bf; }
QLineEdit:disabled, QDateEdit:disabled, QComboBox:disabled { border-color: #9a9a9a; color: #6b6b6b; }
QDateEdit::drop-down, QComboBox::drop-down { subcontrol-origin: padding;
    subcontrol-position: center right; width: 34px; border-left: 2px solid #0b0c0c;
    background: #eef3fb; }
QDateEdit::down-arrow, QComboBox::down-arrow { image: url(%5); width: 16px; height: 16px; }
QComboBox QAbstractItemView { background: #ffffff; color: #0b0c0c;
                              selection-background-color: #0b3d91; selection-color: #ffffff; }
QListWidget { background: #ffffff; color: #0b0c0c; border: 2px solid #0b0c0c; outline: 0; }
QListWidget:focus { border: 3px solid #0b0c0c; }
QListWidget::item { padding: 6px 10px; border-bottom: 1px solid #c8c8c8; }
QListWidget::item:hover { background: #eef3fb; color: #0b0c0c; }
QListWidget::item:focus { background: #fff7bf; color: #0b0c0c; }
QListWidget::item:selected { background: #0b3d91; color: #ffffff; }
QPushButton { background: #ffffff; color: #0b3d91; border: 2px solid #0b3d91; border-radius: 6px;
              padding: 10px 24px; font-weight: bold; }
QPushButton:default, QPushButton:checked { background: #0b3d91; color: #ffffff; }
QPushButton:focus { background: #ffdd00; color: #0b0c0c; border: 3px solid #0b0c0c; }
QPushButton:disabled { background: #f3f3f3; color: #6b6b6b; border-color: #9a9a9a; }
QCheckBox, QRadioButton { color: #0b0c0c; spacing: 12px; padding: 4px; }
QCheckBox:focus, QRadioButton:focus { background: #fff7bf; }
QCheckBox:disabled, QRadioButton:disabled { color: #6b6b6b; }
QCheckBox::indicator, QRadioButton::indicator { width: 26px; height: 26px; }
QMessageBox { background: #ffffff; border: 3px solid #0b3d91; }
)")
        .arg(size(1.0), size(1.6), size(1.25), size(2.6), downArrow);
}

// A style sheet that restyles a drop-down must draw its arrow from a file: drawn here, once.
bool writeDownArrow(const QString &fileName)
{
    QImage image(32, 32, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x0b, 0x0c, 0x0c));
    const QPointF triangle[] = {{5, 10}, {27, 10}, {16, 23}};
    painter.drawPolygon(triangle, 3);
    painter.end();
    return image.save(fileName, "PNG");
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
    setOptions(QWizard::NoBackButtonOnStartPage | QWizard::NoBackButtonOnLastPage
               | QWizard::NoCancelButtonOnLastPage | QWizard::HaveCustomButton1
               | QWizard::HaveCustomButton2);
    // The language switch on the left, the way on the right; Cancel apart from Next.
    setButtonLayout({QWizard::CustomButton1, QWizard::CustomButton2, QWizard::Stretch,
                     QWizard::CancelButton, QWizard::BackButton, QWizard::NextButton,
                     QWizard::CommitButton, QWizard::FinishButton});

    const QString downArrow = m_styleFiles.filePath(QStringLiteral("down-arrow.png"));
    if (!m_styleFiles.isValid() || !writeDownArrow(downArrow))
        qCWarning(lcKiosk) << "cannot write the drop-down arrow to" << m_styleFiles.path();
    setStyleSheet(kioskStyleSheet(qMax(font().pointSizeF(), MinimumPointSize), downArrow));

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

Result<TransitionOutcome> KioskWizard::fileRequest()
{
    const NewRevocationRequest request = this->request();
    auto filed = m_lifecycle.file(Actor::kiosk(), request);
    if (!filed) {
        qCWarning(lcKiosk).noquote() << "filing failed:" << filed.error().toString();
        return filed;
    }
    qCInfo(lcKiosk).noquote() << "filed request" << filed->agendaNumber;
    m_receipt->showOutcome(*filed, request.applicantEmail, request.applicantLanguage);
    return filed;
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
