#include "KioskIdentityPage.h"

#include "KioskWizard.h"
#include "register/HolderRepository.h"
#include "register/IdentityNumbers.h"
#include "requests/KioskFilings.h"

#include <QFrame>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace rd {

namespace {

bool sameEmail(const QString &registered, const QString &typed)
{
    const QString left = registered.trimmed();
    return !left.isEmpty() && QString::compare(left, typed.trimmed(), Qt::CaseInsensitive) == 0;
}

} // namespace

KioskIdentityPage::KioskIdentityPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::IdentityPageId, 3, QStringLiteral("identityPage"))
{
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("identityIntro"));
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    body()->addWidget(m_intro);
    body()->addSpacing(12);

    m_nik = new QLineEdit(this);
    m_nik->setObjectName(QStringLiteral("nik"));
    m_nik->setMaxLength(16);
    m_nik->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,16}")), m_nik));
    m_nik->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    m_nikLabel = createFieldLabel(m_nik, QStringLiteral("nikLabel"), this);
    m_nikProblem = createMessageLabel(QStringLiteral("nikProblem"), MessageKind::Problem, this);
    body()->addWidget(m_nikLabel);
    body()->addWidget(m_nik);
    body()->addWidget(m_nikProblem);
    body()->addSpacing(12);

    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setMaxLength(254);
    m_email->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhSensitiveData
                                 | Qt::ImhNoPredictiveText | Qt::ImhNoAutoUppercase);
    m_emailLabel = createFieldLabel(m_email, QStringLiteral("emailLabel"), this);
    m_emailProblem = createMessageLabel(QStringLiteral("emailProblem"), MessageKind::Problem, this);
    body()->addWidget(m_emailLabel);
    body()->addWidget(m_email);
    body()->addWidget(m_emailProblem);
    body()->addSpacing(12);

    m_outcome = createMessageLabel(QStringLiteral("identityMessage"), MessageKind::Problem, this);
    body()->addWidget(m_outcome);

    m_confirmation = new QFrame(this);
    m_confirmation->setObjectName(QStringLiteral("holderConfirmation"));
    auto *confirmation = new QVBoxLayout(m_confirmation);
    confirmation->setContentsMargins(20, 14, 20, 14);
    m_confirmationTitle = new QLabel(m_confirmation);
    m_confirmationTitle->setObjectName(QStringLiteral("holderConfirmationTitle"));
    m_confirmationTitle->setTextFormat(Qt::PlainText);
    m_confirmationTitle->setWordWrap(true);
    m_holderName = new QLabel(m_confirmation);
    m_holderName->setObjectName(QStringLiteral("holderName"));
    m_holderName->setTextFormat(Qt::PlainText);
    m_holderName->setWordWrap(true);
    m_holderUnit = new QLabel(m_confirmation);
    m_holderUnit->setObjectName(QStringLiteral("holderUnit"));
    m_holderUnit->setTextFormat(Qt::PlainText);
    m_holderUnit->setWordWrap(true);
    m_confirmationPrompt = new QLabel(m_confirmation);
    m_confirmationPrompt->setObjectName(QStringLiteral("holderConfirmationPrompt"));
    m_confirmationPrompt->setTextFormat(Qt::PlainText);
    m_confirmationPrompt->setWordWrap(true);
    confirmation->addWidget(m_confirmationTitle);
    confirmation->addWidget(m_holderName);
    confirmation->addWidget(m_holderUnit);
    confirmation->addSpacing(6);
    confirmation->addWidget(m_confirmationPrompt);
    m_confirmation->hide();
    body()->addWidget(m_confirmation);

    connect(m_nik, &QLineEdit::textChanged, this, [this] {
        m_nikMissing = false;
        identityEdited();
        showNikProblem();
    });
    connect(m_email, &QLineEdit::textChanged, this, [this] {
        identityEdited();
        if (m_emailMissing && !m_email->text().trimmed().isEmpty()) {
            m_emailMissing = false;
            showMessage(m_emailProblem, {});
        }
    });
}

KioskIdentityPage::~KioskIdentityPage() = default;

bool KioskIdentityPage::isEmpty() const
{
    return m_nik->text().isEmpty() && m_email->text().isEmpty();
}

QString KioskIdentityPage::nik() const
{
    return m_nik->text();
}

QString KioskIdentityPage::email() const
{
    return m_email->text().trimmed();
}

void KioskIdentityPage::identityEdited()
{
    // A changed NIK or e-mail must be checked again; what was shown goes at once.
    m_holder.reset();
    m_lastOutcome = Outcome::None;
    showOutcome();
    showHolder();
}

void KioskIdentityPage::showNikProblem()
{
    const QString nik = m_nik->text();
    showMessage(m_nikProblem, nik.isEmpty() ? QString() : IdentityNumbers::nikProblem(nik));
}

