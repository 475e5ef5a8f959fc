#pragma once

#include "KioskPage.h"

class QLabel;
class QPushButton;

namespace rd {

// SOP step 1, the statement letter (surat keterangan): made from what was entered, shown as it
// will print, and printed here. A letter needs signatures, so printing saves the request as a
// draft with a resume code, printed on the letter and in its QR code; the person may then
// leave ("Save and continue later") and resume with the code, or attach the signed scan now.
// Someone who brought a signed letter goes straight on.
class KioskLetterPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskLetterPage(KioskWizard *kiosk);
    ~KioskLetterPage() override;
    Q_DISABLE_COPY_MOVE(KioskLetterPage)

    void initializePage() override;
    void retranslate() override;
    QWidget *preferredFocus() const override;

private:
    void showPreview();
    void printLetter();
    void showState();

    QLabel *m_intro = nullptr;
    QLabel *m_preview = nullptr;
    QPushButton *m_print = nullptr;
    QPushButton *m_later = nullptr;
    QLabel *m_codeLabel = nullptr;
    QLabel *m_code = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problem = nullptr;
    bool m_printed = false;
    QString m_previewProblem;
    QString m_printProblem;
};

} // namespace rd
