#pragma once

#include "KioskPage.h"
#include "requests/RequestLifecycle.h"

class QLabel;
class QTimer;

namespace rd {

// The request is filed. The agenda number, large, what happens next and when the e-mail comes,
// what became of the AMS side, and the printed receipt; "Done" makes the kiosk ready for the
// next person (after a moment, so that a second Enter meant for the
// previous page does not wipe the number before it was read).
class KioskReceiptPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskReceiptPage(KioskWizard *kiosk);
    ~KioskReceiptPage() override;
    Q_DISABLE_COPY_MOVE(KioskReceiptPage)

    void showOutcome(const TransitionOutcome &outcome, const QString &email,
                     const QString &language);
    // Filed through the kiosk's database function: a filing number, the agenda number later.
    void showFiling(const QString &filingNumber, const QString &email, const QString &language);

    void initializePage() override;
    bool isComplete() const override;
    void retranslate() override;

    // What became of the AMS side of the request, told in plain words.
    enum class AmsStatus { None, Sending, Filed, KeptForOperator, ByOperator };
    void setAmsStatus(AmsStatus status, const QString &reference = {});
    // Empty: the receipt went to the printer; otherwise why it did not.
    void setPrintStatus(const QString &problem);

private:
    void showNextSteps();
    void showStatus();

    QLabel *m_numberLabel = nullptr;
    QLabel *m_agendaNumber = nullptr;
    QLabel *m_nextStepsTitle = nullptr;
    QLabel *m_nextSteps = nullptr;
    QTimer *m_hold = nullptr;
    QString m_email;
    QString m_language;
    bool m_ready = false;
    bool m_filingNumber = false;
    QLabel *m_amsStatus = nullptr;
    QLabel *m_printStatus = nullptr;
    AmsStatus m_ams = AmsStatus::None;
    QString m_amsReference;
    bool m_printTried = false;
    bool m_printed = false;
    QString m_printProblem;
};

} // namespace rd
