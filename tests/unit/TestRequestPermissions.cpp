// Who may take which step of a request (RequestPermissions::authorize), as a table: every kind
// of actor and role against every action, then the claim and dual-control rules. No database.
#include "requests/RequestPermissions.h"

#include "TestDatabase.h"
#include "VerifyResult.h"

#include <QtTest>

#include <pwd.h>
#include <unistd.h>

using namespace rd;

namespace {

const QString StaffOnly = QStringLiteral("Only staff can do this at a workstation.");
const QString LogInFirst
    = QStringLiteral("Only a logged-in operator, supervisor or administrator can do this.");
const QString NoRole = QStringLiteral("This account has no role.");
const QString ClaimedByBudi = QStringLiteral("Request SE/2026/11/0007 was claimed by budi.");
const QString DualControl = QStringLiteral(
    "Dual control is on: a supervisor must approve request SE/2026/11/0007 before it is revoked.");
const QString SupervisorOnly = QStringLiteral("Only a supervisor can approve a revocation.");
const QString NotTheAsker
    = QStringLiteral("The person who asked for approval cannot also give it.");
const QString WorkerAnswersOnly = QStringLiteral(
    "The background worker only records what AMS and the status services answered.");

constexpr qint64 AniId = 11;
constexpr qint64 BudiId = 12;

const Actor Kiosk = Actor::kiosk(QStringLiteral("kiosk-1"));
// Not logged in (no --user): it reads and files, as the kiosk does, whatever the OS user.
const Actor CommandLine = Actor::commandLine(QStringLiteral("root"));
const Actor NoRoleUser = Actor::user(QStringLiteral("tamu"), Actor::Role::None, 10);
const Actor Ani = Actor::user(QStringLiteral("ani"), Actor::Role::Operator, AniId);
const Actor Sari = Actor::user(QStringLiteral("sari"), Actor::Role::Supervisor, 13);
const Actor Joko = Actor::user(QStringLiteral("joko"), Actor::Role::Supervisor, 14);
const Actor Dewi = Actor::user(QStringLiteral("dewi"), Actor::Role::Administrator, 15);
const Actor Worker = Actor::worker(QStringLiteral("desk-1"));

RequestAccess request(RequestState state)
{
    RequestAccess access;
    access.name = QStringLiteral("SE/2026/11/0007");
    access.state = state;
    return access;
}

RequestAccess claimedByBudi()
{
    RequestAccess access = request(RequestState::InVerification);
    access.assignedOperatorId = BudiId;
    access.assignedOperator = QStringLiteral("budi");
    return access;
}

RequestAccess underDualControl(RequestState state)
{
    RequestAccess access = request(state);
    access.dualControl = true;
    return access;
}

RequestAccess awaitingApprovalAskedBy(const Actor &asker)
{
    RequestAccess access = underDualControl(RequestState::AwaitingApproval);
    access.approvalRequestedBy = asker.toString();
    return access;
}

} // namespace

class TestRequestPermissions : public QObject
{
    Q_OBJECT

private slots:
    void authorize_data();
    void authorize();
    void commandLineActorIsTheProcessAccount();
};

