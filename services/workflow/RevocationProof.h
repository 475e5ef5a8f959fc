#pragma once

#include "status/RevocationStatus.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace rd {

// Bukti pencabutan: what a relying party needs to trust that a certificate is revoked, kept as
// the request's revocation_proof result. Only a signature-checked OCSP or CRL answer that says
// "revoked" becomes one (RevocationStatusChecker checks the signature, issuer and freshness).
struct RevocationProof
{
    Q_DECLARE_TR_FUNCTIONS(RevocationProof)

public:
    QString source; // "ocsp" or "crl"
    QString location; // the responder's or the CRL's URL
    QString serialHex;
    QString issuerDn;
    QString signerDn; // the CA, or its delegated OCSP responder
    QDateTime producedAt; // OCSP only
    QDateTime thisUpdate;
    QDateTime nextUpdate;
    qint64 crlNumber = -1; // CRL only
    QDateTime revokedAt; // as the CA states it
    int reasonCode = RevocationStatus::NoReason;
    QDateTime checkedAt;
    qint64 latencyMs = 0; // from the request to the answer
    // The worst case for a relying party that fetched the last answer issued before the
    // revocation: that answer said "good" and stays valid up to revokedAt plus one validity
    // period (nextUpdate - thisUpdate). Invalid when the answer gave no nextUpdate.
    QDateTime trustedUntilAtWorst;

    // Nothing unless `status` says revoked.
    static std::optional<RevocationProof> fromStatus(const RevocationStatus &status,
                                                     qint64 latencyMs);
    static RevocationProof fromJson(const QJsonObject &json);
    QJsonObject toJson() const;
    // A few lines in the UI language, for the terminal and the workbench.
    QString describe() const;
    // The same facts in fixed words and ISO times, whatever the language: the e-mail carries it
    // for the applicant's relying parties and a person checking it by hand.
    QString summary() const;
};

} // namespace rd
