#pragma once

#include "certificates/Certificate.h"
#include "core/Error.h"

#include <QCoreApplication>
#include <QSettings>
#include <QStringList>

#include <vector>

namespace rd {

// The issuers whose holder certificates this office revokes (setting
// `certificates/trustedIssuers`, a list of RFC 4514 names). Names are compared attribute by
// attribute with RFC 4518 preparation, so `cn=bsre ca ds g1, o=Badan Siber dan Sandi Negara,
// c=id` written by hand still names BSrE's CA.
class TrustedIssuers
{
    Q_DECLARE_TR_FUNCTIONS(TrustedIssuers)

public:
    static QString settingKey() { return QStringLiteral("certificates/trustedIssuers"); }
    // DemoCertificateAuthority's CA name (TestSubjectDnMatcher checks that the two agree).
    static QString demoCertificateAuthorityName();
    // BSrE's current and former signing CAs, and the demo CA.
    static QStringList defaultIssuers();

    // The setting when it is present, else the defaults; a name that does not parse is an error.
    static Result<TrustedIssuers> fromSettings(const QSettings &settings);
    static Result<TrustedIssuers> fromList(const QStringList &names);

    QStringList issuers() const { return m_names; }
    // The configured name (as written in the setting) equal to `name`, or an empty string.
    QString find(const std::vector<DnAttribute> &name) const;

    // RFC 4514 text to attributes in certificate order (the reverse of the text's order), with
    // escapes (\, \+ \" \XX) and quoted values resolved; keywords become dotted OIDs.
    static Result<std::vector<DnAttribute>> parseDistinguishedName(const QString &text);
    // Equal names: same RDNs in the same order, each with the same set of attribute types and
    // RFC 4518-equal values.
    static bool sameName(const std::vector<DnAttribute> &left,
                         const std::vector<DnAttribute> &right);

private:
    // One string per name that is equal exactly when the names are, empty when a value holds
    // a prohibited character.
    static QString canonicalKey(const std::vector<DnAttribute> &name);

    QStringList m_names;
    QStringList m_keys;
};

} // namespace rd
