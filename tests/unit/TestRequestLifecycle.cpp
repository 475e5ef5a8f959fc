// The request's life: every allowed transition succeeds with its step event and audit entry,
// every other one is refused with nothing written. Runs on SQLite, and on PostgreSQL as
// TestRequestLifecyclePostgres (REVOCATION_DESK_TEST_ENGINE=postgres).
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "ams/AmsOperationQueue.h"
#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "requests/AgendaNumberAllocator.h"
#include "requests/RequestLifecycle.h"
#include "requests/RevocationRequestRepository.h"
#include "users/UserAccounts.h"
#include "workflow/VerificationResultRepository.h"

#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;
using rd::test::TestFixtures;

namespace {

const QString PortalRevoke = QStringLiteral("portal_revoke");

// What the step-8 guards (RequestLifecycle::requireEvidence) ask for before the action is
// taken: the AMS call queued (Revoke, RetryRevocation), AMS's answer (RecordPendingProof) or a
// proof of the revocation (ConfirmRevocation). Other actions need nothing.
bool provideEvidence(const DatabasePtr &database, qint64 requestId, RequestAction action)
{
    AmsOperationQueue queue(database, Actor::user(QStringLiteral("test"), Actor::Role::Operator));
    switch (action) {
    case RequestAction::Revoke:
    case RequestAction::RetryRevocation:
        return queue.enqueue(requestId, PortalRevoke, {}).has_value();
    case RequestAction::RecordPendingProof: {
        auto queued = queue.enqueue(requestId, PortalRevoke, {});
        return queued
            && queue.markDone(queued->id, {{QStringLiteral("id"), QStringLiteral("AMS-1")}})
                   .has_value();
    }
    case RequestAction::ConfirmRevocation:
        return VerificationResultRepository(database)
            .insert(requestId, QStringLiteral("revocation_proof"), QStringLiteral("revoked"), {},
                    QStringLiteral("worker:test"), Clock::currentUtc())
            .has_value();
    default:
        return true;
    }
}

} // namespace

class TestRequestLifecycle : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanupTestCase();
    void everyTransition_data();
    void everyTransition();
    void submitGivesAgendaNumberAndEvents();
    void agendaNumbersCountPerOfficeMonth();
    void claimIsExclusiveAndNamesTheOperator();
    void staleVersionIsAConflict();
    void kioskCanOnlyFile();
    void dualControlNeedsASecondSupervisor();
    void revocationStepsNeedTheirEvidence();
    void evidenceOfAnotherKindDoesNotCount();
    void reasonRequiredForRejection();
    void badFilingsChangeNothing_data();
    void badFilingsChangeNothing();
    void stepTimingsCompareWithStandard();
    void auditChainWholeAfterwards();

private:
    std::unique_ptr<TestDatabase> m_test;
    DatabasePtr m_db;
    qint64 m_holder = 0;
    QByteArray m_databaseFor; // the test function the current database was made for
};

void TestRequestLifecycle::init()
{
    Clock::setFixedUtc(QDateTime());
    // The rows of the transition table share one database (each row files its own request);
    // every other test gets a fresh one.
    const QByteArray function = QTest::currentTestFunction();
    if (m_test && function == "everyTransition" && m_databaseFor == function)
        return;
    m_databaseFor = function;
    m_db.reset();
    m_test = TestDatabase::create(TestDatabase::engineUnderTest());
    QVERIFY2(m_test->database(), qPrintable(m_test->error()));
    m_db = m_test->database();
    m_holder = TestFixtures::addHolder(m_db, 1, QStringLiteral("Drs. H. Ahmad Syafii, M.Si."));
    QVERIFY(m_holder > 0);
}

void TestRequestLifecycle::cleanupTestCase()
{
    Clock::setFixedUtc(QDateTime());
    m_db.reset();
    m_test.reset();
}

