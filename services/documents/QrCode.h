#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QRectF>

#include <vector>

class QPainter;

namespace rd {

// A QR code (ISO/IEC 18004) made by libqrencode, drawn as vector squares so that a PDF keeps it
// sharp at any printer's resolution.
class QrCode
{
    Q_DECLARE_TR_FUNCTIONS(QrCode)

public:
    // Error correction M: a printed page survives a fold or a stain over 15 % of the code.
    static Result<QrCode> encode(const QByteArray &text);

    int modules() const { return m_size; } // per side, without the quiet zone
    bool dark(int x, int y) const { return m_dark[std::size_t(y) * std::size_t(m_size) + x]; }
    // Fills `square` with the code and its quiet zone of four modules (which readers need).
    void paint(QPainter &painter, const QRectF &square) const;

private:
    int m_size = 0;
    std::vector<bool> m_dark;
};

} // namespace rd
