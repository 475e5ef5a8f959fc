#include "register/IdentityNumbers.h"

namespace rd {

namespace {
bool allDigits(const QString &text)
{
    for (QChar c : text) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}
} // namespace

QString IdentityNumbers::nikProblem(const QString &nik)
{
    if (nik.size() != 16 || !allDigits(nik))
        return tr("A NIK has exactly 16 digits (this one has %n).", nullptr, int(nik.size()));
    const int province = nik.left(2).toInt();
    if (province < 11 || province > 96)
        return tr("The NIK starts with %1, which is no province code.").arg(nik.left(2));
    int day = nik.mid(6, 2).toInt();
    if (day > 40)
        day -= 40; // women: day of birth + 40
    const int month = nik.mid(8, 2).toInt();
    // The year has two digits; any century gives a valid day for 29 February in 2000.
    const int year = 2000 + nik.mid(10, 2).toInt();
    if (!QDate(year, month, day).isValid() && !(month == 2 && day == 29))
        return tr("The NIK's digits 7 to 12 are not a date of birth.");
    if (nik.right(4) == QLatin1String("0000"))
        return tr("The NIK's last four digits cannot be 0000.");
    return {};
}

QString IdentityNumbers::nipProblem(const QString &nip)
{
    if (nip.size() != 18 || !allDigits(nip))
        return tr("A NIP has exactly 18 digits (this one has %n).", nullptr, int(nip.size()));
    const QDate birth = QDate::fromString(nip.left(8), QStringLiteral("yyyyMMdd"));
    if (!birth.isValid() || birth.year() < 1930)
        return tr("The NIP's first 8 digits are not a date of birth (yyyymmdd).");
    const int appointedYear = nip.mid(8, 4).toInt();
    const int appointedMonth = nip.mid(12, 2).toInt();
    if (appointedMonth < 1 || appointedMonth > 12 || appointedYear < birth.year() + 15)
        return tr("The NIP's digits 9 to 14 are not a month of appointment after the 15th "
                  "birthday.");
    const QChar sex = nip.at(14);
    if (sex != QLatin1Char('1') && sex != QLatin1Char('2'))
        return tr("The NIP's 15th digit must be 1 (male) or 2 (female).");
    return {};
}

} // namespace rd
