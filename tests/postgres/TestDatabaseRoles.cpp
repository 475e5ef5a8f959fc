#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "database/DatabaseRoles.h"
#include "database/Migrations.h"
#include "demo/DemoDataSeeder.h"
#include "requests/KioskFilings.h"
#include "requests/KioskIntake.h"
#include "requests/RevocationRequestRepository.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlRecord>
#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;
using rd::test::TestFixtures;

// The PostgreSQL roles `db migrate` sets up (docs/install.md, "Database roles"): the kiosk's role
// reaches the register only through its two functions, the desk's role works but cannot rewrite
// the audit log or alter a table. Each test logs in as the role itself, as a workstation would.
class TestDatabaseRoles : public QObject
{
    Q_OBJECT

private slots:
    void kioskRoleCannotReadTheRegisterOrTheQueue();
    void lookupGivesOnlyWhatTheKioskShows();
    void kioskFilesAndTheDeskTakesItIn();
    void intakeRefusesWhatTheRulesRefuse();
    void operatorCannotRewriteTheAuditLogOrAlterTables();
    void operatorDoesTheDeskWork();
    void migrateRestoresTheRightsItGrants();
    void migrateWithoutCreateRoleSaysWhatToDo();
};

namespace {

const QString s_password = QStringLiteral("only-for-this-test");

// As docs/install.md shows: the administrator lets the role log in with a password.
DatabasePtr logInAs(const TestDatabase &test, const QString &role)
{
    if (!test.database()
        || !test.database()->executeUnprepared(
            QStringLiteral("ALTER ROLE ") + DatabaseRoles::quoted(role)
            + QStringLiteral(" LOGIN PASSWORD '") + s_password + QLatin1Char('\'')))
        return {};
    auto url = DatabaseUrl::parse(test.url());
    if (!url)
        return {};
    auto asRole = DatabaseUrl::parse(QStringLiteral("postgresql://%1:%2@%3:%4/%5")
                                         .arg(role, s_password, url->host())
                                         .arg(url->port())
                                         .arg(url->databaseName()));
    if (!asRole)
        return {};
    auto database = Database::open(*asRole);
    return database ? *database : DatabasePtr();
}

DatabaseRoles::Names rolesOf(const TestDatabase &test)
{
    auto url = DatabaseUrl::parse(test.url());
    auto names = DatabaseRoles::namesFor(url ? url->databaseName() : QString());
    return names ? *names : DatabaseRoles::Names {};
}

qint64 addCertificate(const Database &database, qint64 holderId, const QString &serial,
                      const QString &status)
{
    auto id = database.scalar(
        QStringLiteral("INSERT INTO certificates (holder_id, serial_hex, issuer_dn, subject_dn, "
                       "not_before, not_after, sha256_fingerprint, status, created_at) "
                       "VALUES (?, ?, 'CN=OSD BSrE', ?, '2026-01-05T00:00:00.000Z', "
                       "'2028-01-05T00:00:00.000Z', ?, ?, '2026-01-05T00:00:00.000Z') "
                       "RETURNING id"),
        {holderId, serial, QStringLiteral("CN=Pemegang Uji,O=Pemerintah Kabupaten Natuna"),
         QString(QStringLiteral("fp-") + serial), status});
    return id ? id->toLongLong() : 0;
}

NewRevocationRequest kioskRequest()
{
    NewRevocationRequest request;
    request.reason = RevocationReason::KeyCompromised;
    request.reasonText = QStringLiteral("Token hilang di pelabuhan");
    request.channel = QStringLiteral("kiosk");
    request.applicantEmail = QStringLiteral("pemegang7@natunakab.go.id");
    request.applicantLanguage = QStringLiteral("id");
    return request;
}

#define RD_VERIFY_DENIED(expr)                                                                     \
    do {                                                                                           \
        const auto rd_denied_ = (expr);                                                            \
        QVERIFY2(!rd_denied_, "the statement was allowed: " #expr);                                \
        QVERIFY2(rd_denied_.error().code == ErrorCode::PermissionDenied,                           \
                 qPrintable(rd::test::describeError(rd_denied_.error())));                         \
    } while (false)

} // namespace

void TestDatabaseRoles::kioskRoleCannotReadTheRegisterOrTheQueue()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Postgres);
    QVERIFY(TestFixtures::addHolder(test->database(), 7) > 0);
    const DatabasePtr kiosk = logInAs(*test, rolesOf(*test).kiosk);
    QVERIFY(kiosk);

    for (const char *table :
         {"holders", "certificates", "tenures", "revocation_requests", "request_events",
          "audit_log", "audit_checkpoint", "users", "outbox", "kiosk_filings", "office_settings"}) {
        RD_VERIFY_DENIED(
            kiosk->execute(QStringLiteral("SELECT * FROM ") + QString::fromLatin1(table)));
    }
    RD_VERIFY_DENIED(kiosk->execute(
        QStringLiteral("INSERT INTO kiosk_filings (holder_id, reason, filed_by_kind, "
                       "applicant_email, applicant_language, kiosk_host, filed_as, filed_at) "
                       "VALUES (1, 'other', 'holder', 'a@b.c', 'id', 'x', 'x', 'x')")));
    // The kiosk still knows whether it speaks the schema's version.
    RD_VERIFY_RESULT(Migrations::requireCurrent(*kiosk));

    auto restricted = KioskFilings::onlyThroughFunctions(*kiosk);
    RD_VERIFY_RESULT(restricted);
    QVERIFY(*restricted);
    auto superuser = KioskFilings::onlyThroughFunctions(*test->database());
    RD_VERIFY_RESULT(superuser);
    QVERIFY(!*superuser);
    const DatabasePtr desk = logInAs(*test, rolesOf(*test).operatorRole);
    QVERIFY(desk);
    auto operatorRestricted = KioskFilings::onlyThroughFunctions(*desk);
    RD_VERIFY_RESULT(operatorRestricted);
    QVERIFY(!*operatorRestricted);
}

