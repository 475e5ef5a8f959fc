#pragma once

#include "audit/Actor.h"
#include "database/Database.h"
#include "mail/MailSettings.h"

#include <QCoreApplication>
#include <QStringList>

namespace rd {

struct OutboxRun
{
    int recovered = 0; // rows found "sending" from an interrupted run, queued again
    int sent = 0;
    int retried = 0; // transient failure: pending again, later
    int failed = 0; // failed for good (5xx, too big, too many attempts)
    QStringList problems; // "id N: reason", one per row that was not sent

    bool allSent() const { return retried == 0 && failed == 0; }
};

// Sends what is due in the outbox: one row at a time, each claimed in its own transaction
// before the SMTP conversation and marked after it, so that a crash in between leaves the row
// "sending" for the next start to send again (at least once).
class OutboxWorker
{
    Q_DECLARE_TR_FUNCTIONS(OutboxWorker)

public:
    OutboxWorker(DatabasePtr database, MailSettings settings, Actor actor);

    // The first call also resolves rows left "sending" by a crash. Only one worker per
    // database sends at a time (a lock file beside an SQLite database, an advisory lock on
    // PostgreSQL); a second one gets a Conflict and touches nothing, so it cannot take a row
    // that is really being sent for an interrupted one.
    Result<OutboxRun> flush();

private:
    Result<OutboxRun> flushLocked();
    // A database marked as a demo (OfficeSettings::isDemoDatabase) mails only a server on this
    // machine.
    Result<void> checkDemoRelay() const;

    DatabasePtr m_database;
    MailSettings m_settings;
    Actor m_actor;
    bool m_recovered = false;
};

} // namespace rd
