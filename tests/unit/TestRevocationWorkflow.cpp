// The workflow's steps around the lifecycle: step 6's checklist (Hasil Verifikasi Data) stored
// with the state change, the applicant's e-mail listing what is missing, and refusals that
// change nothing. Runs on SQLite, and on PostgreSQL as TestRevocationWorkflowPostgres.
#include "TestCertificates.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "users/UserAccounts.h"
#include "workflow/RevocationWorkflow.h"
#include "workflow/VerificationResultRepository.h"

#include <QJsonArray>
#include <QtTest>

using namespace rd;
using rd::test::CertificateSpec;
using rd::test::TestCertificates;
using rd::test::TestDatabase;
using rd::test::TestFixtures;

namespace {

const Actor Kiosk = Actor::kiosk(QStringLiteral("kiosk-1"));

std::vector<ChecklistAnswer> allPassed(bool onBehalf)
{
    std::vector<ChecklistAnswer> answers;
    for (const ChecklistItem &item : VerificationChecklist::applicable(onBehalf))
        answers.push_back({item.key, true, {}});
    return answers;
}

} // namespace

class TestRevocationWorkflow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void allPassedIsVerifiedWithItsChecklist();
    void failedItemsAskTheApplicant();
    void decreeOnlyWhenFiledOnBehalf();
    void badChecklistsChangeNothing_data();
    void badChecklistsChangeNothing();
    void certificateMatchedAndKept_data();
    void certificateMatchedAndKept();

private:
    qint64 fileAndClaim(bool onBehalf, const QString &language = QStringLiteral("id"));
    QString tablesSnapshot() const;
    qint64 verifiedRequest();

    std::unique_ptr<TestDatabase> m_test;
    DatabasePtr m_db;
    qint64 m_holder = 0;
    Actor Operator; // ani, an operator of the users table
};

void TestRevocationWorkflow::init()
{
    m_db.reset();
    m_test = TestDatabase::create(TestDatabase::engineUnderTest());
    QVERIFY2(m_test->database(), qPrintable(m_test->error()));
    m_db = m_test->database();
    m_holder = TestFixtures::addHolder(m_db, 1, QStringLiteral("Rahmawati, S.E."));
    QVERIFY(m_holder > 0);
    auto ani = UserAccounts(m_db).add(
        Actor::user(QStringLiteral("test"), Actor::Role::Administrator), QStringLiteral("ani"),
        QStringLiteral("Ani Rahmawati"), Actor::Role::Operator, QStringLiteral("kata-sandi-ani-1"));
    RD_VERIFY_RESULT(ani);
    Operator = Actor::user(QStringLiteral("ani"), Actor::Role::Operator, *ani);
}

qint64 TestRevocationWorkflow::fileAndClaim(bool onBehalf, const QString &language)
{
    NewRevocationRequest request;
    request.holderId = m_holder;
    request.reason = RevocationReason::Retired;
    request.applicantEmail = QStringLiteral("pemohon@natunakab.example");
    request.applicantLanguage = language;
    if (onBehalf) {
        request.filedBy = NewRevocationRequest::FiledBy::Official;
        request.officialName = QStringLiteral("Hendra Saputra, S.Sos.");
        request.officialNip = QStringLiteral("197805122005011003");
        request.officialPosition = QStringLiteral("Sekretaris Dinas");
    }
    RevocationWorkflow workflow(m_db, {});
    auto filed = workflow.file(Kiosk, request, {});
    if (!filed) {
        qWarning() << "filing failed:" << filed.error().toString();
        return 0;
    }
    RequestLifecycle lifecycle(m_db);
    TransitionRequest claim;
    claim.requestId = filed->outcome.requestId;
    claim.action = RequestAction::Claim;
    if (auto claimed = lifecycle.apply(Operator, claim); !claimed) {
        qWarning() << "claim failed:" << claimed.error().toString();
        return 0;
    }
    return filed->outcome.requestId;
}