void TestDatabaseRoles::lookupGivesOnlyWhatTheKioskShows()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Postgres);
    const qint64 holder = TestFixtures::addHolder(test->database(), 7);
    QVERIFY(holder > 0);
    QVERIFY(TestFixtures::addHolder(test->database(), 8) > 0);
    const qint64 active = addCertificate(*test->database(), holder, QStringLiteral("0A1B"),
                                         QStringLiteral("active"));
    QVERIFY(active > 0);
    QVERIFY(
        addCertificate(*test->database(), holder, QStringLiteral("0C2D"), QStringLiteral("revoked"))
        > 0);
    const DatabasePtr kiosk = logInAs(*test, rolesOf(*test).kiosk);
    QVERIFY(kiosk);
    const QString nik = TestFixtures::nik(7);

    // The function's columns are exactly these: no NIK, NIP, e-mail, phone or position.
    auto raw = kiosk->execute(QStringLiteral("SELECT * FROM kiosk_lookup_holder(?, ?)"),
                              {nik, QStringLiteral("pemegang7@natunakab.go.id")});
    RD_VERIFY_RESULT(raw);
    QStringList columns;
    for (int i = 0; i < raw->record().count(); ++i)
        columns << raw->record().fieldName(i);
    QCOMPARE(columns,
             QStringList({QStringLiteral("holder_id"), QStringLiteral("full_name"),
                          QStringLiteral("unit"), QStringLiteral("certificate_id"),
                          QStringLiteral("serial_hex"), QStringLiteral("subject_dn"),
                          QStringLiteral("not_before"), QStringLiteral("not_after")}));

    const KioskFilings filings(kiosk);
    auto found = filings.lookUp(nik, QStringLiteral(" Pemegang7@NatunaKab.go.id "));
    RD_VERIFY_RESULT(found);
    QVERIFY(found->has_value());
    QCOMPARE((*found)->holderId, holder);
    QCOMPARE((*found)->fullName, QStringLiteral("Pemegang Uji 7"));
    QCOMPARE((*found)->unit, QStringLiteral("Dinas Komunikasi dan Informatika"));
    QCOMPARE((*found)->certificates.size(), 1); // the revoked one is not shown
    QCOMPARE((*found)->certificates.constFirst().id, active);
    QCOMPARE((*found)->certificates.constFirst().serialHex, QStringLiteral("0A1B"));
    QCOMPARE((*found)->certificates.constFirst().notAfter,
             QDateTime(QDate(2028, 1, 5), QTime(0, 0), QTimeZone::utc()));

    // Another holder's e-mail, an unknown NIK, an empty e-mail: nothing at all.
    for (const auto &[tryNik, tryEmail] :
         {std::pair {nik, QStringLiteral("pemegang8@natunakab.go.id")},
          std::pair {TestFixtures::nik(9), QStringLiteral("pemegang7@natunakab.go.id")},
          std::pair {nik, QString()}}) {
        auto none = filings.lookUp(tryNik, tryEmail);
        RD_VERIFY_RESULT(none);
        QVERIFY2(!none->has_value(), qPrintable(tryNik + QLatin1Char(' ') + tryEmail));
    }
}

