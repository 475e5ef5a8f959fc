#pragma once

#include "KioskPage.h"

class QLabel;
class QLineEdit;

namespace rd {

// SOP step 2 for a holder filing for themselves (rest backend): the AMS user name, password and
// one-time code, sent to AMS at once and then wiped from the fields. A wrong password, a wrong
// code and an AMS that cannot be reached are told apart. The log-in lets the kiosk list the
// holder's certificates from AMS and file the request there.
class KioskAmsLogInPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskAmsLogInPage(KioskWizard *kiosk);
    ~KioskAmsLogInPage() override;
    Q_DISABLE_COPY_MOVE(KioskAmsLogInPage)

    void initializePage() override;
    bool validatePage() override;
    bool isComplete() const override;
    void retranslate() override;

private:
    enum class Problem { None, Missing, WrongPassword, WrongCode, Unreachable, Other };

    void logIn();
    void showProblem();

    QLabel *m_intro = nullptr;
    QLabel *m_usernameLabel = nullptr;
    QLineEdit *m_username = nullptr;
    QLabel *m_passwordLabel = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_codeLabel = nullptr;
    QLineEdit *m_code = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problem = nullptr;
    Problem m_lastProblem = Problem::None;
    QString m_otherProblem;
    bool m_busy = false;
    bool m_loggedIn = false;
};

} // namespace rd
