#pragma once

#include "database/Database.h"

#include <QCoreApplication>
#include <QString>

namespace rd {

// The PostgreSQL roles of one database, named after it so that two databases on one server
// keep apart (roles are cluster-wide): `<database>_owner` owns the tables, `<database>_operator`
// is what the workbench and the CLI log in as (reads and writes, but only appends to the audit
// log, never TRUNCATE, never DELETE there, and not the owner, so no ALTER or DROP of a table or
// trigger), `<database>_kiosk` may only call the kiosk's two functions. All are made NOLOGIN:
// people give them a password or a login role (docs/install.md). SQLite has no roles.
class DatabaseRoles
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseRoles)

public:
    struct Names
    {
        QString owner;
        QString operatorRole;
        QString kiosk;
    };

    static Result<Names> namesFor(const QString &databaseName);

    // Creates the missing roles, hands every table and function of the schema to the owner role
    // and grants the others exactly their rights, taking away whatever else they had. Runs after
    // every migration, so a table a later migration adds gets its grants too; running it again
    // changes nothing. Needs a superuser, or a role with CREATEROLE that may become the owner, or
    // the owner role itself once the roles exist. Does nothing on SQLite.
    static Result<Names> apply(const Database &database);

    // "name" with its quotes doubled, for statements that cannot take a bound name.
    static QString quoted(const QString &identifier);
};

} // namespace rd