void TestDatabaseRoles::kioskFilesAndTheDeskTakesItIn()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Postgres);
    const qint64 holder = TestFixtures::addHolder(test->database(), 7);
    QVERIFY(holder > 0);
    const qint64 certificate = addCertificate(*test->database(), holder, QStringLiteral("0A1B"),
                                              QStringLiteral("active"));
    const DatabasePtr kiosk = logInAs(*test, rolesOf(*test).kiosk);
    const DatabasePtr desk = logInAs(*test, rolesOf(*test).operatorRole);
    QVERIFY(kiosk && desk);

    NewRevocationRequest request = kioskRequest();
    request.certificateId = certificate;
    const KioskFilings filings(kiosk);
    // Wrong e-mail: refused, nothing stored.
    auto wrong = filings.file(TestFixtures::nik(7), QStringLiteral("someone@natunakab.go.id"),
                              request, QStringLiteral("kiosk-lobby"));
    QVERIFY(!wrong);
    QCOMPARE(wrong.error().code, ErrorCode::NotFound);
    auto filing = filings.file(TestFixtures::nik(7), QStringLiteral("pemegang7@natunakab.go.id"),
                               request, QStringLiteral("kiosk-lobby"));
    RD_VERIFY_RESULT(filing);
    QCOMPARE(TestFixtures::count(*test->database(), QStringLiteral("kiosk_filings")), qint64(1));
    QCOMPARE(TestFixtures::count(*test->database(), QStringLiteral("revocation_requests")),
             qint64(0));

    KioskIntake intake(desk, {});
    auto taken = intake.takeIn(QStringLiteral("cli:operator-test"));
    RD_VERIFY_RESULT(taken);
    QCOMPARE(taken->size(), 1);
    const KioskIntakeOutcome outcome = taken->constFirst();
    QCOMPARE(outcome.filingId, *filing);
    QVERIFY(outcome.requestId > 0);
    QVERIFY(outcome.agendaNumber.startsWith(QStringLiteral("SE/")));

    // The queue shows it, filed through the kiosk channel for the holder.
    RevocationRequestRepository requests(desk);
    auto queue = requests.queuePage({}, 10);
    RD_VERIFY_RESULT(queue);
    QCOMPARE(queue->size(), size_t(1));
    QCOMPARE(queue->front().agendaNumber, outcome.agendaNumber);
    QCOMPARE(queue->front().channel, QStringLiteral("kiosk"));
    QCOMPARE(queue->front().state, RequestState::Submitted);
    auto record = requests.findById(outcome.requestId);
    RD_VERIFY_RESULT(record);
    QCOMPARE(record->certificateId, std::optional<qint64>(certificate));
    QCOMPARE(record->reasonText, request.reasonText);

    // In the kiosk's name, naming the filing and who took it in; the chain holds.
    auto entry = test->database()->execute(
        QStringLiteral("SELECT actor, details FROM audit_log WHERE action = 'request.create' "
                       "AND entity_id = ?"),
        {QString::number(outcome.requestId)});
    RD_VERIFY_RESULT(entry);
    QVERIFY(entry->next());
    QCOMPARE(entry->value(0).toString(), QStringLiteral("kiosk:kiosk-lobby"));
    const QJsonObject details = QJsonDocument::fromJson(entry->value(1).toByteArray()).object();
    QCOMPARE(details.value(QStringLiteral("kiosk_filing")).toInteger(), *filing);
    QCOMPARE(details.value(QStringLiteral("taken_by")).toString(),
             QStringLiteral("cli:operator-test"));
    QCOMPARE(details.value(QStringLiteral("kiosk_role")).toString(), rolesOf(*test).kiosk);
    auto verified = AuditLog::verify(*desk);
    RD_VERIFY_RESULT(verified);
    QVERIFY2(verified->intact(), qPrintable(verified->explanation));

    // Taken once: the next round finds nothing.
    auto again = intake.takeIn(QStringLiteral("cli:operator-test"));
    RD_VERIFY_RESULT(again);
    QVERIFY(again->isEmpty());
    auto state = test->database()->scalar(
        QStringLiteral("SELECT state || ' ' || request_id FROM kiosk_filings WHERE id = ?"),
        {*filing});
    RD_VERIFY_RESULT(state);
    QCOMPARE(state->toString(), QStringLiteral("taken %1").arg(outcome.requestId));
}

