#pragma once

#include <QString>

#include <optional>

namespace rd {

// The code that finds a draft again (kode lanjutan): a request whose letter went home to be
// signed is resumed with it, at the kiosk or at the counter. Eight characters from an alphabet
// without 0/O, 1/I/L and U, printed in two groups (K7PQ-4MX2) on the letter and in its QR code.
// Only its SHA-256 is stored: the code is the bearer's key to a draft.
class ResumeCode
{
public:
    static constexpr int Length = 8;

    // A fresh random code, in its printed form.
    static QString generate();
    // What a person typed or a scanner read: the code in any case, with or without the dash or
    // spaces, or the QR text of the draft's letter. Nothing when it cannot be a code.
    static std::optional<QString> normalize(const QString &typed);
    // The printed form of a normalized code: K7PQ-4MX2.
    static QString format(const QString &normalized);
    // Lower-case hex SHA-256 of the normalized code: what the database keeps.
    static QString sha256(const QString &normalized);

private:
    static const QString &alphabet();
};

} // namespace rd
