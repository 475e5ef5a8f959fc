#pragma once

#include "KioskPage.h"

class QLabel;

namespace rd {

// The person leaves with the printed letter to have it signed: the resume code, large, and what
// to do with the letter. Nothing was filed yet; the draft waits under the code.
class KioskDraftSavedPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskDraftSavedPage(KioskWizard *kiosk);
    ~KioskDraftSavedPage() override;
    Q_DISABLE_COPY_MOVE(KioskDraftSavedPage)

    void initializePage() override;
    void retranslate() override;

private:
    QLabel *m_codeLabel = nullptr;
    QLabel *m_code = nullptr;
    QLabel *m_steps = nullptr;
};

} // namespace rd
