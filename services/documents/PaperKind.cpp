#include "documents/PaperKind.h"

namespace rd {

const std::vector<PaperKind> &PaperKinds::all()
{
    static const std::vector<PaperKind> kinds {PaperKind::StatementLetter, PaperKind::Receipt,
                                               PaperKind::VerificationResult,
                                               PaperKind::ControlCard, PaperKind::DispositionSheet};
    return kinds;
}

QString PaperKinds::key(PaperKind kind)
{
    switch (kind) {
    case PaperKind::StatementLetter:
        return QStringLiteral("letter");
    case PaperKind::Receipt:
        return QStringLiteral("receipt");
    case PaperKind::VerificationResult:
        return QStringLiteral("verification");
    case PaperKind::ControlCard:
        return QStringLiteral("control-card");
    case PaperKind::DispositionSheet:
        return QStringLiteral("disposition");
    }
    return {};
}

std::optional<PaperKind> PaperKinds::fromKey(const QString &key)
{
    for (PaperKind kind : all()) {
        if (PaperKinds::key(kind) == key)
            return kind;
    }
    return std::nullopt;
}

QStringList PaperKinds::keys()
{
    QStringList keys;
    for (PaperKind kind : all())
        keys << key(kind);
    return keys;
}

QString PaperKinds::name(PaperKind kind)
{
    switch (kind) {
    case PaperKind::StatementLetter:
        return tr("Statement letter");
    case PaperKind::Receipt:
        return tr("Receipt");
    case PaperKind::VerificationResult:
        return tr("Data verification result");
    case PaperKind::ControlCard:
        return tr("Control card");
    case PaperKind::DispositionSheet:
        return tr("Disposition sheet");
    }
    return {};
}

} // namespace rd
