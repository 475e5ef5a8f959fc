#include "certificates/CrlReason.h"

namespace rd {

QString CrlReason::name(int code)
{
    switch (code) {
    case 0:
        return QStringLiteral("unspecified");
    case 1:
        return QStringLiteral("keyCompromise");
    case 2:
        return QStringLiteral("cACompromise");
    case 3:
        return QStringLiteral("affiliationChanged");
    case 4:
        return QStringLiteral("superseded");
    case 5:
        return QStringLiteral("cessationOfOperation");
    case 6:
        return QStringLiteral("certificateHold");
    case 8:
        return QStringLiteral("removeFromCRL");
    case 9:
        return QStringLiteral("privilegeWithdrawn");
    case 10:
        return QStringLiteral("aACompromise");
    default:
        return {};
    }
}

} // namespace rd
