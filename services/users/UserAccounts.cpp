#include "users/UserAccounts.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"

#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

#include <argon2.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace rd {

namespace {

// OWASP's Argon2id baseline (m = 19 MiB, t = 2, p = 1): about 50 ms on a regency PC.
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kParallelism = 1;
constexpr size_t kSaltLength = 16;
constexpr size_t kHashLength = 32;

UserAccount readAccount(const QSqlQuery &query)
{
    UserAccount account;
    account.id = query.value(0).toLongLong();
    account.username = query.value(1).toString();
    account.fullName = query.value(2).toString();
    account.role = Actor::roleFromKey(query.value(3).toString());
    account.active = query.value(4).toInt() != 0;
    return account;
}

const QString s_columns = QStringLiteral("id, username, full_name, role, active");

} // namespace

UserAccounts::UserAccounts(DatabasePtr database, Clock clock)
    : m_database(std::move(database))
    , m_clock(std::move(clock))
{ }

QString UserAccounts::passwordProblem(const QString &password)
{
    if (password.size() < 10)
        return tr("A password needs at least 10 characters.");
    if (password.size() > 256)
        return tr("A password may have at most 256 characters.");
    return {};
}

QString UserAccounts::usernameProblem(const QString &username)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z][a-z0-9._-]{1,31}")));
    if (!pattern.match(username).hasMatch())
        return tr("A user name has 2 to 32 lower-case letters, digits, '.', '_' or '-', and "
                  "starts with a letter.");
    return {};
}

Result<QString> UserAccounts::hashPassword(const QString &password)
{
    unsigned char salt[kSaltLength];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return fail(ErrorCode::Crypto, tr("The system's random number generator failed."));
    QByteArray utf8 = password.toUtf8();
    const size_t encodedLength = argon2_encodedlen(kTimeCost, kMemoryKiB, kParallelism, kSaltLength,
                                                   kHashLength, Argon2_id);
    QByteArray encoded(qsizetype(encodedLength), '\0');
    const int status = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kParallelism, utf8.constData(),
                                             size_t(utf8.size()), salt, sizeof salt, kHashLength,
                                             encoded.data(), encodedLength);
    OPENSSL_cleanse(utf8.data(), size_t(utf8.size()));
    if (status != ARGON2_OK)
        return fail(ErrorCode::Crypto, tr("The password could not be hashed."),
                    QString::fromLatin1(argon2_error_message(status)));
    return QString::fromLatin1(encoded.constData()); // stops at the terminating NUL
}

bool UserAccounts::verifyPassword(const QString &encodedHash, const QString &password)
{
    const QByteArray encoded = encodedHash.toLatin1();
    QByteArray utf8 = password.toUtf8();
    const bool ok
        = argon2id_verify(encoded.constData(), utf8.constData(), size_t(utf8.size())) == ARGON2_OK;
    OPENSSL_cleanse(utf8.data(), size_t(utf8.size()));
    return ok;
}

