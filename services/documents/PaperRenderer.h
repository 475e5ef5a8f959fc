#pragma once

#include "core/AppSettings.h"
#include "core/Error.h"
#include "database/Database.h"
#include "documents/Letterhead.h"
#include "documents/PaperContent.h"
#include "documents/PaperLanguage.h"
#include "documents/PaperLayout.h"

#include <QCoreApplication>
#include <QTimeZone>

class QPagedPaintDevice;

namespace rd {

// Draws a paper's content on A4, A6 or an 80 mm roll, the control card and the half-folio
// disposition sheet, with the letterhead and on every page the QR code of the content
// (PaperContent::qrText). The same drawing goes to a PDF file (QPdfWriter) and to a printer or
// its preview (QPrinter, in ui/), so what is previewed is what is printed.
class PaperRenderer
{
    Q_DECLARE_TR_FUNCTIONS(PaperRenderer)

public:
    enum class ReceiptPaper { A6, Roll80 };
    static QString receiptPaperKey() { return QStringLiteral("documents/receiptPaper"); }
    static ReceiptPaper receiptPaperFromKey(const QString &key); // "a6", "roll80"
    // A request's papers as this workstation prints them: the office's letterhead, the office's
    // time zone, this PC's receipt paper, and `language` ("id" or "en"), or when it is empty
    // the applicant's (Indonesian unless English was chosen). The CLI and the windows share it.
    static Result<PaperRenderer> forWorkstation(const DatabasePtr &database, AppSettings &settings,
                                                const QString &applicantLanguage,
                                                const QString &language = {});

    PaperRenderer(Letterhead letterhead, PaperLanguage language, QTimeZone officeZone,
                  ReceiptPaper receiptPaper = ReceiptPaper::A6);

    const Letterhead &letterhead() const { return m_letterhead; }
    const PaperLanguage &language() const { return m_language; }

    // The fonts are embedded in every PDF; a computer without them cannot print the papers
    // truthfully, so it says so instead of printing with another font.
    static Result<void> loadFonts();

    // The sheet a paper is printed on (an 80 mm receipt is as long as its content).
    PaperPage page(const PaperContent &content) const;
    Result<void> render(const PaperContent &content, QPagedPaintDevice &device) const;
    // Written whole or not at all (QSaveFile).
    Result<void> writePdf(const PaperContent &content, const QString &path) const;
    Result<QByteArray> pdf(const PaperContent &content) const;

private:
    QString t(const char *source) const { return m_language.text(source); }
    QString date(const QString &iso) const;
    QString dateTime(const QString &iso) const;
    QString reason(const QJsonObject &request) const;
    QString filerName(const QJsonObject &data) const;

    void drawContent(PaperLayout &layout, const PaperContent &content) const;
    void drawFooter(PaperLayout &layout, const PaperContent &content, int pageIndex) const;
    // Kop surat at the top of the first page; `compact` for half-folio.
    void drawLetterhead(PaperLayout &layout, bool compact) const;
    void drawSignature(PaperLayout &layout, double leftShare, const QStringList &above,
                       const QString &name, const QString &nip) const;
    void drawStatementLetter(PaperLayout &layout, const PaperContent &content) const;
    void drawReceipt(PaperLayout &layout, const PaperContent &content) const;
    void drawVerificationResult(PaperLayout &layout, const PaperContent &content) const;
    void drawControlCard(PaperLayout &layout, const PaperContent &content) const;
    void drawDispositionSheet(PaperLayout &layout, const PaperContent &content) const;
    // One row of labelled boxes across the body: {label, value, share of the width}.
    struct Cell
    {
        QString label;
        QString value;
        double share = 1;
    };
    // `fillRest`: the row takes what is left of the page, room to write by hand.
    void boxRow(PaperLayout &layout, const std::vector<Cell> &cells, double minimumMm,
                bool fillRest = false) const;

    Letterhead m_letterhead;
    PaperLanguage m_language;
    QTimeZone m_zone;
    ReceiptPaper m_receiptPaper;
};

} // namespace rd
