#include "requests/RevocationReason.h"

#include "certificates/CrlReason.h"

namespace rd {

const std::vector<RevocationReason> &RevocationReasons::all()
{
    static const std::vector<RevocationReason> reasons
        = {RevocationReason::Retired,        RevocationReason::Deceased,
           RevocationReason::Dismissed,      RevocationReason::Transferred,
           RevocationReason::DataChanged,    RevocationReason::Reissued,
           RevocationReason::KeyCompromised, RevocationReason::Other};
    return reasons;
}

QString RevocationReasons::key(RevocationReason reason)
{
    switch (reason) {
    case RevocationReason::Retired:
        return QStringLiteral("retired");
    case RevocationReason::Deceased:
        return QStringLiteral("deceased");
    case RevocationReason::Dismissed:
        return QStringLiteral("dismissed");
    case RevocationReason::Transferred:
        return QStringLiteral("transferred");
    case RevocationReason::DataChanged:
        return QStringLiteral("data_changed");
    case RevocationReason::Reissued:
        return QStringLiteral("reissued");
    case RevocationReason::KeyCompromised:
        return QStringLiteral("key_compromised");
    case RevocationReason::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

std::optional<RevocationReason> RevocationReasons::fromKey(const QString &key)
{
    for (RevocationReason reason : all()) {
        if (RevocationReasons::key(reason) == key)
            return reason;
    }
    return std::nullopt;
}

QString RevocationReasons::labelIndonesian(RevocationReason reason)
{
    // The SOP's own words; not translated, they are the Indonesian of record.
    switch (reason) {
    case RevocationReason::Retired:
        return QStringLiteral("Purna tugas / pensiun");
    case RevocationReason::Deceased:
        return QStringLiteral("Meninggal dunia");
    case RevocationReason::Dismissed:
        return QStringLiteral("Diberhentikan");
    case RevocationReason::Transferred:
        return QStringLiteral("Mutasi / pindah instansi");
    case RevocationReason::DataChanged:
        return QStringLiteral("Perubahan data");
    case RevocationReason::Reissued:
        return QStringLiteral("Penerbitan ulang / pembaruan");
    case RevocationReason::KeyCompromised:
        return QStringLiteral("Kunci / passphrase bocor, perangkat hilang");
    case RevocationReason::Other:
        return QStringLiteral("Lainnya");
    }
    return {};
}

QString RevocationReasons::labelEnglish(RevocationReason reason)
{
    switch (reason) {
    case RevocationReason::Retired:
        return QStringLiteral("Retired");
    case RevocationReason::Deceased:
        return QStringLiteral("Deceased");
    case RevocationReason::Dismissed:
        return QStringLiteral("Dismissed");
    case RevocationReason::Transferred:
        return QStringLiteral("Transferred");
    case RevocationReason::DataChanged:
        return QStringLiteral("Data changed");
    case RevocationReason::Reissued:
        return QStringLiteral("Re-issued");
    case RevocationReason::KeyCompromised:
        return QStringLiteral("Key compromised or device lost");
    case RevocationReason::Other:
        return QStringLiteral("Other");
    }
    return {};
}

QString RevocationReasons::label(RevocationReason reason)
{
    switch (reason) {
    case RevocationReason::Retired:
        return tr("Retired");
    case RevocationReason::Deceased:
        return tr("Deceased");
    case RevocationReason::Dismissed:
        return tr("Dismissed");
    case RevocationReason::Transferred:
        return tr("Transferred");
    case RevocationReason::DataChanged:
        return tr("Data changed");
    case RevocationReason::Reissued:
        return tr("Re-issued");
    case RevocationReason::KeyCompromised:
        return tr("Key compromised or device lost");
    case RevocationReason::Other:
        return tr("Other");
    }
    return {};
}

QString RevocationReasons::explanation(RevocationReason reason)
{
    switch (reason) {
    case RevocationReason::Retired:
        return tr("The holder has retired; the superior files with the pension decree "
                  "(SK pensiun) attached.");
    case RevocationReason::Deceased:
        return tr("The holder has died; the superior files with the death certificate attached.");
    case RevocationReason::Dismissed:
        return tr("The holder was dismissed; the superior files with the dismissal decree "
                  "attached.");
    case RevocationReason::Transferred:
        return tr("The holder moved to another position or agency; the certificate names the old "
                  "affiliation.");
    case RevocationReason::DataChanged:
        return tr("Data in the certificate (name, e-mail, unit) is no longer correct.");
    case RevocationReason::Reissued:
        return tr("A new certificate replaces this one.");
    case RevocationReason::KeyCompromised:
        return tr("The private key or passphrase may be known to someone else, or the device "
                  "holding it was lost.");
    case RevocationReason::Other:
        return tr("Another reason, explained in the statement letter.");
    }
    return {};
}

int RevocationReasons::crlReasonCode(RevocationReason reason)
{
    switch (reason) {
    case RevocationReason::Retired:
    case RevocationReason::Deceased:
        return 5; // cessationOfOperation
    case RevocationReason::Dismissed:
        return 9; // privilegeWithdrawn
    case RevocationReason::Transferred:
    case RevocationReason::DataChanged:
        return 3; // affiliationChanged
    case RevocationReason::Reissued:
        return 4; // superseded
    case RevocationReason::KeyCompromised:
        return 1;
    case RevocationReason::Other:
        return 0;
    }
    return 0;
}

QString RevocationReasons::crlReasonName(RevocationReason reason)
{
    return CrlReason::name(crlReasonCode(reason));
}

bool RevocationReasons::officialFilesOnBehalf(RevocationReason reason)
{
    return reason == RevocationReason::Retired || reason == RevocationReason::Deceased
        || reason == RevocationReason::Dismissed;
}

} // namespace rd
