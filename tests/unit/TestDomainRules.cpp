// Pure rules without a database: URLs, NIK/NIP, reasons and their RFC 5280 codes, the state
// table's shape.
#include "database/DatabaseUrl.h"
#include "register/IdentityNumbers.h"
#include "register/SearchText.h"
#include "requests/RequestState.h"
#include "requests/RevocationReason.h"

#include <QtTest>

using namespace rd;

class TestDomainRules : public QObject
{
    Q_OBJECT

private slots:
    void databaseUrls_data();
    void databaseUrls();
    void nik_data();
    void nik();
    void nip_data();
    void nip();
    void reasonsMapToRfc5280_data();
    void reasonsMapToRfc5280();
    void reasonsHaveLabelsAndExplanations();
    void stateTable();
    void searchTextKinds();
};

void TestDomainRules::databaseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("display");
    QTest::newRow("sqlite absolute")
        << "sqlite:/var/lib/rd/desk.sqlite" << true << "sqlite:/var/lib/rd/desk.sqlite";
    QTest::newRow("sqlite with slashes")
        << "sqlite:///tmp/a.sqlite" << true << "sqlite:/tmp/a.sqlite";
    QTest::newRow("postgres full") << "postgresql://rd:secret@db.natuna.local:6543/desk" << true
                                   << "postgresql://rd@db.natuna.local:6543/desk";
    QTest::newRow("postgres default port")
        << "postgres://rd@127.0.0.1/desk" << true << "postgresql://rd@127.0.0.1:5432/desk";
    QTest::newRow("sqlite without path") << "sqlite:" << false << "";
    QTest::newRow("postgres without database") << "postgresql://rd@host:5432/" << false << "";
    QTest::newRow("postgres without user") << "postgresql://host:5432/desk" << false << "";
    QTest::newRow("postgres bad port") << "postgresql://rd@host:99999/desk" << false << "";
    QTest::newRow("mysql") << "mysql://rd@host/desk" << false << "";
    QTest::newRow("plain path") << "/tmp/desk.sqlite" << false << "";
}

void TestDomainRules::databaseUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QFETCH(QString, display);
    auto parsed = DatabaseUrl::parse(url);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) {
        QCOMPARE(parsed->toDisplayString(), display);
        QVERIFY(!parsed->toDisplayString().contains(QStringLiteral("secret")));
    } else {
        QCOMPARE(parsed.error().code, ErrorCode::Usage);
        QVERIFY(!parsed.error().message.isEmpty());
    }
}

void TestDomainRules::nik_data()
{
    QTest::addColumn<QString>("nik");
    QTest::addColumn<bool>("valid");
    QTest::newRow("man born 12-05-1985") << "2103011205850001" << true;
    QTest::newRow("woman born 12-05-1985") << "2103015205850002" << true;
    QTest::newRow("15 digits") << "210301120585000" << false;
    QTest::newRow("17 digits") << "21030112058500011" << false;
    QTest::newRow("letters") << "21030112058500A1" << false;
    QTest::newRow("no province 00") << "0003011205850001" << false;
    QTest::newRow("month 13") << "2103011213850001" << false;
    QTest::newRow("day 32") << "2103013205850001" << false;
    QTest::newRow("sequence 0000") << "2103011205850000" << false;
    QTest::newRow("29 February") << "2103012902000001" << true;
}

void TestDomainRules::nik()
{
    QFETCH(QString, nik);
    QFETCH(bool, valid);
    QCOMPARE(IdentityNumbers::isValidNik(nik), valid);
    QCOMPARE(IdentityNumbers::nikProblem(nik).isEmpty(), valid);
}

void TestDomainRules::nip_data()
{
    QTest::addColumn<QString>("nip");
    QTest::addColumn<bool>("valid");
    QTest::newRow("valid male") << "197805122005011003" << true;
    QTest::newRow("valid female") << "198807142010122001" << true;
    QTest::newRow("17 digits") << "19780512200501100" << false;
    QTest::newRow("bad birth date") << "197813122005011003" << false;
    QTest::newRow("appointed before 15") << "197805121985011003" << false;
    QTest::newRow("sex digit 3") << "197805122005013003" << false;
}

void TestDomainRules::nip()
{
    QFETCH(QString, nip);
    QFETCH(bool, valid);
    QCOMPARE(IdentityNumbers::isValidNip(nip), valid);
}

void TestDomainRules::reasonsMapToRfc5280_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("indonesian");
    // The SOP page's table, row by row.
    QTest::newRow("retired") << "retired" << 5 << "Purna tugas / pensiun";
    QTest::newRow("deceased") << "deceased" << 5 << "Meninggal dunia";
    QTest::newRow("dismissed") << "dismissed" << 9 << "Diberhentikan";
    QTest::newRow("transferred") << "transferred" << 3 << "Mutasi / pindah instansi";
    QTest::newRow("data changed") << "data_changed" << 3 << "Perubahan data";
    QTest::newRow("re-issued") << "reissued" << 4 << "Penerbitan ulang / pembaruan";
    QTest::newRow("key compromised")
        << "key_compromised" << 1 << "Kunci / passphrase bocor, perangkat hilang";
    QTest::newRow("other") << "other" << 0 << "Lainnya";
}