void TestRequestLifecycle::everyTransition_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("action");
    for (RequestState from : RequestStates::all()) {
        for (RequestAction action : RequestStates::allActions()) {
            const QByteArray name = (RequestStates::key(from) + QStringLiteral(" --")
                                     + RequestStates::actionKey(action) + QStringLiteral("-->"))
                                        .toUtf8();
            QTest::newRow(name.constData()) << int(from) << int(action);
        }
    }
}

void TestRequestLifecycle::everyTransition()
{
    QFETCH(int, from);
    QFETCH(int, action);
    const auto fromState = RequestState(from);
    const auto requestAction = RequestAction(action);

    const qint64 id = TestFixtures::fileRequest(m_db, m_holder);
    QVERIFY(id > 0);
    QVERIFY(TestFixtures::forceState(*m_db, id, fromState));
    // The guarded steps get what they stand for (revocationStepsNeedTheirEvidence checks
    // the guards), so that the state table alone decides here.
    QVERIFY(provideEvidence(m_db, id, requestAction));
    const qint64 eventsBefore = TestFixtures::count(*m_db, QStringLiteral("request_events"));
    const qint64 auditBefore = TestFixtures::count(*m_db, QStringLiteral("audit_log"));

    RequestLifecycle lifecycle(m_db);
    TransitionRequest transition {id, requestAction, std::nullopt, QStringLiteral("Alasan uji"),
                                  QString()};
    const auto outcome = lifecycle.apply(
        Actor::user(QStringLiteral("test"), Actor::Role::Administrator), transition);
    const auto expected = RequestStates::target(fromState, requestAction);
    RevocationRequestRepository requests(m_db);
    const auto after = requests.findById(id);
    RD_VERIFY_RESULT(after);

    if (expected) {
        RD_VERIFY_RESULT(outcome);
        QCOMPARE(outcome->to, *expected);
        QCOMPARE(after->state, *expected);
        QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("request_events")), eventsBefore + 1);
        QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("audit_log")), auditBefore + 1);
        auto events = requests.events(id);
        RD_VERIFY_RESULT(events);
        const RequestEvent &last = events->back();
        QCOMPARE(last.action, RequestStates::actionKey(requestAction));
        QCOMPARE(last.fromState, RequestStates::key(fromState));
        QCOMPARE(last.toState, RequestStates::key(*expected));
        QCOMPARE(last.step, RequestStates::sopStep(fromState, requestAction));
        QCOMPARE(last.actor, QStringLiteral("user:test"));
        QVERIFY(last.startedAt.isValid() && last.finishedAt.isValid());
        QVERIFY(last.startedAt <= last.finishedAt);
    } else {
        QVERIFY(!outcome);
        QVERIFY(outcome.error().code == ErrorCode::InvalidTransition
                || outcome.error().code == ErrorCode::Conflict);
        QCOMPARE(after->state, fromState);
        QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("request_events")), eventsBefore);
        QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("audit_log")), auditBefore);
    }
}

void TestRequestLifecycle::submitGivesAgendaNumberAndEvents()
{
    Clock::setFixedUtc(QDateTime(QDate(2026, 11, 26), QTime(3, 0), QTimeZone::utc()));
    RequestLifecycle lifecycle(m_db);
    NewRevocationRequest request;
    request.holderId = m_holder;
    request.reason = RevocationReason::Retired;
    request.filedBy = NewRevocationRequest::FiledBy::Official;
    request.officialName = QStringLiteral("Hendra Saputra, S.Sos.");
    request.officialNip = QStringLiteral("197805122005011003");
    request.officialPosition = QStringLiteral("Sekretaris Dinas");
    auto draft = lifecycle.createDraft(Actor::kiosk(QStringLiteral("kiosk-1")), request);
    RD_VERIFY_RESULT(draft);
    QCOMPARE(draft->to, RequestState::Draft);
    RevocationRequestRepository requests(m_db);
    QVERIFY(requests.findById(draft->requestId)->agendaNumber.isEmpty());

    auto submitted = lifecycle.apply(Actor::kiosk(QStringLiteral("kiosk-1")),
                                     {draft->requestId, RequestAction::Submit, 1, {}, {}});
    RD_VERIFY_RESULT(submitted);
    QCOMPARE(submitted->agendaNumber, QStringLiteral("SE/2026/11/0001"));
    auto record = requests.find(QStringLiteral("SE/2026/11/0001"));
    RD_VERIFY_RESULT(record);
    QCOMPARE(record->state, RequestState::Submitted);
    QCOMPARE(record->officialNip, QStringLiteral("197805122005011003"));
    auto events = requests.events(record->id);
    RD_VERIFY_RESULT(events);
    QCOMPARE(events->size(), size_t(2));
    QCOMPARE(events->at(0).step, 1);
    QCOMPARE(events->at(1).step, 5);
    QCOMPARE(events->at(1).actor, QStringLiteral("kiosk:kiosk-1"));
}

