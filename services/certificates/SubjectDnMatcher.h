#pragma once

#include "certificates/Certificate.h"
#include "certificates/DnMatchReport.h"
#include "certificates/TrustedIssuers.h"
#include "register/Holder.h"

#include <QDateTime>
#include <QString>

namespace rd {

// What the office knows of the holder: the register (full name with titles, official e-mail,
// NIK, unit) and the AMS account.
struct HolderIdentity
{
    QString fullName;
    QString email;
    QString nik;
    QString amsUsername;
    QString unit; // against OU
    QString agency; // against O
    QString locality; // against L
    QString province; // against ST

    static HolderIdentity fromHolder(const Holder &holder);
};

// SOP step 7: compares a certificate's subject with the holder, attribute by attribute as RFC
// 5280 section 7.1 asks (RFC 4518 preparation), and says match, mismatch or needs review.
//
// Decisive: CN against the full name without titles, the e-mail (DN emailAddress or SAN
// rfc822Name; local part exact, domain without regard to case) against the official e-mail and
// against the AMS user name when that is an e-mail. A decisive mismatch makes the verdict
// `mismatch`. A missing decisive value, an issuer outside the trusted list, or a certificate
// outside its validity makes it `needs_review`: the certificate may still be the holder's, but
// the operator has to look. O, OU, L and ST are reported and never change the verdict; a NIK is
// `not_in_certificate` unless the subject carries it in serialNumber.
class SubjectDnMatcher
{
public:
    explicit SubjectDnMatcher(TrustedIssuers issuers);

    DnMatchReport match(const Certificate &certificate, const HolderIdentity &holder,
                        const QDateTime &at) const;

    // Local part exact, domain case-insensitive (RFC 5321), surrounding spaces ignored.
    static bool sameEmailAddress(const QString &left, const QString &right);
    static QString normalizedEmailAddress(const QString &address);
    static bool looksLikeNik(const QString &text);

private:
    TrustedIssuers m_issuers;
};

} // namespace rd
