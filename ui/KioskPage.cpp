#include "KioskPage.h"

#include "KioskWizard.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace rd {

namespace {

// The content column is this many average characters wide at most: lines stay readable on a
// wide screen, and fields do not stretch across it.
constexpr int ColumnCharacters = 78;

} // namespace

KioskPage::KioskPage(KioskWizard *kiosk, int pageId, int sopStep, const QString &objectName)
    : QWizardPage(kiosk)
    , m_kiosk(kiosk)
    , m_pageId(pageId)
    , m_sopStep(sopStep)
{
    setObjectName(objectName);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    // The band on top: the service on the left, the step on the right.
    auto *banner = new QFrame(this);
    banner->setObjectName(QStringLiteral("kioskBanner"));
    auto *bannerLayout = new QHBoxLayout(banner);
    bannerLayout->setContentsMargins(28, 12, 28, 12);
    m_banner = new QLabel(banner);
    m_banner->setObjectName(QStringLiteral("service"));
    m_banner->setTextFormat(Qt::PlainText);
    m_stepLabel = new QLabel(banner);
    m_stepLabel->setObjectName(QStringLiteral("step"));
    m_stepLabel->setTextFormat(Qt::PlainText);
    bannerLayout->addWidget(m_banner, 1);
    bannerLayout->addWidget(m_stepLabel);
    outer->addWidget(banner);

    // The content scrolls when a large font or a small screen leaves too little room, so that
    // nothing is ever cut off; Tab scrolls to the field it reaches.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("kioskScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFocusPolicy(Qt::NoFocus);
    auto *content = new QWidget(scroll);
    content->setObjectName(QStringLiteral("kioskContent"));
    auto *centre = new QHBoxLayout(content);
    centre->setContentsMargins(24, 0, 24, 12);
    centre->addStretch(1);
    auto *column = new QWidget(content);
    column->setObjectName(QStringLiteral("kioskColumn"));
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    centre->addWidget(column, 100);
    centre->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    columnLayout->addSpacing(14);
    m_heading = new QLabel(column);
    m_heading->setObjectName(QStringLiteral("heading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    columnLayout->addWidget(m_heading);
    columnLayout->addSpacing(8);
    m_body = new QVBoxLayout;
    columnLayout->addLayout(m_body);
    columnLayout->addStretch(1);

    adjustToFont();
}

KioskPage::~KioskPage() = default;

void KioskPage::retranslate()
{
    m_banner->setText(tr("Electronic certificate revocation"));
    showStep();
}

void KioskPage::showStep()
{
    const int number = m_kiosk->stepNumber(m_pageId);
    m_stepLabel->setText(number > 0 ? tr("Step %1 of %2").arg(number).arg(m_kiosk->stepCount())
                                    : QString());
}

void KioskPage::setHeading(const QString &heading)
{
    m_heading->setText(heading);
}

QLabel *KioskPage::createMessageLabel(const QString &objectName, MessageKind kind, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setProperty("kioskRole",
                       kind == MessageKind::Problem ? QStringLiteral("problem")
                                                    : QStringLiteral("note"));
    label->hide();
    return label;
}

void KioskPage::showMessage(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QLabel *KioskPage::createFieldLabel(QWidget *buddy, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setBuddy(buddy);
    label->setProperty("kioskRole", QStringLiteral("fieldLabel"));
    return label;
}

QPushButton *KioskPage::createButton(const QString &objectName, QWidget *parent)
{
    auto *button = new QPushButton(parent);
    button->setObjectName(objectName);
    button->setAutoDefault(false);
    return button;
}

void KioskPage::changeEvent(QEvent *event)
{
    QWizardPage::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        adjustToFont();
}

void KioskPage::adjustToFont()
{
    // The column follows the font (set by the kiosk's style sheet), so a larger font gets a
    // wider column rather than more lines.
    if (QWidget *column = m_heading->parentWidget())
        column->setMaximumWidth(QFontMetrics(font()).averageCharWidth() * ColumnCharacters);
}

} // namespace rd
