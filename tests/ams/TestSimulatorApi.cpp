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
        const HttpResponse response
            = call(QStringLiteral("POST"), QStringLiteral("/api/v1/auth/login"),
                   {{QStringLiteral("username"), QStringLiteral("op")},
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
            R"({"accounts":[{"username":"op","password":"pw","totp_secret":"JBSWY3DPEHPK3PXP"}],
                       "holders":[{"nik":"3203010101010001","full_name":"Dr. Budi Santoso, S.Kom.",
                                   "email":"b@x.go.id","unit":"Kominfo","certificates":2}]})");
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
