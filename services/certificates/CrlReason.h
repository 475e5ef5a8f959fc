#pragma once

#include <QString>

namespace rd {

// RFC 5280 (section 5.3.1) CRLReason: the codes that CRL entries and OCSP answers carry, with
// their ASN.1 names. The office's own reasons (requests/RevocationReason) map onto these; the
// status checks read them back, so this table lives below both.
class CrlReason
{
public:
    // RFC 5280's name of a code ("keyCompromise"); empty for a code it does not define (7, or
    // anything outside 0-10).
    static QString name(int code);
};

} // namespace rd
