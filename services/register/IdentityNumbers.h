#pragma once

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace rd {

// NIK (Nomor Induk Kependudukan, 16 digits) and NIP (Nomor Induk Pegawai, 18 digits) have a
// structure: region and birth date in the NIK; birth date, appointment month and sex in the NIP.
// Checking it catches the common slips (a digit dropped, two swapped into an impossible date).
class IdentityNumbers
{
    Q_DECLARE_TR_FUNCTIONS(IdentityNumbers)

public:
    // Empty when valid, otherwise what is wrong, for the person typing it.
    static QString nikProblem(const QString &nik);
    static QString nipProblem(const QString &nip);
    static bool isValidNik(const QString &nik) { return nikProblem(nik).isEmpty(); }
    static bool isValidNip(const QString &nip) { return nipProblem(nip).isEmpty(); }
};

} // namespace rd