void TestDatabaseRoles::intakeRefusesWhatTheRulesRefuse()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Postgres);
    const qint64 holder = TestFixtures::addHolder(test->database(), 7);
    QVERIFY(holder > 0);
    const qint64 certificate = addCertificate(*test->database(), holder, QStringLiteral("0A1B"),
                                              QStringLiteral("active"));
    const DatabasePtr kiosk = logInAs(*test, rolesOf(*test).kiosk);
    const DatabasePtr desk = logInAs(*test, rolesOf(*test).operatorRole);
    QVERIFY(kiosk && desk);
    const KioskFilings filings(kiosk);
    const QString nik = TestFixtures::nik(7);
    const QString email = QStringLiteral("pemegang7@natunakab.go.id");

    // The function checks what it is given, whoever calls it.
    NewRevocationRequest deceased = kioskRequest();
    deceased.reason = RevocationReason::Deceased; // only an official files this
    NewRevocationRequest badEmail = kioskRequest();
    badEmail.applicantEmail = QStringLiteral("a@b.c\r\nBcc: x@y.z");
    NewRevocationRequest badNip = kioskRequest();
    badNip.filedBy = NewRevocationRequest::FiledBy::Official;
    badNip.officialName = QStringLiteral("Camat Bunguran Timur");
    badNip.officialNip = QStringLiteral("12345");
    for (const NewRevocationRequest &bad : {deceased, badEmail, badNip}) {
        auto refused = filings.file(nik, email, bad, QStringLiteral("kiosk-lobby"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
    }
    QCOMPARE(TestFixtures::count(*test->database(), QStringLiteral("kiosk_filings")), qint64(0));

    // What passes the function but no longer the lifecycle: the certificate moved to another
    // holder between filing and intake. Refused with its reason, audited, never filed.
    NewRevocationRequest request = kioskRequest();
    request.certificateId = certificate;
    auto filing = filings.file(nik, email, request, QStringLiteral("kiosk-lobby"));
    RD_VERIFY_RESULT(filing);
    const qint64 other = TestFixtures::addHolder(test->database(), 8);
    RD_VERIFY_RESULT(test->database()->execute(
        QStringLiteral("UPDATE certificates SET holder_id = ? WHERE id = ?"),
        {other, certificate}));
    KioskIntake intake(desk, {});
    auto taken = intake.takeIn(QStringLiteral("workbench:desk-1"));
    RD_VERIFY_RESULT(taken);
    QCOMPARE(taken->size(), 1);
    QCOMPARE(taken->constFirst().requestId, qint64(0));
    QVERIFY(!taken->constFirst().refusal.isEmpty());
    QCOMPARE(TestFixtures::count(*test->database(), QStringLiteral("revocation_requests")),
             qint64(0));
    auto refusal = test->database()->scalar(
        QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'kiosk_filing.refuse' "
                       "AND entity_id = ? AND actor = 'kiosk:kiosk-lobby'"),
        {QString::number(*filing)});
    RD_VERIFY_RESULT(refusal);
    QCOMPARE(refusal->toInt(), 1);
    auto verified = AuditLog::verify(*desk);
    RD_VERIFY_RESULT(verified);
    QVERIFY2(verified->intact(), qPrintable(verified->explanation));
    auto again = intake.takeIn(QStringLiteral("workbench:desk-1"));
    RD_VERIFY_RESULT(again);
    QVERIFY(again->isEmpty());
}

