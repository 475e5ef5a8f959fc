#include "workflow/VerificationChecklist.h"

namespace rd {

QString ChecklistItem::label(const QString &language) const
{
    return language == QLatin1String("en") ? labelEn : labelId;
}

QString ChecklistItem::ask(const QString &language) const
{
    return language == QLatin1String("en") ? askEn : askId;
}

const std::vector<ChecklistItem> &VerificationChecklist::items()
{
    // The SOP's step 6: the data, the letter and its signatures, the papers of a filing on
    // behalf, and whether the reason fits what the register says of the holder.
    static const std::vector<ChecklistItem> list {
        {QStringLiteral("identity_checked"), QStringLiteral("Identitas pemohon sesuai KTP"),
         QStringLiteral("The applicant's identity matches the identity card (KTP)"),
         QStringLiteral("Salinan KTP pemohon yang terbaca jelas"),
         QStringLiteral("A legible copy of the applicant's identity card (KTP)"), false},
        {QStringLiteral("data_matches_register"),
         QStringLiteral("Data sesuai register pemegang sertifikat dan masa jabatannya"),
         QStringLiteral("The data match the holder register and the tenure"),
         QStringLiteral("Data pemegang sertifikat sesuai data kepegawaian (NIK, NIP, jabatan, "
                        "unit kerja)"),
         QStringLiteral("The holder's data as in the personnel records (NIK, NIP, position, "
                        "unit)"),
         false},
        {QStringLiteral("statement_letter_signed"),
         QStringLiteral("Surat keterangan pencabutan ada dan ditandatangani"),
         QStringLiteral("The statement letter is present and signed"),
         QStringLiteral("Surat keterangan pencabutan yang telah ditandatangani"),
         QStringLiteral("The signed statement letter for the revocation"), false},
        {QStringLiteral("superior_acknowledged"),
         QStringLiteral("Surat diketahui atasan (bagian \"Mengetahui\")"),
         QStringLiteral("The letter is acknowledged by the superior (\"Mengetahui\")"),
         QStringLiteral("Tanda tangan atasan pada bagian \"Mengetahui\" surat keterangan"),
         QStringLiteral("The superior's signature in the letter's \"Mengetahui\" block"), false},
        {QStringLiteral("decree_or_death_certificate"),
         QStringLiteral("SK pensiun/pemberhentian atau akta kematian terlampir"),
         QStringLiteral("The decree (retirement, dismissal) or death certificate is attached"),
         QStringLiteral("Salinan SK pensiun/pemberhentian atau akta kematian pemegang sertifikat"),
         QStringLiteral("A copy of the holder's retirement or dismissal decree, or death "
                        "certificate"),
         true},
        {QStringLiteral("reason_consistent"),
         QStringLiteral("Alasan pencabutan sesuai status pemegang sertifikat"),
         QStringLiteral("The reason is consistent with the holder's status"),
         QStringLiteral("Penjelasan alasan pencabutan yang sesuai dengan status pemegang "
                        "sertifikat"),
         QStringLiteral("An explanation of the reason that matches the holder's status"), false},
    };
    return list;
}

std::vector<ChecklistItem> VerificationChecklist::applicable(bool filedOnBehalf)
{
    std::vector<ChecklistItem> result;
    for (const ChecklistItem &item : items()) {
        if (!item.onlyOnBehalf || filedOnBehalf)
            result.push_back(item);
    }
    return result;
}

const ChecklistItem *VerificationChecklist::find(const QString &key)
{
    for (const ChecklistItem &item : items()) {
        if (item.key == key)
            return &item;
    }
    return nullptr;
}

} // namespace rd
