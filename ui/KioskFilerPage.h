#pragma once

#include "KioskPage.h"
#include "requests/RevocationRequest.h"

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QWidget;

namespace rd {

// Who files, and where the outcome goes. The holder themself, or an official on their behalf
// (the superior or head of the office) with name, NIP, position and how they stand to the
// holder; a deceased holder's request can only come from an official (the reason page holds to
// it). Then the e-mail address for the outcome (the holder's by default) and its language.
class KioskFilerPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskFilerPage(KioskWizard *kiosk);
    ~KioskFilerPage() override;
    Q_DISABLE_COPY_MOVE(KioskFilerPage)

    NewRevocationRequest::FiledBy filedBy() const;
    QString officialName() const;
    QString officialNip() const;
    QString officialPosition() const;
    QString officialRelationship() const; // as stored: Indonesian
    QString contactEmail() const;
    QString outcomeLanguage() const; // "id" or "en"

    void initializePage() override;
    bool validatePage() override;
    void retranslate() override;
    QWidget *preferredFocus() const override;

    static bool looksLikeEmail(const QString &address);

private:
    void filerChanged();
    void showNipProblem();
    void showProblems();

    QLabel *m_filerLabel = nullptr;
    QRadioButton *m_byHolder = nullptr;
    QRadioButton *m_byOfficial = nullptr;
    QLabel *m_filerNote = nullptr;

    QWidget *m_official = nullptr;
    QLabel *m_officialNameLabel = nullptr;
    QLineEdit *m_officialName = nullptr;
    QLabel *m_officialNameProblem = nullptr;
    QLabel *m_officialNipLabel = nullptr;
    QLineEdit *m_officialNip = nullptr;
    QLabel *m_officialNipProblem = nullptr;
    QLabel *m_officialPositionLabel = nullptr;
    QLineEdit *m_officialPosition = nullptr;
    QLabel *m_officialPositionProblem = nullptr;
    QLabel *m_officialRelationshipLabel = nullptr;
    QComboBox *m_officialRelationship = nullptr;

    QLabel *m_contactLabel = nullptr;
    QLineEdit *m_contactEmail = nullptr;
    QLabel *m_contactProblem = nullptr;
    QLabel *m_languageLabel = nullptr;
    QComboBox *m_language = nullptr;

    bool m_languageChosen = false;
    // Which messages were asked for by "Next"; they follow the fields as they change.
    bool m_checked = false;
};

} // namespace rd