void TestDatabaseRoles::operatorCannotRewriteTheAuditLogOrAlterTables()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Postgres);
    QVERIFY(TestFixtures::addHolder(test->database(), 7) > 0); // an audit entry to aim at
    const DatabasePtr desk = logInAs(*test, rolesOf(*test).operatorRole);
    QVERIFY(desk);

    RD_VERIFY_DENIED(desk->executeUnprepared(QStringLiteral("TRUNCATE audit_log")));
    RD_VERIFY_DENIED(desk->execute(QStringLiteral("DELETE FROM audit_log")));
    RD_VERIFY_DENIED(desk->execute(QStringLiteral("UPDATE audit_log SET actor = 'nobody'")));
    RD_VERIFY_DENIED(desk->execute(QStringLiteral("DELETE FROM audit_checkpoint")));
    RD_VERIFY_DENIED(desk->executeUnprepared(QStringLiteral("TRUNCATE audit_checkpoint")));
    RD_VERIFY_DENIED(
        desk->executeUnprepared(QStringLiteral("ALTER TABLE audit_log DISABLE TRIGGER ALL")));
    RD_VERIFY_DENIED(
        desk->executeUnprepared(QStringLiteral("DROP TRIGGER audit_log_no_change ON audit_log")));
    RD_VERIFY_DENIED(desk->executeUnprepared(QStringLiteral("DROP TABLE audit_log")));
    RD_VERIFY_DENIED(
        desk->executeUnprepared(QStringLiteral("ALTER TABLE holders ADD COLUMN note TEXT")));
    RD_VERIFY_DENIED(desk->executeUnprepared(QStringLiteral("TRUNCATE holders CASCADE")));
    RD_VERIFY_DENIED(desk->execute(QStringLiteral("DELETE FROM holders")));
    // A proof of revocation stays; only its schedule (proof_checks) goes once it is found.
    RD_VERIFY_DENIED(desk->execute(QStringLiteral("DELETE FROM verification_results")));
    RD_VERIFY_DENIED(
        desk->execute(QStringLiteral("INSERT INTO schema_migrations VALUES (99, 'mine', 'now')")));
    RD_VERIFY_DENIED(desk->executeUnprepared(
        QStringLiteral("CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger "
                       "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$")));
    QCOMPARE(TestFixtures::count(*test->database(), QStringLiteral("audit_log")), qint64(1));
}

void TestDatabaseRoles::operatorDoesTheDeskWork()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Postgres);
    const DatabasePtr desk = logInAs(*test, rolesOf(*test).operatorRole);
    QVERIFY(desk);
    RD_VERIFY_RESULT(Migrations::requireCurrent(*desk));
    // The demo drives every request state through the real services: users, the register,
    // filing, steps 6-10, the outbox, AMS operations, office settings, the audit chain.
    auto seeded
        = DemoDataSeeder::seed(desk, Actor::commandLine(QStringLiteral("desk")),
                               DemoDataSeeder::DefaultSeed, DemoDataSeeder::MinimumHolderCount);
    RD_VERIFY_RESULT(seeded);
    QVERIFY(seeded->requests >= 40);
    auto verified = AuditLog::verify(*desk);
    RD_VERIFY_RESULT(verified);
    QVERIFY2(verified->intact(), qPrintable(verified->explanation));
}

