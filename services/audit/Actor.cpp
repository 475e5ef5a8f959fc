#include "audit/Actor.h"

#include <QSysInfo>

#include <pwd.h>
#include <unistd.h>

namespace rd {

Actor Actor::user(const QString &username, Role role, qint64 userId)
{
    Actor actor;
    actor.m_kind = Kind::User;
    actor.m_role = role;
    actor.m_name = username;
    actor.m_userId = userId;
    return actor;
}

Actor Actor::kiosk(const QString &host)
{
    Actor actor;
    actor.m_kind = Kind::Kiosk;
    actor.m_name = host.isEmpty() ? QSysInfo::machineHostName() : host;
    return actor;
}

Actor Actor::commandLine(const QString &osUser)
{
    Actor actor;
    actor.m_kind = Kind::CommandLine;
    // A shell is no proof of who sits at it: without a log-in (`--user`) the command line reads
    // and files, as the kiosk does, and nothing more.
    actor.m_role = Role::None;
    QString name = osUser;
    // The account the process runs as, not $USER, which anyone may set to another name.
    if (name.isEmpty()) {
        if (const passwd *account = getpwuid(geteuid()); account && account->pw_name)
            name = QString::fromLocal8Bit(account->pw_name);
    }
    if (name.isEmpty())
        name = QStringLiteral("unknown");
    actor.m_name = name;
    return actor;
}

Actor Actor::worker(const QString &host)
{
    Actor actor;
    actor.m_kind = Kind::Worker;
    actor.m_name = host.isEmpty() ? QSysInfo::machineHostName() : host;
    return actor;
}

QString Actor::toString() const
{
    switch (m_kind) {
    case Kind::User:
        return QStringLiteral("user:") + m_name;
    case Kind::Kiosk:
        return QStringLiteral("kiosk:") + m_name;
    case Kind::CommandLine:
        return QStringLiteral("cli:") + m_name;
    case Kind::Worker:
        return QStringLiteral("worker:") + m_name;
    }
    return m_name;
}

QString Actor::roleKey(Role role)
{
    switch (role) {
    case Role::Operator:
        return QStringLiteral("operator");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Administrator:
        return QStringLiteral("administrator");
    case Role::None:
        break;
    }
    return {};
}

Actor::Role Actor::roleFromKey(const QString &key)
{
    if (key == QLatin1String("operator"))
        return Role::Operator;
    if (key == QLatin1String("supervisor"))
        return Role::Supervisor;
    if (key == QLatin1String("administrator"))
        return Role::Administrator;
    return Role::None;
}

} // namespace rd
