#include "QueryPlan.h"

#include <QAtomicInteger>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>

#include <map>

namespace rd::bench {

namespace {

QAtomicInteger<int> s_statementCounter;

// `?` placeholders to PostgreSQL's `$1, $2, ...`, leaving quoted text alone (as QPSQL does).
QString numberedPlaceholders(const QString &sql)
{
    QString result;
    result.reserve(sql.size() + 16);
    int number = 0;
    QChar quote;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
        } else if (c == QLatin1Char('?')) {
            result += QLatin1Char('$') + QString::number(++number);
            continue;
        }
        result += c;
    }
    return result;
}

void flatten(const QJsonObject &plan, int parent, int depth, std::vector<QueryPlan::Node> &nodes)
{
    QueryPlan::Node node;
    node.id = int(nodes.size()) + 1;
    node.parent = parent;
    node.depth = depth;
    node.nodeType = plan.value(QLatin1String("Node Type")).toString();
    node.relation = plan.value(QLatin1String("Relation Name")).toString();
    node.alias = plan.value(QLatin1String("Alias")).toString();
    node.index = plan.value(QLatin1String("Index Name")).toString();
    QStringList conditions;
    for (const QLatin1String key :
         {QLatin1String("Index Cond"), QLatin1String("Recheck Cond"), QLatin1String("Filter"),
          QLatin1String("Hash Cond"), QLatin1String("Join Filter"), QLatin1String("Merge Cond")}) {
        const QString value = plan.value(key).toString();
        if (!value.isEmpty())
            conditions << QString(key) + QStringLiteral(": ") + value;
    }
    node.condition = conditions.join(QStringLiteral("; "));

    QString text = node.nodeType;
    if (plan.value(QLatin1String("Scan Direction")).toString() == QLatin1String("Backward"))
        text += QStringLiteral(" Backward");
    if (!node.index.isEmpty()) // "Bitmap Index Scan on x" names no table, as EXPLAIN writes it
        text += (node.relation.isEmpty() ? QStringLiteral(" on ") : QStringLiteral(" using "))
            + node.index;
    if (!node.relation.isEmpty()) {
        text += QStringLiteral(" on ") + node.relation;
        if (!node.alias.isEmpty() && node.alias != node.relation)
            text += QLatin1Char(' ') + node.alias;
    }
    const QString subplan = plan.value(QLatin1String("Subplan Name")).toString();
    if (!subplan.isEmpty())
        text += QStringLiteral(" [") + subplan + QLatin1Char(']');
    if (!node.condition.isEmpty())
        text += QStringLiteral("  (") + node.condition + QLatin1Char(')');
    node.text = text;
    nodes.push_back(node);

    const int id = node.id;
    const QJsonArray children = plan.value(QLatin1String("Plans")).toArray();
    for (const QJsonValue &child : children)
        flatten(child.toObject(), id, depth + 1, nodes);
}

} // namespace

const QueryPlan::Node *QueryPlan::node(int id) const
{
    for (const Node &candidate : m_nodes) {
        if (candidate.id == id)
            return &candidate;
    }
    return nullptr;
}

QStringList QueryPlan::lines() const
{
    QStringList result;
    for (const Node &node : m_nodes)
        result << QString(node.depth * 2, QLatin1Char(' ')) + node.text;
    return result;
}

Result<QueryPlan> QueryPlan::explain(const Database &database, const QString &sql,
                                     const QVariantList &values)
{
    QueryPlan plan;
    if (database.isSqlite()) {
        auto query = database.execute(QStringLiteral("EXPLAIN QUERY PLAN ") + sql, values);
        if (!query)
            return errorOf(query);
        std::map<int, int> depthOf;
        while (query->next()) {
            Node node;
            const int id = query->value(0).toInt();
            const int parent = query->value(1).toInt();
            node.id = id;
            node.parent = parent;
            node.depth = parent == 0 ? 0 : depthOf[parent] + 1;
            depthOf[id] = node.depth;
            node.text = query->value(3).toString();
            plan.m_nodes.push_back(node);
        }
        return plan;
    }

    // EXPLAIN cannot itself be prepared; PREPARE and EXPLAIN EXECUTE are what QPSQL's
    // prepare/exec send, with the values formatted by the driver as it does for EXECUTE.
    const QString name = QStringLiteral("rd_query_plan_%1").arg(++s_statementCounter);
    QSqlQuery query(database.connection());
    if (!query.exec(QStringLiteral("PREPARE ") + name + QStringLiteral(" AS ")
                    + numberedPlaceholders(sql)))
        return std::unexpected(database.errorFrom(query.lastError(), QStringLiteral("PREPARE")));
    auto deallocate = qScopeGuard([&] {
        QSqlQuery cleanup(database.connection());
        (void)cleanup.exec(QStringLiteral("DEALLOCATE ") + name);
    });
    QStringList literals;
    const QSqlDriver *driver = database.connection().driver();
    for (const QVariant &value : values) {
        QSqlField field(QString(), value.metaType());
        field.setValue(value);
        literals << driver->formatValue(field);
    }
    QString execute = QStringLiteral("EXPLAIN (FORMAT JSON) EXECUTE ") + name;
    if (!literals.isEmpty())
        execute += QLatin1Char('(') + literals.join(QStringLiteral(", ")) + QLatin1Char(')');
    if (!query.exec(execute) || !query.next())
        return std::unexpected(database.errorFrom(query.lastError(), QStringLiteral("EXPLAIN")));
    QJsonParseError error;
    const QJsonDocument document
        = QJsonDocument::fromJson(query.value(0).toString().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray()) {
        return fail(ErrorCode::Internal, QStringLiteral("EXPLAIN returned no JSON plan."),
                    error.errorString());
    }
    flatten(document.array().at(0).toObject().value(QLatin1String("Plan")).toObject(), 0, 0,
            plan.m_nodes);
    return plan;
}

} // namespace rd::bench
