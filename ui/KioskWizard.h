#pragma once

#include "ams/AmsSettings.h"
#include "database/Database.h"
#include "documents/PaperKind.h"
#include "kiosk/KioskFiling.h"
#include "kiosk/KioskStepClock.h"
#include "register/Holder.h"
#include "requests/RequestLifecycle.h"

#include <QPointer>
#include <QTimeZone>
#include <QWizard>

#include <array>
#include <chrono>
#include <memory>
#include <optional>

class QPushButton;
class QTimer;

namespace rd {

class KioskAmsSession;
class KioskAttachmentsPage;
class KioskCertificatePage;
class KioskFilerPage;
class KioskIdentityPage;
class KioskLetterPage;
class KioskPage;
class KioskReasonPage;
class KioskReceiptPage;
class KioskResumePage;
class KioskReviewPage;

// The kiosk's workstation-wide choices, the same for every person.
struct KioskOptions
{
    RequestLifecycle::Options lifecycle;
    AmsBackend backend = AmsBackend::Portal;
    QString language = QStringLiteral("id"); // the language each person starts with
    // Where the papers go: empty for the system's default printer, a folder for PDF files
    // (a kiosk without a printer, and the tests).
    QString printTo;
    // The folders where removable media appear (udisks mounts them under /media/USER).
    QStringList removableMedia;
    // The receipt's "Done" waits this long, so that a second press of Enter meant for the
    // review does not wipe the agenda number before it was read.
    std::chrono::milliseconds receiptHold {1500};
    // The receipt and the draft page stand this long, then the kiosk starts again by itself:
    // a person who walks away without "Done" leaves nothing on the screen.
    std::chrono::milliseconds doneReset {60000};
};

// One person's visit to the applicant kiosk (`revocation-desk --kiosk`): SOP steps 1-5 as a
// guided request on a public machine, without a log-in. Welcome; whose certificate (NIK and the
// registered e-mail); who files; the applicant's AMS log-in (rest backend, holder filing for
// themselves); which certificate; why; the statement letter, previewed and printed, with a
// draft and its resume code when it must go away to be signed; the signed letter and decree
// from a USB drive; review and submit; the receipt. A KioskWindow holds one wizard per person
// and destroys it when the person is done, so nothing of theirs outlives the visit.
class KioskWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId {
        WelcomePageId,
        ResumePageId,
        IdentityPageId,
        FilerPageId,
        AmsLogInPageId,
        CertificatePageId,
        ReasonPageId,
        LetterPageId,
        AttachmentsPageId,
        ReviewPageId,
        ReceiptPageId,
        DraftSavedPageId,
    };

    KioskWizard(DatabasePtr database, const KioskOptions &options, QWidget *parent = nullptr);
    ~KioskWizard() override;
    Q_DISABLE_COPY_MOVE(KioskWizard)

    QString language() const { return m_language; }
    // Installs the translations of the language (rd::Translator) and puts every text of the
    // kiosk in it at once.
    void setLanguage(const QString &language);

    // What the pages share.
    const DatabasePtr &database() const { return m_database; }
    const KioskOptions &options() const { return m_options; }
    std::chrono::milliseconds receiptHold() const { return m_options.receiptHold; }
    QDate today() const; // in the office's time zone
    QDateTime now() const;
    Actor actor() const;
    KioskFiling &filing() { return m_filing; }
    KioskStepClock &stepClock() { return m_stepClock; }
    // The applicant's own AMS session: only with the rest backend (nullptr otherwise).
    KioskAmsSession *amsSession() const { return m_amsSession.get(); }
    // Another session than the settings' (the tests' simulator, the screenshots' stand-in).
    void setAmsSession(std::unique_ptr<KioskAmsSession> session);
    // Whether this person logs in to AMS here: the rest backend, the holder filing for
    // themselves, and a new request (a resumed draft's AMS side is the operator's).
    bool needsAmsLogIn() const;
    // True when the database lets the kiosk only look up and file through its two functions
    // (PostgreSQL's kiosk role): no drafts, no files; the letter is handed in at the counter.
    bool filesThroughFunctions() const { return m_throughFunctions; }