QString TestRevocationWorkflow::tablesSnapshot() const
{
    QString text;
    for (const QString &table : {QStringLiteral("verification_results"), QStringLiteral("outbox"),
                                 QStringLiteral("audit_log"), QStringLiteral("request_events")})
        text += QString::number(TestFixtures::count(*m_db, table)) + QLatin1Char('/');
    auto states = m_db->execute(QStringLiteral("SELECT state, version FROM revocation_requests"));
    while (states && states->next())
        text += states->value(0).toString() + states->value(1).toString();
    return text;
}

void TestRevocationWorkflow::allPassedIsVerifiedWithItsChecklist()
{
    const qint64 id = fileAndClaim(false);
    QVERIFY(id > 0);
    const qint64 outboxBefore = TestFixtures::count(*m_db, QStringLiteral("outbox"));
    RevocationWorkflow workflow(m_db, {});
    auto verified = workflow.verify(Operator, id, allPassed(false));
    RD_VERIFY_RESULT(verified);
    QCOMPARE(verified->outcome.to, RequestState::Verified);
    QVERIFY(verified->missing.isEmpty());
    QCOMPARE(TestFixtures::count(*m_db, QStringLiteral("outbox")), outboxBefore);

    auto stored = VerificationResultRepository(m_db).forRequest(id);
    RD_VERIFY_RESULT(stored);
    QCOMPARE(stored->size(), size_t(1));
    const VerificationResult &result = stored->front();
    QCOMPARE(result.kind, QStringLiteral("data_checklist"));
    QCOMPARE(result.verdict, QStringLiteral("passed"));
    QCOMPARE(result.actor, QStringLiteral("user:ani"));
    const QJsonArray items = result.report.value(QStringLiteral("items")).toArray();
    QCOMPARE(items.size(), qsizetype(VerificationChecklist::applicable(false).size()));
    for (const QJsonValue &item : items)
        QVERIFY(item.toObject().value(QStringLiteral("passed")).toBool());
    auto chain = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(chain);
    QVERIFY(chain->intact());
}

void TestRevocationWorkflow::failedItemsAskTheApplicant()
{
    const qint64 id = fileAndClaim(false, QStringLiteral("en"));
    QVERIFY(id > 0);
    std::vector<ChecklistAnswer> answers = allPassed(false);
    for (ChecklistAnswer &answer : answers) {
        if (answer.key == QLatin1String("superior_acknowledged")) {
            answer.passed = false;
            answer.note = QStringLiteral("no signature under \"Mengetahui\"");
        }
    }
    RevocationWorkflow workflow(m_db, {});
    auto asked = workflow.verify(Operator, id, answers);
    RD_VERIFY_RESULT(asked);
    QCOMPARE(asked->outcome.to, RequestState::NeedsCompletion);
    QCOMPARE(asked->missing.size(), 1);
    QVERIFY2(asked->missing.front().contains(QLatin1String("superior's signature"))
                 && asked->missing.front().contains(QLatin1String("no signature")),
             qPrintable(asked->missing.front()));

    // The e-mail went into the outbox with the state change, in the applicant's language.
    auto mail = m_db->execute(QStringLiteral("SELECT kind, recipient, message FROM outbox "
                                             "WHERE request_id = ?"),
                              {id});
    RD_VERIFY_RESULT(mail);
    QVERIFY(mail->next());
    QCOMPARE(mail->value(0).toString(), QStringLiteral("completion_needed"));
    QCOMPARE(mail->value(1).toString(), QStringLiteral("pemohon@natunakab.example"));
    const QByteArray message = mail->value(2).toByteArray();
    QVERIFY2(message.contains("superior's signature"), message.constData());
    QVERIFY(!message.contains("identity card"));

    auto stored = VerificationResultRepository(m_db).forRequest(id);
    RD_VERIFY_RESULT(stored);
    QCOMPARE(stored->front().verdict, QStringLiteral("failed"));

    // The applicant resubmits; the next check passes and both checks stay on record.
    RequestLifecycle lifecycle(m_db);
    TransitionRequest resubmit {id, RequestAction::Resubmit, {}, {}, {}};
    RD_VERIFY_RESULT(lifecycle.apply(Kiosk, resubmit));
    TransitionRequest claim {id, RequestAction::Claim, {}, {}, {}};
    RD_VERIFY_RESULT(lifecycle.apply(Operator, claim));
    auto verified = workflow.verify(Operator, id, allPassed(false));
    RD_VERIFY_RESULT(verified);
    QCOMPARE(verified->outcome.to, RequestState::Verified);
    QCOMPARE(VerificationResultRepository(m_db).forRequest(id)->size(), size_t(2));
}

