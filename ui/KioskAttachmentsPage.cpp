#include "KioskAttachmentsPage.h"

#include "KioskWizard.h"
#include "kiosk/RemovableMedia.h"

#include <QBuffer>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QPdfDocument>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int PathRole = Qt::UserRole + 1;
constexpr int PreviewSize = 360;

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 0, QLocale::DataSizeSIFormat);
}

// The first page of a PDF or the image, fitted in a square: what the person is about to send.
QImage previewOf(const QByteArray &bytes, const QString &mediaType)
{
    QByteArray copy = bytes; // QBuffer needs a non-const array; shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    if (mediaType == QLatin1String("application/pdf")) {
        QPdfDocument document;
        document.load(&buffer);
        const QSizeF points = document.pagePointSize(0);
        if (document.status() != QPdfDocument::Status::Ready || points.isEmpty())
            return {};
        return document.render(
            0, points.scaled(PreviewSize, PreviewSize, Qt::KeepAspectRatio).toSize());
    }
    QImageReader reader(&buffer);
    // A small file may still claim an enormous picture: read it scaled.
    const QSize size = reader.size();
    if (!size.isValid() || size.width() > 20000 || size.height() > 20000)
        return {};
    reader.setScaledSize(size.scaled(PreviewSize, PreviewSize, Qt::KeepAspectRatio));
    return reader.read();
}

} // namespace

KioskAttachmentsPage::KioskAttachmentsPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::AttachmentsPageId, 5, QStringLiteral("attachmentsPage"))
{
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("attachmentsIntro"));
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    body()->addWidget(m_intro);
    body()->addSpacing(8);

    // What is attached so far, one line a document, with its "Remove".
    auto *attached = new QGridLayout;
    for (int slot = 0; slot < SlotCount; ++slot) {
        m_slotLabels[slot] = new QLabel(this);
        m_slotLabels[slot]->setObjectName(slot == LetterSlot ? QStringLiteral("letterSlot")
                                                             : QStringLiteral("evidenceSlot"));
        m_slotLabels[slot]->setTextFormat(Qt::PlainText);
        m_slotLabels[slot]->setWordWrap(true);
        m_remove[slot] = createButton(slot == LetterSlot ? QStringLiteral("removeLetter")
                                                         : QStringLiteral("removeEvidence"),
                                      this);
        attached->addWidget(m_slotLabels[slot], slot, 0);
        attached->addWidget(m_remove[slot], slot, 1);
        connect(m_remove[slot], &QPushButton::clicked, this, [this, slot] {
            m_accepted[slot].reset();
            showSlots();
        });
    }
    attached->setColumnStretch(0, 1);
    body()->addLayout(attached);
    m_problem
        = createMessageLabel(QStringLiteral("attachmentsProblem"), MessageKind::Problem, this);
    body()->addWidget(m_problem);
    body()->addSpacing(12);

    // The picker: the files on the USB drive, the chosen one's preview, and what to use it as.
    auto *picker = new QHBoxLayout;
    auto *list = new QVBoxLayout;
    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("mediaFiles"));
    m_files->setSelectionMode(QAbstractItemView::SingleSelection);
    m_files->setMinimumHeight(160);
    m_files->setWordWrap(true);
    m_files->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_filesLabel = createFieldLabel(m_files, QStringLiteral("mediaFilesLabel"), this);
    m_lookAgain = createButton(QStringLiteral("lookAgain"), this);
    list->addWidget(m_filesLabel);
    list->addWidget(m_files, 1);
    list->addWidget(m_lookAgain, 0, Qt::AlignLeft);
    picker->addLayout(list, 3);
    picker->addSpacing(16);
    auto *chosen = new QVBoxLayout;
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("filePreview"));
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(PreviewSize / 2, PreviewSize / 2);
    m_chosen = new QLabel(this);
    m_chosen->setObjectName(QStringLiteral("chosenFile"));
    m_chosen->setTextFormat(Qt::PlainText);
    m_chosen->setWordWrap(true);
    m_fileProblem = createMessageLabel(QStringLiteral("fileProblem"), MessageKind::Problem, this);
    m_useAsLetter = createButton(QStringLiteral("useAsLetter"), this);
    m_useAsEvidence = createButton(QStringLiteral("useAsEvidence"), this);
    chosen->addWidget(m_preview);
    chosen->addWidget(m_chosen);
    chosen->addWidget(m_fileProblem);
    chosen->addWidget(m_useAsLetter);
    chosen->addWidget(m_useAsEvidence);
    chosen->addStretch(1);
    picker->addLayout(chosen, 2);
    body()->addLayout(picker);

    connect(m_lookAgain, &QPushButton::clicked, this, &KioskAttachmentsPage::lookForFiles);
    connect(m_files, &QListWidget::itemSelectionChanged, this, &KioskAttachmentsPage::fileChosen);
    connect(m_useAsLetter, &QPushButton::clicked, this, [this] { accept(LetterSlot); });
    connect(m_useAsEvidence, &QPushButton::clicked, this, [this] { accept(EvidenceSlot); });
}

