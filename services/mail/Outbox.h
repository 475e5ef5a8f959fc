#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"
#include "mail/MailMessage.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>

#include <optional>
#include <vector>

namespace rd {

// One row of the outbox.
struct OutboxEntry
{
    enum class State { Pending, Sending, Sent, Failed };

    qint64 id = 0;
    qint64 requestId = 0; // 0: not about a request (e.g. a test message)
    QString kind; // revocation_done, completion_needed, rejection, test
    QString language;
    QString messageId;
    QString recipient;
    QString subject;
    State state = State::Pending;
    int attempts = 0;
    QString lastError;
    QString nextAttemptAt;
    QString lastAttemptAt;
    QString createdAt;
    QString sentAt;
    int interruptedSends = 0; // times a crash left it "sending" and it was sent again
    QByteArray message;

    QJsonObject toJson() const; // the keys of `mail list --json` (docs/cli.md)
};

// The durable outbox: every e-mail is a row first, written in the same transaction as the
// change that caused it, and leaves only as "sent" or "failed". Delivery is at least once:
// a row left "sending" by a crash is sent again with the same Message-ID (docs/mail.md).
class Outbox
{
    Q_DECLARE_TR_FUNCTIONS(Outbox)

public:
    static constexpr int MaximumAttempts = 10;

    // The states as outbox.state stores them (and `mail list --state` names them): pending,
    // sending, sent, failed.
    static QStringList states();
    static QString stateKey(OutboxEntry::State state);
    static std::optional<OutboxEntry::State> stateFromKey(const QString &key);

    // Inside the caller's transaction. Builds the message's bytes (and its Message-ID) now, so
    // that every attempt sends the same bytes. Queued, and dated when the message has no date,
    // at clock's "now".
    static Result<qint64> enqueue(const Database &database, MailMessage &message, qint64 requestId,
                                  const QString &kind, const QString &language,
                                  const Clock &clock = Clock());

    // Every row, or those in `state`.
    static Result<std::vector<OutboxEntry>> list(const Database &database,
                                                 std::optional<OutboxEntry::State> state = {});
    static Result<OutboxEntry> find(const Database &database, qint64 id);

    // Each of these is its own transaction.
    // Rows found "sending" when a worker starts were interrupted: back to pending, due now,
    // counted and audited. Returns how many.
    static Result<int> recoverInterrupted(const Database &database, const Actor &actor);
    // Takes the next due row by setting it "sending" (attempts + 1); nothing when none is due.
    static Result<std::optional<OutboxEntry>> claimNextDue(const Database &database,
                                                           const QDateTime &now);
    // The three marks leave "sending" only: a row in any other state is a Conflict and stays
    // as it is (a second worker, or an operator's resend, got there first).
    static Result<void> markSent(const Database &database, const Actor &actor, qint64 id,
                                 const QString &reply);
    // A transient failure: pending again after the back-off, or failed after MaximumAttempts.
    // Returns true when the row is failed now.
    static Result<bool> markRetry(const Database &database, const Actor &actor, qint64 id,
                                  const QString &error);
    static Result<void> markFailed(const Database &database, const Actor &actor, qint64 id,
                                   const QString &error);
    // The operator sends a failed (or waiting) row again now.
    static Result<void> resend(const Database &database, const Actor &actor, qint64 id);

    // 1, 2, 4, ... minutes after the n-th failed attempt, at most an hour.
    static qint64 backOffSeconds(int attempts);
};

} // namespace rd
