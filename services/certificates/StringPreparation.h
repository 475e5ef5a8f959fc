#pragma once

#include "core/Error.h"

#include <QCoreApplication>
#include <QString>

namespace rd {

// LDAP internationalised string preparation (RFC 4518), the rule RFC 5280 section 7.1 gives for
// comparing distinguished-name attribute values: transcode, map (with case folding), normalise
// (NFKC), prohibit, and insignificant-space handling. The Unicode work is ICU's; what is
// approximated is listed in docs/architecture.md.
class StringPreparation
{
    Q_DECLARE_TR_FUNCTIONS(StringPreparation)

public:
    enum class Matching {
        CaseIgnore, // caseIgnoreMatch: CN, O, OU, L, ST, C, emailAddress
        CaseExact, // caseExactMatch: no case folding
        Numeric, // numericStringMatch: every space is insignificant
    };

    // The prepared string exactly as RFC 4518 defines it: for CaseIgnore and CaseExact one
    // leading and one trailing SPACE, inner runs of spaces as two SPACEs, a lone SPACE for an
    // empty value. Fails (InvalidInput) when the value holds a prohibited code point
    // (unassigned, private use, non-character, lone surrogate, U+FFFD), in which case the
    // value matches nothing.
    static Result<QString> prepare(const QString &value, Matching matching = Matching::CaseIgnore);
    // The prepared form for people: no padding, single spaces.
    static QString readable(const QString &prepared);
    // Both values prepared and equal; false when either cannot be prepared.
    static bool equal(const QString &left, const QString &right,
                      Matching matching = Matching::CaseIgnore);
};

} // namespace rd
