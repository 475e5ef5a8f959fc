#pragma once

#include "KioskPage.h"
#include "ams/AmsRevocationGateway.h"

#include <optional>
#include <vector>

class QLabel;
class QListWidget;

namespace rd {

// Which certificate: the holder's active certificates, from AMS after the applicant's log-in,
// otherwise from the register; each in plain words (whose, issued by, valid from and to, serial
// number). Without an AMS log-in the applicant may also say it is not listed: the operator
// finds it at step 7.
class KioskCertificatePage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskCertificatePage(KioskWizard *kiosk);
    ~KioskCertificatePage() override;
    Q_DISABLE_COPY_MOVE(KioskCertificatePage)

    // The register's id of the chosen certificate (one listed by AMS is registered on Next).
    std::optional<qint64> certificateId() const { return m_certificateId; }
    QString certificateSerial() const { return m_certificateSerial; }

    void initializePage() override;
    bool validatePage() override;
    bool isComplete() const override;
    void retranslate() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Choice
    {
        std::optional<qint64> registerId; // from the register
        std::optional<AmsCertificate> fromAms;
        QString serialHex;
        QString subjectDn;
        QString issuerDn;
        QDateTime notBefore;
        QDateTime notAfter;
    };

    void loadFromRegister();
    void loadFromAms();
    void showChoices();

    QLabel *m_intro = nullptr;
    QLabel *m_listLabel = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_problem = nullptr;
    std::vector<Choice> m_choices;
    bool m_fromAms = false;
    bool m_loading = false;
    QString m_loadProblem;
    bool m_noChoice = false;
    std::optional<qint64> m_certificateId;
    QString m_certificateSerial;
};

} // namespace rd
