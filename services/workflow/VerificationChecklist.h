#pragma once

#include <QString>

#include <vector>

namespace rd {

// One line of SOP step 6's check (Hasil Verifikasi Data). The texts are kept in Indonesian and
// English side by side rather than through tr(): the record and the applicant's e-mail read the
// same whatever language the operator's screen is in.
struct ChecklistItem
{
    QString key;
    QString labelId; // what the operator checks
    QString labelEn;
    QString askId; // what the applicant is asked for when it fails
    QString askEn;
    bool onlyOnBehalf = false; // applies only when an official files for the holder

    QString label(const QString &language) const;
    QString ask(const QString &language) const;
};

class VerificationChecklist
{
public:
    static const std::vector<ChecklistItem> &items();
    // The items that apply to a request: the decree or death certificate only when an
    // official files on the holder's behalf.
    static std::vector<ChecklistItem> applicable(bool filedOnBehalf);
    static const ChecklistItem *find(const QString &key);
};

} // namespace rd
