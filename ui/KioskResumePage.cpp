#include "KioskResumePage.h"

#include "KioskWizard.h"

#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace rd {

KioskResumePage::KioskResumePage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::ResumePageId, 0, QStringLiteral("resumePage"))
{
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("resumeIntro"));
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    body()->addWidget(m_intro);
    body()->addSpacing(12);

    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("resumeCode"));
    // Typed (K7PQ-4MX2), or read by a scanner from the letter's QR code.
    m_code->setMaxLength(120);
    m_code->setInputMethodHints(Qt::ImhPreferUppercase | Qt::ImhNoPredictiveText
                                | Qt::ImhSensitiveData);
    m_codeLabel = createFieldLabel(m_code, QStringLiteral("resumeCodeLabel"), this);
    body()->addWidget(m_codeLabel);
    body()->addWidget(m_code);
    body()->addSpacing(12);

    m_nik = new QLineEdit(this);
    m_nik->setObjectName(QStringLiteral("resumeNik"));
    m_nik->setMaxLength(16);
    m_nik->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,16}")), m_nik));
    m_nik->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData);
    m_nikLabel = createFieldLabel(m_nik, QStringLiteral("resumeNikLabel"), this);
    body()->addWidget(m_nikLabel);
    body()->addWidget(m_nik);
    m_problem = createMessageLabel(QStringLiteral("resumeProblem"), MessageKind::Problem, this);
    body()->addWidget(m_problem);

    for (QLineEdit *field : {m_code, m_nik}) {
        connect(field, &QLineEdit::textChanged, this, [this] {
            m_problemText.clear();
            showMessage(m_problem, {});
        });
    }
}

KioskResumePage::~KioskResumePage() = default;

bool KioskResumePage::validatePage()
{
    const auto wait = kiosk()->identityAttemptWait();
    if (!wait.isEmpty()) {
        showMessage(m_problem, wait);
        return false;
    }
    auto draft = kiosk()->filing().findDraft(m_code->text(), m_nik->text());
    if (!draft) {
        if (draft.error().code == ErrorCode::NotFound)
            kiosk()->recordIdentityFailure(m_nik->text());
        // The same words for an unknown code and another NIK.
        showMessage(m_problem,
                    draft.error().code == ErrorCode::NotFound
                        ? tr("The resume code and the NIK do not match a saved "
                             "request. Check both, or ask the officer at the counter.")
                        : tr("The register cannot be read just now. Please try again "
                             "in a moment, or ask the officer at the counter."));
        m_code->setFocus(Qt::OtherFocusReason);
        return false;
    }
    kiosk()->resume(*draft);
    return true;
}

void KioskResumePage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Continue a saved request"));
    m_intro->setText(tr("Type the resume code printed on the statement letter, and the holder's "
                        "NIK. Then attach the scan of the signed letter."));
    m_codeLabel->setText(tr("Resume code (e.g. K7PQ-4MX2)"));
    m_nikLabel->setText(tr("Holder's NIK (16 digits)"));
}

} // namespace rd
