#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace rd {

// The papers of the service (tata naskah dinas).
enum class PaperKind {
    StatementLetter, // surat keterangan pencabutan (SOP step 1)
    Receipt, // tanda terima for the applicant
    VerificationResult, // Hasil Verifikasi Data (step 6, with step 7's DN report)
    ControlCard, // kartu kendali, three copies
    DispositionSheet, // lembar disposisi
};

class PaperKinds
{
    Q_DECLARE_TR_FUNCTIONS(PaperKinds)

public:
    static const std::vector<PaperKind> &all();
    // Stable, on the command line and in the QR code: "letter", "receipt", "verification",
    // "control-card", "disposition".
    static QString key(PaperKind kind);
    static std::optional<PaperKind> fromKey(const QString &key);
    static QStringList keys();
    // In the UI language, for menus and messages.
    static QString name(PaperKind kind);
};

} // namespace rd