void TestRequestLifecycle::agendaNumbersCountPerOfficeMonth()
{
    RequestLifecycle lifecycle(m_db);
    NewRevocationRequest request;
    request.holderId = m_holder;
    request.reason = RevocationReason::KeyCompromised;
    const Actor actor = Actor::user(QStringLiteral("test"), Actor::Role::Administrator);

    Clock::setFixedUtc(QDateTime(QDate(2026, 11, 30), QTime(16, 59), QTimeZone::utc()));
    QCOMPARE(lifecycle.file(actor, request)->agendaNumber, QStringLiteral("SE/2026/11/0001"));
    QCOMPARE(lifecycle.file(actor, request)->agendaNumber, QStringLiteral("SE/2026/11/0002"));
    // 17:00 UTC is midnight in Jakarta: a new office month, counted from 0001 again.
    Clock::setFixedUtc(QDateTime(QDate(2026, 11, 30), QTime(17, 0), QTimeZone::utc()));
    QCOMPARE(lifecycle.file(actor, request)->agendaNumber, QStringLiteral("SE/2026/12/0001"));
    Clock::setFixedUtc(QDateTime(QDate(2026, 11, 30), QTime(16, 0), QTimeZone::utc()));
    QCOMPARE(lifecycle.file(actor, request)->agendaNumber, QStringLiteral("SE/2026/11/0003"));

    // An office elsewhere (WITA) counts its own months.
    RequestLifecycle makassar(
        m_db, RequestLifecycle::Options {QTimeZone(QByteArrayLiteral("Asia/Makassar")), false});
    Clock::setFixedUtc(QDateTime(QDate(2027, 1, 31), QTime(16, 30), QTimeZone::utc()));
    QCOMPARE(makassar.file(actor, request)->agendaNumber, QStringLiteral("SE/2027/02/0001"));
    QCOMPARE(AgendaNumberAllocator::format(QStringLiteral("2026/11"), 12345),
             QStringLiteral("SE/2026/11/12345"));
}

