// The office's settings in the database, as the services use them: the kiosk's exit PIN, which
// is stored as an Argon2id hash and never shown or logged.
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "audit/Actor.h"
#include "audit/AuditLog.h"
#include "users/OfficeSettings.h"

#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;

namespace {

const Actor s_admin = Actor::user(QStringLiteral("root"), Actor::Role::Administrator);
const QString s_pin = QStringLiteral("482913");

// Every row of office_settings and the audit log's details, to see that nothing changed and
// where a PIN could have gone.
QString everything(const Database &database)
{
    QString text;
    for (const QString &sql :
         {QStringLiteral("SELECT key || '=' || value FROM office_settings ORDER BY key"),
          QStringLiteral("SELECT action || ' ' || entity_id || ' ' || details FROM audit_log "
                         "ORDER BY seq")}) {
        auto query = database.execute(sql);
        if (!query)
            return query.error().toString();
        while (query->next())
            text += query->value(0).toString() + QLatin1Char('\n');
    }
    return text;
}

} // namespace

class TestOfficeSettings : public QObject
{
    Q_OBJECT

private slots:
    void exitPinIsStoredAsItsHash();
    void verifyTellsUnsetFromWrong();
    void badPinChangesNothing_data();
    void badPinChangesNothing();
    void onlyAnAdministratorSetsThePin();
};

void TestOfficeSettings::exitPinIsStoredAsItsHash()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    OfficeSettings settings(test->database());
    RD_VERIFY_RESULT(settings.set(s_admin, OfficeSettings::kioskExitPinKey(), s_pin));
    auto stored = settings.value(OfficeSettings::kioskExitPinKey());
    RD_VERIFY_RESULT(stored);
    QVERIFY(stored->has_value());
    QVERIFY2((*stored)->startsWith(QStringLiteral("$argon2id$")), qPrintable(**stored));
    QVERIFY(!(*stored)->contains(s_pin));

    // list() says whether it is set, not the hash.
    auto listed = settings.list();
    RD_VERIFY_RESULT(listed);
    bool found = false;
    for (const OfficeSetting &setting : *listed) {
        if (setting.key != OfficeSettings::kioskExitPinKey())
            continue;
        found = true;
        QVERIFY(setting.hidden);
        QVERIFY(setting.stored);
        QVERIFY(setting.value.isEmpty());
        QCOMPARE(setting.updatedBy, s_admin.toString());
    }
    QVERIFY(found);

    // Set again: a new hash (a new salt); the log says set and set, never the PIN or a hash.
    RD_VERIFY_RESULT(
        settings.set(s_admin, OfficeSettings::kioskExitPinKey(), QStringLiteral("11223344")));
    auto details = test->database()->execute(
        QStringLiteral("SELECT details FROM audit_log WHERE action = 'office.setting' AND "
                       "entity_id = ? ORDER BY seq"),
        {OfficeSettings::kioskExitPinKey()});
    RD_VERIFY_RESULT(details);
    QStringList entries;
    while (details->next())
        entries << details->value(0).toString();
    QCOMPARE(entries.size(), qsizetype(2));
    QCOMPARE(entries.at(0), QStringLiteral(R"({"to":"set"})"));
    QCOMPARE(entries.at(1), QStringLiteral(R"({"from":"set","to":"set"})"));
    const QString all = everything(*test->database());
    QVERIFY2(!all.contains(s_pin) && !all.contains(QStringLiteral("11223344")), qPrintable(all));
    QCOMPARE(all.count(QStringLiteral("$argon2id$")), qsizetype(1)); // in office_settings only

    // Removed (config unset): not set any more, and logged as such.
    RD_VERIFY_RESULT(settings.set(s_admin, OfficeSettings::kioskExitPinKey(), QString()));
    auto verified = settings.verifyKioskExitPin(QStringLiteral("11223344"));
    QVERIFY(!verified);
    QCOMPARE(verified.error().code, ErrorCode::NotFound);
    QVERIFY(
        everything(*test->database()).contains(QStringLiteral(R"({"from":"set","to":"not set"})")));

    auto chain = AuditLog::verify(*test->database());
    RD_VERIFY_RESULT(chain);
    QVERIFY2(chain->intact(), qPrintable(chain->explanation));
}