void TestRevocationWorkflow::decreeOnlyWhenFiledOnBehalf()
{
    const qint64 own = fileAndClaim(false);
    const qint64 onBehalf = fileAndClaim(true);
    QVERIFY(own > 0 && onBehalf > 0);
    RevocationWorkflow workflow(m_db, {});
    // The holder's own filing has no decree item; an answer for it is refused.
    std::vector<ChecklistAnswer> withDecree = allPassed(false);
    withDecree.push_back({QStringLiteral("decree_or_death_certificate"), true, {}});
    auto refused = workflow.verify(Operator, own, withDecree);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
    // Filed on behalf, it is one of the items, and it must be answered.
    auto open = workflow.verify(Operator, onBehalf, allPassed(false));
    QVERIFY(!open);
    QVERIFY2(open.error().message.contains(QLatin1String("decree_or_death_certificate")),
             qPrintable(open.error().message));
    RD_VERIFY_RESULT(workflow.verify(Operator, onBehalf, allPassed(true)));
}

void TestRevocationWorkflow::badChecklistsChangeNothing_data()
{
    QTest::addColumn<QString>("problem");
    QTest::newRow("an item left open") << QStringLiteral("open");
    QTest::newRow("an unknown item") << QStringLiteral("unknown");
    QTest::newRow("an item twice") << QStringLiteral("twice");
    QTest::newRow("by the kiosk") << QStringLiteral("kiosk");
    QTest::newRow("a stale version") << QStringLiteral("stale");
    QTest::newRow("before the claim") << QStringLiteral("unclaimed");
}

void TestRevocationWorkflow::badChecklistsChangeNothing()
{
    QFETCH(QString, problem);
    qint64 id = fileAndClaim(false);
    QVERIFY(id > 0);
    std::vector<ChecklistAnswer> answers = allPassed(false);
    Actor actor = Operator;
    std::optional<int> version;
    if (problem == QLatin1String("open"))
        answers.pop_back();
    else if (problem == QLatin1String("unknown"))
        answers.push_back({QStringLiteral("photo_smiling"), true, {}});
    else if (problem == QLatin1String("twice"))
        answers.push_back(answers.front());
    else if (problem == QLatin1String("kiosk"))
        actor = Kiosk;
    else if (problem == QLatin1String("stale"))
        version = 1;
    else if (problem == QLatin1String("unclaimed"))
        QVERIFY(TestFixtures::forceState(*m_db, id, RequestState::Submitted));
    const QString before = tablesSnapshot();
    RevocationWorkflow workflow(m_db, {});
    auto result = workflow.verify(actor, id, answers, version);
    QVERIFY(!result);
    QCOMPARE(tablesSnapshot(), before);
}

qint64 TestRevocationWorkflow::verifiedRequest()
{
    const qint64 id = fileAndClaim(false);
    if (id <= 0)
        return 0;
    RevocationWorkflow workflow(m_db, {});
    if (!workflow.verify(Operator, id, allPassed(false)))
        return 0;
    return id;
}