void TestRequestLifecycle::claimIsExclusiveAndNamesTheOperator()
{
    UserAccounts users(m_db);
    auto ani = users.add(Actor::user(QStringLiteral("test"), Actor::Role::Administrator),
                         QStringLiteral("ani"), QStringLiteral("Ani Rahmawati"),
                         Actor::Role::Operator, QStringLiteral("kata-sandi-ani-1"));
    auto budi = users.add(Actor::user(QStringLiteral("test"), Actor::Role::Administrator),
                          QStringLiteral("budi"), QStringLiteral("Budi Santoso"),
                          Actor::Role::Operator, QStringLiteral("kata-sandi-budi-1"));
    RD_VERIFY_RESULT(ani);
    RD_VERIFY_RESULT(budi);
    const qint64 id = TestFixtures::fileRequest(m_db, m_holder);
    RequestLifecycle lifecycle(m_db);
    const Actor aniActor = Actor::user(QStringLiteral("ani"), Actor::Role::Operator, *ani);
    const Actor budiActor = Actor::user(QStringLiteral("budi"), Actor::Role::Operator, *budi);
    RD_VERIFY_RESULT(lifecycle.apply(aniActor, {id, RequestAction::Claim, 2, {}, {}}));
    auto second = lifecycle.apply(budiActor, {id, RequestAction::Claim, std::nullopt, {}, {}});
    QVERIFY(!second);
    QCOMPARE(second.error().code, ErrorCode::Conflict);
    QVERIFY2(second.error().message.contains(QStringLiteral("ani")),
             qPrintable(second.error().message));
    // Only the claiming operator (or a supervisor) works the request on.
    auto verify = lifecycle.apply(budiActor, {id, RequestAction::Verify, std::nullopt, {}, {}});
    QVERIFY(!verify);
    QCOMPARE(verify.error().code, ErrorCode::PermissionDenied);
    RD_VERIFY_RESULT(lifecycle.apply(aniActor, {id, RequestAction::Verify, std::nullopt, {}, {}}));
    RevocationRequestRepository requests(m_db);
    QCOMPARE(requests.findById(id)->assignedOperator, QStringLiteral("ani"));
}

void TestRequestLifecycle::staleVersionIsAConflict()
{
    const qint64 id = TestFixtures::fileRequest(m_db, m_holder);
    RequestLifecycle lifecycle(m_db);
    auto stale = lifecycle.apply(Actor::user(QStringLiteral("test"), Actor::Role::Administrator),
                                 {id, RequestAction::Claim, 1, {}, {}});
    QVERIFY(!stale);
    QCOMPARE(stale.error().code, ErrorCode::Conflict);
    RD_VERIFY_RESULT(
        lifecycle.apply(Actor::user(QStringLiteral("test"), Actor::Role::Administrator),
                        {id, RequestAction::Claim, 2, {}, {}}));
}

void TestRequestLifecycle::kioskCanOnlyFile()
{
    const qint64 id = TestFixtures::fileRequest(m_db, m_holder);
    RequestLifecycle lifecycle(m_db);
    auto claim = lifecycle.apply(Actor::kiosk(QStringLiteral("kiosk-1")),
                                 {id, RequestAction::Claim, std::nullopt, {}, {}});
    QVERIFY(!claim);
    QCOMPARE(claim.error().code, ErrorCode::PermissionDenied);
}

void TestRequestLifecycle::dualControlNeedsASecondSupervisor()
{
    const qint64 id = TestFixtures::fileRequest(m_db, m_holder);
    QVERIFY(TestFixtures::forceState(*m_db, id, RequestState::CertificateMatched));
    RequestLifecycle lifecycle(m_db, RequestLifecycle::Options {QTimeZone(), true});
    const Actor sari = Actor::user(QStringLiteral("sari"), Actor::Role::Supervisor);
    const Actor joko = Actor::user(QStringLiteral("joko"), Actor::Role::Supervisor);
    const Actor ani = Actor::user(QStringLiteral("ani"), Actor::Role::Operator);

    // The call is queued (as RevocationStep does), so what refuses below is dual control.
    QVERIFY(provideEvidence(m_db, id, RequestAction::Revoke));
    auto direct = lifecycle.apply(ani, {id, RequestAction::Revoke, std::nullopt, {}, {}});
    QVERIFY(!direct);
    QCOMPARE(direct.error().code, ErrorCode::PermissionDenied);
    RD_VERIFY_RESULT(
        lifecycle.apply(sari, {id, RequestAction::RequestApproval, std::nullopt, {}, {}}));
    auto byOperator = lifecycle.apply(ani, {id, RequestAction::Revoke, std::nullopt, {}, {}});
    QCOMPARE(byOperator.error().code, ErrorCode::PermissionDenied);
    auto bySelf = lifecycle.apply(sari, {id, RequestAction::Revoke, std::nullopt, {}, {}});
    QCOMPARE(bySelf.error().code, ErrorCode::PermissionDenied);
    auto approved = lifecycle.apply(
        joko, {id, RequestAction::Revoke, std::nullopt, {}, QStringLiteral("AMS-2026-000123")});
    RD_VERIFY_RESULT(approved);
    QCOMPARE(approved->to, RequestState::RevocationQueued);
    RevocationRequestRepository requests(m_db);
    QCOMPARE(requests.findById(id)->amsReference, QStringLiteral("AMS-2026-000123"));
}

