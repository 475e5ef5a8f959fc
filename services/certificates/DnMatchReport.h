#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <vector>

namespace rd {

// A sentence in both languages of the office, side by side, so that a report read by the
// operator (Indonesian) and a log read by a vendor (English) say the same thing whatever the
// program's language.
struct BilingualText
{
    QString id; // Bahasa Indonesia
    QString en; // English

    bool isEmpty() const { return id.isEmpty() && en.isEmpty(); }
    // The text in `language` ("id" or "en"); Indonesian for anything else.
    QString in(const QString &language) const;
    QJsonObject toJson() const;
};

enum class AttributeResult {
    Match,
    Mismatch,
    Missing, // the value is absent on one side
    NotApplicable, // nothing to compare it with
    NotInCertificate, // a value BSrE's names never carry (the NIK); never a mismatch
};

enum class MatchVerdict { Match, Mismatch, NeedsReview };

// One line of the comparison: a certificate attribute against the record's value.
struct AttributeComparison
{
    QString attribute; // "common_name", "email", "ams_username", "organizational_unit", ...
    QString certificateAttribute; // "CN", "emailAddress / SAN rfc822Name", ...
    bool decisive = false; // O/OU/L/ST are informative only
    AttributeResult result = AttributeResult::NotApplicable;
    QString certificateValue; // as read
    QString certificatePrepared; // after title removal and RFC 4518 preparation
    QString expectedValue; // from the holder record / AMS, as read
    QString expectedPrepared;
    QString expectedSource; // "holder.full_name", "ams_username", ...
    BilingualText note;

    QJsonObject toJson() const;
};

// SOP step 7's answer: does this certificate belong to this holder?
struct DnMatchReport
{
    MatchVerdict verdict = MatchVerdict::NeedsReview;
    QList<BilingualText> reasons; // why the verdict is what it is, most important first
    std::vector<AttributeComparison> attributes;

    // The certificate's identity is issuer + serial.
    QString subjectDn;
    QString issuerDn;
    QString serialHex;
    QString sha256Fingerprint;
    bool issuerTrusted = false;
    QString trustedIssuer; // the configured name it matched
    QString validity; // "valid", "expired", "not_yet_valid"
    QDateTime notBefore;
    QDateTime notAfter;
    QDateTime checkedAt;

    const AttributeComparison *find(const QString &attribute) const;
    QJsonObject toJson() const;

    static QString resultName(AttributeResult result); // "match", "not_in_certificate", ...
    static QString verdictName(MatchVerdict verdict); // "match", "mismatch", "needs_review"
};

} // namespace rd