void TestDatabaseRoles::migrateRestoresTheRightsItGrants()
{
    RD_OPEN_DATABASE(test, TestDatabase::Engine::Postgres);
    const DatabaseRoles::Names roles = rolesOf(*test);
    // Someone granted by hand what the desk must not have; the next migrate takes it back.
    RD_VERIFY_RESULT(test->database()->executeUnprepared(
        QStringLiteral("GRANT DELETE, TRUNCATE ON audit_log TO ")
        + DatabaseRoles::quoted(roles.operatorRole)));
    RD_VERIFY_RESULT(test->database()->executeUnprepared(
        QStringLiteral("GRANT SELECT ON holders TO ") + DatabaseRoles::quoted(roles.kiosk)));
    auto applied = Migrations::migrate(*test->database());
    RD_VERIFY_RESULT(applied);
    QVERIFY(applied->isEmpty());
    const DatabasePtr desk = logInAs(*test, roles.operatorRole);
    const DatabasePtr kiosk = logInAs(*test, roles.kiosk);
    QVERIFY(desk && kiosk);
    RD_VERIFY_DENIED(desk->executeUnprepared(QStringLiteral("TRUNCATE audit_log")));
    RD_VERIFY_DENIED(kiosk->execute(QStringLiteral("SELECT * FROM holders")));
    // The tables are the owner role's, not the superuser's that ran the migrations.
    auto owners
        = test->database()->scalar(QStringLiteral("SELECT COUNT(*) FROM pg_tables WHERE schemaname "
                                                  "= current_schema() AND tableowner <> ?"),
                                   {roles.owner});
    RD_VERIFY_RESULT(owners);
    QCOMPARE(owners->toInt(), 0);
}

void TestDatabaseRoles::migrateWithoutCreateRoleSaysWhatToDo()
{
    auto test = TestDatabase::create(TestDatabase::Engine::Postgres, false);
    QVERIFY2(test && test->database(), qPrintable(test ? test->error() : QString()));
    const DatabaseRoles::Names roles = rolesOf(*test);
    // A database owned by an ordinary login role, without CREATEROLE.
    const QString plain = roles.owner.left(roles.owner.size() - 6) + QStringLiteral("_plain");
    const Database &superuser = *test->database();
    RD_VERIFY_RESULT(superuser.executeUnprepared(QStringLiteral("CREATE ROLE ")
                                                 + DatabaseRoles::quoted(plain)
                                                 + QStringLiteral(" NOCREATEROLE")));
    RD_VERIFY_RESULT(superuser.executeUnprepared(
        QStringLiteral("ALTER DATABASE ") + DatabaseRoles::quoted(superuser.url().databaseName())
        + QStringLiteral(" OWNER TO ") + DatabaseRoles::quoted(plain)));
    const DatabasePtr asPlain = logInAs(*test, plain);
    QVERIFY(asPlain);

    auto refused = Migrations::migrate(*asPlain);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
    QVERIFY2(refused.error().message.contains(QStringLiteral("docs/install.md"))
                 && refused.error().message.contains(roles.kiosk),
             qPrintable(refused.error().message));
    // The schema itself went in; only the roles are missing.
    auto status = Migrations::status(*asPlain);
    RD_VERIFY_RESULT(status);
    QCOMPARE(status->currentVersion, Migrations::latestVersion());

    // The manual way of docs/install.md: an administrator creates the roles and lets the
    // migrating role become the owner; then db migrate finishes the rest.
    for (const QString &role : {roles.owner, roles.operatorRole, roles.kiosk})
        RD_VERIFY_RESULT(superuser.executeUnprepared(QStringLiteral("CREATE ROLE ")
                                                     + DatabaseRoles::quoted(role)
                                                     + QStringLiteral(" NOLOGIN")));
    RD_VERIFY_RESULT(
        superuser.executeUnprepared(QStringLiteral("GRANT ") + DatabaseRoles::quoted(roles.owner)
                                    + QStringLiteral(" TO ") + DatabaseRoles::quoted(plain)));
    RD_VERIFY_RESULT(Migrations::migrate(*asPlain));
    const DatabasePtr kiosk = logInAs(*test, roles.kiosk);
    QVERIFY(kiosk);
    RD_VERIFY_DENIED(kiosk->execute(QStringLiteral("SELECT * FROM holders")));
    auto none = KioskFilings(kiosk).lookUp(TestFixtures::nik(1), QStringLiteral("x@y.z"));
    RD_VERIFY_RESULT(none);
    QVERIFY(!none->has_value());
}

QTEST_GUILESS_MAIN(TestDatabaseRoles)
#include "TestDatabaseRoles.moc"