void TestOfficeSettings::verifyTellsUnsetFromWrong()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    OfficeSettings settings(test->database());
    // None set: no way out, and the caller can tell why.
    auto unset = settings.verifyKioskExitPin(s_pin);
    QVERIFY(!unset);
    QCOMPARE(unset.error().code, ErrorCode::NotFound);
    QVERIFY(!unset.error().message.isEmpty());

    RD_VERIFY_RESULT(settings.set(s_admin, OfficeSettings::kioskExitPinKey(), s_pin));
    auto right = settings.verifyKioskExitPin(s_pin);
    RD_VERIFY_RESULT(right);
    QVERIFY(*right);
    for (const QString &wrong : {QStringLiteral("482914"), QStringLiteral("48291"),
                                 QStringLiteral("4829130"), QString(), QStringLiteral(" 482913")}) {
        auto refused = settings.verifyKioskExitPin(wrong);
        RD_VERIFY_RESULT(refused);
        QVERIFY2(!*refused, qPrintable(wrong));
    }
}

void TestOfficeSettings::badPinChangesNothing_data()
{
    QTest::addColumn<QString>("pin");
    QTest::newRow("five digits") << QStringLiteral("48291");
    QTest::newRow("thirteen digits") << QStringLiteral("4829134829134");
    QTest::newRow("letters") << QStringLiteral("48291a");
    QTest::newRow("a space") << QStringLiteral("482 913");
    QTest::newRow("Arabic-Indic digits") << QStringLiteral("٤٨٢٩١٣");
    QTest::newRow("a hash") << QStringLiteral("$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA");
}

void TestOfficeSettings::badPinChangesNothing()
{
    QFETCH(QString, pin);
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    OfficeSettings settings(test->database());
    RD_VERIFY_RESULT(settings.set(s_admin, OfficeSettings::kioskExitPinKey(), s_pin));
    const QString before = everything(*test->database());
    auto refused = settings.set(s_admin, OfficeSettings::kioskExitPinKey(), pin);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
    QVERIFY2(refused.error().message.contains(QStringLiteral("6")),
             qPrintable(refused.error().message));
    QVERIFY(!refused.error().message.contains(pin));
    QCOMPARE(everything(*test->database()), before);
    auto still = settings.verifyKioskExitPin(s_pin);
    RD_VERIFY_RESULT(still);
    QVERIFY(*still);
    QVERIFY(OfficeSettings::kioskExitPinProblem(pin).size() > 0);
    QVERIFY(OfficeSettings::kioskExitPinProblem(s_pin).isEmpty());
    QVERIFY(OfficeSettings::kioskExitPinProblem(QStringLiteral("123456789012")).isEmpty());
}

void TestOfficeSettings::onlyAnAdministratorSetsThePin()
{
    RD_OPEN_DATABASE(test, TestDatabase::engineUnderTest());
    OfficeSettings settings(test->database());
    const QString before = everything(*test->database());
    for (const Actor &actor :
         {Actor::user(QStringLiteral("ani"), Actor::Role::Operator),
          Actor::user(QStringLiteral("sari"), Actor::Role::Supervisor),
          Actor::kiosk(QStringLiteral("kiosk-1")), Actor::commandLine(QStringLiteral("ani"))}) {
        auto refused = settings.set(actor, OfficeSettings::kioskExitPinKey(), s_pin);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
    }
    QCOMPARE(everything(*test->database()), before);
}

QTEST_GUILESS_MAIN(TestOfficeSettings)
#include "TestOfficeSettings.moc"
