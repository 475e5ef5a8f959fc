#include "register/SearchText.h"

#include <QRegularExpression>

namespace rd {

SearchText::SearchText(const QString &text)
    : m_text(text.simplified())
{
    static const QRegularExpression digits(
        QRegularExpression::anchoredPattern(QStringLiteral("[0-9]+")));
    if (m_text.isEmpty())
        m_kind = Kind::Empty;
    else if (digits.match(m_text).hasMatch())
        m_kind = Kind::Digits;
    else if (m_text.startsWith(QLatin1String("SE/"), Qt::CaseInsensitive))
        m_kind = Kind::AgendaNumber;
    else
        m_kind = Kind::NameFragment;
    if (m_kind == Kind::AgendaNumber)
        m_text = m_text.toUpper();
}

QString SearchText::upperBound(const QString &prefix)
{
    if (prefix.isEmpty())
        return prefix;
    QString bound = prefix;
    bound[bound.size() - 1] = QChar(bound.at(bound.size() - 1).unicode() + 1);
    return bound;
}

QString SearchText::holderCondition(const Database &database, const QString &holderIdColumn,
                                    QVariantList &values) const
{
    switch (m_kind) {
    case Kind::Empty:
    case Kind::AgendaNumber:
        return {};
    case Kind::Digits:
        values << m_text << upperBound(m_text) << m_text << upperBound(m_text);
        return holderIdColumn
            + QStringLiteral(" IN (SELECT id FROM holders WHERE (nik >= ? AND nik < ?) "
                             "OR (nip >= ? AND nip < ?))");
    case Kind::NameFragment:
        break;
    }
    QString fragment = m_text;
    if (fragment.size() < 3) {
        // Trigram indexes need three characters; shorter input searches names by prefix.
        QString prefix = fragment;
        prefix[0] = prefix.at(0).toUpper();
        values << prefix << upperBound(prefix);
        return holderIdColumn
            + QStringLiteral(" IN (SELECT id FROM holders WHERE full_name >= ? AND full_name < ?)");
    }
    if (database.isSqlite()) {
        // A quoted FTS5 phrase is a case-insensitive substring match with the trigram tokenizer,
        // answered from the index alone; LIKE would re-read every candidate's holders row (40x
        // slower for a common fragment). Quotes in the text are doubled, so anything a person
        // types is literal.
        fragment.replace(QLatin1Char('"'), QLatin1String("\"\""));
        values << QString(QLatin1Char('"') + fragment + QLatin1Char('"'));
        return holderIdColumn
            + QStringLiteral(
                   " IN (SELECT rowid FROM holders_name_index WHERE holders_name_index MATCH ?)");
    }
    fragment.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    values << QString(QLatin1Char('%') + fragment + QLatin1Char('%'));
    return holderIdColumn + QStringLiteral(" IN (SELECT id FROM holders WHERE full_name ILIKE ?)");
}

QString SearchText::agendaCondition(const QString &agendaColumn, QVariantList &values) const
{
    if (m_kind != Kind::AgendaNumber)
        return {};
    values << m_text << upperBound(m_text);
    return QStringLiteral("(%1 >= ? AND %1 < ?)").arg(agendaColumn);
}

} // namespace rd
