#include "database/Database.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlRecord>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcDatabase, "rd.database", QtWarningMsg)

namespace rd {

namespace {
QAtomicInteger<quint64> s_connectionCounter;

// Newest first: the file, then the folders made for it (each empty again by then).
void removeMade(const QStringList &made)
{
    for (auto it = made.crbegin(); it != made.crend(); ++it) {
        if (QFileInfo(*it).isDir())
            QDir().rmdir(*it);
        else
            QFile::remove(*it);
    }
}

// The folders that are missing are made owner-only (0700), one by one so that a folder that
// exists keeps its mode; the file is made 0600 before SQLite writes a byte into it. SQLite
// gives its -wal and -shm files the database file's mode.
// Returns what it made (folders, then the file), for removal when the open fails after all.
Result<QStringList> createPrivateFile(const QString &path)
{
    const QString folder = QFileInfo(path).absolutePath();
    QStringList made;
    QStringList missing;
    for (QString at = folder; !QFileInfo::exists(at); at = QFileInfo(at).absolutePath()) {
        missing.prepend(at);
        if (at == QFileInfo(at).absolutePath())
            break;
    }
    for (const QString &dir : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(dir).constData(), 0700) == 0) {
            made << dir;
        } else if (errno != EEXIST) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            removeMade(made);
            return fail(ErrorCode::Io,
                        Database::tr("Cannot create the folder %1 for the database.").arg(dir),
                        why);
        }
    }
    const int fd = ::open(QFile::encodeName(path).constData(),
                          O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        removeMade(made);
        return fail(ErrorCode::Io, Database::tr("Cannot create the database file %1.").arg(path),
                    why);
    }
    if (fd >= 0) {
        // The umask may take bits away, never add them; fchmod makes it exactly 0600.
        ::fchmod(fd, 0600);
        ::close(fd);
        made << path;
    }
    return made;
}

QString driverText(const QSqlError &error)
{
    QString text = error.databaseText();
    if (text.isEmpty())
        text = error.driverText();
    if (!error.nativeErrorCode().isEmpty())
        text += QStringLiteral(" [") + error.nativeErrorCode() + QLatin1Char(']');
    return text.trimmed();
}
} // namespace

Database::Database(const DatabaseUrl &url, const QString &connectionName, Dialect dialect)
    : m_url(url)
    , m_connectionName(connectionName)
    , m_dialect(dialect)
{ }

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::shared_ptr<Database>> Database::open(const DatabaseUrl &url, OpenMode mode)
{
    const QString name = QStringLiteral("revocation-desk-%1").arg(++s_connectionCounter);
    const bool sqlite = url.kind() == DatabaseUrl::Kind::Sqlite;
    const QString driver = sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return fail(ErrorCode::DatabaseUnavailable,
                    tr("The Qt database driver %1 is not installed (Debian package %2).")
                        .arg(driver,
                             sqlite ? QStringLiteral("libqt6sql6-sqlite")
                                    : QStringLiteral("libqt6sql6-psql")));
    }

    // What this open created, removed again unless the open succeeds: a refused open leaves
    // nothing behind.
    QStringList made;
    bool opened = false;
    const auto removeUnlessOpened = qScopeGuard([&] {
        if (!opened && !made.isEmpty()) {
            if (QSqlDatabase db = QSqlDatabase::database(name, false); db.isOpen())
                db.close();
            QFile::remove(made.constLast() + QStringLiteral("-wal"));
            QFile::remove(made.constLast() + QStringLiteral("-shm"));
            removeMade(made);
        }
    });
    std::shared_ptr<Database> database(
        new Database(url, name, sqlite ? Dialect::Sqlite : Dialect::Postgres));
    QSqlDatabase db = QSqlDatabase::addDatabase(driver, name);
    if (sqlite) {
        const QFileInfo file(url.sqlitePath());
        if (file.isDir())
            return fail(ErrorCode::Io,
                        tr("The database path %1 is a folder, not a file.").arg(url.sqlitePath()));
        if (!file.exists()) {
            if (mode == OpenMode::Existing) {
                return fail(ErrorCode::NotFound,
                            tr("There is no database at %1; `revocation-desk-cli db migrate` "
                               "creates it.")
                                .arg(url.sqlitePath()));
            }
            auto created = createPrivateFile(file.absoluteFilePath());
            if (!created)
                return errorOf(created);
            made = *created;
        }
        db.setDatabaseName(url.sqlitePath());
        // Two workstations on one file wait for each other instead of failing at once.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=30000"));
    } else {
        db.setHostName(url.host());
        db.setPort(url.port());
        db.setUserName(url.user());
        QString password = url.password();
        if (password.isEmpty())
            password = qEnvironmentVariable("PGPASSWORD");
        db.setPassword(password);
        db.setDatabaseName(url.databaseName());
        db.setConnectOptions(url.postgresConnectOptions());
    }
    if (!db.open()) {
        const QString detail = driverText(db.lastError());
        const QString sslMode = sqlite ? QString() : url.sslMode();
        const bool tlsRequired
            = sslMode == QLatin1String("require") || sslMode.startsWith(QLatin1String("verify-"));
        if (tlsRequired && detail.contains(QLatin1String("SSL"), Qt::CaseInsensitive)) {
            return fail(ErrorCode::DatabaseUnavailable,
                        tr("Cannot open the database %1 over TLS (sslmode=%2): the server does "
                           "not offer TLS or its certificate could not be verified. Give the "
                           "server TLS and its CA with ?sslrootcert=FILE; only on a network you "
                           "trust, write ?sslmode=disable.")
                            .arg(url.toDisplayString(), sslMode),
                        detail);
        }
        return fail(ErrorCode::DatabaseUnavailable,
                    tr("Cannot open the database %1.").arg(url.toDisplayString()), detail);
    }
    if (sqlite) {
        const QStringList pragmas
            = {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA foreign_keys=ON"),
               QStringLiteral("PRAGMA synchronous=NORMAL")};
        for (const QString &pragma : pragmas) {
            auto done = database->execute(pragma);
            if (!done)
                return errorOf(done);
        }
        auto mode = database->scalar(QStringLiteral("PRAGMA journal_mode"));
        if (!mode || mode->toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            return fail(
                ErrorCode::DatabaseUnavailable,
                tr("The SQLite database %1 cannot use write-ahead logging.").arg(url.sqlitePath()));
        }
    } else {
        auto done = database->executeUnprepared(QStringLiteral("SET TIME ZONE 'UTC'"));
        if (!done)
            return errorOf(done);
    }
    qCDebug(lcDatabase) << "opened" << url.toDisplayString();
    opened = true;
    return database;
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Error Database::errorFrom(const QSqlError &error, const QString &what) const
{
    const QString code = error.nativeErrorCode();
    // Unique violations (SQLite 2067/1555, PostgreSQL 23505) are conflicts a person can act on.
    const bool unique = code == QLatin1String("2067") || code == QLatin1String("1555")
        || code == QLatin1String("23505");
    // PostgreSQL's insufficient_privilege: the role this program logged in as may not do it.
    const bool denied = code == QLatin1String("42501");
    return Error {unique       ? ErrorCode::Conflict
                      : denied ? ErrorCode::PermissionDenied
                               : ErrorCode::DatabaseError,
                  tr("The database refused to %1.").arg(what), driverText(error)};
}

