#pragma once

#include "KioskPage.h"
#include "requests/RequestLifecycle.h"

class QLabel;
class QTimer;

namespace rd {

// Step 5: the request is filed. The agenda number, large, and what happens next; "Done" makes
// the kiosk ready for the next person (after a moment, so that a second Enter meant for the
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
    void clear() override;

private:
    void showNextSteps();

    QLabel *m_numberLabel = nullptr;
    QLabel *m_agendaNumber = nullptr;
    QLabel *m_nextStepsTitle = nullptr;
    QLabel *m_nextSteps = nullptr;
    QTimer *m_hold = nullptr;
    QString m_email;
    QString m_language;
    bool m_ready = false;
    bool m_filingNumber = false;
};

} // namespace rd
