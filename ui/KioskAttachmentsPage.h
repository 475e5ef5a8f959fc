#pragma once

#include "KioskPage.h"
#include "workflow/AttachmentStore.h"

#include <optional>
#include <vector>

class QLabel;
class QListWidget;
class QPushButton;

namespace rd {

// SOP step 5: the signed statement letter, scanned, and for an official filing on a holder's
// behalf the decree (SK) or the death certificate, taken from a USB drive only. The picker
// lists the PDF, JPEG and PNG files on the removable media and nothing else; a chosen file is
// read (at most 1 MB), checked from its bytes, and previewed before it is accepted.
class KioskAttachmentsPage : public KioskPage
{
    Q_OBJECT

public:
    explicit KioskAttachmentsPage(KioskWizard *kiosk);
    ~KioskAttachmentsPage() override;
    Q_DISABLE_COPY_MOVE(KioskAttachmentsPage)

    // The accepted files, for the submission.
    std::vector<AttachmentFile> files() const;
    // "surat-keterangan.pdf (230 KB); sk-pensiun.pdf (410 KB)", for the review.
    QString description() const;

    void initializePage() override;
    bool validatePage() override;
    void retranslate() override;

private:
    enum Slot { LetterSlot, EvidenceSlot, SlotCount };

    // Whether the request needs the decree or death certificate, and which it is.
    bool needsEvidence() const;
    AttachmentKind evidenceKind() const;
    void lookForFiles();
    void fileChosen();
    void accept(Slot slot);
    void showSlots();

    QLabel *m_intro = nullptr;
    QLabel *m_filesLabel = nullptr;
    QListWidget *m_files = nullptr;
    QPushButton *m_lookAgain = nullptr;
    QLabel *m_preview = nullptr;
    QLabel *m_chosen = nullptr;
    QLabel *m_fileProblem = nullptr;
    QPushButton *m_useAsLetter = nullptr;
    QPushButton *m_useAsEvidence = nullptr;
    std::array<QLabel *, SlotCount> m_slotLabels {};
    std::array<QPushButton *, SlotCount> m_remove {};
    QLabel *m_problem = nullptr;

    std::optional<AttachmentFile> m_candidate; // read and checked, not yet accepted
    QString m_candidateMediaType;
    std::array<std::optional<AttachmentFile>, SlotCount> m_accepted;
    bool m_checked = false;
    QString m_candidateProblem;
};

} // namespace rd