bool KioskIdentityPage::validatePage()
{
    const QString nik = m_nik->text();
    if (nik.isEmpty()) {
        m_nikMissing = true;
        showMessage(m_nikProblem, tr("Type the holder's NIK (16 digits, on the identity card)."));
        m_nik->setFocus(Qt::OtherFocusReason);
        return false;
    }
    if (const QString problem = IdentityNumbers::nikProblem(nik); !problem.isEmpty()) {
        showMessage(m_nikProblem, problem);
        m_nik->setFocus(Qt::OtherFocusReason);
        return false;
    }
    const QString email = m_email->text().trimmed();
    if (email.isEmpty()) {
        m_emailMissing = true;
        showMessage(m_emailProblem, tr("Type the holder's official e-mail address."));
        m_email->setFocus(Qt::OtherFocusReason);
        return false;
    }
    // The second "Next": the applicant has seen the name and unit and goes on.
    if (m_holder)
        return true;
    // Repeated wrong pairs at this kiosk slow it down, so the register cannot be probed.
    if (const QString wait = kiosk()->identityAttemptWait(); !wait.isEmpty()) {
        m_lastOutcome = Outcome::Wait;
        m_waitText = wait;
        showOutcome();
        return false;
    }

    if (kiosk()->filesThroughFunctions()) {
        // The kiosk's database role sees only what the lookup function returns.
        auto found = KioskFilings(kiosk()->database()).lookUp(nik, email);
        if (!found) {
            m_lastOutcome = Outcome::RegisterUnavailable;
        } else if (!*found) {
            m_lastOutcome = Outcome::NoMatch;
        } else {
            m_lastOutcome = Outcome::None;
            Holder holder;
            holder.id = (*found)->holderId;
            holder.nik = nik;
            holder.email = email;
            holder.fullName = (*found)->fullName;
            holder.unit = (*found)->unit;
            m_holder = holder;
        }
        showOutcome();
        showHolder();
        return false;
    }
    const HolderRepository holders(kiosk()->database());
    auto found = holders.findByNik(nik);
    if (!found && found.error().code != ErrorCode::NotFound) {
        m_lastOutcome = Outcome::RegisterUnavailable;
    } else if (!found || !sameEmail(found->email, email)) {
        // The same words whether the NIK is unknown or the e-mail differs.
        m_lastOutcome = Outcome::NoMatch;
        kiosk()->recordIdentityFailure(nik);
    } else {
        m_lastOutcome = Outcome::None;
        m_holder = *found;
    }
    showOutcome();
    showHolder();
    return false;
}

void KioskIdentityPage::showOutcome()
{
    switch (m_lastOutcome) {
    case Outcome::None:
        showMessage(m_outcome, {});
        break;
    case Outcome::NoMatch:
        showMessage(m_outcome, tr("NIK and e-mail do not match our register; ask the operator."));
        break;
    case Outcome::Wait:
        showMessage(m_outcome, m_waitText);
        break;
    case Outcome::RegisterUnavailable:
        showMessage(m_outcome,
                    tr("The register cannot be read just now. Please try again in a "
                       "moment, or ask the operator."));
        break;
    }
}

void KioskIdentityPage::showHolder()
{
    if (!m_holder) {
        m_confirmation->hide();
        m_holderName->clear();
        m_holderUnit->clear();
        return;
    }
    m_confirmationTitle->setText(tr("The NIK and e-mail belong to:"));
    m_holderName->setText(m_holder->fullName);
    m_holderUnit->setText(m_holder->unit);
    m_confirmationPrompt->setText(tr("Is this the certificate holder? Press \"%1\" to continue. "
                                     "If not, correct the NIK or the e-mail.")
                                      .arg(kiosk()->buttonText(QWizard::NextButton)));
    m_confirmation->show();
}

void KioskIdentityPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Whose certificate is to be revoked?"));
    m_intro->setText(tr("Here you ask for an electronic certificate to be revoked. First tell us "
                        "whose certificate it is: the holder's NIK and the official e-mail "
                        "address the office has registered for the holder."));
    m_nikLabel->setText(tr("Holder's NIK (16 digits)"));
    m_emailLabel->setText(tr("Holder's official e-mail"));
    m_email->setPlaceholderText(tr("e.g. name@natunakab.go.id"));
    if (m_nikMissing)
        showMessage(m_nikProblem, tr("Type the holder's NIK (16 digits, on the identity card)."));
    else
        showNikProblem();
    if (m_emailMissing)
        showMessage(m_emailProblem, tr("Type the holder's official e-mail address."));
    showOutcome();
    showHolder();
}

} // namespace rd