void TestDomainRules::reasonsMapToRfc5280()
{
    QFETCH(QString, key);
    QFETCH(int, code);
    QFETCH(QString, indonesian);
    const auto reason = RevocationReasons::fromKey(key);
    QVERIFY(reason);
    QCOMPARE(RevocationReasons::crlReasonCode(*reason), code);
    QCOMPARE(RevocationReasons::labelIndonesian(*reason), indonesian);
    QCOMPARE(RevocationReasons::key(*reason), key);
}

void TestDomainRules::reasonsHaveLabelsAndExplanations()
{
    QCOMPARE(RevocationReasons::all().size(), size_t(8));
    for (RevocationReason reason : RevocationReasons::all()) {
        QVERIFY(!RevocationReasons::labelEnglish(reason).isEmpty());
        QVERIFY(!RevocationReasons::label(reason).isEmpty());
        QVERIFY(!RevocationReasons::explanation(reason).isEmpty());
        QVERIFY(!RevocationReasons::crlReasonName(reason).isEmpty());
    }
    QVERIFY(!RevocationReasons::fromKey(QStringLiteral("bored")));
}

void TestDomainRules::stateTable()
{
    // The drawing: the happy path, the loops back, and the terminal states.
    using S = RequestState;
    using A = RequestAction;
    QCOMPARE(RequestStates::target(S::Draft, A::Submit), S::Submitted);
    QCOMPARE(RequestStates::target(S::NeedsCompletion, A::Resubmit), S::Submitted);
    QCOMPARE(RequestStates::target(S::Notified, A::Close), S::Closed);
    QVERIFY(!RequestStates::target(S::Submitted, A::Revoke)); // no revocation before steps 6 and 7
    QVERIFY(!RequestStates::target(S::Verified, A::Revoke));
    // Step 8: the revocation is queued for AMS, AMS answers, a proof confirms it.
    QCOMPARE(RequestStates::target(S::CertificateMatched, A::Revoke), S::RevocationQueued);
    QCOMPARE(RequestStates::target(S::AwaitingApproval, A::Revoke), S::RevocationQueued);
    QCOMPARE(RequestStates::target(S::RevocationQueued, A::RecordPendingProof),
             S::RevocationPendingProof);
    QCOMPARE(RequestStates::target(S::RevocationQueued, A::FailRevocation), S::RevocationFailed);
    QCOMPARE(RequestStates::target(S::RevocationFailed, A::RetryRevocation), S::RevocationQueued);
    QCOMPARE(RequestStates::target(S::RevocationPendingProof, A::ConfirmRevocation), S::Revoked);
    QCOMPARE(RequestStates::target(S::Revoked, A::Notify), S::Notified);
    // Nothing skips the queue or AMS's answer.
    for (S from : {S::CertificateMatched, S::AwaitingApproval}) {
        QVERIFY(!RequestStates::target(from, A::RecordPendingProof));
        QVERIFY(!RequestStates::target(from, A::FailRevocation));
        QVERIFY(!RequestStates::target(from, A::ConfirmRevocation));
    }
    QVERIFY(!RequestStates::target(S::RevocationQueued, A::Revoke));
    QVERIFY(!RequestStates::target(S::RevocationQueued, A::ConfirmRevocation));
    QVERIFY(!RequestStates::target(S::RevocationFailed, A::Revoke));
    // Once queued, the call may reach AMS at any moment: no rejecting or cancelling it.
    QVERIFY(RequestStates::isPastRevocation(S::RevocationQueued));
    QVERIFY(!RequestStates::isPastRevocation(S::RevocationFailed));
    QCOMPARE(RequestStates::key(S::RevocationQueued), QStringLiteral("revocation_queued"));
    for (RequestState state : RequestStates::all()) {
        QVERIFY(!RequestStates::key(state).isEmpty());
        QCOMPARE(RequestStates::fromKey(RequestStates::key(state)), state);
        if (RequestStates::isTerminal(state))
            QVERIFY(RequestStates::allowedActions(state).empty());
        const bool rejectable
            = !RequestStates::isTerminal(state) && !RequestStates::isPastRevocation(state);
        QCOMPARE(RequestStates::target(state, A::Reject).has_value(), rejectable);
        QCOMPARE(RequestStates::target(state, A::Cancel).has_value(), rejectable);
    }
    QCOMPARE(RequestStates::all().size(), size_t(15));
}

void TestDomainRules::searchTextKinds()
{
    QCOMPARE(SearchText(QStringLiteral("  ")).kind(), SearchText::Kind::Empty);
    QCOMPARE(SearchText(QStringLiteral("2103")).kind(), SearchText::Kind::Digits);
    QCOMPARE(SearchText(QStringLiteral("se/2026/11")).kind(), SearchText::Kind::AgendaNumber);
    QCOMPARE(SearchText(QStringLiteral("se/2026/11")).text(), QStringLiteral("SE/2026/11"));
    QCOMPARE(SearchText(QStringLiteral("Siti  Aminah")).text(), QStringLiteral("Siti Aminah"));
    QCOMPARE(SearchText::upperBound(QStringLiteral("2103")), QStringLiteral("2104"));
}

QTEST_GUILESS_MAIN(TestDomainRules)
#include "TestDomainRules.moc"
