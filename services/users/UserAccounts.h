#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"

#include <QCoreApplication>

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
class UserAccounts
{
    Q_DECLARE_TR_FUNCTIONS(UserAccounts)

public:
    // What it writes is stamped with clock's "now".
    explicit UserAccounts(DatabasePtr database, Clock clock = Clock());

    Result<qint64> add(const Actor &actor, const QString &username, const QString &fullName,
                       Actor::Role role, const QString &password);
    Result<void> setPassword(const Actor &actor, const QString &username, const QString &password);
    Result<void> disable(const Actor &actor, const QString &username);
    // The actor for a person who logged in; AuthenticationFailed otherwise (same message for an
    // unknown name and a wrong password).
    Result<Actor> authenticate(const QString &username, const QString &password) const;
    Result<std::vector<UserAccount>> list() const;
    Result<UserAccount> find(const QString &username) const;

    static QString passwordProblem(const QString &password);
    static QString usernameProblem(const QString &username);
    // Argon2id, encoded with its parameters and salt ($argon2id$v=19$m=...).
    static Result<QString> hashPassword(const QString &password);
    static bool verifyPassword(const QString &encodedHash, const QString &password);

private:
    // One audited UPDATE of an account, in its own transaction; `assignments` is fixed SQL.
    Result<void> changeAccount(const Actor &actor, const QString &username,
                               const QString &assignments, QVariantList values,
                               const QString &auditAction);

    DatabasePtr m_database;
    Clock m_clock;
};

} // namespace rd