void TestRequestPermissions::authorize_data()
{
    QTest::addColumn<Actor>("actor");
    QTest::addColumn<RequestAccess>("access");
    QTest::addColumn<RequestAction>("action");
    QTest::addColumn<QString>("denial"); // empty: allowed

    // Every actor against every action, on a request nobody has claimed, dual control off:
    // the kiosk and the command line without a log-in file and resubmit only, an account without
    // a role does nothing, the rest may.
    const struct
    {
        const char *name;
        Actor actor;
    } actors[] = {{"kiosk", Kiosk},  {"cli", CommandLine}, {"no role", NoRoleUser},
                  {"operator", Ani}, {"supervisor", Sari}, {"administrator", Dewi}};
    for (const auto &[name, actor] : actors) {
        for (const RequestAction action : RequestStates::allActions()) {
            QString denial;
            const bool filing
                = action == RequestAction::Submit || action == RequestAction::Resubmit;
            if (actor.kind() == Actor::Kind::Kiosk)
                denial = filing ? QString() : StaffOnly;
            else if (actor.kind() == Actor::Kind::CommandLine)
                denial = filing ? QString() : LogInFirst;
            else if (actor.role() == Actor::Role::None && actor.kind() == Actor::Kind::User)
                denial = NoRole;
            QTest::addRow("%s, %s", name, qPrintable(RequestStates::actionKey(action)))
                << actor << request(RequestState::CertificateMatched) << action << denial;
        }
    }

    // The background worker records AMS's answers and the proof (step 8), and nothing else: it
    // neither revokes, nor claims, nor verifies, nor approves.
    for (const RequestAction action : RequestStates::allActions()) {
        const bool answer = action == RequestAction::RecordPendingProof
            || action == RequestAction::ConfirmRevocation
            || action == RequestAction::FailRevocation;
        QTest::addRow("worker, %s", qPrintable(RequestStates::actionKey(action)))
            << Worker << request(RequestState::RevocationQueued) << action
            << (answer ? QString() : WorkerAnswersOnly);
    }
    QTest::newRow("worker revokes a request claimed by an operator")
        << Worker << claimedByBudi() << RequestAction::Revoke << WorkerAnswersOnly;
    QTest::newRow("worker approves a revocation")
        << Worker << awaitingApprovalAskedBy(Sari) << RequestAction::Revoke << WorkerAnswersOnly;
    QTest::newRow("dual control, worker records AMS's answer")
        << Worker << underDualControl(RequestState::RevocationQueued)
        << RequestAction::RecordPendingProof << QString();
    QTest::newRow("dual control, worker confirms with a proof")
        << Worker << underDualControl(RequestState::RevocationPendingProof)
        << RequestAction::ConfirmRevocation << QString();

    // The claim: only the claiming operator (or a supervisor) works the request on.
    QTest::newRow("operator verifies a request another operator claimed")
        << Ani << claimedByBudi() << RequestAction::Verify << ClaimedByBudi;
    QTest::newRow("operator asks for completion of another operator's claim")
        << Ani << claimedByBudi() << RequestAction::RequestCompletion << ClaimedByBudi;
    QTest::newRow("operator matches the certificate of another operator's claim")
        << Ani << claimedByBudi() << RequestAction::MatchCertificate << ClaimedByBudi;
    RequestAccess claimedByAni = claimedByBudi();
    claimedByAni.assignedOperatorId = AniId;
    claimedByAni.assignedOperator = QStringLiteral("ani");
    QTest::newRow("operator verifies her own claim")
        << Ani << claimedByAni << RequestAction::Verify << QString();
    QTest::newRow("supervisor verifies an operator's claim")
        << Sari << claimedByBudi() << RequestAction::Verify << QString();
    QTest::newRow("administrator verifies an operator's claim")
        << Dewi << claimedByBudi() << RequestAction::Verify << QString();
    QTest::newRow("cli verifies an operator's claim")
        << CommandLine << claimedByBudi() << RequestAction::Verify << LogInFirst;
    QTest::newRow("operator rejects another operator's claim")
        << Ani << claimedByBudi() << RequestAction::Reject << QString();
    QTest::newRow("operator cancels another operator's claim")
        << Ani << claimedByBudi() << RequestAction::Cancel << QString();
    QTest::newRow("kiosk verifies a claimed request")
        << Kiosk << claimedByBudi() << RequestAction::Verify << StaffOnly;

    // Dual control: nobody revokes a matched certificate without a supervisor's approval.
    const RequestAccess matched = underDualControl(RequestState::CertificateMatched);
    QTest::newRow("dual control, operator revokes directly")
        << Ani << matched << RequestAction::Revoke << DualControl;
    QTest::newRow("dual control, supervisor revokes directly")
        << Sari << matched << RequestAction::Revoke << DualControl;
    QTest::newRow("dual control, administrator revokes directly")
        << Dewi << matched << RequestAction::Revoke << DualControl;
    QTest::newRow("dual control, cli revokes directly")
        << CommandLine << matched << RequestAction::Revoke << LogInFirst;
    // AMS's answer comes only from revocation_queued, where the approval (if any) was given:
    // dual control does not stand in the way of the operator's read-back of the portal.
    QTest::newRow("dual control, operator records the portal's answer")
        << Ani << underDualControl(RequestState::RevocationQueued)
        << RequestAction::RecordPendingProof << QString();
    QTest::newRow("dual control, operator records AMS's refusal")
        << Ani << underDualControl(RequestState::RevocationQueued) << RequestAction::FailRevocation
        << QString();
    QTest::newRow("dual control, kiosk revokes directly")
        << Kiosk << matched << RequestAction::Revoke << StaffOnly;
    QTest::newRow("dual control, operator asks for approval")
        << Ani << matched << RequestAction::RequestApproval << QString();
    QTest::newRow("dual control off, operator revokes")
        << Ani << request(RequestState::CertificateMatched) << RequestAction::Revoke << QString();

    // The approval: a supervisor other than the one who asked.
    QTest::newRow("approval, operator approves")
        << Ani << awaitingApprovalAskedBy(Sari) << RequestAction::Revoke << SupervisorOnly;
    // The command line without a log-in is nobody's second pair of eyes (issue 10: two OS users
    // passed dual control by naming themselves in $USER).
    QTest::newRow("approval, cli approves")
        << CommandLine << awaitingApprovalAskedBy(Sari) << RequestAction::Revoke << LogInFirst;
    QTest::newRow("approval asked by one cli user, another cli user approves")
        << Actor::commandLine(QStringLiteral("bob"))
        << awaitingApprovalAskedBy(Actor::commandLine(QStringLiteral("alice")))
        << RequestAction::Revoke << LogInFirst;
    QTest::newRow("approval, cli asks for it")
        << CommandLine << matched << RequestAction::RequestApproval << LogInFirst;
    QTest::newRow("approval, the asking supervisor approves")
        << Sari << awaitingApprovalAskedBy(Sari) << RequestAction::Revoke << NotTheAsker;
    // Once a second supervisor approved, the call is queued: the one who asked may record
    // what AMS's pages answered.
    RequestAccess approvedAskedBySari = awaitingApprovalAskedBy(Sari);
    approvedAskedBySari.state = RequestState::RevocationQueued;
    QTest::newRow("approval given, the asking supervisor records the portal's answer")
        << Sari << approvedAskedBySari << RequestAction::RecordPendingProof << QString();
    QTest::newRow("approval, a second supervisor approves")
        << Joko << awaitingApprovalAskedBy(Sari) << RequestAction::Revoke << QString();
    QTest::newRow("approval, a second supervisor records pending proof")
        << Joko << awaitingApprovalAskedBy(Sari) << RequestAction::RecordPendingProof << QString();
    QTest::newRow("approval, an administrator approves")
        << Dewi << awaitingApprovalAskedBy(Sari) << RequestAction::Revoke << QString();
    QTest::newRow("approval asked by an operator, supervisor approves")
        << Sari << awaitingApprovalAskedBy(Ani) << RequestAction::Revoke << QString();
    QTest::newRow("approval nobody asked for, supervisor approves")
        << Sari << underDualControl(RequestState::AwaitingApproval) << RequestAction::Revoke
        << QString();
    QTest::newRow("approval with dual control off, operator approves")
        << Ani << request(RequestState::AwaitingApproval) << RequestAction::Revoke
        << SupervisorOnly;
    QTest::newRow("approval, the asking supervisor rejects")
        << Sari << awaitingApprovalAskedBy(Sari) << RequestAction::Reject << QString();
}

