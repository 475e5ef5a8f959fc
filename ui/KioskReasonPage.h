#pragma once

#include "KioskPage.h"
#include "requests/RevocationReason.h"

#include <QDate>

#include <optional>

class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;

namespace rd {

// Step 2: why. The SOP's reasons in a list with the explanation of the one chosen, the date the
// reason took effect (never in the future) and a free text, required for "Other".
class KioskReasonPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskReasonPage(KioskWizard *kiosk);
    ~KioskReasonPage() override;
    Q_DISABLE_COPY_MOVE(KioskReasonPage)

    // Only a reason the applicant selected; the list's keyboard cursor alone is no choice.
    std::optional<RevocationReason> reason() const;
    QDate effectiveDate() const;
    QString reasonText() const;

    void initializePage() override;
    bool validatePage() override;
    void retranslate() override;

private:
    enum class Problem { None, NoReason, FutureDate, TextMissing };

    void reasonChanged();
    void setProblem(Problem problem);

    QLabel *m_reasonsLabel = nullptr;
    QListWidget *m_reasons = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_reasonProblem = nullptr;
    QLabel *m_dateLabel = nullptr;
    QDateEdit *m_date = nullptr;
    QLabel *m_dateProblem = nullptr;
    QLabel *m_textLabel = nullptr;
    QLineEdit *m_text = nullptr;
    QLabel *m_textProblem = nullptr;
    Problem m_problem = Problem::None;
};

} // namespace rd
