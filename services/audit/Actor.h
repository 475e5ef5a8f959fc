#pragma once

#include <QString>

namespace rd {

// Who did it, as every audit entry and step event names it: `user:<name>`, `kiosk:<host>`,
// `cli:<os user>`, `worker:<host>`.
class Actor
{
public:
    enum class Kind { User, Kiosk, CommandLine, Worker };
    enum class Role { None, Operator, Supervisor, Administrator };

    static Actor user(const QString &username, Role role, qint64 userId = 0);
    static Actor kiosk(const QString &host = {});
    static Actor commandLine(const QString &osUser = {});
    // The background worker: it records what AMS and the status services answered to calls a
    // person made, and decides nothing (RequestPermissions).
    static Actor worker(const QString &host = {});

    Kind kind() const { return m_kind; }
    Role role() const { return m_role; }
    QString name() const { return m_name; }
    qint64 userId() const { return m_userId; }
    QString toString() const;

    static QString roleKey(Role role);
    static Role roleFromKey(const QString &key);

private:
    Kind m_kind = Kind::CommandLine;
    Role m_role = Role::None;
    QString m_name;
    qint64 m_userId = 0;
};

} // namespace rd