KioskAttachmentsPage::~KioskAttachmentsPage()
{
    // The person's documents do not stay in freed memory either.
    for (auto &file : m_accepted) {
        if (file)
            file->bytes.fill('\0');
    }
    if (m_candidate)
        m_candidate->bytes.fill('\0');
}

bool KioskAttachmentsPage::needsEvidence() const
{
    return kiosk()->filedBy() == NewRevocationRequest::FiledBy::Official;
}

AttachmentKind KioskAttachmentsPage::evidenceKind() const
{
    return kiosk()->request().reason == RevocationReason::Deceased
        ? AttachmentKind::DeathCertificate
        : AttachmentKind::Decree;
}

std::vector<AttachmentFile> KioskAttachmentsPage::files() const
{
    std::vector<AttachmentFile> files;
    for (int slot = 0; slot < SlotCount; ++slot) {
        if (m_accepted[slot] && (slot == LetterSlot || needsEvidence()))
            files.push_back(*m_accepted[slot]);
    }
    return files;
}

QString KioskAttachmentsPage::description() const
{
    QStringList parts;
    for (const AttachmentFile &file : files())
        parts << QStringLiteral("%1: %2 (%3)")
                     .arg(AttachmentStore::kindName(file.kind), file.fileName,
                          sizeText(file.bytes.size()));
    return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral("; "));
}

void KioskAttachmentsPage::initializePage()
{
    m_checked = false;
    lookForFiles();
    showSlots();
}

void KioskAttachmentsPage::lookForFiles()
{
    const RemovableMedia media(kiosk()->options().removableMedia);
    m_files->clear();
    for (const QFileInfo &info : media.files()) {
        auto *item = new QListWidgetItem(
            QStringLiteral("%1 (%2, %3)")
                .arg(info.fileName(), sizeText(info.size()),
                     QLocale().toString(info.lastModified(), QLocale::ShortFormat)),
            m_files);
        item->setData(PathRole, info.absoluteFilePath());
    }
    if (m_files->count() == 0) {
        auto *item = new QListWidgetItem(
            tr("No USB drive with PDF, JPEG or PNG files. Insert the drive, then press \"%1\".")
                .arg(m_lookAgain->text()),
            m_files);
        item->setFlags(Qt::NoItemFlags);
    }
    fileChosen();
}

