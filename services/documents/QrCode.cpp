#include "documents/QrCode.h"

#include <QPainter>
#include <QPainterPath>

#include <qrencode.h>

#include <memory>

namespace rd {

Result<QrCode> QrCode::encode(const QByteArray &text)
{
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(int(text.size()), reinterpret_cast<const unsigned char *>(text.data()), 0,
                          QR_ECLEVEL_M),
        &QRcode_free);
    if (!code)
        return fail(ErrorCode::InvalidInput,
                    tr("The QR code could not be made (%1 bytes).").arg(text.size()));
    QrCode made;
    made.m_size = code->width;
    made.m_dark.resize(std::size_t(code->width) * std::size_t(code->width));
    for (std::size_t i = 0; i < made.m_dark.size(); ++i)
        made.m_dark[i] = (code->data[i] & 1) != 0; // bit 0: dark module
    return made;
}

void QrCode::paint(QPainter &painter, const QRectF &square) const
{
    constexpr int quietZone = 4;
    const double module = square.width() / (m_size + 2 * quietZone);
    painter.save();
    painter.fillRect(square, Qt::white);
    // One path for the whole code: no hairline gaps between neighbouring squares.
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    for (int y = 0; y < m_size; ++y) {
        for (int x = 0; x < m_size; ++x) {
            if (dark(x, y))
                path.addRect(square.left() + (x + quietZone) * module,
                             square.top() + (y + quietZone) * module, module, module);
        }
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(Qt::black);
    painter.drawPath(path);
    painter.restore();
}

} // namespace rd
