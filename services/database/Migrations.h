#pragma once

#include "database/Database.h"

#include <QCoreApplication>
#include <QStringList>

#include <vector>

namespace rd {

struct Migration
{
    int version = 0;
    QString name;
    QStringList sqlite; // statements, run one by one
    QStringList postgres;
};

struct MigrationStatus
{
    int currentVersion = 0;
    int latestVersion = 0;
    QStringList applied; // "0001 initial schema", ...
};

// The schema's history, applied in order, each migration in one transaction and recorded in
// schema_migrations; running it again changes nothing.
class Migrations
{
    Q_DECLARE_TR_FUNCTIONS(Migrations)

public:
    static const std::vector<Migration> &all();
    static int latestVersion();

    // Applies what is missing; returns the versions applied by this call.
    static Result<QList<int>> migrate(const Database &database);
    static Result<MigrationStatus> status(const Database &database);
    // For commands that need the schema: refuses a database that is not migrated.
    static Result<void> requireCurrent(const Database &database);
};

} // namespace rd
