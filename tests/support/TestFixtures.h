#pragma once

#include "audit/Actor.h"
#include "database/Database.h"
#include "requests/RequestState.h"

#include <QString>

namespace rd::test {

// Small builders shared by the tests: valid holders and requests in a chosen state.
class TestFixtures
{
public:
    // A NIK that passes IdentityNumbers, unique for n in [0, 250000).
    static QString nik(int n);
    // Inserts a holder (audited) and returns its id; 0 on failure (the test then fails).
    static qint64 addHolder(const DatabasePtr &database, int n, const QString &name = {});
    // Files a request for the holder (state submitted) and returns its id.
    static qint64 fileRequest(const DatabasePtr &database, qint64 holderId);
    // Puts a request straight into a state, bypassing the lifecycle: only for setting up a
    // transition test.
    static bool forceState(const Database &database, qint64 requestId, RequestState state);
    static qint64 count(const Database &database, const QString &table);
    // Everything a refused command must leave as it was, of the database at this URL.
    static QString deskSnapshot(const QString &databaseUrl);
};

} // namespace rd::test
