#pragma once

#include "KioskPage.h"

#include <array>

class QCheckBox;
class QFormLayout;
class QLabel;

namespace rd {

// Everything that will be filed on one page, read only (the files by name and size), and the
// applicant's statement that the holder stops using the certificate. "File the request" files
// it through the workflow; an error from the service is shown in plain words and nothing
// entered is lost, so the applicant can try again.
class KioskReviewPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskReviewPage(KioskWizard *kiosk);
    ~KioskReviewPage() override;
    Q_DISABLE_COPY_MOVE(KioskReviewPage)

    void initializePage() override;
    bool validatePage() override;
    void retranslate() override;

private:
    enum Row {
        HolderRow,
        UnitRow,
        NikRow,
        CertificateRow,
        ReasonRow,
        EffectiveDateRow,
        ReasonTextRow,
        FiledByRow,
        ContactRow,
        LanguageRow,
        FilesRow,
        RowCount
    };

    void showSummary();
    void showProblems();

    QLabel *m_intro = nullptr;
    QFormLayout *m_form = nullptr;
    std::array<QLabel *, RowCount> m_keys {};
    std::array<QLabel *, RowCount> m_values {};
    QLabel *m_documents = nullptr;
    QCheckBox *m_statement = nullptr;
    QLabel *m_statementProblem = nullptr;
    QLabel *m_fileError = nullptr;

    bool m_statementMissing = false;
    bool m_filingFailed = false;
    // What the service said was wrong with the request (already in the language of that
    // moment); empty when the system failed, which gets a plain sentence of ours instead.
    QString m_serviceError;
};

} // namespace rd
