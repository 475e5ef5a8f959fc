#include "mail/OutboxWorker.h"

#include "core/Clock.h"
#include "core/NetworkHost.h"
#include "database/JobLock.h"
#include "mail/MailMessage.h"
#include "mail/Outbox.h"
#include "mail/SmtpClient.h"
#include "users/OfficeSettings.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOutbox, "rd.mail.outbox", QtInfoMsg)

namespace rd {

namespace {

// Session-level advisory lock held by the one worker that sends (the migrator uses 4242001).
constexpr qint64 AdvisoryLockKey = 4242005;

} // namespace

OutboxWorker::OutboxWorker(DatabasePtr database, MailSettings settings, Actor actor)
    : m_database(std::move(database))
    , m_settings(std::move(settings))
    , m_actor(std::move(actor))
{ }

Result<OutboxRun> OutboxWorker::flush()
{
    const QString busy = tr("Another outbox worker (mail flush) is sending for this database; "
                            "try again when it has finished.");
    auto lock = JobLock::acquire(m_database, QStringLiteral("outbox"), AdvisoryLockKey, busy);
    if (!lock)
        return errorOf(lock);
    return flushLocked();
}

Result<void> OutboxWorker::checkDemoRelay() const
{
    auto demo = OfficeSettings(m_database).isDemoDatabase();
    if (!demo)
        return errorOf(demo);
    if (*demo && !NetworkHost::isLoopback(m_settings.host))
        return fail(ErrorCode::PermissionDenied,
                    tr("This database holds demo data, so its e-mails are sent only to an SMTP "
                       "server on this machine (localhost, 127.0.0.1 or ::1), never to %1: "
                       "demo addresses are made up and must not reach a real mail server. "
                       "Nothing was sent; the e-mails stay in the outbox.")
                        .arg(m_settings.host));
    return {};
}

Result<OutboxRun> OutboxWorker::flushLocked()
{
    OutboxRun run;
    const Database &db = *m_database;
    if (!m_recovered) {
        auto recovered = Outbox::recoverInterrupted(db, m_actor);
        if (!recovered)
            return errorOf(recovered);
        run.recovered = *recovered;
        m_recovered = true;
        if (run.recovered > 0)
            qCWarning(lcOutbox) << run.recovered
                                << "e-mail(s) were interrupted while sending; sending again";
    }
    // Settings and password first: a desk without mail settings leaves every row untouched.
    if (auto ok = m_settings.validate(); !ok)
        return errorOf(ok);
    if (auto ok = checkDemoRelay(); !ok)
        return errorOf(ok);
    auto password = m_settings.password();
    if (!password)
        return errorOf(password);

    // Rows that fail now get a later next_attempt_at, so the loop ends.
    const QDateTime now = Clock::currentUtc();
    while (true) {
        auto claimed = Outbox::claimNextDue(db, now);
        if (!claimed)
            return errorOf(claimed);
        if (!claimed->has_value())
            break;
        const OutboxEntry &entry = **claimed;
        // Checked again here, not only when it was queued: a row written by an older version or
        // straight into the table must not put a line break into the SMTP conversation.
        if (auto address = MailMessage::checkAddress(entry.recipient); !address) {
            const QString reason = tr("The recipient address is not one the desk can send to; "
                                      "correct the request's e-mail address and queue it again.");
            run.problems << tr("e-mail %1: %2").arg(entry.id).arg(reason);
            if (auto ok = Outbox::markFailed(db, m_actor, entry.id, reason); !ok)
                return errorOf(ok);
            ++run.failed;
            continue;
        }
        SmtpClient client(m_settings, *password);
        auto delivered = client.send(m_settings.senderAddress, {entry.recipient}, entry.message);
        if (delivered) {
            if (auto ok = Outbox::markSent(db, m_actor, entry.id, delivered->reply); !ok)
                return errorOf(ok);
            ++run.sent;
            continue;
        }
        const SmtpFailure &failure = delivered.error();
        const QString reason = failure.error.message;
        run.problems << tr("e-mail %1 to %2: %3").arg(entry.id).arg(entry.recipient, reason);
        if (failure.permanent) {
            if (auto ok = Outbox::markFailed(db, m_actor, entry.id, reason); !ok)
                return errorOf(ok);
            ++run.failed;
        } else {
            auto nowFailed = Outbox::markRetry(db, m_actor, entry.id, reason);
            if (!nowFailed)
                return errorOf(nowFailed);
            ++(*nowFailed ? run.failed : run.retried);
            // The server cannot be reached: the other rows would only wait for the same
            // timeout; they stay as they are for the next flush.
            if (failure.replyCode == 0)
                break;
        }
    }
    return run;
}

} // namespace rd
