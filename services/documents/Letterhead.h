#pragma once

#include "core/Error.h"
#include "users/OfficeSettings.h"

#include <QImage>
#include <QString>

namespace rd {

// Kop surat: the office as every letter-type paper presents it, set once for all workstations
// (`config set office/...`, OfficeSettings).
struct Letterhead
{
    QString government; // PEMERINTAH KABUPATEN NATUNA
    QString office; // DINAS KOMUNIKASI DAN INFORMATIKA
    QString address;
    QString phone;
    QString web;
    QString email;
    QString place; // where letters are dated from: Ranai
    QString head; // Kepala Dinas Komunikasi dan Informatika Kabupaten Natuna
    QString classificationCode; // kode klasifikasi arsip, on the control card
    QImage emblem; // null when none is set

    bool isEmpty() const { return government.isEmpty() && office.isEmpty(); }

    static Result<Letterhead> load(const OfficeSettings &settings);
    // The image of a data: URL as OfficeSettings keeps it; null when it is not one.
    static QImage emblemFromUrl(const QString &url);
};

} // namespace rd
