#pragma once

#include "core/Error.h"

#include <QCoreApplication>
#include <QString>

namespace rd {

class AppSettings;

// Where the data lives: `sqlite:PATH` or
// `postgresql://user[:password]@host:port/dbname[?sslmode=MODE&sslrootcert=FILE]`.
class DatabaseUrl
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseUrl)

public:
    enum class Kind { Sqlite, Postgres };

    static Result<DatabaseUrl> parse(const QString &text);
    static DatabaseUrl sqlite(const QString &path);
    // Where this run's data lives: --database > REVOCATION_DESK_DATABASE > the setting
    // database/url > the default file (AppSettings::defaultDatabasePath()).
    static Result<DatabaseUrl> resolve(const QString &commandLineValue,
                                       const AppSettings &settings);

    Kind kind() const { return m_kind; }
    QString sqlitePath() const { return m_path; }
    QString host() const { return m_host; }
    int port() const { return m_port; }
    QString user() const { return m_user; }
    QString password() const { return m_password; }
    QString databaseName() const { return m_databaseName; }
    // As written in the URL (empty when not given) ...
    QString sslModeGiven() const { return m_sslMode; }
    QString sslRootCert() const { return m_sslRootCert; }
    // ... and as used: what the URL says, else verify-full for a host that is not this
    // computer (credentials and the register never cross a network in clear), else libpq's own
    // default (prefer) for loopback and a local socket.
    QString sslMode() const;
    bool isLoopback() const;
    // The QPSQL connect options (QSqlDatabase::setConnectOptions) for this URL.
    QString postgresConnectOptions() const;

    // The URL without its password, safe to print and to keep in the settings.
    QString toDisplayString() const;

private:
    Kind m_kind = Kind::Sqlite;
    QString m_path;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_databaseName;
    QString m_sslMode;
    QString m_sslRootCert;
};

} // namespace rd
