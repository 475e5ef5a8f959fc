#include "certificates/StringPreparation.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

namespace rd {

namespace {

constexpr char32_t Space = 0x20;
// Stands for "map to nothing" in mapCodePoint.
constexpr char32_t Nothing = 0xFFFFFFFF;

// RFC 4518 section 2.2, before case folding.
char32_t mapCodePoint(char32_t c)
{
    switch (c) {
    case 0x00AD: // SOFT HYPHEN
    case 0x1806: // MONGOLIAN TODO SOFT HYPHEN
    case 0x034F: // COMBINING GRAPHEME JOINER
    case 0xFFFC: // OBJECT REPLACEMENT CHARACTER
    case 0x200B: // ZERO WIDTH SPACE
        return Nothing;
    case 0x0009:
    case 0x000A:
    case 0x000B:
    case 0x000C:
    case 0x000D:
    case 0x0085:
        return Space;
    default:
        break;
    }
    if ((c >= 0x180B && c <= 0x180D) || (c >= 0xFE00 && c <= 0xFE0F)) // variation selectors
        return Nothing;
    const auto type = u_charType(UChar32(c));
    // "All other control code points (Cc) or code points with a control function (Cf) are
    // mapped to nothing"; every separator (Zs, Zl, Zp) becomes SPACE.
    if (type == U_CONTROL_CHAR || type == U_FORMAT_CHAR)
        return Nothing;
    if (type == U_SPACE_SEPARATOR || type == U_LINE_SEPARATOR || type == U_PARAGRAPH_SEPARATOR)
        return Space;
    return c;
}

bool prohibited(UChar32 c)
{
    // RFC 4518 section 2.4: unassigned (stored values), private use, non-characters,
    // surrogates (here only unpaired ones survive decoding) and the replacement character.
    const auto type = u_charType(c);
    return type == U_UNASSIGNED || type == U_PRIVATE_USE_CHAR || type == U_SURROGATE
        || U_IS_UNICODE_NONCHAR(c) || c == 0xFFFD;
}

bool isCombiningMark(UChar32 c)
{
    const auto type = u_charType(c);
    return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK
        || type == U_ENCLOSING_MARK;
}

} // namespace

Result<QString> StringPreparation::prepare(const QString &value, Matching matching)
{
    // 1. Transcode: the caller has Unicode already (Certificate decodes every ASN.1 string type).
    // 2. Map.
    icu::UnicodeString mapped;
    const auto *units = reinterpret_cast<const UChar *>(value.constData());
    const int32_t length = int32_t(value.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U16_NEXT(units, i, length, c);
        const char32_t to = mapCodePoint(char32_t(c));
        if (to != Nothing)
            mapped.append(UChar32(to));
    }
    // Case folding and NFKC in one step: ICU's NFKC_Casefold is Unicode's successor of the
    // RFC 3454 B.2 table that RFC 4518 names.
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2 *normalizer = matching == Matching::CaseIgnore
        ? icu::Normalizer2::getNFKCCasefoldInstance(status)
        : icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || !normalizer)
        return fail(ErrorCode::Internal, tr("The Unicode normaliser is not available."),
                    QString::fromLatin1(u_errorName(status)));
    // 3. Normalise.
    const icu::UnicodeString normalized = normalizer->normalize(mapped, status);
    if (U_FAILURE(status))
        return fail(ErrorCode::InvalidInput, tr("The text could not be normalised."),
                    QString::fromLatin1(u_errorName(status)));

    // 4. Prohibit, and 5. split at insignificant spaces in the same pass.
    QStringList words;
    QString word;
    const UChar *buffer = normalized.getBuffer();
    const int32_t size = normalized.length();
    for (int32_t i = 0; i < size;) {
        const int32_t start = i;
        UChar32 c;
        U16_NEXT(buffer, i, size, c);
        if (prohibited(c))
            return fail(ErrorCode::InvalidInput,
                        tr("The text holds the character U+%1, which cannot be compared.")
                            .arg(QString::number(uint(c), 16)
                                     .rightJustified(4, QLatin1Char('0'))
                                     .toUpper()));
        bool space = c == Space;
        if (space && i < size) {
            // A space followed by a combining mark is not a space (RFC 4518 section 2.6.1).
            UChar32 next;
            int32_t peek = i;
            U16_NEXT(buffer, peek, size, next);
            space = !isCombiningMark(next);
        }
        if (space && matching != Matching::Numeric) {
            if (!word.isEmpty())
                words << std::exchange(word, QString());
        } else if (!space) {
            word.append(QStringView(reinterpret_cast<const QChar *>(buffer + start), i - start));
        }
    }
    if (!word.isEmpty())
        words << word;
    if (matching == Matching::Numeric)
        return words.join(QString());
    if (words.isEmpty())
        return QStringLiteral(" ");
    return QLatin1Char(' ') + words.join(QStringLiteral("  ")) + QLatin1Char(' ');
}

QString StringPreparation::readable(const QString &prepared)
{
    return prepared.simplified();
}

bool StringPreparation::equal(const QString &left, const QString &right, Matching matching)
{
    const auto a = prepare(left, matching);
    if (!a)
        return false;
    const auto b = prepare(right, matching);
    return b && *a == *b;
}

} // namespace rd
