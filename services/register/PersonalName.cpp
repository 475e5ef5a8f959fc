#include "register/PersonalName.h"

#include <QRegularExpression>
#include <QSet>

namespace rd {

namespace {

// "S.Kom." and "s.kom" and "S. Kom" are one title.
QString key(const QString &token)
{
    QString result;
    for (const QChar c : token) {
        if (c.isLetter())
            result += c.toCaseFolded();
    }
    return result;
}

QSet<QString> keys(const QStringList &table)
{
    QSet<QString> set;
    for (const QString &title : table)
        set.insert(key(title));
    return set;
}

const QSet<QString> &prefixKeys()
{
    static const QSet<QString> set = keys(PersonalName::prefixTitles());
    return set;
}

const QSet<QString> &suffixKeys()
{
    static const QSet<QString> set = keys(PersonalName::suffixTitles());
    return set;
}

bool isPrefixTitle(const QString &token)
{
    // A bare capital letter with a dot in front of a name is an initial, except the ones that
    // are titles by custom (H., K.H.); those are in the table.
    return prefixKeys().contains(key(token));
}

// A whole comma-separated segment that is a degree: in the table, or shaped like one
// (letters and dots only, every part short, at least one dot: "S.Ak.", "M.Kes.", "Sp.PD.").
bool isSuffixTitle(const QString &segment)
{
    const QString trimmed = segment.trimmed();
    if (trimmed.isEmpty())
        return true;
    if (suffixKeys().contains(key(trimmed)))
        return true;
    static const QRegularExpression degree(
        QStringLiteral("^(?:\\p{L}{1,4}\\.\\s?){1,4}(?:\\p{L}{1,4}\\.?)?$"));
    return degree.match(trimmed).hasMatch();
}

} // namespace

const QStringList &PersonalName::prefixTitles()
{
    static const QStringList table {
        // Academic and professional, in front of the name.
        QStringLiteral("Prof."),
        QStringLiteral("Dr."),
        QStringLiteral("dr."),
        QStringLiteral("drg."),
        QStringLiteral("drh."),
        QStringLiteral("Ir."),
        QStringLiteral("Drs."),
        QStringLiteral("Dra."),
        QStringLiteral("Ns."),
        QStringLiteral("apt."),
        QStringLiteral("Bd."),
        // Religious.
        QStringLiteral("H."),
        QStringLiteral("Hj."),
        QStringLiteral("K.H."),
        QStringLiteral("KH."),
        QStringLiteral("Ust."),
        QStringLiteral("Ustz."),
        QStringLiteral("Tgk."),
    };
    return table;
}

const QStringList &PersonalName::suffixTitles()
{
    static const QStringList table {
        // Diploma and bachelor.
        QStringLiteral("A.Md."),
        QStringLiteral("A.Ma."),
        QStringLiteral("A.Md.Kep."),
        QStringLiteral("A.Md.Keb."),
        QStringLiteral("S.Kom."),
        QStringLiteral("S.T."),
        QStringLiteral("S.H."),
        QStringLiteral("S.E."),
        QStringLiteral("S.Pd."),
        QStringLiteral("S.Pd.I."),
        QStringLiteral("S.Sos."),
        QStringLiteral("S.Si."),
        QStringLiteral("S.Kep."),
        QStringLiteral("S.Ked."),
        QStringLiteral("S.Farm."),
        QStringLiteral("S.Ag."),
        QStringLiteral("S.H.I."),
        QStringLiteral("S.Ak."),
        QStringLiteral("S.I.P."),
        QStringLiteral("S.IP."),
        QStringLiteral("S.STP."),
        QStringLiteral("S.Tr.T."),
        QStringLiteral("S.Psi."),
        QStringLiteral("S.KM."),
        QStringLiteral("S.P."),
        QStringLiteral("S.Pi."),
        QStringLiteral("S.Hut."),
        QStringLiteral("S.I.Kom."),
        QStringLiteral("S.A.P."),
        QStringLiteral("S.AP."),
        QStringLiteral("Lc."),
        QStringLiteral("Ns."),
        // Master, doctor and specialist.
        QStringLiteral("M.Si."),
        QStringLiteral("M.T."),
        QStringLiteral("M.H."),
        QStringLiteral("M.M."),
        QStringLiteral("M.Pd."),
        QStringLiteral("M.A.P."),
        QStringLiteral("M.AP."),
        QStringLiteral("M.Kom."),
        QStringLiteral("M.Kes."),
        QStringLiteral("M.Ak."),
        QStringLiteral("M.E."),
        QStringLiteral("M.Sc."),
        QStringLiteral("M.A."),
        QStringLiteral("M.Eng."),
        QStringLiteral("M.Hum."),
        QStringLiteral("M.Ag."),
        QStringLiteral("M.P."),
        QStringLiteral("M.Kn."),
        QStringLiteral("MBA"),
        QStringLiteral("MPA"),
        QStringLiteral("MPH"),
        QStringLiteral("M.B.A."),
        QStringLiteral("Ph.D."),
        QStringLiteral("PhD"),
        QStringLiteral("Sp.A."),
        QStringLiteral("Sp.PD."),
        QStringLiteral("Sp.OG."),
        QStringLiteral("Sp.B."),
        QStringLiteral("M.Kep."),
        QStringLiteral("CPA"),
        QStringLiteral("Ak."),
        QStringLiteral("CA"),
    };
    return table;
}

QString PersonalName::strip(const QString &fullName, QStringList *titles)
{
    QStringList segments = fullName.split(QLatin1Char(','));
    // Behind the first comma a register writes only degrees; a segment that is not one (a
    // second surname, a typing slip) stays part of the name.
    QStringList kept {segments.takeFirst()};
    QStringList suffixes;
    for (const QString &segment : segments) {
        if (isSuffixTitle(segment)) {
            if (!segment.trimmed().isEmpty())
                suffixes << segment.trimmed();
        } else {
            kept << segment.trimmed();
        }
    }
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    QStringList tokens = kept.join(QStringLiteral(", ")).split(whitespace, Qt::SkipEmptyParts);
    while (tokens.size() > 1 && isPrefixTitle(tokens.constFirst()))
        *titles << tokens.takeFirst();
    // Degrees written without a comma ("Budi Santoso S.Kom"): only exact table entries, since
    // a trailing initial is a real part of a name.
    while (tokens.size() > 1 && suffixKeys().contains(key(tokens.constLast()))
           && tokens.constLast().contains(QLatin1Char('.')))
        suffixes.prepend(tokens.takeLast());
    *titles += suffixes;
    return tokens.join(QLatin1Char(' '));
}

QString PersonalName::withoutTitles(const QString &fullName)
{
    QStringList titles;
    return strip(fullName, &titles);
}

QStringList PersonalName::titles(const QString &fullName)
{
    QStringList titles;
    strip(fullName, &titles);
    return titles;
}

} // namespace rd