void TestRequestLifecycle::revocationStepsNeedTheirEvidence()
{
    // Each guarded step is refused, with nothing written, until what it stands for is on
    // record; then it is taken.
    const struct
    {
        RequestState from;
        RequestAction action;
        RequestState to;
    } steps[] = {
        {RequestState::CertificateMatched, RequestAction::Revoke, RequestState::RevocationQueued},
        {RequestState::AwaitingApproval, RequestAction::Revoke, RequestState::RevocationQueued},
        {RequestState::RevocationFailed, RequestAction::RetryRevocation,
         RequestState::RevocationQueued},
        {RequestState::RevocationQueued, RequestAction::RecordPendingProof,
         RequestState::RevocationPendingProof},
        {RequestState::RevocationPendingProof, RequestAction::ConfirmRevocation,
         RequestState::Revoked},
    };
    const Actor actor = Actor::user(QStringLiteral("test"), Actor::Role::Administrator);
    RequestLifecycle lifecycle(m_db);
    RevocationRequestRepository requests(m_db);
    for (const auto &step : steps) {
        const QString name = RequestStates::actionKey(step.action);
        const qint64 id = TestFixtures::fileRequest(m_db, m_holder);
        QVERIFY(id > 0);
        QVERIFY(TestFixtures::forceState(*m_db, id, step.from));
        const qint64 eventsBefore = TestFixtures::count(*m_db, QStringLiteral("request_events"));
        const qint64 auditBefore = TestFixtures::count(*m_db, QStringLiteral("audit_log"));
        auto refused = lifecycle.apply(actor, {id, step.action, std::nullopt, {}, {}});
        QVERIFY2(!refused, qPrintable(name));
        QCOMPARE(refused.error().code, ErrorCode::InvalidTransition);
        QCOMPARE(requests.findById(id)->state, step.from);
        QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("request_events")), eventsBefore);
        QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("audit_log")), auditBefore);

        QVERIFY(provideEvidence(m_db, id, step.action));
        auto taken = lifecycle.apply(actor, {id, step.action, std::nullopt, {}, {}});
        RD_VERIFY_RESULT(taken);
        QCOMPARE(taken->to, step.to);
        QCOMPARE(requests.findById(id)->state, step.to);
    }
}

