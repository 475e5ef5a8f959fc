#include "database/DatabaseRoles.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcRoles, "rd.database.roles", QtWarningMsg)

namespace rd {

namespace {

// PostgreSQL cuts longer names silently, which could make two databases share a role.
constexpr int MaximumIdentifierBytes = 63;

// The kiosk's two functions (migration 7), with the argument types that name them.
const QString s_lookupFunction = QStringLiteral("kiosk_lookup_holder(TEXT, TEXT)");
const QString s_fileFunction = QStringLiteral(
    "kiosk_file_request(TEXT, TEXT, BIGINT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, TEXT, "
    "TEXT, TEXT)");

Result<QStringList> column(const Database &database, const QString &sql,
                           const QVariantList &values = {})
{
    auto query = database.execute(sql, values);
    if (!query)
        return errorOf(query);
    QStringList values_;
    while (query->next())
        values_ << query->value(0).toString();
    return values_;
}

} // namespace

QString DatabaseRoles::quoted(const QString &identifier)
{
    QString inner = identifier;
    inner.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + inner + QLatin1Char('"');
}

Result<DatabaseRoles::Names> DatabaseRoles::namesFor(const QString &databaseName)
{
    Names names {databaseName + QStringLiteral("_owner"),
                 databaseName + QStringLiteral("_operator"),
                 databaseName + QStringLiteral("_kiosk")};
    for (const QString &name : {names.owner, names.operatorRole, names.kiosk}) {
        if (databaseName.isEmpty() || name.toUtf8().size() > MaximumIdentifierBytes) {
            return fail(ErrorCode::InvalidInput,
                        tr("The database name %1 is too long to name its roles after it (at most "
                           "%2 bytes with \"_operator\"); choose a shorter database name.")
                            .arg(databaseName)
                            .arg(MaximumIdentifierBytes));
        }
    }
    return names;
}

Result<DatabaseRoles::Names> DatabaseRoles::apply(const Database &database)
{
    if (database.isSqlite())
        return Names {};
    auto databaseName = database.scalar(QStringLiteral("SELECT current_database()"));
    if (!databaseName)
        return errorOf(databaseName);
    auto names = namesFor(databaseName->toString());
    if (!names)
        return errorOf(names);
    const QString owner = quoted(names->owner);
    const QString operatorRole = quoted(names->operatorRole);
    const QString kiosk = quoted(names->kiosk);

    auto done = database.inTransaction([&]() -> Result<void> {
        // The migrators' lock: two `db migrate` runs never grant across each other.
        if (auto ok = database.execute(QStringLiteral("SELECT pg_advisory_xact_lock(4242001)"));
            !ok)
            return errorOf(ok);
        auto self = database.execute(
            QStringLiteral("SELECT current_user, rolsuper, rolcreaterole, current_schema() "
                           "FROM pg_roles WHERE rolname = current_user"));
        if (!self)
            return errorOf(self);
        if (!self->next())
            return fail(ErrorCode::DatabaseError, tr("The database does not know who we are."));
        const QString me = self->value(0).toString();
        const bool superuser = self->value(1).toBool();
        const bool createRole = self->value(2).toBool();
        const QString schema = quoted(self->value(3).toString());

        QStringList missing;
        for (const QString &role : {names->owner, names->operatorRole, names->kiosk}) {
            auto count = database.scalar(
                QStringLiteral("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?"), {role});
            if (!count)
                return errorOf(count);
            if (count->toInt() == 0)
                missing << role;
        }
        if (!missing.isEmpty() && !superuser && !createRole) {
            return fail(ErrorCode::PermissionDenied,
                        tr("The database roles %1 do not exist, and %2 may not create them. Run "
                           "`revocation-desk-cli db migrate` once as a PostgreSQL superuser, or "
                           "have the database administrator create them with the SQL in "
                           "docs/install.md (\"Database roles\") and run it again.")
                            .arg(missing.join(QStringLiteral(", ")), me));
        }
        for (const QString &role : std::as_const(missing)) {
            // NOLOGIN: nobody logs in until an administrator sets a password (never ours).
            if (auto ok = database.executeUnprepared(QStringLiteral("CREATE ROLE ") + quoted(role)
                                                     + QStringLiteral(" NOLOGIN"));
                !ok)
                return errorOf(ok);
            qCInfo(lcRoles) << "created role" << role;
        }

        // Handing a table to the owner role needs membership in it, unless we are superuser.
        if (!superuser && me != names->owner) {
            auto member = database.scalar(QStringLiteral("SELECT pg_has_role(?, 'MEMBER')"),
                                          {names->owner});
            if (!member)
                return errorOf(member);
            if (!member->toBool()) {
                if (!createRole) {
                    return fail(ErrorCode::PermissionDenied,
                                tr("%1 may not hand the tables to the role %2: run "
                                   "`revocation-desk-cli db migrate` as a PostgreSQL superuser "
                                   "or as %2 (docs/install.md, \"Database roles\").")
                                    .arg(me, names->owner));
                }
                if (auto ok = database.executeUnprepared(QStringLiteral("GRANT ") + owner
                                                         + QStringLiteral(" TO ") + quoted(me));
                    !ok)
                    return errorOf(ok);
            }
        }

        QStringList statements;
        auto ownerMayCreate
            = database.scalar(QStringLiteral("SELECT has_schema_privilege(?, current_schema(), "
                                             "'CREATE')"),
                              {names->owner});
        if (!ownerMayCreate)
            return errorOf(ownerMayCreate);
        if (!ownerMayCreate->toBool())
            statements
                << QStringLiteral("GRANT USAGE, CREATE ON SCHEMA %1 TO %2").arg(schema, owner);

        // Tables and functions of the schema that are not yet the owner role's; what an
        // extension (pg_trgm) brought stays with the extension.
        auto tables
            = column(database, QStringLiteral(R"(SELECT quote_ident(c.relname) FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
  AND pg_get_userbyid(c.relowner) <> ?
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e'))"),
                     {names->owner});
        if (!tables)
            return errorOf(tables);
        for (const QString &table : std::as_const(*tables))
            statements << QStringLiteral("ALTER TABLE %1 OWNER TO %2").arg(table, owner);
        auto functions
            = column(database, QStringLiteral(R"(SELECT p.oid::regprocedure::text FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = current_schema() AND pg_get_userbyid(p.proowner) <> ?
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e'))"),
                     {names->owner});
        if (!functions)
            return errorOf(functions);
        for (const QString &function : std::as_const(*functions))
            statements << QStringLiteral("ALTER FUNCTION %1 OWNER TO %2").arg(function, owner);

        // From nothing to exactly these rights, every time: a right granted by hand goes again.
        statements
            << QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2, %3").arg(schema, operatorRole, kiosk)
            << QStringLiteral("REVOKE ALL ON ALL TABLES IN SCHEMA %1 FROM PUBLIC, %2, %3")
                   .arg(schema, operatorRole, kiosk)
            << QStringLiteral("REVOKE ALL ON ALL SEQUENCES IN SCHEMA %1 FROM PUBLIC, %2, %3")
                   .arg(schema, operatorRole, kiosk)
            // The desk reads and writes; it never deletes (but for proof_checks, below) and
            // never truncates.
            << QStringLiteral("GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA %1 TO %2")
                   .arg(schema, operatorRole)
            << QStringLiteral("REVOKE INSERT, UPDATE ON schema_migrations FROM %1")
                   .arg(operatorRole)
            // The chain: entries are appended, the head moves forward.
            << QStringLiteral("REVOKE UPDATE ON audit_log FROM %1").arg(operatorRole)
            << QStringLiteral("REVOKE INSERT ON audit_checkpoint FROM %1").arg(operatorRole)
            // The one exception: a request's proof schedule goes once the proof is on record
            // (RevocationStep::recordProof); the proof itself stays in verification_results.
            << QStringLiteral("GRANT DELETE ON proof_checks TO %1").arg(operatorRole)
            // Only the kiosk function fills kiosk_filings; the desk takes rows in.
            << QStringLiteral("REVOKE INSERT ON kiosk_filings FROM %1").arg(operatorRole)
            // The kiosk checks that it knows the schema before it opens.
            << QStringLiteral("GRANT SELECT ON schema_migrations TO %1").arg(kiosk);
        for (const QString &function : {s_lookupFunction, s_fileFunction}) {
            statements << QStringLiteral("REVOKE ALL ON FUNCTION %1 FROM PUBLIC").arg(function)
                       << QStringLiteral("GRANT EXECUTE ON FUNCTION %1 TO %2").arg(function, kiosk);
        }
        for (const QString &statement : std::as_const(statements)) {
            if (auto ok = database.executeUnprepared(statement); !ok) {
                return fail(ok.error().code == ErrorCode::PermissionDenied
                                ? ErrorCode::PermissionDenied
                                : ErrorCode::MigrationFailed,
                            tr("The rights of the database roles could not be set (%1): run "
                               "`revocation-desk-cli db migrate` as a PostgreSQL superuser or as "
                               "%2 (docs/install.md, \"Database roles\").")
                                .arg(statement, names->owner),
                            ok.error().detail);
            }
        }
        return {};
    });
    if (!done)
        return errorOf(done);
    return names;
}

} // namespace rd
