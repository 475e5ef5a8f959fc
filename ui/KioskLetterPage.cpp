#include "KioskLetterPage.h"

#include "KioskWizard.h"
#include "core/AppSettings.h"
#include "documents/PaperComposer.h"
#include "documents/PaperRenderer.h"

#include <QBuffer>
#include <QHBoxLayout>
#include <QLabel>
#include <QPdfDocument>
#include <QPushButton>
#include <QVBoxLayout>

namespace rd {

namespace {

// Wide enough to read the letter's text on screen, narrow enough for the buttons beside it.
constexpr int PreviewWidth = 460;

} // namespace

KioskLetterPage::KioskLetterPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::LetterPageId, 1, QStringLiteral("letterPage"))
{
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("letterIntro"));
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    body()->addWidget(m_intro);
    body()->addSpacing(8);

    auto *row = new QHBoxLayout;
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("letterPreview"));
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    m_preview->setFrameShape(QFrame::Box);
    m_preview->setFixedWidth(PreviewWidth + 2);
    row->addWidget(m_preview);
    row->addSpacing(16);

    auto *side = new QVBoxLayout;
    m_print = createButton(QStringLiteral("printLetter"), this);
    side->addWidget(m_print);
    m_codeLabel = new QLabel(this);
    m_codeLabel->setObjectName(QStringLiteral("letterResumeCodeLabel"));
    m_codeLabel->setTextFormat(Qt::PlainText);
    m_codeLabel->setWordWrap(true);
    side->addWidget(m_codeLabel);
    m_code = new QLabel(this);
    m_code->setObjectName(QStringLiteral("letterResumeCode"));
    m_code->setTextFormat(Qt::PlainText);
    m_code->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    side->addWidget(m_code, 0, Qt::AlignLeft);
    m_status = createMessageLabel(QStringLiteral("letterStatus"), MessageKind::Note, this);
    side->addWidget(m_status);
    m_problem = createMessageLabel(QStringLiteral("letterProblem"), MessageKind::Problem, this);
    side->addWidget(m_problem);
    m_later = createButton(QStringLiteral("continueLater"), this);
    side->addWidget(m_later);
    side->addStretch(1);
    row->addLayout(side, 1);
    body()->addLayout(row);

    connect(m_print, &QPushButton::clicked, this, &KioskLetterPage::printLetter);
    connect(m_later, &QPushButton::clicked, kiosk, &KioskWizard::continueLater);
}

KioskLetterPage::~KioskLetterPage() = default;

QWidget *KioskLetterPage::preferredFocus() const
{
    return m_print;
}

void KioskLetterPage::initializePage()
{
    showPreview();
    showState();
}

void KioskLetterPage::showPreview()
{
    // The letter as it stands, in the language chosen for the outcome: what will print.
    m_previewProblem.clear();
    AppSettings settings;
    const RevocationRequestRecord record = kiosk()->requestRecord();
    auto renderer
        = PaperRenderer::forWorkstation(kiosk()->database(), settings, record.applicantLanguage);
    auto content = renderer
        ? PaperComposer(kiosk()->database()).compose(PaperKind::StatementLetter, record)
        : Result<PaperContent>(errorOf(renderer));
    if (content && kiosk()->savedDraft())
        content->data.insert(QStringLiteral("resume_code"), kiosk()->savedDraft()->resumeCode);
    auto pdf = content ? renderer->pdf(*content) : Result<QByteArray>(errorOf(content));
    if (!pdf) {
        m_previewProblem = pdf.error().message;
        m_preview->setPixmap({});
        return;
    }
    QBuffer buffer(&*pdf);
    buffer.open(QIODevice::ReadOnly);
    QPdfDocument document;
    document.load(&buffer);
    const QSizeF points = document.pagePointSize(0);
    if (document.status() != QPdfDocument::Status::Ready || points.isEmpty()) {
        m_previewProblem = tr("The letter cannot be shown.");
        m_preview->setPixmap({});
        return;
    }
    const qreal ratio = devicePixelRatioF();
    const QSize size(int(PreviewWidth * ratio),
                     int(PreviewWidth * ratio * points.height() / points.width()));
    QImage image = document.render(0, size);
    image.setDevicePixelRatio(ratio);
    m_preview->setPixmap(QPixmap::fromImage(image));
    m_preview->setAccessibleName(tr("The statement letter as it will print"));
}

void KioskLetterPage::printLetter()
{
    m_printProblem.clear();
    auto draft = kiosk()->saveDraft();
    if (!draft) {
        m_printProblem = draft.error().message;
        showState();
        return;
    }
    auto printed = kiosk()->print(PaperKind::StatementLetter,
                                  QStringLiteral("#%1").arg(draft->requestId), draft->resumeCode);
    m_printed = printed.has_value();
    if (!printed)
        m_printProblem = printed.error().message;
    showPreview();
    showState();
}

void KioskLetterPage::showState()
{
    const auto &draft = kiosk()->savedDraft();
    m_codeLabel->setVisible(draft.has_value());
    m_code->setVisible(draft.has_value());
    m_code->setText(draft ? draft->resumeCode : QString());
    m_later->setEnabled(draft.has_value());
    QString status;
    if (m_printed)
        status = tr("Printed. Sign it and have the holder's superior sign it. Then press \"%1\" "
                    "to attach the signed scan now, or \"%2\" to come back with it.")
                     .arg(kiosk()->buttonText(QWizard::NextButton), m_later->text());
    showMessage(m_status, status);
    QString problem = m_printProblem;
    if (!m_previewProblem.isEmpty())
        problem = tr("The letter cannot be made here: %1").arg(m_previewProblem);
    showMessage(m_problem, problem);
}

void KioskLetterPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("The statement letter"));
    m_intro->setText(tr("The request needs a statement letter signed by the holder (or the "
                        "official) and the holder's superior. Here it is, made from what you "
                        "entered. Print it, or press \"%1\" if you brought a signed one.")
                         .arg(kiosk()->buttonText(QWizard::NextButton)));
    m_print->setText(tr("Print the letter"));
    m_print->setAccessibleName(tr("Print the statement letter"));
    m_later->setText(tr("Save and continue later"));
    m_later->setAccessibleName(tr("Save the request and continue later with the resume code"));
    m_codeLabel->setText(tr("Your resume code"));
    if (isVisible())
        showPreview();
    showState();
}

} // namespace rd
