#pragma once

#include "documents/PaperKind.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace rd {

// What a paper says, as data taken from the record and nothing else: no letterhead, no
// language, no print time. Its canonical form (compact JSON, keys sorted, text in Unicode NFC)
// is what the page's QR code carries a SHA-256 of, so the same record always gives the same
// code, and a paper whose code no longer matches was printed from a record that has changed
// since, or was never printed from it.
struct PaperContent
{
    PaperKind kind = PaperKind::StatementLetter;
    QString agendaNumber;
    QJsonObject data; // raw values: ISO dates, reason keys, serials as stored

    QByteArray canonicalForm() const;
    QString sha256() const; // lower-case hex of canonicalForm()
    // "RD1;SE/2026/12/0001;letter;<sha256>": what the QR code holds; a draft's letter has no
    // agenda number yet and its resume code last: "RD1;;letter;<sha256>;K7PQ-4MX2".
    QString qrText() const;
    // The first 16 hex digits in groups of four, printed beside the QR code for a person to
    // type into `report check`.
    QString shortCode() const;
    // The resume code of a draft's letter (data "resume_code"), empty on every other paper.
    QString resumeCode() const;

    // A code as a person gives it: the QR text, the whole digest, or at least its first 16 hex
    // digits (case, spaces and dashes ignored). Empty when it is none of these.
    struct Code
    {
        QString agendaNumber; // only when read from the QR text
        std::optional<PaperKind> kind;
        QString digestPrefix; // lower-case hex
        QString resumeCode; // a draft's letter's, from the QR text
    };
    static std::optional<Code> parseCode(const QString &code);
};

} // namespace rd
