#include "database/DatabaseUrl.h"

#include "core/AppSettings.h"

#include <QDir>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

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
        const QUrlQuery query(url);
        QString sslMode;
        QString sslRootCert;
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (key == QLatin1String("sslmode")) {
                static const QStringList modes
                    = {QStringLiteral("disable"),   QStringLiteral("allow"),
                       QStringLiteral("prefer"),    QStringLiteral("require"),
                       QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
                if (!modes.contains(value))
                    return fail(
                        ErrorCode::Usage,
                        tr("sslmode must be one of %1.").arg(modes.join(QStringLiteral(", "))));
                sslMode = value;
            } else if (key == QLatin1String("sslrootcert")) {
                // QPSQL joins its options with spaces and has no quoting: a path with a space,
                // a quote or a semicolon would become options of its own.
                static const QRegularExpression plainPath(
                    QRegularExpression::anchoredPattern(QStringLiteral("[^\\s;'\"\\\\]+")));
                if (!plainPath.match(value).hasMatch())
                    return fail(ErrorCode::Usage,
                                tr("sslrootcert must be a file path without spaces, quotes, "
                                   "semicolons or backslashes."));
                sslRootCert = QDir::cleanPath(QDir::current().absoluteFilePath(value));
            } else {
                return fail(ErrorCode::Usage,
                            tr("The PostgreSQL database URL knows the options sslmode and "
                               "sslrootcert, not \"%1\".")
                                .arg(key));
            }
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
        result.m_sslMode = sslMode;
        result.m_sslRootCert = sslRootCert;
        return result;
    }
    return fail(ErrorCode::Usage,
                tr("Unknown database URL: use sqlite:PATH or "
                   "postgresql://user[:password]@host:port/dbname."));
}

bool DatabaseUrl::isLoopback() const
{
    if (m_kind == Kind::Sqlite)
        return true;
    // A folder is libpq's Unix-domain socket: this computer.
    if (m_host.startsWith(QLatin1Char('/')) || m_host == QLatin1String("localhost"))
        return true;
    const QHostAddress address(m_host);
    return !address.isNull() && address.isLoopback();
}

QString DatabaseUrl::sslMode() const
{
    if (!m_sslMode.isEmpty())
        return m_sslMode;
    return isLoopback() ? QString() : QStringLiteral("verify-full");
}

QString DatabaseUrl::postgresConnectOptions() const
{
    QStringList options = {QStringLiteral("connect_timeout=10"),
                           QStringLiteral("application_name=revocation-desk")};
    if (const QString mode = sslMode(); !mode.isEmpty())
        options << QStringLiteral("sslmode=") + mode;
    if (!m_sslRootCert.isEmpty())
        options << QStringLiteral("sslrootcert=") + m_sslRootCert;
    return options.join(QLatin1Char(';'));
}

QString DatabaseUrl::toDisplayString() const
{
    if (m_kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + m_path;
    QString text = QStringLiteral("postgresql://%1@%2:%3/%4")
                       .arg(m_user, m_host)
                       .arg(m_port)
                       .arg(m_databaseName);
    QUrlQuery query;
    if (!m_sslMode.isEmpty())
        query.addQueryItem(QStringLiteral("sslmode"), m_sslMode);
    if (!m_sslRootCert.isEmpty())
        query.addQueryItem(QStringLiteral("sslrootcert"), m_sslRootCert);
    if (!query.isEmpty())
        text += QLatin1Char('?') + query.toString(QUrl::FullyEncoded);
    return text;
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
