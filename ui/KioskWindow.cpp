#include "KioskWindow.h"

#include "users/OfficeSettings.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPushButton>
#include <QScreen>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

Q_DECLARE_LOGGING_CATEGORY(lcKiosk)

namespace rd {

KioskWindow::KioskWindow(DatabasePtr database, const KioskOptions &options, QWidget *parent)
    : QWidget(parent)
    , m_database(std::move(database))
    , m_options(options)
{
    setObjectName(QStringLiteral("kioskWindow"));
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(0);

    // Above the wizard, hidden until the kiosk has been left alone for a while.
    m_warning = new QLabel(this);
    m_warning->setObjectName(QStringLiteral("inactivityWarning"));
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setWordWrap(true);
    m_warning->setAlignment(Qt::AlignCenter);
    m_warning->setStyleSheet(QStringLiteral("QLabel { background: #ffdd00; color: #0b0c0c; "
                                            "font-weight: bold; padding: 18px; }"));
    m_warning->hide();
    m_layout->addWidget(m_warning);

    m_inactivity = new QTimer(this);
    m_inactivity->setObjectName(QStringLiteral("inactivityTimer"));
    m_inactivity->setSingleShot(true);
    m_inactivity->setInterval(DefaultInactivityTimeout);
    connect(m_inactivity, &QTimer::timeout, this, &KioskWindow::inactive);
    m_countdown = new QTimer(this);
    m_countdown->setObjectName(QStringLiteral("resetCountdown"));
    m_countdown->setInterval(1000);
    connect(m_countdown, &QTimer::timeout, this, [this] {
        if (--m_secondsLeft <= 0) {
            qCInfo(lcKiosk) << "no input: starting again for the next person";
            startAgain();
            return;
        }
        showWarning(true);
    });

    // The operator's way out; nothing else leaves the kiosk.
    auto *leave = new QShortcut(QKeySequence(QStringLiteral("Ctrl+Alt+Q")), this);
    leave->setContext(Qt::ApplicationShortcut);
    connect(leave, &QShortcut::activated, this, &KioskWindow::askToLeave);

    qApp->installEventFilter(this);
    buildWizard();
    // The line a kiosk session's supervisor (and the cage test) waits for.
    QTimer::singleShot(0, this, [] {
        qCInfo(lcKiosk).noquote() << "kiosk ready on the" << QGuiApplication::platformName()
                                  << "platform";
    });
}

KioskWindow::~KioskWindow()
{
    qApp->removeEventFilter(this);
}

void KioskWindow::buildWizard()
{
    m_wizard = new KioskWizard(m_database, m_options, this);
    // A QWizard is a dialog, a window of its own: here it is a part of the kiosk's window.
    m_wizard->setWindowFlags(Qt::Widget);
    // No menus on a public kiosk: not even a field's copy-and-paste menu.
    m_wizard->setContextMenuPolicy(Qt::NoContextMenu);
    for (QWidget *widget : m_wizard->findChildren<QWidget *>())
        widget->setContextMenuPolicy(Qt::NoContextMenu);
    m_layout->addWidget(m_wizard, 1);
    connect(m_wizard, &KioskWizard::finishedWithPerson, this, &KioskWindow::startAgain,
            Qt::QueuedConnection);
    setWindowTitle(m_wizard->windowTitle());
    m_wizard->show();
    m_wizard->setFocus();
    m_inactivity->start();
    emit wizardReplaced(m_wizard);
}

void KioskWindow::startAgain()
{
    m_countdown->stop();
    showWarning(false);
    // Dialogs, popups and menus of the wizard go with it.
    for (int i = 0; i < 8 && QApplication::activePopupWidget(); ++i)
        QApplication::activePopupWidget()->close();
    if (m_wizard) {
        m_wizard->hide();
        delete m_wizard; // now, not later: nothing of this person waits for the event loop
    }
    // Whatever the last person copied does not wait for the next one.
    if (QClipboard *clipboard = QGuiApplication::clipboard()) {
        clipboard->clear(QClipboard::Clipboard);
        if (clipboard->supportsSelection())
            clipboard->clear(QClipboard::Selection);
    }
    buildWizard();
}

void KioskWindow::setInactivityTimeout(std::chrono::milliseconds timeout)
{
    m_inactivity->setInterval(timeout);
    m_inactivity->start();
}

void KioskWindow::inactive()
{
    // Nobody started: nothing to warn about, but a language chosen is put back.
    if (m_wizard && m_wizard->currentId() == KioskWizard::WelcomePageId
        && m_wizard->language() == m_options.language) {
        m_inactivity->start();
        return;
    }
    m_secondsLeft = int(std::max<qint64>(1, (m_warningTime.count() + 999) / 1000));
    showWarning(true);
    m_countdown->start();
}

void KioskWindow::showWarning(bool shown)
{
    if (shown)
        m_warning->setText(tr("Are you still there? The kiosk starts again in %n second(s) and "
                              "clears everything entered. Touch the screen or press a key to "
                              "continue.",
                              nullptr, m_secondsLeft));
    m_warning->setVisible(shown);
}

bool KioskWindow::eventFilter(QObject *watched, QEvent *event)
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
        if (m_countdown->isActive()) {
            m_countdown->stop();
            showWarning(false);
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void KioskWindow::askToLeave()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("exitPinDialog"));
    dialog.setWindowTitle(tr("Leave the kiosk"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *label = new QLabel(tr("Operator's PIN"), &dialog);
    auto *pin = new QLineEdit(&dialog);
    pin->setObjectName(QStringLiteral("exitPin"));
    pin->setEchoMode(QLineEdit::Password);
    pin->setMaxLength(12);
    pin->setAccessibleName(tr("Operator's PIN"));
    label->setBuddy(pin);
    auto *problem = new QLabel(&dialog);
    problem->setObjectName(QStringLiteral("exitPinProblem"));
    problem->setTextFormat(Qt::PlainText);
    problem->hide();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Leave"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    layout->addWidget(label);
    layout->addWidget(pin);
    layout->addWidget(problem);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        auto right = OfficeSettings(m_database).verifyKioskExitPin(pin->text());
        pin->setText(QString());
        if (right && *right) {
            dialog.accept();
            return;
        }
        // Not set (NotFound) says how to set one; a wrong one only that it is wrong.
        problem->setText(right ? tr("Wrong PIN.") : right.error().message);
        problem->show();
        qCWarning(lcKiosk) << "a wrong or unset exit PIN was given";
    });
    if (dialog.exec() != QDialog::Accepted)
        return;
    qCInfo(lcKiosk) << "the operator left the kiosk";
    m_leaving = true;
    close();
    QApplication::quit();
}

void KioskWindow::closeEvent(QCloseEvent *event)
{
    if (m_leaving) {
        event->accept();
        return;
    }
    // Alt+F4, a window manager's close: the kiosk stays, and starts again.
    event->ignore();
    if (m_wizard)
        m_wizard->reject();
}

void KioskWindow::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange
        && windowState().testFlag(Qt::WindowFullScreen)) {
        // A kiosk session often has no window manager to honour "full screen": take the
        // screen ourselves.
        if (const QScreen *screen = this->screen())
            setGeometry(screen->geometry());
    } else if (event->type() == QEvent::LanguageChange && m_wizard) {
        setWindowTitle(m_wizard->windowTitle());
        if (m_warning->isVisible())
            showWarning(true);
    }
}

} // namespace rd