void TestRequestPermissions::authorize()
{
    QFETCH(Actor, actor);
    QFETCH(RequestAccess, access);
    QFETCH(RequestAction, action);
    QFETCH(QString, denial);

    const Result<void> allowed = RequestPermissions::authorize(actor, access, action);
    if (denial.isEmpty()) {
        RD_VERIFY_RESULT(allowed);
        return;
    }
    QVERIFY2(!allowed.has_value(), "allowed, but should be denied");
    QCOMPARE(allowed.error().code, ErrorCode::PermissionDenied);
    QCOMPARE(allowed.error().message, denial);
}

void TestRequestPermissions::commandLineActorIsTheProcessAccount()
{
    // $USER is whatever the caller says; the name in the audit log is the account that runs.
    const QByteArray saved = qgetenv("USER");
    qputenv("USER", "mallory");
    const Actor actor = Actor::commandLine();
    if (saved.isNull())
        qunsetenv("USER");
    else
        qputenv("USER", saved);
    const passwd *account = getpwuid(geteuid());
    QVERIFY(account && account->pw_name);
    QCOMPARE(actor.toString(), QStringLiteral("cli:") + QString::fromLocal8Bit(account->pw_name));
    QCOMPARE(actor.role(), Actor::Role::None);
}

QTEST_GUILESS_MAIN(TestRequestPermissions)
#include "TestRequestPermissions.moc"
