#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace rd {

// What a responder or a CRL said about one certificate (issuer + serial), once its signature,
// issuer and freshness have been checked. A status that could not be learned is never one of
// these: it is an Error, so that nothing reads "good" into a failed check.
struct RevocationStatus
{
    Q_DECLARE_TR_FUNCTIONS(RevocationStatus)

public:
    enum class State { Good, Revoked, Unknown };
    enum class Source { Ocsp, Crl };

    // RFC 5280 section 5.3.1; NoReason when the answer carried no reasonCode.
    static constexpr int NoReason = -1;

    State state = State::Unknown;
    Source source = Source::Ocsp;
    QString serialHex; // upper-case, no separators
    QString issuerDn; // RFC 4514 text
    QString location; // the OCSP responder's URL, or the CRL's URL or file
    QDateTime revokedAt; // UTC; only when revoked
    int reasonCode = NoReason;
    QDateTime thisUpdate; // UTC
    QDateTime nextUpdate; // UTC; invalid when the answer gave none
    QDateTime producedAt; // OCSP producedAt; invalid for a CRL
    QDateTime checkedAt; // when we asked
    QString signerDn; // who signed the answer: the CA or its delegated OCSP responder
    QString nonce; // OCSP: "verified" or "absent" (the responder did not echo it); CRL: empty
    qint64 crlNumber = -1; // CRL: the cRLNumber extension, -1 when absent

    static QString stateName(State state); // "good", "revoked", "unknown"
    static QString sourceName(Source source); // "ocsp", "crl"
    // "keyCompromise", "cessationOfOperation", ...; empty for NoReason.
    static QString reasonName(int reasonCode);

    // One or two lines for people, in the UI language.
    QString describe() const;
    // The keys documented for `cert status --json` in docs/cli.md.
    QJsonObject toJson() const;
};

} // namespace rd
