#include "AmsTestSupport.h"
#include "SimulatorApi.h"
#include "SimulatorAuthority.h"
#include "SimulatorProcess.h"
#include "SimulatorSeeder.h"
#include "SimulatorState.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "ams/Totp.h"
#include "certificates/Certificate.h"
#include "status/CertificateRevocationList.h"
#include "status/OcspClient.h"

#include <QDir>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTemporaryDir>

using namespace rd;
using namespace rd::sim;
using namespace rd::test;

// The simulator's endpoints in-process, without HTTP: the rules a client relies on.
class TestSimulatorApi : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SimulatorState> m_state;
    std::optional<SimulatorAuthority> m_authority;
    std::unique_ptr<SimulatorApi> m_api;
    QString m_token;

    HttpResponse call(const QString &method, const QString &path, const QJsonObject &body = {},
                      const QByteArray &key = {})
    {
        HttpRequest request;
        request.method = method;
        request.path = path;
        request.body = body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson();
        if (!m_token.isEmpty())
            request.headers.insert("authorization", "Bearer " + m_token.toLatin1());
        if (!key.isEmpty())
            request.headers.insert("idempotency-key", key);
        return m_api->handle(request);
    }

    static QString errorCode(const HttpResponse &response)
    {
        return QJsonDocument::fromJson(response.body)
            .object()
            .value(QStringLiteral("error"))
            .toObject()
            .value(QStringLiteral("code"))
            .toString();
    }

    QString login(const QString &password, const QString &otp)
    {
        return loginAs(QStringLiteral("op"), password, otp);
    }

    // The token, or the error's code.
    QString loginAs(const QString &username, const QString &password, const QString &otp)
    {
        const HttpResponse response
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/auth/login"),
                   {{QStringLiteral("username"), username},
                    {QStringLiteral("password"), password},
                    {QStringLiteral("otp"), otp}});
        if (response.status != 200)
            return errorCode(response);
        return QJsonDocument::fromJson(response.body)
            .object()
            .value(QStringLiteral("token"))
            .toString();
    }

    QString serial() const
    {
        return m_state->certificatesOf(QStringLiteral("3203010101010001")).front()->serialHex;
    }

    QJsonObject filing(const QByteArray &letter, const QString &serialHex = {}) const
    {
        return {{QStringLiteral("nik"), QStringLiteral("3203010101010001")},
                {QStringLiteral("serial"), serialHex.isEmpty() ? serial() : serialHex},
                {QStringLiteral("reason_code"), 5},
                {QStringLiteral("letter"),
                 QJsonObject {
                     {QStringLiteral("file_name"), QStringLiteral("s.pdf")},
                     {QStringLiteral("content_base64"), QString::fromLatin1(letter.toBase64())}}}};
    }

    // The simulator's OCSP answer, its signature and freshness checked as the desk checks them.
    Result<RevocationStatus> ocspStatus(const Certificate &holder, const Certificate &issuer,
                                        const QDateTime &at)
    {
        auto built = OcspClient::buildRequest(holder, issuer);
        if (!built)
            return errorOf(built);
        HttpRequest request;
        request.method = QStringLiteral("POST");
        request.path = QStringLiteral("/ocsp");
        request.body = built->der;
        return OcspClient::evaluate(m_api->handle(request).body, *built, holder, issuer,
                                    QStringLiteral("simulator"), at);
    }

    Result<CertificateRevocationList> crl()
    {
        const HttpResponse response = call(QStringLiteral("GET"), QStringLiteral("/crl/ca.crl"));
        if (response.status != 200)
            return fail(ErrorCode::Internal, QString::fromUtf8(response.body));
        return CertificateRevocationList::fromBytes(response.body);
    }

    QString indexLineOf(const QString &serialHex) const
    {
        QFile index(m_state->path(QStringLiteral("index.txt")));
        if (!index.open(QIODevice::ReadOnly))
            return {};
        for (const QString &line : QString::fromUtf8(index.readAll()).split(QLatin1Char('\n'))) {
            if (line.contains(QLatin1Char('\t') + serialHex + QLatin1Char('\t')))
                return line;
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("letters")));
        m_state = std::make_unique<SimulatorState>(m_dir.path());
        m_state->publicUrl = QStringLiteral("http://127.0.0.1:1");
        auto authority = SimulatorAuthority::open(*m_state);
        RD_VERIFY_RESULT(authority);
        m_authority.emplace(std::move(*authority));
        const QString seed = m_dir.filePath(QStringLiteral("seed.json"));
        QFile file(seed);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"accounts":[{"username":"op","password":"pw","totp_secret":"JBSWY3DPEHPK3PXP"},
                                   {"username":"siti","password":"pw2","role":"holder",
                                    "nik":"3203010101010002"}],
                       "holders":[{"nik":"3203010101010001","full_name":"Dr. Budi Santoso, S.Kom.",
                                   "email":"b@x.go.id","unit":"Kominfo","certificates":2},
                                  {"nik":"3203010101010002","full_name":"Siti Aminah",
                                   "email":"s@x.go.id","unit":"Bappeda","certificates":1}]})");
        file.close();
        RD_VERIFY_RESULT(SimulatorSeeder::seedFile(*m_state, *m_authority, seed));
        SimulatorSeeder::ensureAccounts(*m_state);
        RD_VERIFY_RESULT(m_authority->publish(*m_state, QDateTime::currentDateTimeUtc()));
        m_api = std::make_unique<SimulatorApi>(*m_state, *m_authority);
    }

    void seeding()
    {
        QCOMPARE(m_state->certificatesOf(QStringLiteral("3203010101010001")).size(),
                 std::size_t(2));
        QVERIFY(m_state->certificatesOf(QStringLiteral("3203010101010001"))
                    .back()
                    ->subjectDn.contains(QStringLiteral("CN=Budi Santoso,")));
        QVERIFY(m_state->accounts.contains(QStringLiteral("esign"))); // made up: none seeded
        QVERIFY(!m_state->accounts.contains(QStringLiteral("verifikator")));
    }

    void neverAcceptsAWrongCode()
    {
        const QByteArray key = *Totp::decodeBase32(QStringLiteral("JBSWY3DPEHPK3PXP"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(login(QStringLiteral("wrong"), Totp::code(key, now)),
                 QStringLiteral("invalid_credentials"));
        for (qint64 steps : {-10, -3, 3, 10}) {
            const QString code = Totp::code(key, now.addSecs(30 * steps));
            if (!Totp::verify(key, code, now))
                QCOMPARE(login(QStringLiteral("pw"), code), QStringLiteral("invalid_otp"));
        }
        QCOMPARE(login(QStringLiteral("pw"), QStringLiteral("12345a")),
                 QStringLiteral("invalid_otp"));
        m_token = login(QStringLiteral("pw"), Totp::code(key, now));
        QCOMPARE(m_token.size(), 64);
    }

    void refusals()
    {
        QCOMPARE(
            errorCode(call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"),
                           filing(QByteArrayLiteral("%PDF-1.4")))),
            QStringLiteral("idempotency_key_required"));
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"),
                      filing(QByteArrayLiteral("GIF89a")), "k1")
                     .status,
                 415);
        QCOMPARE(call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"),
                      filing(QByteArray("%PDF-") + QByteArray(1024 * 1024, 'x')), "k2")
                     .status,
                 413);
        QJsonObject badReason = filing(QByteArrayLiteral("%PDF-1.4"));
        badReason.insert(QStringLiteral("reason_code"), 7);
        QCOMPARE(errorCode(call(QStringLiteral("POST"),
                                QStringLiteral("/api/v1/revocation-requests"), badReason, "k3")),
                 QStringLiteral("invalid_reason_code"));
        const QString token = m_token;
        m_token = QStringLiteral("not-a-token");
        QCOMPARE(call(QStringLiteral("GET"), QStringLiteral("/api/v1/revocation-requests")).status,
                 401);
        m_token = token;
    }

    void idempotency()
    {
        const HttpResponse first
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"),
                   filing(QByteArrayLiteral("%PDF-1.4 a")), "same");
        QCOMPARE(first.status, 201);
        const HttpResponse replay
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"),
                   filing(QByteArrayLiteral("%PDF-1.4 a")), "same");
        QCOMPARE(replay.status, 201);
        QCOMPARE(replay.body, first.body);
        QVERIFY(replay.headers.contains(
            {QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")}));
        QCOMPARE(m_state->requests.size(), 1);
        const HttpResponse reused
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"),
                   filing(QByteArrayLiteral("%PDF-1.4 b")), "same");
        QCOMPARE(reused.status, 422);
        QCOMPARE(errorCode(reused), QStringLiteral("idempotency_key_reused"));
    }

    void revokeUpdatesIndexAndCrl()
    {
        const QString id = m_state->requests.firstKey();
        const HttpResponse revoked = call(
            QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests/%1/revoke").arg(id),
            {{QStringLiteral("reason_code"), 1}}, "rev");
        QCOMPARE(revoked.status, 200);
        QFile index(m_state->path(QStringLiteral("index.txt")));
        QVERIFY(index.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(index.readAll());
        QVERIFY2(text.contains(QStringLiteral("R\t")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral(",keyCompromise\t") + serial()));
        QVERIFY(!m_authority->crlDer().isEmpty());
        QCOMPARE(call(QStringLiteral("POST"),
                      QStringLiteral("/api/v1/revocation-requests/%1/revoke").arg(id), {}, "rev2")
                     .status,
                 409);
        // The state survives a restart of the simulator.
        SimulatorState reloaded(m_dir.path());
        RD_VERIFY_RESULT(reloaded.load());
        QVERIFY(reloaded.certificates.value(serial()).revoked());
        QCOMPARE(reloaded.idempotency.size(), m_state->idempotency.size());
    }

    // A CA whose status services lag behind AMS: AMS says revoked at once, OCSP and the CRL
    // only once the delay has passed, and then without another revocation.
    void publicationDelay()
    {
        constexpr qint64 delaySeconds = 2;
        QDateTime clock = QDateTime::currentDateTimeUtc();
        m_api->setClock([&clock] { return clock; });
        m_authority->setPublicationDelaySeconds(delaySeconds);
        const auto restore = qScopeGuard([this] {
            m_api->setClock({});
            m_authority->setPublicationDelaySeconds(0);
        });

        const SimulatorCertificate *second
            = m_state->certificatesOf(QStringLiteral("3203010101010001")).back();
        const QString serialHex = second->serialHex;
        QVERIFY(serialHex != serial());
        auto holder = Certificate::readAll(second->der);
        RD_VERIFY_RESULT(holder);
        auto issuer = Certificate::readAll(m_authority->certificateDer());
        RD_VERIFY_RESULT(issuer);

        const HttpResponse filed
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"),
                   filing(QByteArrayLiteral("%PDF-1.4 delayed"), serialHex), "delayed-file");
        QCOMPARE(filed.status, 201);
        const QString id
            = QJsonDocument::fromJson(filed.body).object().value(QStringLiteral("id")).toString();
        const HttpResponse revoked = call(
            QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests/%1/revoke").arg(id),
            {{QStringLiteral("reason_code"), 1}}, "delayed-revoke");
        QCOMPARE(revoked.status, 200);
        const QJsonObject answer = QJsonDocument::fromJson(revoked.body).object();
        QCOMPARE(answer.value(QStringLiteral("request"))[QStringLiteral("status")].toString(),
                 QStringLiteral("revoked"));
        QCOMPARE(answer.value(QStringLiteral("certificate"))[QStringLiteral("status")].toString(),
                 QStringLiteral("revoked"));

        // Within the delay: good on OCSP, absent from the CRL and index.txt.
        clock = clock.addMSecs(delaySeconds * 1000 - 1);
        auto early = ocspStatus(holder->front(), issuer->front(), clock);
        RD_VERIFY_RESULT(early);
        QCOMPARE(early->state, RevocationStatus::State::Good);
        auto earlyCrl = crl();
        RD_VERIFY_RESULT(earlyCrl);
        QVERIFY(!earlyCrl->findHex(serialHex).has_value());
        auto earlyCrlStatus = earlyCrl->statusOf(holder->front(), issuer->front(),
                                                 QStringLiteral("simulator"), clock);
        RD_VERIFY_RESULT(earlyCrlStatus);
        QCOMPARE(earlyCrlStatus->state, RevocationStatus::State::Good);
        QVERIFY2(indexLineOf(serialHex).startsWith(QLatin1Char('V')),
                 qPrintable(indexLineOf(serialHex)));

        // Once it has passed, both say revoked, though nothing was revoked since.
        clock = clock.addMSecs(1);
        auto late = ocspStatus(holder->front(), issuer->front(), clock);
        RD_VERIFY_RESULT(late);
        QCOMPARE(late->state, RevocationStatus::State::Revoked);
        QCOMPARE(late->reasonCode, 1);
        auto lateCrl = crl();
        RD_VERIFY_RESULT(lateCrl);
        QVERIFY(lateCrl->findHex(serialHex).has_value());
        QVERIFY(lateCrl->crlNumber() > earlyCrl->crlNumber());
        auto lateCrlStatus = lateCrl->statusOf(holder->front(), issuer->front(),
                                               QStringLiteral("simulator"), clock);
        RD_VERIFY_RESULT(lateCrlStatus);
        QCOMPARE(lateCrlStatus->state, RevocationStatus::State::Revoked);
        QVERIFY2(indexLineOf(serialHex).startsWith(QLatin1Char('R')),
                 qPrintable(indexLineOf(serialHex)));
    }

    // A holder's own account: its own certificates and filings for its own NIK, nothing else.
    void holderAccount()
    {
        const QString own = QStringLiteral("3203010101010002");
        const QString other = QStringLiteral("3203010101010001");
        const SimulatorAccount account = m_state->accounts.value(QStringLiteral("siti"));
        QCOMPARE(account.role, QStringLiteral("holder"));
        QCOMPARE(account.nik, own);
        const auto key = Totp::decodeBase32(account.totpSecret); // made by the seeder
        RD_VERIFY_RESULT(key);
        QVERIFY(!key->isEmpty());

        const QString operatorToken = m_token;
        const auto restore = qScopeGuard([this, operatorToken] { m_token = operatorToken; });
        m_token.clear();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(loginAs(QStringLiteral("siti"), QStringLiteral("pw"), Totp::code(*key, now)),
                 QStringLiteral("invalid_credentials"));
        QCOMPARE(loginAs(QStringLiteral("siti"), QStringLiteral("pw2"),
                         Totp::code(*key, now.addSecs(-300))),
                 QStringLiteral("invalid_otp"));
        // The Esign client keeps to HTTP Basic on its own endpoints.
        QCOMPARE(loginAs(QStringLiteral("esign"),
                         m_state->accounts.value(QStringLiteral("esign")).password,
                         QStringLiteral("123456")),
                 QStringLiteral("invalid_credentials"));
        m_token = loginAs(QStringLiteral("siti"), QStringLiteral("pw2"), Totp::code(*key, now));
        QCOMPARE(m_token.size(), 64);

        const HttpResponse mine = call(QStringLiteral("GET"),
                                       QStringLiteral("/api/v1/holders/%1/certificates").arg(own));
        QCOMPARE(mine.status, 200);
        const QJsonArray certificates = QJsonDocument::fromJson(mine.body)
                                            .object()
                                            .value(QStringLiteral("certificates"))
                                            .toArray();
        QCOMPARE(certificates.size(), 1);
        const QString ownSerial = certificates.first()[QStringLiteral("serial")].toString();

        const HttpResponse theirs = call(
            QStringLiteral("GET"), QStringLiteral("/api/v1/holders/%1/certificates").arg(other));
        QCOMPARE(theirs.status, 403);
        QCOMPARE(errorCode(theirs), QStringLiteral("forbidden"));
        const HttpResponse list
            = call(QStringLiteral("GET"), QStringLiteral("/api/v1/revocation-requests"));
        QCOMPARE(list.status, 403);
        QCOMPARE(errorCode(list), QStringLiteral("forbidden"));
        const QString id = m_state->requests.firstKey();
        QCOMPARE(
            call(QStringLiteral("GET"), QStringLiteral("/api/v1/revocation-requests/%1").arg(id))
                .status,
            403);
        const HttpResponse revoke = call(
            QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests/%1/revoke").arg(id),
            {}, "holder-revoke");
        QCOMPARE(revoke.status, 403);
        QCOMPARE(errorCode(revoke), QStringLiteral("forbidden"));
        QCOMPARE(call(QStringLiteral("POST"),
                      QStringLiteral("/api/v1/revocation-requests/%1/reject").arg(id),
                      {{QStringLiteral("reason"), QStringLiteral("x")}}, "holder-reject")
                     .status,
                 403);
        const HttpResponse forOther
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"),
                   filing(QByteArrayLiteral("%PDF-1.4 other")), "holder-file-other");
        QCOMPARE(forOther.status, 403);
        QCOMPARE(errorCode(forOther), QStringLiteral("forbidden"));
        const qsizetype requestsBefore = m_state->requests.size();

        QJsonObject forOwn = filing(QByteArrayLiteral("%PDF-1.4 own"), ownSerial);
        forOwn.insert(QStringLiteral("nik"), own);
        const HttpResponse filed
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/revocation-requests"), forOwn,
                   "holder-file");
        QCOMPARE(filed.status, 201);
        const QJsonObject request = QJsonDocument::fromJson(filed.body).object();
        QCOMPARE(request.value(QStringLiteral("filed_by")).toString(), QStringLiteral("siti"));
        QCOMPARE(request.value(QStringLiteral("nik")).toString(), own);
        QCOMPARE(m_state->requests.size(), requestsBefore + 1);

        // The account, its NIK and its secret survive a restart.
        SimulatorState reloaded(m_dir.path());
        RD_VERIFY_RESULT(reloaded.load());
        const SimulatorAccount kept = reloaded.accounts.value(QStringLiteral("siti"));
        QCOMPARE(kept.role, QStringLiteral("holder"));
        QCOMPARE(kept.nik, own);
        QCOMPARE(kept.totpSecret, account.totpSecret);
        QVERIFY(reloaded.accounts.value(QStringLiteral("op")).nik.isEmpty());
    }

    void seedChecksHolderAccounts()
    {
        auto seedWith = [this](const QByteArray &json) -> Result<void> {
            const QString path = m_dir.filePath(QStringLiteral("holder-seed.json"));
            QFile file(path);
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                return fail(ErrorCode::Io, file.errorString());
            file.write(json);
            file.close();
            SimulatorState scratch(m_dir.path());
            return SimulatorSeeder::seedFile(scratch, *m_authority, path);
        };
        const auto noNik
            = seedWith(R"({"accounts":[{"username":"h","password":"p","role":"holder"}]})");
        QVERIFY(!noNik);
        QCOMPARE(noNik.error().code, ErrorCode::InvalidInput);
        QVERIFY2(noNik.error().message.contains(QStringLiteral("\"nik\"")),
                 qPrintable(noNik.error().message));
        const auto unknownNik = seedWith(R"({"accounts":[{"username":"h","password":"p",
                                             "role":"holder","nik":"3203019999999999"}]})");
        QVERIFY(!unknownNik);
        QCOMPARE(unknownNik.error().code, ErrorCode::InvalidInput);
        QVERIFY2(unknownNik.error().message.contains(QStringLiteral("3203019999999999")),
                 qPrintable(unknownNik.error().message));
        const auto badRole
            = seedWith(R"({"accounts":[{"username":"h","password":"p","role":"admin"}]})");
        QVERIFY(!badRole);
        // A holder of the same file is enough.
        RD_VERIFY_RESULT(seedWith(R"({"accounts":[{"username":"h","password":"p",
                                      "role":"holder","nik":"3203019999999999"}],
                                      "holders":[{"nik":"3203019999999999","full_name":"X Y",
                                                  "certificates":0}]})"));
    }

    void oneTimeCodeEndpoint()
    {
        const QDateTime clock = QDateTime::fromSecsSinceEpoch(1800000007, Qt::UTC);
        m_api->setClock([clock] { return clock; });
        const auto restore = qScopeGuard([this] { m_api->setClock({}); });
        const HttpResponse answer
            = call(QStringLiteral("GET"), QStringLiteral("/api/v1/simulator/one-time-code/siti"));
        QCOMPARE(answer.status, 200);
        const QJsonObject object = QJsonDocument::fromJson(answer.body).object();
        const auto key
            = Totp::decodeBase32(m_state->accounts.value(QStringLiteral("siti")).totpSecret);
        RD_VERIFY_RESULT(key);
        QCOMPARE(object.value(QStringLiteral("username")).toString(), QStringLiteral("siti"));
        QCOMPARE(object.value(QStringLiteral("code")).toString(), Totp::code(*key, clock));
        QCOMPARE(object.value(QStringLiteral("valid_for_seconds")).toInt(), 23);
        // The Esign client has no one-time code secret; an unknown name is not found either.
        QCOMPARE(
            call(QStringLiteral("GET"), QStringLiteral("/api/v1/simulator/one-time-code/esign"))
                .status,
            404);
        QCOMPARE(
            call(QStringLiteral("GET"), QStringLiteral("/api/v1/simulator/one-time-code/nobody"))
                .status,
            404);
    }

    void demoGivesHoldersAccounts()
    {
        m_state->holders[QStringLiteral("3203010101010001")].amsUsername
            = QStringLiteral("budi.santoso");
        // Has an account already (siti); and a name another account has is left to it.
        m_state->holders[QStringLiteral("3203010101010002")].amsUsername
            = QStringLiteral("siti.aminah");
        m_state->holders.insert(QStringLiteral("3203010101010009"),
                                {QStringLiteral("3203010101010009"),
                                 QStringLiteral("Op Namesake"),
                                 {},
                                 {},
                                 true,
                                 QStringLiteral("op")});
        QCOMPARE(SimulatorSeeder::ensureHolderAccounts(*m_state), 1);
        const SimulatorAccount budi = m_state->accounts.value(QStringLiteral("budi.santoso"));
        QCOMPARE(budi.role, QStringLiteral("holder"));
        QCOMPARE(budi.nik, QStringLiteral("3203010101010001"));
        QCOMPARE(budi.password.size(), 16);
        RD_VERIFY_RESULT(Totp::decodeBase32(budi.totpSecret));
        QVERIFY(!m_state->accounts.contains(QStringLiteral("siti.aminah")));
        QCOMPARE(m_state->accounts.value(QStringLiteral("op")).role, QStringLiteral("operator"));
        QCOMPARE(SimulatorSeeder::ensureHolderAccounts(*m_state), 0);
        m_state->holders.remove(QStringLiteral("3203010101010009"));
    }

    // --demo as a process: holder accounts from the holders' AMS usernames, five of them
    // printed, kept across a restart, and their codes served by the one-time-code endpoint.
    void demoPrintsHolderAccounts()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QJsonArray holders;
        for (int i = 1; i <= 7; ++i) {
            holders.append(
                QJsonObject {{QStringLiteral("nik"),
                              QStringLiteral("32030101010100%1").arg(i, 2, 10, QLatin1Char('0'))},
                             {QStringLiteral("full_name"), QStringLiteral("Pemegang %1").arg(i)},
                             {QStringLiteral("ams_username"), QStringLiteral("pemegang%1").arg(i)},
                             {QStringLiteral("certificates"), 0}});
        }
        const QString seed = dir.filePath(QStringLiteral("seed.json"));
        QFile file(seed);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject {{QStringLiteral("holders"), holders}}).toJson());
        file.close();
        const QString data = dir.filePath(QStringLiteral("data"));
        const QString marker = QStringLiteral("/api/v1/simulator/one-time-code/USERNAME\n");

        auto run = [&](QString *output) {
            QProcess process;
            process.start(SimulatorProcess::program(),
                          {QStringLiteral("--data"), data, QStringLiteral("--port"),
                           QStringLiteral("0"), QStringLiteral("--seed"), seed,
                           QStringLiteral("--demo")});
            QElapsedTimer timer;
            timer.start();
            while (!output->contains(marker) && timer.elapsed() < 20000
                   && process.state() != QProcess::NotRunning) {
                process.waitForReadyRead(500);
                *output += QString::fromUtf8(process.readAllStandardOutput());
            }
            QStringList holderLines;
            for (const QString &line : output->split(QLatin1Char('\n'))) {
                if (line.startsWith(QStringLiteral("AMS holder ")))
                    holderLines << line;
            }
            if (output->contains(marker)) {
                // The code the endpoint gives is the one the printed secret makes.
                const QString url = output->section(QLatin1Char('\n'), 0, 0).mid(6).trimmed();
                const QStringList words
                    = holderLines.value(0).split(QLatin1Char(' '), Qt::SkipEmptyParts);
                QNetworkAccessManager network;
                const QJsonObject answer
                    = QJsonDocument::fromJson(
                          httpGet(network,
                                  QUrl(url + QStringLiteral("/api/v1/simulator/one-time-code/")
                                       + words.value(2))))
                          .object();
                const auto key = Totp::decodeBase32(words.value(9));
                if (!key
                    || !Totp::verify(*key, answer.value(QStringLiteral("code")).toString(),
                                     QDateTime::currentDateTimeUtc()))
                    holderLines << QStringLiteral("endpoint: ")
                            + QString::fromUtf8(QJsonDocument(answer).toJson());
            }
            process.terminate();
            if (!process.waitForFinished(5000)) {
                process.kill();
                process.waitForFinished(5000);
            }
            return holderLines;
        };
        QString first;
        const QStringList firstLines = run(&first);
        QCOMPARE(firstLines.size(), 5);
        QVERIFY2(firstLines.first().startsWith(
                     QStringLiteral("AMS holder pemegang1  NIK 3203010101010001  password ")),
                 qPrintable(first));
        QVERIFY2(firstLines.first().contains(QStringLiteral("  TOTP secret "))
                     && firstLines.first().contains(QStringLiteral("  current code ")),
                 qPrintable(first));
        QVERIFY2(first.contains(QStringLiteral("and 2 more holder account(s)"))
                     && first.contains(QDir(data).filePath(QStringLiteral("state.json"))),
                 qPrintable(first));
        QVERIFY2(first.indexOf(QStringLiteral("AMS operator "))
                     < first.indexOf(QStringLiteral("AMS holder ")),
                 qPrintable(first));

        // A restart keeps the same accounts: the same password and secret.
        QString second;
        const QStringList secondLines = run(&second);
        QCOMPARE(secondLines.size(), 5);
        auto withoutCode = [](const QString &line) {
            return line.section(QStringLiteral("  current code"), 0, 0);
        };
        QCOMPARE(withoutCode(secondLines.first()), withoutCode(firstLines.first()));
    }

    void helpListsEverything()
    {
        int exitCode = -1;
        const QString help
            = runProgram(SimulatorProcess::program(), {QStringLiteral("--help")}, &exitCode);
        QCOMPARE(exitCode, 0);
        for (const char *option :
             {"--port", "--data", "--public-url", "--seed", "--demo", "--tls", "--latency-ms",
              "--fail-every", "--drop-every", "--junk", "--publication-delay-s"})
            QVERIFY2(help.contains(QString::fromLatin1(option)), option);
        const QString refused
            = runProgram(SimulatorProcess::program(),
                         {QStringLiteral("--fail-every"), QStringLiteral("x")}, &exitCode);
        QCOMPARE(exitCode, 1);
        QVERIFY(refused.contains(QStringLiteral("--fail-every")));
        const QString tooLong = runProgram(
            SimulatorProcess::program(),
            {QStringLiteral("--publication-delay-s"), QStringLiteral("86401")}, &exitCode);
        QCOMPARE(exitCode, 1);
        QVERIFY(tooLong.contains(QStringLiteral("--publication-delay-s")));
    }
};

QTEST_GUILESS_MAIN(TestSimulatorApi)
#include "TestSimulatorApi.moc"
