#include "KioskAmsLogInPage.h"

#include "KioskWizard.h"
#include "ams/RestAmsGateway.h"
#include "kiosk/KioskAmsSession.h"

#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace rd {

KioskAmsLogInPage::KioskAmsLogInPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::AmsLogInPageId, 2, QStringLiteral("amsLogInPage"))
{
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("amsIntro"));
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    body()->addWidget(m_intro);
    body()->addSpacing(12);

    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("amsUsername"));
    m_username->setMaxLength(120);
    m_username->setInputMethodHints(Qt::ImhNoAutoUppercase | Qt::ImhNoPredictiveText
                                    | Qt::ImhSensitiveData);
    m_usernameLabel = createFieldLabel(m_username, QStringLiteral("amsUsernameLabel"), this);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("amsPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(256);
    m_passwordLabel = createFieldLabel(m_password, QStringLiteral("amsPasswordLabel"), this);
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("amsOneTimeCode"));
    m_code->setMaxLength(6);
    m_code->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,6}")), m_code));
    m_code->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhSensitiveData);
    m_codeLabel = createFieldLabel(m_code, QStringLiteral("amsOneTimeCodeLabel"), this);
    for (auto [label, field] :
         {std::pair {m_usernameLabel, m_username}, std::pair {m_passwordLabel, m_password},
          std::pair {m_codeLabel, m_code}}) {
        body()->addWidget(label);
        body()->addWidget(field);
        body()->addSpacing(8);
        connect(field, &QLineEdit::textEdited, this, [this] {
            m_lastProblem = Problem::None;
            showProblem();
        });
    }
    m_status = createMessageLabel(QStringLiteral("amsLogInStatus"), MessageKind::Note, this);
    body()->addWidget(m_status);
    m_problem = createMessageLabel(QStringLiteral("amsProblem"), MessageKind::Problem, this);
    body()->addWidget(m_problem);
}

KioskAmsLogInPage::~KioskAmsLogInPage() = default;

void KioskAmsLogInPage::initializePage()
{
    // Back here after a log-in: the person may log in as someone else.
    m_loggedIn = false;
}

bool KioskAmsLogInPage::isComplete() const
{
    return !m_busy;
}

bool KioskAmsLogInPage::validatePage()
{
    if (m_loggedIn)
        return true;
    if (!m_busy)
        logIn();
    return false;
}

void KioskAmsLogInPage::logIn()
{
    if (m_username->text().trimmed().isEmpty() || m_password->text().isEmpty()
        || m_code->text().size() != 6) {
        m_lastProblem = Problem::Missing;
        showProblem();
        return;
    }
    KioskAmsSession *session = kiosk()->amsSession();
    if (!session) {
        m_lastProblem = Problem::Unreachable;
        showProblem();
        return;
    }
    m_busy = true;
    emit completeChanged();
    showMessage(m_status, tr("Logging in to AMS…"));
    const QString username = m_username->text().trimmed();
    const QString password = m_password->text();
    const QString code = m_code->text();
    // Gone from the screen at once; a second try is typed again. setText also empties the
    // fields' undo history.
    m_password->setText(QString());
    m_code->setText(QString());
    session->logIn(username, password, code,
                   {this, [this](Result<void> answer) {
                        m_busy = false;
                        emit completeChanged();
                        showMessage(m_status, {});
                        if (answer) {
                            m_lastProblem = Problem::None;
                            m_loggedIn = true;
                            showProblem();
                            kiosk()->next();
                            return;
                        }
                        const Error &error = answer.error();
                        if (RestAmsGateway::isWrongOneTimeCode(error))
                            m_lastProblem = Problem::WrongCode;
                        else if (error.code == ErrorCode::AuthenticationFailed)
                            m_lastProblem = Problem::WrongPassword;
                        else if (error.code == ErrorCode::Io || error.code == ErrorCode::Crypto)
                            m_lastProblem = Problem::Unreachable;
                        else {
                            m_lastProblem = Problem::Other;
                            m_otherProblem = error.message;
                        }
                        showProblem();
                        (m_lastProblem == Problem::WrongPassword ? m_password : m_code)
                            ->setFocus(Qt::OtherFocusReason);
                    }});
}

void KioskAmsLogInPage::showProblem()
{
    QString text;
    switch (m_lastProblem) {
    case Problem::None:
        break;
    case Problem::Missing:
        text = tr("Type your AMS user name, your password and the 6-digit code from the app.");
        break;
    case Problem::WrongPassword:
        text = tr("AMS does not know this user name and password. Type them again.");
        break;
    case Problem::WrongCode:
        text = tr("The one-time code was wrong or has expired. Wait for a new code in the app "
                  "and type it.");
        break;
    case Problem::Unreachable:
        text = tr("AMS cannot be reached just now. Try again in a moment, or go back and let an "
                  "official file for you: the officer then files it in AMS.");
        break;
    case Problem::Other:
        text = m_otherProblem;
        break;
    }
    showMessage(m_problem, text);
}

void KioskAmsLogInPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Log in to AMS"));
    m_intro->setText(tr("Log in with your own BSrE AMS account, as on the AMS website. The "
                        "password and the code go to AMS only: this kiosk does not keep them."));
    m_usernameLabel->setText(tr("AMS user name"));
    m_passwordLabel->setText(tr("Password"));
    m_codeLabel->setText(tr("One-time code (6 digits, from the authenticator app)"));
    showProblem();
}

} // namespace rd
