#pragma once

#include "core/Error.h"
#include "database/DatabaseUrl.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <memory>
#include <type_traits>

namespace rd {

// One open connection to the system of record, SQLite or PostgreSQL. A connection belongs to
// the thread that opened it (as QSqlDatabase requires); open one per thread or process.
class Database
{
    Q_DECLARE_TR_FUNCTIONS(Database)

public:
    enum class Dialect { Sqlite, Postgres };
    // Create: a missing SQLite file is made (private: 0600, in a 0700 folder when the folder is
    // made too). Existing: a missing file is NotFound and nothing is created, for every command
    // that needs data already there, so a mistyped path or a refused command leaves no file.
    enum class OpenMode { Create, Existing };

    static Result<std::shared_ptr<Database>> open(const DatabaseUrl &url,
                                                  OpenMode mode = OpenMode::Create);

    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    Dialect dialect() const { return m_dialect; }
    bool isSqlite() const { return m_dialect == Dialect::Sqlite; }
    const DatabaseUrl &url() const { return m_url; }
    QSqlDatabase connection() const;

    // Prepares, binds positionally (`?`) and executes; the query is returned positioned before
    // the first row. Every statement goes through here, so every statement is prepared.
    Result<QSqlQuery> execute(const QString &sql, const QVariantList &values = {}) const;
    // For fixed statement text without values that PostgreSQL cannot PREPARE: DDL (CREATE,
    // DROP), SET and the like. Migrations and set-up only.
    Result<void> executeUnprepared(const QString &sql) const;
    // Convenience for a single value (COUNT(*), RETURNING id, ...). NotFound when no row.
    Result<QVariant> scalar(const QString &sql, const QVariantList &values = {}) const;

    // Transactions: SQLite takes the write lock at BEGIN (IMMEDIATE) so that two processes
    // never deadlock upgrading a read lock; PostgreSQL uses row locks inside.
    Result<void> begin() const;
    Result<void> commit() const;
    void rollback() const;
    // Runs work (a callable returning Result<T>) in a transaction of its own: committed when
    // work succeeds, rolled back when it fails. Returns what work returned, or the failure to
    // begin or commit.
    template<typename Work> std::invoke_result_t<Work &> inTransaction(Work &&work) const;

    Error errorFrom(const QSqlError &error, const QString &what) const;

    // NULL for empty text or a non-positive id, as optional columns store "nothing".
    static QVariant nullIfEmpty(const QString &text);
    static QVariant nullIfNoId(qint64 id);

private:
    Database(const DatabaseUrl &url, const QString &connectionName, Dialect dialect);

    DatabaseUrl m_url;
    QString m_connectionName;
    Dialect m_dialect;
};

using DatabasePtr = std::shared_ptr<Database>;

// Rolls back unless committed (XCA-style guard).
class Transaction
{
public:
    explicit Transaction(const Database &database);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)

    Result<void> begin();
    Result<void> commit();

private:
    const Database &m_database;
    bool m_open = false;
};

template<typename Work> std::invoke_result_t<Work &> Database::inTransaction(Work &&work) const
{
    Transaction transaction(*this);
    if (auto ok = transaction.begin(); !ok)
        return errorOf(ok);
    auto result = work();
    if (!result)
        return result;
    if (auto ok = transaction.commit(); !ok)
        return errorOf(ok);
    return result;
}

} // namespace rd