void KioskAttachmentsPage::fileChosen()
{
    if (m_candidate)
        m_candidate->bytes.fill('\0');
    m_candidate.reset();
    m_candidateProblem.clear();
    m_preview->setPixmap({});
    m_chosen->clear();
    const auto selected = m_files->selectedItems();
    if (!selected.isEmpty()) {
        const QString path = selected.constFirst()->data(PathRole).toString();
        if (!RemovableMedia(kiosk()->options().removableMedia).contains(path)) {
            m_candidateProblem = tr("Only files on the USB drive can be attached.");
        } else {
            // Read and checked now: the person sees what is wrong before choosing what it is.
            auto read = kiosk()->filing().attachments().readFile(AttachmentKind::Other, path);
            if (!read) {
                m_candidateProblem = read.error().message;
            } else {
                m_candidateMediaType = *kiosk()->filing().attachments().check(*read);
                const QImage preview = previewOf(read->bytes, m_candidateMediaType);
                if (preview.isNull()) {
                    m_candidateProblem = tr("This file cannot be shown: it may be damaged.");
                    read->bytes.fill('\0');
                } else {
                    m_preview->setPixmap(QPixmap::fromImage(preview));
                    m_chosen->setText(
                        QStringLiteral("%1, %2").arg(read->fileName, sizeText(read->bytes.size())));
                    m_candidate = std::move(*read);
                }
            }
        }
    }
    showMessage(m_fileProblem, m_candidateProblem);
    m_useAsLetter->setEnabled(m_candidate.has_value());
    m_useAsEvidence->setEnabled(m_candidate.has_value());
    m_useAsEvidence->setVisible(needsEvidence());
}

void KioskAttachmentsPage::accept(Slot slot)
{
    if (!m_candidate)
        return;
    AttachmentFile file = *m_candidate;
    file.kind = slot == LetterSlot ? AttachmentKind::StatementLetter : evidenceKind();
    m_accepted[slot] = std::move(file);
    m_files->clearSelection();
    showSlots();
    // The pressed button is disabled now: the keyboard goes back to the list, not to "Back".
    m_files->setFocus(Qt::OtherFocusReason);
}

void KioskAttachmentsPage::showSlots()
{
    for (int slot = 0; slot < SlotCount; ++slot) {
        const bool shown = slot == LetterSlot || needsEvidence();
        m_slotLabels[slot]->setVisible(shown);
        m_remove[slot]->setVisible(shown && m_accepted[slot].has_value());
        const QString what = slot == LetterSlot ? tr("Signed statement letter")
                                                : AttachmentStore::kindName(evidenceKind());
        const auto &file = m_accepted[slot];
        m_slotLabels[slot]->setText(
            file ? QStringLiteral("%1: %2 (%3) ✓")
                       .arg(what, file->fileName, sizeText(file->bytes.size()))
                 : tr("%1: not attached yet").arg(what));
    }
    QString problem;
    if (m_checked && !m_accepted[LetterSlot])
        problem = tr("Attach the scan of the signed statement letter.");
    else if (m_checked && needsEvidence() && !m_accepted[EvidenceSlot])
        problem = tr("Attach %1: it shows why the official files.")
                      .arg(AttachmentStore::kindName(evidenceKind()));
    showMessage(m_problem, problem);
}

bool KioskAttachmentsPage::validatePage()
{
    m_checked = true;
    showSlots();
    return m_accepted[LetterSlot] && (!needsEvidence() || m_accepted[EvidenceSlot]);
}

void KioskAttachmentsPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Attach the signed documents"));
    m_intro->setText(tr("Insert the USB drive with the scans (PDF, JPEG or PNG, at most 1 MB "
                        "each). Choose a file, check it in the preview, then say what it is."));
    m_filesLabel->setText(tr("Files on the USB drive"));
    // A list takes no name from its label's buddy: given here, for screen readers.
    m_files->setAccessibleName(m_filesLabel->text());
    m_lookAgain->setText(tr("Look again"));
    m_useAsLetter->setText(tr("Use as the signed letter"));
    m_useAsEvidence->setText(tr("Use as %1").arg(AttachmentStore::kindName(evidenceKind())));
    for (QPushButton *remove : m_remove)
        remove->setText(tr("Remove"));
    m_preview->setAccessibleName(tr("Preview of the chosen file"));
    showSlots();
}

} // namespace rd