Result<qint64> UserAccounts::add(const Actor &actor, const QString &username,
                                 const QString &fullName, Actor::Role role, const QString &password)
{
    if (const QString why = usernameProblem(username); !why.isEmpty())
        return fail(ErrorCode::InvalidInput, why);
    if (fullName.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Give the person's full name."));
    if (role == Actor::Role::None)
        return fail(ErrorCode::InvalidInput,
                    tr("The role must be operator, supervisor or administrator."));
    if (const QString why = passwordProblem(password); !why.isEmpty())
        return fail(ErrorCode::InvalidInput, why);
    return AuditLog::inTransaction(*m_database, [&]() -> Result<qint64> {
        if (actor.role() != Actor::Role::Administrator) {
            // Under the chain's lock, so that two first accounts cannot both find no account.
            auto any = hasAccounts();
            if (!any)
                return errorOf(any);
            if (*any)
                return fail(ErrorCode::PermissionDenied,
                            tr("Only an administrator adds accounts."));
            if (role != Actor::Role::Administrator)
                return fail(ErrorCode::InvalidInput,
                            tr("The first account must be an administrator, who then adds the "
                               "others."));
        }
        return addInTransaction(actor, username, fullName, role, password);
    });
}

Result<qint64> UserAccounts::addInTransaction(const Actor &actor, const QString &username,
                                              const QString &fullName, Actor::Role role,
                                              const QString &password)
{
    if (const QString why = usernameProblem(username); !why.isEmpty())
        return fail(ErrorCode::InvalidInput, why);
    if (role == Actor::Role::None)
        return fail(ErrorCode::InvalidInput,
                    tr("The role must be operator, supervisor or administrator."));
    if (const QString why = passwordProblem(password); !why.isEmpty())
        return fail(ErrorCode::InvalidInput, why);
    auto hash = hashPassword(password);
    if (!hash)
        return errorOf(hash);
    const QString now = Clock::toIsoUtc(m_clock.now());
    auto id = m_database->scalar(
        QStringLiteral("INSERT INTO users (username, full_name, role, password_hash, active, "
                       "created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?) RETURNING id"),
        {username, fullName.trimmed(), Actor::roleKey(role), *hash, now, now});
    if (!id) {
        if (id.error().code == ErrorCode::Conflict)
            return fail(ErrorCode::Conflict, tr("The user %1 exists already.").arg(username));
        return errorOf(id);
    }
    auto audit = AuditLog::append(
        *m_database, actor, QStringLiteral("user.add"), QStringLiteral("user"), username,
        QJsonObject {{QStringLiteral("role"), Actor::roleKey(role)}}, m_clock);
    if (!audit)
        return errorOf(audit);
    return id->toLongLong();
}

Result<void> UserAccounts::setPassword(const Actor &actor, const QString &username,
                                       const QString &password)
{
    const bool own = actor.kind() == Actor::Kind::User && actor.name() == username;
    if (!own && actor.role() != Actor::Role::Administrator)
        return fail(ErrorCode::PermissionDenied,
                    tr("Only an administrator sets another person's password."));
    if (const QString why = passwordProblem(password); !why.isEmpty())
        return fail(ErrorCode::InvalidInput, why);
    auto hash = hashPassword(password);
    if (!hash)
        return errorOf(hash);
    return changeAccount(actor, username, QStringLiteral("password_hash = ?"), {*hash},
                         QStringLiteral("user.password"));
}

Result<void> UserAccounts::disable(const Actor &actor, const QString &username)
{
    if (actor.role() != Actor::Role::Administrator)
        return fail(ErrorCode::PermissionDenied, tr("Only an administrator disables accounts."));
    return changeAccount(actor, username, QStringLiteral("active = 0"), {},
                         QStringLiteral("user.disable"));
}

Result<void> UserAccounts::changeAccount(const Actor &actor, const QString &username,
                                         const QString &assignments, QVariantList values,
                                         const QString &auditAction)
{
    return AuditLog::inTransaction(*m_database, [&]() -> Result<void> {
        values << Clock::toIsoUtc(m_clock.now()) << username;
        auto updated
            = m_database->execute(QStringLiteral("UPDATE users SET ") + assignments
                                      + QStringLiteral(", updated_at = ? WHERE username = ?"),
                                  values);
        if (!updated)
            return errorOf(updated);
        if (updated->numRowsAffected() != 1)
            return fail(ErrorCode::NotFound, tr("There is no user %1.").arg(username));
        auto audit = AuditLog::append(*m_database, actor, auditAction, QStringLiteral("user"),
                                      username, {}, m_clock);
        if (!audit)
            return errorOf(audit);
        return {};
    });
}

Result<Actor> UserAccounts::authenticate(const QString &username, const QString &password,
                                         const Actor &attempt)
{
    auto query = m_database->execute(
        QStringLiteral("SELECT id, role, password_hash FROM users WHERE username = ?"), {username});
    if (!query)
        return errorOf(query);
    const bool found = query->next();
    const qint64 id = found ? query->value(0).toLongLong() : 0;
    const Actor::Role role
        = found ? Actor::roleFromKey(query->value(1).toString()) : Actor::Role::None;
    // Verify against a real hash even for an unknown name, so timing does not tell names apart;
    // and before anything else, so that a locked account takes as long as any other.
    static const QString decoy
        = hashPassword(QStringLiteral("decoy-password-never-used")).value_or(QString());
    const QString hash = found ? query->value(2).toString() : decoy;
    query->finish(); // no statement left open while the transaction writes
    const bool passwordRight = verifyPassword(hash, password) && found;
    QDateTime lockedUntil;
    auto outcome = AuditLog::inTransaction(
        *m_database, [&]() { return recordLogin(attempt, username, passwordRight, &lockedUntil); });
    if (!outcome)
        return errorOf(outcome);
    switch (*outcome) {
    case LoginOutcome::Accepted:
        return Actor::user(username, role, id);
    case LoginOutcome::Locked: {
        const qint64 seconds = m_clock.now().secsTo(lockedUntil);
        return fail(ErrorCode::AuthenticationFailed,
                    tr("The account %1 is locked after too many failed log-ins; try again in %n "
                       "minute(s).",
                       nullptr, int(std::max<qint64>(1, (seconds + 59) / 60)))
                        .arg(username));
    }
    case LoginOutcome::Refused:
        break;
    }
    return fail(ErrorCode::AuthenticationFailed,
                tr("The user name or password is wrong, or the account is disabled."));
}

Result<UserAccounts::LoginOutcome> UserAccounts::recordLogin(const Actor &attempt,
                                                             const QString &username,
                                                             bool passwordRight,
                                                             QDateTime *lockedUntil)
{
    // Read again under the chain's lock: two workstations counting at once must not lose one.
    auto query = m_database->execute(QStringLiteral("SELECT active, failed_logins, locked_until "
                                                    "FROM users WHERE username = ?"),
                                     {username});
    if (!query)
        return errorOf(query);
    const QDateTime now = m_clock.now();
    auto refused = [&](const QString &reason, QJsonObject details = {}) -> Result<void> {
        details.insert(QStringLiteral("reason"), reason);
        // A name that is no user name (a password typed in the wrong field) is not recorded.
        const QString entity = usernameProblem(username).isEmpty() ? username : QString();
        auto audit = AuditLog::append(*m_database, attempt, QStringLiteral("user.login_failed"),
                                      QStringLiteral("user"), entity, details, m_clock);
        if (!audit)
            return errorOf(audit);
        return {};
    };
    if (!query->next()) {
        if (auto ok = refused(QStringLiteral("unknown_user")); !ok)
            return errorOf(ok);
        return LoginOutcome::Refused;
    }
    const bool active = query->value(0).toInt() != 0;
    const int failures = query->value(1).toInt();
    const QDateTime until = Clock::fromIsoUtc(query->value(2).toString());
    if (until.isValid() && until > now) {
        *lockedUntil = until;
        if (auto ok = refused(QStringLiteral("locked")); !ok)
            return errorOf(ok);
        return LoginOutcome::Locked;
    }
    if (!active) {
        if (auto ok = refused(QStringLiteral("disabled")); !ok)
            return errorOf(ok);
        return LoginOutcome::Refused;
    }
    if (!passwordRight) {
        const int count = failures + 1;
        const bool lock = count >= MaxFailedLogins;
        const QDateTime lockEnd = now.addSecs(qint64(LockoutMinutes) * 60);
        // The count starts again once the lock is set, so the lock ends with the next
        // MaxFailedLogins tries.
        auto updated = m_database->execute(
            QStringLiteral("UPDATE users SET failed_logins = ?, locked_until = ? "
                           "WHERE username = ?"),
            {lock ? 0 : count, lock ? QVariant(Clock::toIsoUtc(lockEnd)) : QVariant(), username});
        if (!updated)
            return errorOf(updated);
        if (auto ok
            = refused(QStringLiteral("wrong_password"), {{QStringLiteral("failed_logins"), count}});
            !ok)
            return errorOf(ok);
        if (!lock)
            return LoginOutcome::Refused;
        auto audit = AuditLog::append(
            *m_database, attempt, QStringLiteral("user.locked"), QStringLiteral("user"), username,
            QJsonObject {{QStringLiteral("failed_logins"), count},
                         {QStringLiteral("locked_until"), Clock::toIsoUtc(lockEnd)}},
            m_clock);
        if (!audit)
            return errorOf(audit);
        *lockedUntil = lockEnd;
        return LoginOutcome::Locked;
    }
    if (failures > 0 || until.isValid()) {
        auto cleared = m_database->execute(
            QStringLiteral("UPDATE users SET failed_logins = 0, locked_until = NULL "
                           "WHERE username = ?"),
            {username});
        if (!cleared)
            return errorOf(cleared);
        auto audit = AuditLog::append(
            *m_database, attempt, QStringLiteral("user.login"), QStringLiteral("user"), username,
            QJsonObject {{QStringLiteral("cleared_failed_logins"), failures}}, m_clock);
        if (!audit)
            return errorOf(audit);
    }
    return LoginOutcome::Accepted;
}

Result<std::vector<UserAccount>> UserAccounts::list() const
{
    auto query = m_database->execute(QStringLiteral("SELECT ") + s_columns
                                     + QStringLiteral(" FROM users ORDER BY username"));
    if (!query)
        return errorOf(query);
    std::vector<UserAccount> accounts;
    while (query->next())
        accounts.push_back(readAccount(*query));
    return accounts;
}

Result<UserAccount> UserAccounts::find(const QString &username) const
{
    auto query = m_database->execute(QStringLiteral("SELECT ") + s_columns
                                         + QStringLiteral(" FROM users WHERE username = ?"),
                                     {username});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound, tr("There is no user %1.").arg(username));
    return readAccount(*query);
}

Result<bool> UserAccounts::hasAccounts() const
{
    auto count = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM users"));
    if (!count)
        return errorOf(count);
    return count->toLongLong() > 0;
}

Result<void> UserAccounts::authorizeSetUp(const Actor &actor) const
{
    if (actor.role() == Actor::Role::Administrator)
        return {};
    auto any = hasAccounts();
    if (!any)
        return errorOf(any);
    if (*any)
        return fail(ErrorCode::PermissionDenied,
                    tr("This database has accounts: only an administrator can do this."));
    return {};
}

} // namespace rd
