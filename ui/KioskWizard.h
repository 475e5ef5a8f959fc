#pragma once

#include "database/Database.h"
#include "register/Holder.h"
#include "requests/RequestLifecycle.h"

#include <QPointer>
#include <QTimeZone>
#include <QWizard>

#include <array>
#include <chrono>
#include <optional>

class QMessageBox;
class QPushButton;
class QTimer;

namespace rd {

class KioskFilerPage;
class KioskIdentityPage;
class KioskPage;
class KioskReasonPage;
class KioskReceiptPage;
class KioskSummaryPage;

// The applicant kiosk (`revocation-desk --kiosk`): a full-screen guided request for SOP steps
// 1-5 on a public machine, without a login. The applicant identifies the holder by NIK and the
// e-mail in the register, gives the reason, says who files, confirms the statement and gets an
// agenda number. Nothing of another person is ever shown: after "Done", after Esc and after a
// while without input the wizard forgets everything and starts again for the next person.
class KioskWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { IdentityPageId, ReasonPageId, FilerPageId, SummaryPageId, ReceiptPageId };

    static constexpr std::chrono::milliseconds DefaultInactivityTimeout {120000};
    // The receipt's "Done" waits this long, so that a second press of Enter meant for the
    // summary does not wipe the agenda number before it was read.
    static constexpr std::chrono::milliseconds DefaultReceiptHold {1500};

    // language: "id" or "en", the language each new person starts with.
    KioskWizard(DatabasePtr database, const RequestLifecycle::Options &options,
                const QString &language = QStringLiteral("id"), QWidget *parent = nullptr);
    ~KioskWizard() override;
    Q_DISABLE_COPY_MOVE(KioskWizard)

    QString language() const { return m_language; }
    // Installs the translations of the language as rd::Translator does (replacing those of the
    // previous one) and puts every text of the kiosk in it at once.
    void setLanguage(const QString &language);

    std::chrono::milliseconds inactivityTimeout() const;
    void setInactivityTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds receiptHold() const { return m_receiptHold; }
    void setReceiptHold(std::chrono::milliseconds hold) { m_receiptHold = hold; }

    // Clears every page and message, goes back to the first page in the starting language.
    void resetForNextPerson();

    // What the pages read from each other.
    const DatabasePtr &database() const { return m_database; }
    QDate today() const; // in the office's time zone
    const Holder *holder() const;
    std::optional<RevocationReason> chosenReason() const;
    // The reason as the SOP names it, in the kiosk's language.
    QString reasonLabel(RevocationReason reason) const;
    static QString languageName(const QString &language);
    NewRevocationRequest request() const;
    // Files the request (draft and submit in one transaction) as the kiosk, with channel kiosk;
    // connected as the kiosk's PostgreSQL role, through the filing function instead, which
    // gives a filing number and leaves the agenda number to the desk (KioskIntake).
    Result<void> fileRequest();
    // True when the database lets the kiosk only look up and file through its two functions.
    bool filesThroughFunctions() const { return m_throughFunctions; }

    // "Done" starts again for the next person; Esc and Cancel ask first.
    void accept() override;
    void reject() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void askToCancel();
    bool nothingEntered() const;

    DatabasePtr m_database;
    QTimeZone m_officeZone;
    RequestLifecycle m_lifecycle;
    bool m_throughFunctions = false;
    QString m_initialLanguage;
    QString m_language;
    std::chrono::milliseconds m_receiptHold = DefaultReceiptHold;

    KioskIdentityPage *m_identity = nullptr;
    KioskReasonPage *m_reason = nullptr;
    KioskFilerPage *m_filer = nullptr;
    KioskSummaryPage *m_summary = nullptr;
    KioskReceiptPage *m_receipt = nullptr;
    std::array<KioskPage *, 5> m_pages {};

    QPushButton *m_indonesian = nullptr;
    QPushButton *m_english = nullptr;
    QTimer *m_inactivity = nullptr;
    QPointer<QMessageBox> m_cancelQuestion;
};

} // namespace rd
