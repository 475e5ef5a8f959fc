#pragma once

#include "KioskPage.h"

class QLabel;
class QLineEdit;

namespace rd {

// A person back with the signed letter: the resume code printed on it and the holder's NIK find
// the draft; then on to attaching the scan. A wrong pair gets the same neutral message as a
// wrong NIK and e-mail, and counts towards the kiosk's slow-down.
class KioskResumePage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskResumePage(KioskWizard *kiosk);
    ~KioskResumePage() override;
    Q_DISABLE_COPY_MOVE(KioskResumePage)

    bool validatePage() override;
    void retranslate() override;

private:
    QLabel *m_intro = nullptr;
    QLabel *m_codeLabel = nullptr;
    QLineEdit *m_code = nullptr;
    QLabel *m_nikLabel = nullptr;
    QLineEdit *m_nik = nullptr;
    QLabel *m_problem = nullptr;
    QString m_problemText;
};

} // namespace rd
