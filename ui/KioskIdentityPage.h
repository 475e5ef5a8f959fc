#pragma once

#include "KioskPage.h"
#include "register/Holder.h"

#include <optional>

class QFrame;
class QLabel;
class QLineEdit;

namespace rd {

// Whose certificate. The holder's NIK (checked as it is typed) and the official e-mail in
// the register; only when both match one holder are that holder's name and unit shown, for the
// applicant to confirm with a second "Next". A NIK that is not in the register and an e-mail
// that does not match get the same neutral message, so the kiosk never tells whether a NIK
// exists.
class KioskIdentityPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskIdentityPage(KioskWizard *kiosk);
    ~KioskIdentityPage() override;
    Q_DISABLE_COPY_MOVE(KioskIdentityPage)

    // The holder whose NIK and e-mail matched, once shown for confirmation; nullptr before.
    const Holder *holder() const { return m_holder ? &*m_holder : nullptr; }
    bool isEmpty() const;
    // As typed; the kiosk's filing function checks them again.
    QString nik() const;
    QString email() const;

    bool validatePage() override;
    void retranslate() override;

private:
    enum class Outcome { None, NoMatch, Wait, RegisterUnavailable };

    void identityEdited();
    void showNikProblem();
    void showOutcome();
    void showHolder();

    QLabel *m_intro = nullptr;
    QLabel *m_nikLabel = nullptr;
    QLineEdit *m_nik = nullptr;
    QLabel *m_nikProblem = nullptr;
    QLabel *m_emailLabel = nullptr;
    QLineEdit *m_email = nullptr;
    QLabel *m_emailProblem = nullptr;
    QLabel *m_outcome = nullptr;
    QFrame *m_confirmation = nullptr;
    QLabel *m_confirmationTitle = nullptr;
    QLabel *m_holderName = nullptr;
    QLabel *m_holderUnit = nullptr;
    QLabel *m_confirmationPrompt = nullptr;

    std::optional<Holder> m_holder;
    Outcome m_lastOutcome = Outcome::None;
    QString m_waitText;
    bool m_nikMissing = false;
    bool m_emailMissing = false;
};

} // namespace rd
