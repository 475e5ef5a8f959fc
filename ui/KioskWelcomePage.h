#pragma once

#include "KioskPage.h"

class QLabel;
class QPushButton;

namespace rd {

// Before anything is asked: what the service is, what to bring, how long it takes; "Start", or
// "I have a resume code" for a person who comes back with a signed letter.
class KioskWelcomePage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskWelcomePage(KioskWizard *kiosk);
    ~KioskWelcomePage() override;
    Q_DISABLE_COPY_MOVE(KioskWelcomePage)

    void retranslate() override;
    QWidget *preferredFocus() const override;

private:
    QLabel *m_intro = nullptr;
    QLabel *m_bringTitle = nullptr;
    QLabel *m_bring = nullptr;
    QLabel *m_time = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_resume = nullptr;
};

} // namespace rd