    const Holder *holder() const;
    QString nik() const;
    std::optional<RevocationReason> chosenReason() const;
    NewRevocationRequest::FiledBy filedBy() const;
    // The reason as the SOP names it, in the kiosk's language.
    QString reasonLabel(RevocationReason reason) const;
    static QString languageName(const QString &language);
    // The request as the pages have it now (for a resumed draft, the draft's).
    NewRevocationRequest request() const;
    // The request as a record, for the papers: the stored draft, or one made of the pages.
    RevocationRequestRecord requestRecord() const;

    // A draft: saved when its letter is printed, or found again by its resume code.
    std::optional<qint64> draftId() const;
    const std::optional<RevocationRequestRecord> &resumedDraft() const { return m_resumedDraft; }
    void resume(const RevocationRequestRecord &draft);
    // Saves the draft (once) and gives its resume code; the same code for the rest of the visit.
    Result<KioskDraft> saveDraft();
    const std::optional<KioskDraft> &savedDraft() const { return m_savedDraft; }
    // The person leaves with the printed letter to have it signed: the draft-saved page.
    void continueLater();
    // From the welcome page: a new request, or a draft resumed by its code.
    void leaveWelcome(bool resume);

    // Files the request with the pages' files (through the kiosk's database functions on the
    // kiosk's PostgreSQL role) and shows the receipt; with the rest backend and a fresh AMS
    // log-in the AMS side is sent at once, its outcome told on the receipt page.
    Result<void> fileRequest();
    // The files attached, for the review.
    QString attachedFilesDescription() const;

    // Empty when this kiosk may check an identity now; otherwise how long to wait, in the
    // person's language and neutral about what failed (KioskThrottle).
    QString identityAttemptWait() const;
    void recordIdentityFailure(const QString &nik);

    // Prints a paper of the request in the applicant's language, as the letter page previews
    // it: to the printer, or as a PDF file to the folder of options().printTo.
    Result<void> print(PaperKind kind, const QString &agendaOrId, const QString &resumeCode = {});

    // "Step 3 of 8": the page's place on this person's path (the AMS log-in only when needed).
    int stepNumber(int pageId) const;
    int stepCount() const;
    void refreshSteps();

    int nextId() const override;
    // "Done" on the receipt, "Finish" on the draft page: this person is done.
    void accept() override;
    // Esc and Cancel ask first (unless nothing was entered); the wizard never closes.
    void reject() override;

signals:
    // The person is done (or the kiosk was left alone): the window builds a new wizard.
    void finishedWithPerson();

protected:
    void changeEvent(QEvent *event) override;
    // Escape goes back a page, as Back does; leaving is Cancel's.
    void keyPressEvent(QKeyEvent *event) override;

private:
    void retranslate();
    void askToCancel();
    bool nothingEntered() const;
    void pageChanged(int id);
    Result<KioskSubmission> submit();
    void printReceipt(const QString &agendaNumber);

    DatabasePtr m_database;
    KioskOptions m_options;
    QTimeZone m_officeZone;
    KioskFiling m_filing;
    KioskStepClock m_stepClock;
    std::unique_ptr<KioskAmsSession> m_amsSession;
    bool m_throughFunctions = false;
    QString m_language;
    std::optional<RevocationRequestRecord> m_resumedDraft;
    std::optional<KioskDraft> m_savedDraft;
    bool m_continueLater = false;
    bool m_resuming = false;
    QTimer *m_doneReset = nullptr;

    KioskIdentityPage *m_identity = nullptr;
    KioskFilerPage *m_filer = nullptr;
    KioskCertificatePage *m_certificate = nullptr;
    KioskReasonPage *m_reason = nullptr;
    KioskLetterPage *m_letter = nullptr;
    KioskAttachmentsPage *m_attachments = nullptr;
    KioskReviewPage *m_review = nullptr;
    KioskReceiptPage *m_receipt = nullptr;
    QList<KioskPage *> m_pages;

    QPushButton *m_indonesian = nullptr;
    QPushButton *m_english = nullptr;
    QPointer<QWidget> m_cancelQuestion;
};

} // namespace rd
