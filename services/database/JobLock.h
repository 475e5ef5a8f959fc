#pragma once

#include "core/Error.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QLockFile>

#include <memory>

namespace rd {

// One background job (sending the outbox, draining the AMS queue, seeking proofs) done by one
// process at a time per database, so that every workstation may run a worker: a lock file
// beside an SQLite database, a session advisory lock on PostgreSQL. Held until destroyed; a
// crashed holder's lock goes with its process (its pid in the file, its session on the server).
class JobLock
{
    Q_DECLARE_TR_FUNCTIONS(JobLock)

public:
    // Conflict when another process holds it; `job` names the lock file's suffix and the
    // message, `advisoryKey` is the job's fixed PostgreSQL key.
    static Result<std::unique_ptr<JobLock>> acquire(DatabasePtr database, const QString &job,
                                                    qint64 advisoryKey, const QString &busyMessage);
    ~JobLock();
    Q_DISABLE_COPY_MOVE(JobLock)

private:
    JobLock(DatabasePtr database, qint64 advisoryKey, std::unique_ptr<QLockFile> file);

    DatabasePtr m_database;
    qint64 m_advisoryKey = 0;
    std::unique_ptr<QLockFile> m_file;
};

} // namespace rd
