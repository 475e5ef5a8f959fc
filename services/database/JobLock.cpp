#include "database/JobLock.h"

namespace rd {

JobLock::JobLock(DatabasePtr database, qint64 advisoryKey, std::unique_ptr<QLockFile> file)
    : m_database(std::move(database))
    , m_advisoryKey(advisoryKey)
    , m_file(std::move(file))
{ }

JobLock::~JobLock()
{
    if (m_file)
        m_file->unlock();
    else if (m_database)
        (void)m_database->execute(
            QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(m_advisoryKey));
}

Result<std::unique_ptr<JobLock>> JobLock::acquire(DatabasePtr database, const QString &job,
                                                  qint64 advisoryKey, const QString &busyMessage)
{
    if (database->isSqlite()) {
        auto file = std::make_unique<QLockFile>(database->url().sqlitePath() + QLatin1Char('.')
                                                + job + QStringLiteral("-lock"));
        // With our process id inside, a crashed holder's lock is stale at once.
        file->setStaleLockTime(0);
        if (!file->tryLock(0)) {
            if (file->error() == QLockFile::LockFailedError)
                return fail(ErrorCode::Conflict, busyMessage);
            return fail(ErrorCode::Io,
                        tr("Cannot create the %1 lock file beside %2.")
                            .arg(job, database->url().sqlitePath()));
        }
        return std::unique_ptr<JobLock>(new JobLock(database, advisoryKey, std::move(file)));
    }
    auto locked
        = database->scalar(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(advisoryKey));
    if (!locked)
        return errorOf(locked);
    if (!locked->toBool())
        return fail(ErrorCode::Conflict, busyMessage);
    return std::unique_ptr<JobLock>(new JobLock(database, advisoryKey, nullptr));
}

} // namespace rd