void TestRequestLifecycle::evidenceOfAnotherKindDoesNotCount()
{
    const Actor actor = Actor::user(QStringLiteral("test"), Actor::Role::Administrator);
    const Actor queuer = Actor::user(QStringLiteral("ani"), Actor::Role::Operator);
    RequestLifecycle lifecycle(m_db);
    AmsOperationQueue queue(m_db, queuer);
    const auto refused = [&](qint64 id, RequestAction action) {
        auto outcome = lifecycle.apply(actor, {id, action, std::nullopt, {}, {}});
        return !outcome && outcome.error().code == ErrorCode::InvalidTransition;
    };

    // A filing queued for AMS is not the revocation's call; another request's call is not this
    // one's; a call AMS already answered is not one waiting to be sent.
    const qint64 matched = TestFixtures::fileRequest(m_db, m_holder);
    QVERIFY(TestFixtures::forceState(*m_db, matched, RequestState::CertificateMatched));
    RD_VERIFY_RESULT(queue.enqueue(matched, QStringLiteral("file_request"), {}));
    const qint64 other = TestFixtures::fileRequest(m_db, m_holder);
    RD_VERIFY_RESULT(queue.enqueue(other, PortalRevoke, {}));
    QVERIFY(refused(matched, RequestAction::Revoke));
    const qint64 answered = TestFixtures::fileRequest(m_db, m_holder);
    QVERIFY(TestFixtures::forceState(*m_db, answered, RequestState::CertificateMatched));
    auto done = queue.enqueue(answered, PortalRevoke, {});
    RD_VERIFY_RESULT(done);
    RD_VERIFY_RESULT(queue.markDone(done->id, {{QStringLiteral("id"), QStringLiteral("AMS-2")}}));
    QVERIFY(refused(answered, RequestAction::Revoke));

    // AMS has not answered a call still queued.
    const qint64 queued = TestFixtures::fileRequest(m_db, m_holder);
    QVERIFY(TestFixtures::forceState(*m_db, queued, RequestState::RevocationQueued));
    RD_VERIFY_RESULT(queue.enqueue(queued, PortalRevoke, {}));
    QVERIFY(refused(queued, RequestAction::RecordPendingProof));

    // A status check that still says "good", or a proof of another kind, is no proof.
    const qint64 pending = TestFixtures::fileRequest(m_db, m_holder);
    QVERIFY(TestFixtures::forceState(*m_db, pending, RequestState::RevocationPendingProof));
    VerificationResultRepository results(m_db);
    RD_VERIFY_RESULT(results.insert(pending, QStringLiteral("revocation_proof"),
                                    QStringLiteral("good"), {}, QStringLiteral("worker:test"),
                                    Clock::currentUtc()));
    RD_VERIFY_RESULT(results.insert(pending, QStringLiteral("dn_match"), QStringLiteral("revoked"),
                                    {}, QStringLiteral("worker:test"), Clock::currentUtc()));
    QVERIFY(refused(pending, RequestAction::ConfirmRevocation));

    RevocationRequestRepository requests(m_db);
    QCOMPARE(requests.findById(matched)->state, RequestState::CertificateMatched);
    QCOMPARE(requests.findById(answered)->state, RequestState::CertificateMatched);
    QCOMPARE(requests.findById(queued)->state, RequestState::RevocationQueued);
    QCOMPARE(requests.findById(pending)->state, RequestState::RevocationPendingProof);
}

void TestRequestLifecycle::reasonRequiredForRejection()
{
    const qint64 id = TestFixtures::fileRequest(m_db, m_holder);
    RequestLifecycle lifecycle(m_db);
    auto bare
        = lifecycle.apply(Actor::user(QStringLiteral("test"), Actor::Role::Administrator),
                          {id, RequestAction::Reject, std::nullopt, QStringLiteral("   "), {}});
    QVERIFY(!bare);
    QCOMPARE(bare.error().code, ErrorCode::InvalidInput);
    auto rejected = lifecycle.apply(Actor::user(QStringLiteral("test"), Actor::Role::Administrator),
                                    {id,
                                     RequestAction::Reject,
                                     std::nullopt,
                                     QStringLiteral("Surat keterangan tidak ditandatangani"),
                                     {}});
    RD_VERIFY_RESULT(rejected);
    RevocationRequestRepository requests(m_db);
    QCOMPARE(requests.findById(id)->closingReason,
             QStringLiteral("Surat keterangan tidak ditandatangani"));
}

void TestRequestLifecycle::badFilingsChangeNothing_data()
{
    QTest::addColumn<int>("variant");
    QTest::addColumn<int>("code");
    QTest::newRow("unknown holder") << 0 << int(ErrorCode::NotFound);
    QTest::newRow("deceased filed by the holder") << 1 << int(ErrorCode::InvalidInput);
    QTest::newRow("official without NIP") << 2 << int(ErrorCode::InvalidInput);
    QTest::newRow("other without text") << 3 << int(ErrorCode::InvalidInput);
    QTest::newRow("unknown channel") << 4 << int(ErrorCode::InvalidInput);
    QTest::newRow("certificate of someone else") << 5 << int(ErrorCode::NotFound);
}

