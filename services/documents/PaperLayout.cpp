#include "documents/PaperLayout.h"

#include <QFontMetricsF>
#include <QPageLayout>
#include <QPagedPaintDevice>
#include <QTextLayout>

#include <algorithm>

namespace rd {

namespace {

constexpr double cellPaddingMm = 1.2;
const QString fontFamily = QStringLiteral("DejaVu Sans");

} // namespace

PaperLayout::PaperLayout(QPagedPaintDevice &device, const PaperPage &page, Decoration decorate,
                         double fontScale, bool measureOnly)
    : m_device(device)
    , m_page(page)
    , m_decorate(std::move(decorate))
    , m_fontScale(fontScale)
    , m_measureOnly(measureOnly)
{
    m_y = body().top();
}

PaperLayout::~PaperLayout()
{
    if (m_painter.isActive())
        m_painter.end();
}

bool PaperLayout::begin()
{
    if (m_measureOnly)
        return true;
    // The whole sheet is ours: margins are kept by the layout, not by the device, so that the
    // footer can sit in the bottom margin's band.
    m_device.setPageLayout(QPageLayout(QPageSize(m_page.sizeMm, QPageSize::Millimeter),
                                       QPageLayout::Portrait, QMarginsF(),
                                       QPageLayout::Millimeter));
    if (!m_painter.begin(&m_device))
        return false;
    m_painter.setRenderHint(QPainter::Antialiasing);
    m_painter.setRenderHint(QPainter::TextAntialiasing);
    m_y = body().top();
    return true;
}

void PaperLayout::finish()
{
    decorate();
    if (m_painter.isActive())
        m_painter.end();
}

double PaperLayout::mm(double millimetres) const
{
    return millimetres * m_device.logicalDpiX() / 25.4;
}

QFont PaperLayout::font(double points, bool bold) const
{
    QFont font(fontFamily);
    font.setStyleStrategy(QFont::PreferOutline);
    font.setPointSizeF(points * m_fontScale);
    font.setBold(bold);
    // Any letter spacing makes Qt shape without ligatures: a PDF's "ﬁ" would read back as one
    // character, and "Sertifikat" would no longer be found in the text of the page.
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return font;
}

QRectF PaperLayout::pageRect() const
{
    return QRectF(0, 0, mm(m_page.sizeMm.width()), mm(m_page.sizeMm.height()));
}

QRectF PaperLayout::body() const
{
    const QMarginsF &m = m_page.marginsMm;
    const double bottom
        = m_measureOnly ? 1e9 : mm(m_page.sizeMm.height() - m.bottom() - m_page.footerMm);
    return QRectF(QPointF(mm(m.left()), mm(m.top())),
                  QPointF(mm(m_page.sizeMm.width() - m.right()), bottom));
}

QRectF PaperLayout::footer() const
{
    const QMarginsF &m = m_page.marginsMm;
    return QRectF(
        QPointF(mm(m.left()), mm(m_page.sizeMm.height() - m.bottom() - m_page.footerMm)),
        QPointF(mm(m_page.sizeMm.width() - m.right()), mm(m_page.sizeMm.height() - m.bottom())));
}

void PaperLayout::skip(double millimetres)
{
    m_y += mm(millimetres);
}

void PaperLayout::ensureRoom(double height)
{
    if (m_y + height > body().bottom() && m_y > body().top())
        newPage();
}

void PaperLayout::decorate()
{
    if (m_decorated)
        return;
    m_decorated = true;
    if (m_decorate && !m_measureOnly)
        m_decorate(*this, m_pageIndex);
}

void PaperLayout::newPage()
{
    decorate();
    if (!m_measureOnly)
        m_device.newPage();
    ++m_pageIndex;
    m_decorated = false;
    m_y = body().top();
}

double PaperLayout::textHeight(const QString &text, const QFont &font, double width) const
{
    QTextLayout lines;
    return layoutText(lines, text, font, width, Qt::AlignLeft);
}

double PaperLayout::layoutText(QTextLayout &lines, const QString &text, const QFont &font,
                               double width, Qt::Alignment align) const
{
    QString shown = text;
    shown.replace(u'\n', QChar::LineSeparator);
    lines.setText(shown);
    lines.setFont(QFont(font, &m_device));
    // A word longer than its column (an e-mail address, an attribute's name) breaks inside
    // rather than running over the box's edge: nothing on a paper is cut off.
    QTextOption option(align & Qt::AlignHorizontal_Mask);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    lines.setTextOption(option);
    const QFontMetricsF metrics(font, &m_device);
    double height = 0;
    lines.beginLayout();
    for (QTextLine line = lines.createLine(); line.isValid(); line = lines.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += metrics.lineSpacing();
    }
    lines.endLayout();
    return text.isEmpty() ? 0 : height;
}

void PaperLayout::paragraph(const QString &text, const QFont &font, Qt::Alignment align,
                            double indentMm)
{
    const QRectF area = body().adjusted(mm(indentMm), 0, 0, 0);
    const double height = textHeight(text, font, area.width());
    ensureRoom(height);
    textIn(QRectF(area.left(), m_y, area.width(), height), text, font, align | Qt::AlignTop);
    m_y += height;
}

void PaperLayout::fields(const std::vector<std::pair<QString, QString>> &rows, const QFont &font,
                         double labelMm, double indentMm)
{
    const QRectF area = body().adjusted(mm(indentMm), 0, 0, 0);
    const double colon = mm(3);
    const double valueLeft = area.left() + mm(labelMm) + colon;
    const double valueWidth = area.right() - valueLeft;
    const double labelWidth = mm(labelMm);
    for (const auto &[label, value] : rows) {
        const double height
            = std::max(textHeight(label, font, labelWidth),
                       textHeight(value.isEmpty() ? QStringLiteral(" ") : value, font, valueWidth));
        ensureRoom(height);
        textIn(QRectF(area.left(), m_y, labelWidth, height), label, font);
        textIn(QRectF(area.left() + labelWidth, m_y, colon, height), QStringLiteral(":"), font);
        textIn(QRectF(valueLeft, m_y, valueWidth, height), value, font);
        m_y += height + mm(0.6);
    }
}

void PaperLayout::table(const std::vector<double> &widths, const QStringList &header,
                        const std::vector<QStringList> &rows, const QFont &font)
{
    const QRectF area = body();
    const double padding = mm(cellPaddingMm);
    std::vector<double> columns;
    for (double share : widths)
        columns.push_back(area.width() * share);
    QFont bold = font;
    bold.setBold(true);
    auto rowHeight = [&](const QStringList &cells, const QFont &cellFont) {
        double height = 0;
        for (std::size_t i = 0; i < columns.size(); ++i)
            height = std::max(
                height, textHeight(cells.value(qsizetype(i)), cellFont, columns[i] - 2 * padding));
        return height + 2 * padding;
    };
    auto drawRow = [&](const QStringList &cells, const QFont &cellFont, double height) {
        double x = area.left();
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const QRectF cell(x, m_y, columns[i], height);
            box(cell);
            textIn(cell.adjusted(padding, padding, -padding, -padding), cells.value(qsizetype(i)),
                   cellFont);
            x += columns[i];
        }
        m_y += height;
    };
    const double headerHeight = rowHeight(header, bold);
    ensureRoom(headerHeight + (rows.empty() ? 0 : rowHeight(rows.front(), font)));
    drawRow(header, bold, headerHeight);
    for (const QStringList &row : rows) {
        const double height = rowHeight(row, font);
        if (m_y + height > body().bottom()) {
            newPage();
            drawRow(header, bold, headerHeight);
        }
        drawRow(row, font, height);
    }
}

void PaperLayout::textIn(const QRectF &rect, const QString &text, const QFont &font,
                         Qt::Alignment align)
{
    if (m_measureOnly || text.isEmpty())
        return;
    QTextLayout lines;
    const double height = layoutText(lines, text, font, rect.width(), align);
    double top = rect.top();
    if (align & Qt::AlignBottom)
        top = rect.bottom() - height;
    else if (align & Qt::AlignVCenter)
        top = rect.top() + (rect.height() - height) / 2;
    m_painter.setPen(Qt::black);
    lines.draw(&m_painter, QPointF(rect.left(), top));
}

void PaperLayout::line(double fromX, double toX, double y, double widthPt)
{
    if (m_measureOnly)
        return;
    m_painter.setPen(QPen(Qt::black, mm(widthPt * 25.4 / 72)));
    m_painter.drawLine(QPointF(fromX, y), QPointF(toX, y));
}

void PaperLayout::box(const QRectF &rect, double widthPt)
{
    if (m_measureOnly)
        return;
    m_painter.setPen(QPen(Qt::black, mm(widthPt * 25.4 / 72)));
    m_painter.setBrush(Qt::NoBrush);
    m_painter.drawRect(rect);
}

} // namespace rd
