#pragma once

#include "core/Error.h"
#include "documents/PaperContent.h"
#include "documents/PaperRenderer.h"

#include <QDialog>
#include <QPrinter>

class QPrintPreviewWidget;

namespace rd {

// One paper of a request as it will come out of the printer (the same drawing as the PDF of
// `report`), with Print… and Save as PDF…. The kiosk and the workbench both open it.
class PaperPreviewDialog : public QDialog
{
    Q_OBJECT

public:
    PaperPreviewDialog(PaperRenderer renderer, PaperContent content, QWidget *parent = nullptr);
    ~PaperPreviewDialog() override;
    Q_DISABLE_COPY_MOVE(PaperPreviewDialog)

    QPrintPreviewWidget *preview() const { return m_preview; }
    // What Save as PDF… writes once the file is chosen.
    Result<void> saveAsPdf(const QString &path) const;

private:
    void print();
    void chooseAndSave();

    PaperRenderer m_renderer;
    PaperContent m_content;
    QPrinter m_printer;
    QPrintPreviewWidget *m_preview = nullptr;
};

} // namespace rd
