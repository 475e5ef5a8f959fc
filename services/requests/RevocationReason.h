#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace rd {

// Alasan pencabutan, mapped to the RFC 5280 CRLReason the SOP's table gives.
enum class RevocationReason {
    Retired, // purna tugas / pensiun
    Deceased, // meninggal dunia
    Dismissed, // diberhentikan
    Transferred, // mutasi / pindah instansi
    DataChanged, // perubahan data
    Reissued, // penerbitan ulang / pembaruan
    KeyCompromised, // kunci / passphrase bocor, perangkat hilang
    Other, // lainnya
};

class RevocationReasons
{
    Q_DECLARE_TR_FUNCTIONS(RevocationReasons)

public:
    static const std::vector<RevocationReason> &all();
    static QString key(RevocationReason reason); // stable, stored: "retired", ...
    static std::optional<RevocationReason> fromKey(const QString &key);
    static QString labelIndonesian(RevocationReason reason);
    static QString labelEnglish(RevocationReason reason);
    static QString label(RevocationReason reason); // in the UI language
    static QString explanation(RevocationReason reason);
    static int crlReasonCode(RevocationReason reason);
    static QString crlReasonName(RevocationReason reason);
    // Deceased, retired and dismissed holders cannot sign for themselves: an official files.
    static bool officialFilesOnBehalf(RevocationReason reason);
};

} // namespace rd
