#pragma once

#include <QFont>
#include <QMarginsF>
#include <QPageSize>
#include <QPainter>
#include <QSizeF>
#include <QStringList>

#include <functional>
#include <vector>

class QPagedPaintDevice;
class QTextLayout;

namespace rd {

// A page as a paper of the office is cut: its size and margins in millimetres, and a band at
// the foot of the body kept for the QR code and the page's code.
struct PaperPage
{
    QSizeF sizeMm;
    QMarginsF marginsMm;
    double footerMm = 0;
};

// Lays text out top to bottom on a paged device (QPdfWriter, or QPrinter for the print
// preview), in millimetres and points, starting a new page when the next block does not fit.
// Fonts are set in points against the device, never taken from the screen, so a desktop at
// 150 % text size prints the same page. With `measureOnly` nothing is drawn and the page never
// ends: height() then says how tall the content is (a receipt roll is cut to it).
class PaperLayout
{
public:
    using Decoration = std::function<void(PaperLayout &layout, int pageIndex)>;

    PaperLayout(QPagedPaintDevice &device, const PaperPage &page, Decoration decorate,
                double fontScale = 1.0, bool measureOnly = false);
    ~PaperLayout();
    PaperLayout(const PaperLayout &) = delete;
    PaperLayout &operator=(const PaperLayout &) = delete;

    // False when the device cannot be painted on (a file that cannot be written).
    bool begin();
    void finish();
    bool measuring() const { return m_measureOnly; }

    QPainter &painter() { return m_painter; }
    double mm(double millimetres) const;
    QFont font(double points, bool bold = false) const;
    // The body of the current page (inside the margins, above the footer), device units.
    QRectF body() const;
    // The page's footer band and its whole area.
    QRectF footer() const;
    QRectF pageRect() const;
    int pageIndex() const { return m_pageIndex; }
    double y() const { return m_y; }
    void moveTo(double y) { m_y = y; }
    void skip(double millimetres);
    // Starts a new page unless `height` still fits on this one.
    void ensureRoom(double height);
    void newPage();
    // Content height so far, for measureOnly.
    double height() const { return m_y - body().top(); }

    double textHeight(const QString &text, const QFont &font, double width) const;
    // Wrapped text across the body (or from `indentMm`), then the cursor moves below it.
    void paragraph(const QString &text, const QFont &font, Qt::Alignment align = Qt::AlignLeft,
                   double indentMm = 0);
    // "Label : value" lines, the values aligned, wrapped in their column.
    void fields(const std::vector<std::pair<QString, QString>> &rows, const QFont &font,
                double labelMm, double indentMm = 0);
    // A ruled table; widths are shares of the body's width; the header repeats on a new page.
    void table(const std::vector<double> &widths, const QStringList &header,
               const std::vector<QStringList> &rows, const QFont &font);
    // Text inside a rectangle (wrapped, clipped to it).
    void textIn(const QRectF &rect, const QString &text, const QFont &font,
                Qt::Alignment align = Qt::AlignLeft | Qt::AlignTop);
    void line(double fromX, double toX, double y, double widthPt = 0.5);
    void box(const QRectF &rect, double widthPt = 0.5);

private:
    void decorate();
    // Lines of `text` in `width`, breaking words only where a word alone is too wide.
    double layoutText(QTextLayout &lines, const QString &text, const QFont &font, double width,
                      Qt::Alignment align) const;

    QPagedPaintDevice &m_device;
    PaperPage m_page;
    Decoration m_decorate;
    double m_fontScale = 1.0;
    bool m_measureOnly = false;
    QPainter m_painter;
    double m_y = 0;
    int m_pageIndex = 0;
    bool m_decorated = false;
};

} // namespace rd