QVariant Database::nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

QVariant Database::nullIfNoId(qint64 id)
{
    return id > 0 ? QVariant(id) : QVariant(QMetaType::fromType<qlonglong>());
}

Result<QSqlQuery> Database::execute(const QString &sql, const QVariantList &values) const
{
    QSqlQuery query(connection());
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        qCDebug(lcDatabase) << "prepare failed:" << sql << query.lastError().text();
        return std::unexpected(errorFrom(query.lastError(), tr("prepare a statement")));
    }
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        qCDebug(lcDatabase) << "exec failed:" << sql << query.lastError().text();
        return std::unexpected(errorFrom(query.lastError(), tr("run a statement")));
    }
    return query;
}

Result<void> Database::executeUnprepared(const QString &sql) const
{
    QSqlQuery query(connection());
    if (!query.exec(sql)) {
        qCDebug(lcDatabase) << "exec failed:" << sql << query.lastError().text();
        return std::unexpected(errorFrom(query.lastError(), tr("run a statement")));
    }
    return {};
}

Result<QVariant> Database::scalar(const QString &sql, const QVariantList &values) const
{
    auto query = execute(sql, values);
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound, tr("The database returned no row."));
    return query->value(0);
}

Result<void> Database::begin() const
{
    QSqlQuery query(connection());
    const QString sql = isSqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
    if (!query.exec(sql))
        return std::unexpected(errorFrom(query.lastError(), tr("start a transaction")));
    return {};
}

Result<void> Database::commit() const
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("COMMIT"))) {
        const Error error = errorFrom(query.lastError(), tr("commit a transaction"));
        rollback();
        return std::unexpected(error);
    }
    return {};
}

void Database::rollback() const
{
    QSqlQuery query(connection());
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCDebug(lcDatabase) << "rollback:" << query.lastError().text();
}

Transaction::Transaction(const Database &database)
    : m_database(database)
{ }

Transaction::~Transaction()
{
    if (m_open)
        m_database.rollback();
}

Result<void> Transaction::begin()
{
    auto started = m_database.begin();
    m_open = started.has_value();
    return started;
}

Result<void> Transaction::commit()
{
    m_open = false;
    return m_database.commit();
}

} // namespace rd