void TestRevocationWorkflow::certificateMatchedAndKept_data()
{
    QTest::addColumn<QString>("commonName");
    QTest::addColumn<bool>("expired");
    QTest::addColumn<QString>("justification");
    QTest::addColumn<int>("verdict");
    QTest::addColumn<bool>("moves");
    QTest::addColumn<bool>("kept");
    QTest::newRow("the holder's") << QStringLiteral("Rahmawati") << false << QString()
                                  << int(MatchVerdict::Match) << true << true;
    QTest::newRow("someone else's") << QStringLiteral("Rahmat Hidayat") << false << QString()
                                    << int(MatchVerdict::Mismatch) << false << true;
    QTest::newRow("someone else's, with a justification")
        << QStringLiteral("Rahmat Hidayat") << false << QStringLiteral("sama saja")
        << int(MatchVerdict::Mismatch) << false << true;
    QTest::newRow("expired, no justification") << QStringLiteral("Rahmawati") << true << QString()
                                               << int(MatchVerdict::NeedsReview) << false << false;
    QTest::newRow("expired, justified")
        << QStringLiteral("Rahmawati") << true
        << QStringLiteral("Sertifikat lama masih dipakai; dicabut agar tidak disalahgunakan.")
        << int(MatchVerdict::NeedsReview) << true << true;
}

void TestRevocationWorkflow::certificateMatchedAndKept()
{
    QFETCH(QString, commonName);
    QFETCH(bool, expired);
    QFETCH(QString, justification);
    QFETCH(int, verdict);
    QFETCH(bool, moves);
    QFETCH(bool, kept);
    const qint64 id = verifiedRequest();
    QVERIFY(id > 0);
    auto authority = TestCertificates::certificateAuthority(QStringLiteral("Test BSrE CA"));
    RD_VERIFY_RESULT(authority);
    CertificateSpec spec;
    spec.subject = {{QStringLiteral("C"), QStringLiteral("ID")},
                    {QStringLiteral("CN"), commonName},
                    {QStringLiteral("emailAddress"), QStringLiteral("pemegang1@natunakab.go.id")}};
    if (expired) {
        spec.notBefore = QDateTime::currentDateTimeUtc().addYears(-3);
        spec.notAfter = QDateTime::currentDateTimeUtc().addDays(-2);
    }
    auto built = TestCertificates::build(spec, &*authority);
    RD_VERIFY_RESULT(built);
    auto certificate = Certificate::readAll(built->der());
    RD_VERIFY_RESULT(certificate);
    auto issuers
        = TrustedIssuers::fromList({QStringLiteral("CN=Test BSrE CA,O=Test Organisation,C=ID")});
    RD_VERIFY_RESULT(issuers);

    const QString before = tablesSnapshot();
    RevocationWorkflow workflow(m_db, {});
    auto matched
        = workflow.matchCertificate(Operator, id, certificate->front(), *issuers, justification);
    RD_VERIFY_RESULT(matched);
    QCOMPARE(int(matched->report.verdict), verdict);
    QCOMPARE(matched->outcome.has_value(), moves);
    QCOMPARE(matched->recorded, kept);
    if (moves)
        QCOMPARE(matched->outcome->to, RequestState::CertificateMatched);
    auto state
        = m_db->scalar(QStringLiteral("SELECT state FROM revocation_requests WHERE id = ?"), {id});
    RD_VERIFY_RESULT(state);
    QCOMPARE(state->toString(),
             moves ? QStringLiteral("certificate_matched") : QStringLiteral("verified"));
    if (!kept) {
        QCOMPARE(tablesSnapshot(), before);
        return;
    }
    auto results = VerificationResultRepository(m_db).forRequest(id);
    RD_VERIFY_RESULT(results);
    const VerificationResult &stored = results->back();
    QCOMPARE(stored.kind, QStringLiteral("dn_match"));
    QCOMPARE(stored.verdict, DnMatchReport::verdictName(MatchVerdict(verdict)));
    // The whole report, both languages, as the matcher gave it.
    QCOMPARE(stored.report.value(QStringLiteral("serial_hex")).toString(),
             matched->report.serialHex);
    QVERIFY(!stored.report.value(QStringLiteral("reasons")).toArray().isEmpty());
    if (!justification.isEmpty())
        QCOMPARE(stored.report.value(QStringLiteral("justification")).toString(), justification);
    auto chain = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(chain);
    QVERIFY(chain->intact());
}

QTEST_GUILESS_MAIN(TestRevocationWorkflow)
#include "TestRevocationWorkflow.moc"
