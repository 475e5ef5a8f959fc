#include "database/DatabaseUrl.h"

#include "core/AppSettings.h"

#include <QDir>
#include <QUrl>

namespace rd {

DatabaseUrl DatabaseUrl::sqlite(const QString &path)
{
    DatabaseUrl url;
    url.m_kind = Kind::Sqlite;
    url.m_path = QDir::cleanPath(QDir::current().absoluteFilePath(path));
    return url;
}

Result<DatabaseUrl> DatabaseUrl::parse(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.startsWith(QLatin1String("sqlite:"))) {
        QString path = trimmed.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2);
        if (path.isEmpty())
            return fail(ErrorCode::Usage,
                        tr("The SQLite database URL has no file path: "
                           "write sqlite:/path/to/file.sqlite."),
                        trimmed);
        return sqlite(path);
    }
    if (trimmed.startsWith(QLatin1String("postgresql://"))
        || trimmed.startsWith(QLatin1String("postgres://"))) {
        const QUrl url(trimmed, QUrl::StrictMode);
        const QString name = url.path().mid(1);
        if (!url.isValid() || url.host().isEmpty() || name.isEmpty()
            || name.contains(QLatin1Char('/')) || url.userName().isEmpty()) {
            return fail(ErrorCode::Usage,
                        tr("The PostgreSQL database URL is malformed: write "
                           "postgresql://user[:password]@host:port/dbname."));
        }
        const int port = url.port(5432);
        if (port <= 0 || port > 65535)
            return fail(ErrorCode::Usage, tr("The PostgreSQL port must be between 1 and 65535."));
        DatabaseUrl result;
        result.m_kind = Kind::Postgres;
        result.m_host = url.host();
        result.m_port = port;
        result.m_user = url.userName();
        result.m_password = url.password();
        result.m_databaseName = name;
        return result;
    }
    return fail(ErrorCode::Usage,
                tr("Unknown database URL: use sqlite:PATH or "
                   "postgresql://user[:password]@host:port/dbname."));
}

QString DatabaseUrl::toDisplayString() const
{
    if (m_kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + m_path;
    return QStringLiteral("postgresql://%1@%2:%3/%4")
        .arg(m_user, m_host)
        .arg(m_port)
        .arg(m_databaseName);
}

Result<DatabaseUrl> DatabaseUrl::resolve(const QString &commandLineValue,
                                         const AppSettings &settings)
{
    if (!commandLineValue.isEmpty())
        return parse(commandLineValue);
    const QString fromEnvironment = qEnvironmentVariable("REVOCATION_DESK_DATABASE");
    if (!fromEnvironment.isEmpty())
        return parse(fromEnvironment);
    const QString fromSettings = settings.databaseUrl();
    if (!fromSettings.isEmpty()) {
        auto url = parse(fromSettings);
        if (url && !url->password().isEmpty()) {
            return fail(ErrorCode::Usage,
                        tr("The setting database/url holds a password; remove it and use the "
                           "keychain or PGPASSWORD."));
        }
        return url;
    }
    return sqlite(AppSettings::defaultDatabasePath());
}

} // namespace rd
