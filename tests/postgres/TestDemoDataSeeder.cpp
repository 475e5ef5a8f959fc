#include "TestDatabase.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "demo/DemoCertificateAuthority.h"
#include "demo/DemoDataSeeder.h"
#include "register/IdentityNumbers.h"
#include "requests/RequestState.h"

#include <QtTest>

#include <map>

using namespace rd;

// The demo seeding on PostgreSQL: the same register, requests and audit chain as on SQLite, at
// the smallest size that still fills every request state. Fails (never skips) without the server
// that scripts/test starts.
class TestDemoDataSeeder : public QObject
{
    Q_OBJECT

private slots:
    void seedsEveryStateOnPostgres();
};

namespace {

qint64 countOf(const Database &database, const QString &table)
{
    auto value = database.scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table);
    return value ? value->toLongLong() : -1;
}

std::map<QString, qint64> counts(const Database &database)
{
    std::map<QString, qint64> result;
    for (const char *table : {"holders", "tenures", "certificates", "users", "revocation_requests",
                              "request_events", "audit_log", "agenda_counters"})
        result[QString::fromLatin1(table)] = countOf(database, QString::fromLatin1(table));
    return result;
}

} // namespace

void TestDemoDataSeeder::seedsEveryStateOnPostgres()
{
    RD_OPEN_DATABASE(test, test::TestDatabase::Engine::Postgres);
    const DatabasePtr db = test->database();
    const Actor actor = Actor::commandLine(QStringLiteral("demo"));

    auto seeded = DemoDataSeeder::seed(db, actor, DemoDataSeeder::DefaultSeed,
                                       DemoDataSeeder::MinimumHolderCount);
    RD_VERIFY_RESULT(seeded);
    QCOMPARE(seeded->holders, DemoDataSeeder::MinimumHolderCount);
    QCOMPARE(countOf(*db, QStringLiteral("holders")), qint64(seeded->holders));
    QCOMPARE(countOf(*db, QStringLiteral("certificates")), qint64(seeded->certificates));
    QVERIFY(seeded->requests >= 40);
    QVERIFY(seeded->users >= 4);

    auto states = db->execute(
        QStringLiteral("SELECT state, COUNT(*) FROM revocation_requests GROUP BY state"));
    RD_VERIFY_RESULT(states);
    std::map<QString, int> byState;
    while (states->next())
        byState[states->value(0).toString()] = states->value(1).toInt();
    for (RequestState state : RequestStates::all())
        QVERIFY2(byState[RequestStates::key(state)] > 0, qPrintable(RequestStates::key(state)));
    QCOMPARE(byState, seeded->requestsByState);

    auto people = db->execute(QStringLiteral("SELECT nik, nip FROM holders"));
    RD_VERIFY_RESULT(people);
    while (people->next()) {
        QVERIFY2(IdentityNumbers::isValidNik(people->value(0).toString()),
                 qPrintable(people->value(0).toString()));
        if (!people->value(1).isNull())
            QVERIFY2(IdentityNumbers::isValidNip(people->value(1).toString()),
                     qPrintable(people->value(1).toString()));
    }

    // BYTEA round-trips the DER unchanged.
    auto certificates = db->execute(
        QStringLiteral("SELECT der, sha256_fingerprint, subject_dn FROM certificates"));
    RD_VERIFY_RESULT(certificates);
    int parsed = 0;
    while (certificates->next()) {
        auto described = DemoCertificateAuthority::describe(certificates->value(0).toByteArray());
        RD_VERIFY_RESULT(described);
        QCOMPARE(described->sha256Fingerprint, certificates->value(1).toString());
        QCOMPARE(described->subjectDn, certificates->value(2).toString());
        ++parsed;
    }
    QCOMPARE(parsed, seeded->certificates);

    auto verified = AuditLog::verify(*db);
    RD_VERIFY_RESULT(verified);
    QVERIFY2(verified->intact(), qPrintable(verified->explanation));

    const auto before = counts(*db);
    // Once the database has accounts, seeding is an administrator's; the register refuses it.
    auto anonymous = DemoDataSeeder::seed(db, actor);
    QVERIFY(!anonymous);
    QCOMPARE(anonymous.error().code, ErrorCode::PermissionDenied);
    auto again
        = DemoDataSeeder::seed(db, Actor::user(QStringLiteral("root"), Actor::Role::Administrator));
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QCOMPARE(counts(*db), before);
}

QTEST_GUILESS_MAIN(TestDemoDataSeeder)
#include "TestDemoDataSeeder.moc"
