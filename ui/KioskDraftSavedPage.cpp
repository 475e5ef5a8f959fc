#include "KioskDraftSavedPage.h"

#include "KioskWizard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace rd {

KioskDraftSavedPage::KioskDraftSavedPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::DraftSavedPageId, 0, QStringLiteral("draftSavedPage"))
{
    setFinalPage(true);
    m_codeLabel = new QLabel(this);
    m_codeLabel->setObjectName(QStringLiteral("resumeCodeLabel"));
    m_codeLabel->setTextFormat(Qt::PlainText);
    m_codeLabel->setWordWrap(true);
    body()->addWidget(m_codeLabel);
    m_code = new QLabel(this);
    m_code->setObjectName(QStringLiteral("draftResumeCode"));
    m_code->setTextFormat(Qt::PlainText);
    m_code->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    body()->addWidget(m_code, 0, Qt::AlignLeft);
    body()->addSpacing(18);
    m_steps = new QLabel(this);
    m_steps->setObjectName(QStringLiteral("draftSteps"));
    m_steps->setTextFormat(Qt::RichText); // a numbered list of our own escaped sentences
    m_steps->setWordWrap(true);
    body()->addWidget(m_steps);
}

KioskDraftSavedPage::~KioskDraftSavedPage() = default;

void KioskDraftSavedPage::initializePage()
{
    retranslate();
}

void KioskDraftSavedPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Your request is saved: come back with the signed letter"));
    m_codeLabel->setText(tr("Resume code (also on the letter)"));
    const auto &draft = kiosk()->savedDraft();
    m_code->setText(draft ? draft->resumeCode : QString());
    m_code->setAccessibleName(tr("Resume code %1").arg(m_code->text()));
    const QString steps[] = {
        tr("Sign the letter, and have the holder's superior sign it."),
        tr("Scan it as PDF, JPEG or PNG (at most 1 MB) onto a USB drive."),
        tr("Come back to this kiosk, choose \"I have a resume code\" and attach the scan; or "
           "hand the letter and the code to the officer at the counter."),
        tr("Nothing is filed until then: the request is not in the queue yet."),
    };
    QString html = QStringLiteral("<ol>");
    for (const QString &step : steps)
        html += QStringLiteral("<li style=\"margin-bottom: 8px\">") + step.toHtmlEscaped()
            + QStringLiteral("</li>");
    m_steps->setText(html + QStringLiteral("</ol>"));
}

} // namespace rd
