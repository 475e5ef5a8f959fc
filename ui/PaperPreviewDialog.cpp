#include "PaperPreviewDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrintPreviewWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace rd {

PaperPreviewDialog::PaperPreviewDialog(PaperRenderer renderer, PaperContent content,
                                       QWidget *parent)
    : QDialog(parent)
    , m_renderer(std::move(renderer))
    , m_content(std::move(content))
    , m_printer(QPrinter::HighResolution)
{
    setObjectName(QStringLiteral("paperPreviewDialog"));
    setWindowTitle(
        QStringLiteral("%1 — %2").arg(PaperKinds::name(m_content.kind), m_content.agendaNumber));
    auto *layout = new QVBoxLayout(this);
    m_preview = new QPrintPreviewWidget(&m_printer, this);
    m_preview->setObjectName(QStringLiteral("paperPreview"));
    m_preview->setViewMode(QPrintPreviewWidget::AllPagesView);
    connect(m_preview, &QPrintPreviewWidget::paintRequested, this, [this](QPrinter *printer) {
        if (auto drawn = m_renderer.render(m_content, *printer); !drawn)
            QMessageBox::warning(this, windowTitle(), drawn.error().message);
    });
    layout->addWidget(m_preview, 1);

    auto *buttons = new QDialogButtonBox(this);
    buttons->setObjectName(QStringLiteral("paperButtons"));
    QPushButton *print = buttons->addButton(tr("&Print…"), QDialogButtonBox::AcceptRole);
    print->setObjectName(QStringLiteral("printButton"));
    QPushButton *save = buttons->addButton(tr("&Save as PDF…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("savePdfButton"));
    QPushButton *close = buttons->addButton(tr("&Close"), QDialogButtonBox::RejectRole);
    close->setObjectName(QStringLiteral("closeButton"));
    connect(print, &QPushButton::clicked, this, &PaperPreviewDialog::print);
    connect(save, &QPushButton::clicked, this, &PaperPreviewDialog::chooseAndSave);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(760, 820);
}

PaperPreviewDialog::~PaperPreviewDialog() = default;

Result<void> PaperPreviewDialog::saveAsPdf(const QString &path) const
{
    return m_renderer.writePdf(m_content, path);
}

void PaperPreviewDialog::print()
{
    QPrintDialog dialog(&m_printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (auto printed = m_renderer.render(m_content, m_printer); !printed)
        QMessageBox::warning(this, windowTitle(), printed.error().message);
}

void PaperPreviewDialog::chooseAndSave()
{
    QString name = QStringLiteral("%1-%2.pdf")
                       .arg(PaperKinds::key(m_content.kind), m_content.agendaNumber)
                       .replace(u'/', u'-');
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save as PDF"), folder + u'/' + name,
                                                      tr("PDF (*.pdf)"));
    if (path.isEmpty())
        return;
    if (auto saved = saveAsPdf(path); !saved)
        QMessageBox::warning(this, windowTitle(), saved.error().message);
}

} // namespace rd
