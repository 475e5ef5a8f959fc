#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QDateTime>

#include <vector>

namespace rd {

struct UserAccount
{
    qint64 id = 0;
    QString username;
    QString fullName;
    Actor::Role role = Actor::Role::Operator;
    bool active = true;
};

// Workstation accounts (operator, supervisor, administrator) with Argon2id password hashes.
// Only an administrator changes an account (a person may change their own password), except
// while the database has no account at all: then anyone may set it up (its first account, which
// must be an administrator, or the demo data).
class UserAccounts
{
    Q_DECLARE_TR_FUNCTIONS(UserAccounts)

public:
    // Failed log-ins in a row that lock an account, and for how long. Kept in the users table,
    // so the count and the lock hold on every workstation of the database.
    static constexpr int MaxFailedLogins = 5;
    static constexpr int LockoutMinutes = 15;

    // What it writes is stamped with clock's "now".
    explicit UserAccounts(DatabasePtr database, Clock clock = Clock());

    Result<qint64> add(const Actor &actor, const QString &username, const QString &fullName,
                       Actor::Role role, const QString &password);
    // The same insert and audit entry inside the caller's transaction (AuditLog::inTransaction),
    // for a caller that has checked the actor's right itself (the demo seeder).
    Result<qint64> addInTransaction(const Actor &actor, const QString &username,
                                    const QString &fullName, Actor::Role role,
                                    const QString &password);
    Result<void> setPassword(const Actor &actor, const QString &username, const QString &password);
    Result<void> disable(const Actor &actor, const QString &username);
    // The actor for a person who logged in. Otherwise AuthenticationFailed with one message for
    // an unknown name, a wrong password and a disabled account; a locked account is said to be
    // locked, never whether the password was right. Every failure is audited and counts toward
    // the lock-out; a success clears the count. `attempt` is who tried, as the audit log names
    // them (the workstation's OS user).
    Result<Actor> authenticate(const QString &username, const QString &password,
                               const Actor &attempt = Actor::commandLine());
    Result<std::vector<UserAccount>> list() const;
    Result<UserAccount> find(const QString &username) const;
    Result<bool> hasAccounts() const;
    // PermissionDenied unless the database has no account yet or the actor is an administrator:
    // the right to set a database up (first account, demo data).
    Result<void> authorizeSetUp(const Actor &actor) const;

    static QString passwordProblem(const QString &password);
    static QString usernameProblem(const QString &username);
    // Argon2id, encoded with its parameters and salt ($argon2id$v=19$m=...).
    static Result<QString> hashPassword(const QString &password);
    static bool verifyPassword(const QString &encodedHash, const QString &password);

private:
    enum class LoginOutcome { Accepted, Refused, Locked };
    // Counts, locks, clears and audits one log-in; in the caller's transaction.
    Result<LoginOutcome> recordLogin(const Actor &attempt, const QString &username,
                                     bool passwordRight, QDateTime *lockedUntil);

    // One audited UPDATE of an account, in its own transaction; `assignments` is fixed SQL.
    Result<void> changeAccount(const Actor &actor, const QString &username,
                               const QString &assignments, QVariantList values,
                               const QString &auditAction);

    DatabasePtr m_database;
    Clock m_clock;
};

} // namespace rd
