#include "KioskWelcomePage.h"

#include "KioskWizard.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {

QLabel *plainLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

} // namespace

KioskWelcomePage::KioskWelcomePage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::WelcomePageId, 0, QStringLiteral("welcomePage"))
{
    m_intro = plainLabel(QStringLiteral("welcomeIntro"), this);
    body()->addWidget(m_intro);
    body()->addSpacing(12);
    m_bringTitle = plainLabel(QStringLiteral("welcomeBringTitle"), this);
    m_bringTitle->setProperty("kioskRole", QStringLiteral("fieldLabel"));
    body()->addWidget(m_bringTitle);
    m_bring = new QLabel(this);
    m_bring->setObjectName(QStringLiteral("welcomeBring"));
    m_bring->setTextFormat(Qt::RichText); // a list; only our own texts, escaped
    m_bring->setWordWrap(true);
    body()->addWidget(m_bring);
    body()->addSpacing(8);
    m_time = createMessageLabel(QStringLiteral("welcomeTime"), MessageKind::Note, this);
    m_time->show();
    body()->addWidget(m_time);
    body()->addSpacing(16);

    auto *choices = new QHBoxLayout;
    m_start = createButton(QStringLiteral("startButton"), this);
    m_resume = createButton(QStringLiteral("resumeButton"), this);
    choices->addWidget(m_start);
    choices->addSpacing(16);
    choices->addWidget(m_resume);
    choices->addStretch(1);
    body()->addLayout(choices);

    connect(m_start, &QPushButton::clicked, kiosk, [kiosk] { kiosk->leaveWelcome(false); });
    connect(m_resume, &QPushButton::clicked, kiosk, [kiosk] { kiosk->leaveWelcome(true); });
}

KioskWelcomePage::~KioskWelcomePage() = default;

QWidget *KioskWelcomePage::preferredFocus() const
{
    return m_start;
}

void KioskWelcomePage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Revoke an electronic certificate"));
    m_intro->setText(tr("Here a certificate holder, or an official on the holder's behalf, asks "
                        "the office to revoke an electronic certificate issued by BSrE: when the "
                        "holder retires, dies, is dismissed or moves, when the data on it "
                        "changed, or when the key may be in someone else's hands. The office "
                        "checks the request, revokes the certificate and tells you by e-mail."));
    m_bringTitle->setText(tr("What you need"));
    const QStringList items {
        tr("The holder's NIK (on the identity card) and the official e-mail address the office "
           "has for the holder."),
        tr("When the holder files for themselves: the AMS user name and password, and the "
           "phone with the one-time code app."),
        tr("The statement letter, signed by the holder and the superior, scanned on a USB "
           "drive; or print it here and come back with it signed."),
        tr("When an official files for a holder who retired, died or was dismissed: the "
           "decree (SK) or the death certificate, scanned on the USB drive.")};
    QString list = QStringLiteral("<ul>");
    for (const QString &item : items)
        list += QStringLiteral("<li>") + item.toHtmlEscaped() + QStringLiteral("</li>");
    m_bring->setText(list + QStringLiteral("</ul>"));
    m_time->setText(tr("It takes about five minutes. Files: PDF, JPEG or PNG, at most 1 MB each."));
    m_start->setText(tr("Start"));
    m_start->setAccessibleName(tr("Start a new request"));
    m_resume->setText(tr("I have a resume code"));
    m_resume->setAccessibleName(tr("Continue a saved request with its resume code"));
}

} // namespace rd
