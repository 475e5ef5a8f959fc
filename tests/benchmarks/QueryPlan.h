#pragma once

#include "database/Database.h"

#include <QString>
#include <QStringList>
#include <QVariantList>

#include <vector>

namespace rd::bench {

// The plan the engine chooses for one statement with its bound values: EXPLAIN QUERY PLAN on
// SQLite, EXPLAIN (FORMAT JSON) on PostgreSQL, flattened into one node per line.
class QueryPlan
{
public:
    struct Node
    {
        int id = 0;
        int parent = 0; // the id of the node this one belongs to; 0 at the top
        int depth = 0;
        // SQLite: the plan line as the engine writes it ("SEARCH r USING INDEX ... (state=?)").
        // PostgreSQL: a summary in EXPLAIN's own words ("Index Scan Backward using x on t r").
        QString text;
        // PostgreSQL only: the node's fields.
        QString nodeType;
        QString relation;
        QString alias;
        QString index;
        QString condition; // Index Cond, Recheck Cond, Filter, Hash Cond, ... as EXPLAIN prints
    };

    // PostgreSQL runs the statement the way the QPSQL driver runs every prepared query (PREPARE
    // with $n parameters, then EXECUTE with the values), so the plan is the one the program gets.
    static Result<QueryPlan> explain(const Database &database, const QString &sql,
                                     const QVariantList &values);

    const std::vector<Node> &nodes() const { return m_nodes; }
    // The node with this id, or nullptr.
    const Node *node(int id) const;
    QStringList lines() const;
    QString toString() const { return lines().join(QLatin1Char('\n')); }

private:
    std::vector<Node> m_nodes;
};

} // namespace rd::bench
