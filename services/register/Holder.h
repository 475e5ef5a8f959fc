#pragma once

#include <QDate>
#include <QString>

#include <optional>

namespace rd {

// Pemegang sertifikat, as the personnel register writes them (titles included in full_name).
struct Holder
{
    qint64 id = 0;
    QString nik;
    QString nip; // ASN only
    QString fullName;
    QString email;
    QString phone;
    QString unit; // perangkat daerah
    QString position;
    QString employmentStatus
        = QStringLiteral("active"); // active, retired, deceased, dismissed, transferred
    QString amsUsername;
};

// Masa jabatan.
struct Tenure
{
    qint64 id = 0;
    qint64 holderId = 0;
    QString position;
    QString unit;
    QDate startDate;
    QDate endDate; // invalid while in office
    QString decreeNumber; // nomor SK
    QString source = QStringLiteral("manual");
};

} // namespace rd