void TestRequestLifecycle::badFilingsChangeNothing()
{
    QFETCH(int, variant);
    QFETCH(int, code);
    NewRevocationRequest request;
    request.holderId = m_holder;
    request.reason = RevocationReason::KeyCompromised;
    switch (variant) {
    case 0:
        request.holderId = 999999;
        break;
    case 1:
        request.reason = RevocationReason::Deceased;
        break;
    case 2:
        request.filedBy = NewRevocationRequest::FiledBy::Official;
        request.officialName = QStringLiteral("Hendra");
        request.officialNip = QStringLiteral("12345");
        break;
    case 3:
        request.reason = RevocationReason::Other;
        break;
    case 4:
        request.channel = QStringLiteral("fax");
        break;
    case 5:
        request.certificateId = 424242;
        break;
    }
    const qint64 requests = TestFixtures::count(*m_db, QStringLiteral("revocation_requests"));
    const qint64 audit = TestFixtures::count(*m_db, QStringLiteral("audit_log"));
    RequestLifecycle lifecycle(m_db);
    auto filed
        = lifecycle.file(Actor::user(QStringLiteral("test"), Actor::Role::Administrator), request);
    QVERIFY(!filed);
    QCOMPARE(int(filed.error().code), code);
    QVERIFY(!filed.error().message.isEmpty());
    QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("revocation_requests")), requests);
    QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("audit_log")), audit);
    QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("agenda_counters")), qint64(0));
}

void TestRequestLifecycle::stepTimingsCompareWithStandard()
{
    const QDateTime start(QDate(2026, 11, 2), QTime(1, 0), QTimeZone::utc());
    Clock::setFixedUtc(start);
    const qint64 id = TestFixtures::fileRequest(m_db, m_holder);
    RequestLifecycle lifecycle(m_db);
    const Actor actor = Actor::user(QStringLiteral("test"), Actor::Role::Administrator);
    Clock::setFixedUtc(start.addSecs(3600)); // an hour in the queue does not count as work
    RD_VERIFY_RESULT(lifecycle.apply(actor, {id, RequestAction::Claim, std::nullopt, {}, {}}));
    Clock::setFixedUtc(start.addSecs(3600 + 7 * 60));
    RD_VERIFY_RESULT(lifecycle.apply(actor, {id, RequestAction::Verify, std::nullopt, {}, {}}));
    Clock::setFixedUtc(start.addSecs(3600 + 9 * 60));
    RD_VERIFY_RESULT(
        lifecycle.apply(actor, {id, RequestAction::MatchCertificate, std::nullopt, {}, {}}));

    RevocationRequestRepository requests(m_db);
    auto timings = requests.stepTimings(id);
    RD_VERIFY_RESULT(timings);
    QCOMPARE(timings->size(), size_t(10));
    const StepTiming &verification = timings->at(5);
    QCOMPARE(verification.step, 6);
    QCOMPARE(verification.standardMinutes, 5);
    QVERIFY(verification.recorded);
    QCOMPARE(verification.actualMinutes, 7.0);
    QCOMPARE(timings->at(6).standardMinutes, 3);
    QCOMPARE(timings->at(6).actualMinutes, 2.0);
    QVERIFY(!timings->at(7).recorded);
}

void TestRequestLifecycle::auditChainWholeAfterwards()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(TestFixtures::fileRequest(m_db, m_holder) > 0);
    auto verified = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(verified);
    QVERIFY2(verified->intact(), qPrintable(verified->explanation));
    QVERIFY(verified->checkpointSigned);
    QCOMPARE(verified->entries, TestFixtures::count(*m_db, QStringLiteral("audit_log")));
}

QTEST_GUILESS_MAIN(TestRequestLifecycle)
#include "TestRequestLifecycle.moc"
