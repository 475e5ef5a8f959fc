#pragma once

#include <QString>
#include <QStringList>

namespace rd {

// A person's name as an Indonesian register writes it, with the academic, professional and
// religious titles that certificates leave out: "Dr. Ir. H. Ahmad Fauzi, S.T., M.Si." names
// Ahmad Fauzi.
class PersonalName
{
public:
    // The name without titles in front (Dr., Ir., H., Hj., Drs., dr., Prof., ...) or behind
    // (", S.Kom.", ", M.Si.", ", Ph.D.", ...), spaces simplified; letters are not changed.
    static QString withoutTitles(const QString &fullName);
    // The titles withoutTitles() removed, in the order found.
    static QStringList titles(const QString &fullName);

    // The tables, spelled as registers spell them; matching ignores case and dots.
    static const QStringList &prefixTitles();
    static const QStringList &suffixTitles();

private:
    static QString strip(const QString &fullName, QStringList *titles);
};

} // namespace rd
