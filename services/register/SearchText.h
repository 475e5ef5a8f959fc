#pragma once

#include "database/Database.h"

#include <QString>
#include <QVariantList>

namespace rd {

// What a person typed into a search box, turned into an indexed SQL condition on holders:
// digits search NIK and NIP by prefix, `SE/...` an agenda number by prefix, anything else a name
// fragment through the engine's trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL).
class SearchText
{
public:
    enum class Kind { Empty, Digits, AgendaNumber, NameFragment };

    explicit SearchText(const QString &text);

    Kind kind() const { return m_kind; }
    QString text() const { return m_text; }

    // A condition on the holder id column given (e.g. "h.id"), with its values appended.
    QString holderCondition(const Database &database, const QString &holderIdColumn,
                            QVariantList &values) const;
    // A condition on the agenda number column, with its values appended.
    QString agendaCondition(const QString &agendaColumn, QVariantList &values) const;

    // [prefix, prefix with its last character raised): a range an index can answer.
    static QString upperBound(const QString &prefix);

private:
    Kind m_kind = Kind::Empty;
    QString m_text;
};

} // namespace rd
