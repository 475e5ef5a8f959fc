// CertificateRevocationList, the CRL half of RevocationStatusChecker (file and HTTP), and the
// demo CA that writes CRLs and persists itself.

#include "AwaitCall.h"
#include "RevocationTestPki.h"
#include "TestDatabase.h"
#include "TinyHttpServer.h"
#include "VerifyResult.h"
#include "certificates/Certificate.h"
#include "core/Clock.h"
#include "demo/DemoCertificateAuthority.h"
#include "status/CertificateRevocationList.h"
#include "status/RevocationStatusChecker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/conf.h>
#include <openssl/pem.h>

using namespace rd;
using namespace rd::test;

namespace {

QDateTime at(int year, int month, int day, int hour = 0, int minute = 0, int second = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second), Qt::UTC);
}

CertificateSubject subject(const QString &name)
{
    return {name.toLower().remove(QLatin1Char(' ')) + QStringLiteral("@natunakab.go.id"), name,
            QStringLiteral("Dinas Komunikasi dan Informatika")};
}

// The CRL `der` again with an issuing distribution point made by OpenSSL from a configuration
// section (fullname, onlyuser, onlyCA, ...), signed again with `key`.
Result<QByteArray> withDistributionPoint(const QByteArray &der, const QByteArray &section,
                                         EVP_PKEY *key)
{
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    X509CrlPtr crl(d2i_X509_CRL(nullptr, &cursor, long(der.size())));
    const QByteArray text = "[idp]\n" + section;
    BioPtr bio(BIO_new_mem_buf(text.constData(), int(text.size())));
    std::unique_ptr<CONF, OpenSslDeleter<&NCONF_free>> conf(NCONF_new(nullptr));
    if (!crl || !bio || !conf || NCONF_load_bio(conf.get(), bio.get(), nullptr) != 1)
        return fail(ErrorCode::Crypto, QStringLiteral("could not read the IDP section"),
                    openSslErrors());
    X509V3_CTX context;
    X509V3_set_ctx(&context, nullptr, nullptr, nullptr, crl.get(), 0);
    X509V3_set_nconf(&context, conf.get());
    X509ExtensionPtr extension(
        X509V3_EXT_nconf(conf.get(), &context, "issuingDistributionPoint", "critical,@idp"));
    if (!extension || X509_CRL_add_ext(crl.get(), extension.get(), -1) != 1
        || X509_CRL_sign(crl.get(), key, EVP_sha256()) <= 0)
        return fail(ErrorCode::Crypto, QStringLiteral("could not add the IDP"), openSslErrors());
    const int length = i2d_X509_CRL(crl.get(), nullptr);
    QByteArray out(length, Qt::Uninitialized);
    auto *write = reinterpret_cast<unsigned char *>(out.data());
    i2d_X509_CRL(crl.get(), &write);
    return out;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

} // namespace

class TestCertificateRevocationList : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void goodAndRevoked();
    void pemIsReadToo();
    void expiredCrlIsAnError();
    void crlFromTheFutureIsAnError();
    void crlOfAnotherCaIsAnError();
    void crlSignedWithAnotherKeyUnderTheSameNameIsAnError();
    void certificateOfAnotherIssuerIsAnError();
    void scopeOfTheCrlIsChecked();
    void badInput_data();
    void badInput();
    void lookupOfManyEntries();
    void lookupForms();
    void fetchedOverHttp();
    void downloadFailureIsAnError();
    void oversizedDownloadIsRefused();
    void certificateUrlsAreHttpOnlyAndNamed();
    void demoAuthorityRoundTrip();
    void demoAuthorityRefusesBadInput();
    void demoAuthorityIssuesWithUrls();

private:
    Result<RevocationStatus> statusOf(const QByteArray &crl, const Certificate &certificate,
                                      const QDateTime &now);

    QTemporaryDir m_folder;
    std::optional<DemoCertificateAuthority> m_authority;
    std::optional<Certificate> m_issuer;
    std::optional<Certificate> m_good;
    std::optional<Certificate> m_revoked;
    QDateTime m_now;
    QDateTime m_revokedAt;
};

void TestCertificateRevocationList::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_now = at(2026, 6, 1, 12);
    auto authority = DemoCertificateAuthority::create(at(2020, 1, 1));
    RD_VERIFY_RESULT(authority);
    m_authority.emplace(std::move(*authority));
    m_issuer = Certificate::readAll(m_authority->certificate().der)->front();
    auto good = m_authority->issue(subject(QStringLiteral("Budi Santoso")), at(2025, 1, 1));
    auto revoked = m_authority->issue(subject(QStringLiteral("Siti Aminah")), at(2025, 1, 1));
    QVERIFY(good && revoked);
    m_good = Certificate::readAll(good->der)->front();
    m_revoked = Certificate::readAll(revoked->der)->front();
    m_revokedAt = at(2026, 5, 20, 8, 30, 15);
}

void TestCertificateRevocationList::cleanup()
{
    Clock::setFixedUtc({});
}

Result<RevocationStatus> TestCertificateRevocationList::statusOf(const QByteArray &crl,
                                                                 const Certificate &certificate,
                                                                 const QDateTime &now)
{
    auto list = CertificateRevocationList::fromBytes(crl);
    if (!list)
        return errorOf(list);
    return list->statusOf(certificate, *m_issuer, QStringLiteral("test.crl"), now);
}

void TestCertificateRevocationList::goodAndRevoked()
{
    auto crl = m_authority->crl({{m_revoked->serialHex(), m_revokedAt, 1},
                                 {QStringLiteral("0A"), m_revokedAt.addDays(-1), 0}},
                                m_now.addDays(-1), m_now.addDays(6), 42);
    RD_VERIFY_RESULT(crl);

    auto good = statusOf(*crl, *m_good, m_now);
    RD_VERIFY_RESULT(good);
    QCOMPARE(good->state, RevocationStatus::State::Good);
    QCOMPARE(good->source, RevocationStatus::Source::Crl);
    QCOMPARE(good->crlNumber, 42);
    QCOMPARE(good->thisUpdate, m_now.addDays(-1));
    QCOMPARE(good->nextUpdate, m_now.addDays(6));
    QCOMPARE(good->issuerDn, m_issuer->subjectDn());

    auto revoked = statusOf(*crl, *m_revoked, m_now);
    RD_VERIFY_RESULT(revoked);
    QCOMPARE(revoked->state, RevocationStatus::State::Revoked);
    QCOMPARE(revoked->revokedAt, m_revokedAt);
    QCOMPARE(revoked->reasonCode, 1);
    const QJsonObject json = revoked->toJson();
    QCOMPARE(json.value(QStringLiteral("reason")).toString(), QStringLiteral("keyCompromise"));
    QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("crl"));
    QCOMPARE(json.value(QStringLiteral("crl_number")).toInteger(), 42);

    // Reason "unspecified" leaves the extension out, as RFC 5280 asks.
    auto list = CertificateRevocationList::fromBytes(*crl);
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    const auto unspecified = list->findHex(QStringLiteral("0A"));
    QVERIFY(unspecified);
    QCOMPARE(unspecified->reasonCode, RevocationStatus::NoReason);
    QCOMPARE(unspecified->revokedAt, m_revokedAt.addDays(-1));
}

void TestCertificateRevocationList::pemIsReadToo()
{
    auto crl = m_authority->crl({{m_revoked->serialHex(), m_revokedAt, 4}}, m_now.addDays(-1),
                                m_now.addDays(6), 1);
    QVERIFY(crl);
    const auto *cursor = reinterpret_cast<const unsigned char *>(crl->constData());
    X509CrlPtr parsed(d2i_X509_CRL(nullptr, &cursor, long(crl->size())));
    QVERIFY(parsed);
    BioPtr bio(BIO_new(BIO_s_mem()));
    QVERIFY(PEM_write_bio_X509_CRL(bio.get(), parsed.get()) == 1);
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    const QString path = m_folder.filePath(QStringLiteral("pem.crl"));
    QVERIFY(writeFile(path, QByteArray(data, length)));

    auto list = CertificateRevocationList::readFile(path);
    RD_VERIFY_RESULT(list);
    auto status = list->statusOf(*m_revoked, *m_issuer, path, m_now);
    RD_VERIFY_RESULT(status);
    QCOMPARE(status->state, RevocationStatus::State::Revoked);
    QCOMPARE(status->reasonCode, 4);
}

void TestCertificateRevocationList::expiredCrlIsAnError()
{
    auto crl = m_authority->crl({{m_revoked->serialHex(), m_revokedAt, 1}}, m_now.addDays(-8),
                                m_now.addDays(-1), 3);
    QVERIFY(crl);
    // Neither the listed certificate nor the unlisted one gets a status from a stale CRL.
    for (const Certificate *certificate : {&*m_good, &*m_revoked}) {
        auto status = statusOf(*crl, *certificate, m_now);
        QVERIFY2(!status, "an expired CRL must not give a status");
        QCOMPARE(status.error().code, ErrorCode::Crypto);
        QVERIFY(status.error().message.contains(QStringLiteral("expired")));
    }
    // Within the clock leeway it still counts.
    auto lenient = statusOf(*crl, *m_good, m_now.addDays(-1).addSecs(60));
    RD_VERIFY_RESULT(lenient);
}

void TestCertificateRevocationList::crlFromTheFutureIsAnError()
{
    auto crl = m_authority->crl({}, m_now.addDays(1), m_now.addDays(8), 3);
    QVERIFY(crl);
    auto status = statusOf(*crl, *m_good, m_now);
    QVERIFY(!status);
    QCOMPARE(status.error().code, ErrorCode::Crypto);
}

void TestCertificateRevocationList::crlOfAnotherCaIsAnError()
{
    auto pki = RevocationTestPki::create(m_folder.path());
    RD_VERIFY_RESULT(pki);
    auto other = DemoCertificateAuthority::load(
        pki->otherCa.pem(), TestCertificates::privateKeyPem(pki->otherCa.key.get()));
    RD_VERIFY_RESULT(other);
    auto crl = other->crl({}, m_now.addDays(-1), m_now.addDays(6), 1);
    QVERIFY(crl);
    auto status = statusOf(*crl, *m_good, m_now);
    QVERIFY2(!status, "another CA's CRL says nothing about this certificate");
    QCOMPARE(status.error().code, ErrorCode::Crypto);
}

void TestCertificateRevocationList::crlSignedWithAnotherKeyUnderTheSameNameIsAnError()
{
    // Every demo CA has the same name; only the signature tells them apart.
    auto impostor = DemoCertificateAuthority::create(at(2020, 1, 1));
    QVERIFY(impostor);
    QCOMPARE(impostor->certificate().subjectDn, m_issuer->subjectDn());
    auto crl = impostor->crl({}, m_now.addDays(-1), m_now.addDays(6), 1);
    QVERIFY(crl);
    auto status = statusOf(*crl, *m_good, m_now);
    QVERIFY2(!status, "a CRL under the issuer's name but another key must not count");
    QCOMPARE(status.error().code, ErrorCode::Crypto);
    QVERIFY(status.error().message.contains(QStringLiteral("signature")));
}

void TestCertificateRevocationList::certificateOfAnotherIssuerIsAnError()
{
    auto pki = RevocationTestPki::create(m_folder.path());
    QVERIFY(pki);
    auto stranger = pki->holder(QStringLiteral("Stranger"));
    QVERIFY(stranger);
    auto crl = m_authority->crl({}, m_now.addDays(-1), m_now.addDays(6), 1);
    QVERIFY(crl);
    auto status = statusOf(*crl, RevocationTestPki::wrap(*stranger), m_now);
    QVERIFY(!status);
    QCOMPARE(status.error().code, ErrorCode::InvalidInput);
}

void TestCertificateRevocationList::scopeOfTheCrlIsChecked()
{
    const QString partition = QStringLiteral("http://crl.example.test/part1.crl");
    auto issued = m_authority->issue(subject(QStringLiteral("Rina Wulandari")), at(2025, 1, 1),
                                     {{}, partition, {}});
    RD_VERIFY_RESULT(issued);
    const Certificate holder = Certificate::readAll(issued->der)->front();
    // A sub-CA of the same issuer, for the list of holders only.
    TestCertificate issuer {X509Ptr(m_authority->x509()), EvpPkeyPtr(m_authority->privateKey())};
    X509_up_ref(issuer.certificate.get());
    EVP_PKEY_up_ref(issuer.key.get());
    CertificateSpec spec;
    spec.subject = {{QStringLiteral("CN"), QStringLiteral("Sub CA")}};
    spec.ca = true;
    spec.keyUsage = QStringLiteral("critical,keyCertSign,cRLSign");
    auto subCa = TestCertificates::build(spec, &issuer);
    RD_VERIFY_RESULT(subCa);
    const Certificate authority = RevocationTestPki::wrap(*subCa);

    // Each list revokes nobody: whatever it does not cover must not come out "good".
    auto plain = m_authority->crl({}, m_now.addDays(-1), m_now.addDays(6), 7);
    RD_VERIFY_RESULT(plain);
    struct Case
    {
        const char *idp;
        const Certificate *certificate;
        bool answers;
    };
    const QByteArray part1 = "fullname = URI:" + partition.toLatin1() + '\n';
    const QByteArray part2 = "fullname = URI:http://crl.example.test/part2.crl\n";
    const std::vector<Case> cases {
        {"onlyCA = TRUE\n", &holder, false}, // an ARL says nothing about holders
        {"onlyCA = TRUE\n", &authority, true},
        {"onlyuser = TRUE\n", &authority, false},
        {"onlyuser = TRUE\n", &holder, true},
        {part2.constData(), &holder, false}, // another partition
        {part1.constData(), &holder, true},
        {part1.constData(), &*m_good, false}, // names another point (the demo default)
        {"onlyuser = TRUE\nfullname = URI:http://crl.example.test/part1.crl\n", &holder, true},
    };
    for (const Case &c : cases) {
        const QByteArray tag = QByteArray(c.idp).replace('\n', ' ') + "for "
            + (c.certificate == &authority ? "a CA" : "a holder");
        auto crl = withDistributionPoint(*plain, c.idp, m_authority->privateKey());
        RD_VERIFY_RESULT(crl);
        auto status = statusOf(*crl, *c.certificate, m_now);
        if (c.answers) {
            QVERIFY2(status, tag.constData());
            QCOMPARE(status->state, RevocationStatus::State::Good);
            continue;
        }
        QVERIFY2(!status, tag.constData());
        QCOMPARE(status.error().code, ErrorCode::InvalidInput);
        QVERIFY2(status.error().message.contains(c.certificate->serialHex()),
                 qPrintable(status.error().message));
    }
    // Attribute certificates only, and an indirect CRL: not supported, refused.
    for (const char *idp : {"onlyAA = TRUE\n", "indirectCRL = TRUE\n"}) {
        auto crl = withDistributionPoint(*plain, idp, m_authority->privateKey());
        RD_VERIFY_RESULT(crl);
        QVERIFY2(!statusOf(*crl, holder, m_now), idp);
    }
}

void TestCertificateRevocationList::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    auto crl = m_authority->crl({{m_revoked->serialHex(), m_revokedAt, 1}}, m_now.addDays(-1),
                                m_now.addDays(6), 1);
    QVERIFY(crl);
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("garbage") << QByteArrayLiteral("\x30\x82garbage that is no CRL at all");
    QTest::newRow("text") << QByteArrayLiteral("hello, this is not a CRL\n");
    QTest::newRow("truncated DER") << crl->left(crl->size() / 2);
    QTest::newRow("trailing bytes") << *crl + QByteArrayLiteral("xx");
    QTest::newRow("certificate, not a CRL") << m_authority->certificate().der;
    QTest::newRow("PEM with damaged base64") << QByteArrayLiteral(
        "-----BEGIN X509 CRL-----\nMIIB!!!!notbase64\n-----END X509 CRL-----\n");
}

void TestCertificateRevocationList::badInput()
{
    QFETCH(QByteArray, bytes);
    auto list = CertificateRevocationList::fromBytes(bytes);
    QVERIFY(!list);
    QCOMPARE(list.error().code, ErrorCode::InvalidInput);
    QVERIFY(!list.error().message.isEmpty());
    QCOMPARE(ERR_peek_error(), 0UL); // the queue is drained into the error
}

void TestCertificateRevocationList::lookupOfManyEntries()
{
    std::vector<RevokedSerial> revoked;
    for (int i = 1; i <= 3000; ++i)
        revoked.push_back({QString::number(i * 7919, 16).toUpper(), m_revokedAt.addSecs(i), i % 6});
    auto crl = m_authority->crl(revoked, m_now.addDays(-1), m_now.addDays(6), 9);
    RD_VERIFY_RESULT(crl);
    auto list = CertificateRevocationList::fromBytes(*crl);
    QVERIFY(list);
    QVERIFY(list->verify(m_authority->x509(), m_now));
    QCOMPARE(list->size(), 3000);
    for (int i = 1; i <= 3000; ++i) {
        const auto found = list->findHex(QString::number(i * 7919, 16));
        QVERIFY2(found, qPrintable(QString::number(i)));
        QCOMPARE(found->revokedAt, m_revokedAt.addSecs(i));
        QCOMPARE(found->reasonCode, i % 6 == 0 ? RevocationStatus::NoReason : i % 6);
        QVERIFY(!list->findHex(QString::number(i * 7919 + 1, 16)));
    }
}

void TestCertificateRevocationList::lookupForms()
{
    auto crl = m_authority->crl(
        {{QStringLiteral("00FF01"), m_revokedAt, 5}, {QStringLiteral("80"), m_revokedAt, 2}},
        m_now.addDays(-1), m_now.addDays(6), 1);
    QVERIFY(crl);
    auto list = CertificateRevocationList::fromBytes(*crl);
    QVERIFY(list);
    QVERIFY(list->findHex(QStringLiteral("FF01")));
    QVERIFY(list->findHex(QStringLiteral("ff01")));
    QVERIFY(list->findHex(QStringLiteral("000FF01")));
    QVERIFY(list->contains(QByteArray::fromHex("00ff01")));
    QVERIFY(!list->contains(QByteArray::fromHex("ff01"), true)); // negative is another number
    QVERIFY(list->findHex(QStringLiteral("80")));
    QVERIFY(!list->findHex(QStringLiteral("8")));
    QVERIFY(!list->findHex(QStringLiteral("zz")));
    QVERIFY(!list->findHex(QString()));
}

void TestCertificateRevocationList::fetchedOverHttp()
{
    auto crl = m_authority->crl({{m_revoked->serialHex(), m_revokedAt, 1}}, m_now.addDays(-1),
                                m_now.addDays(6), 5);
    QVERIFY(crl);
    TinyHttpServer server;
    server.setBody(*crl);
    QVERIFY(server.listen());
    Clock::setFixedUtc(m_now);

    QNetworkAccessManager network;
    for (const Certificate *certificate : {&*m_revoked, &*m_good}) {
        RevocationStatusChecker checker(&network);
        const auto result = awaitCall<RevocationStatus>([&](auto done) {
            checker.check(*certificate, *m_issuer, {QUrl(), server.url().toString()}, done);
        });
        RD_VERIFY_RESULT(result);
        QCOMPARE(result->source, RevocationStatus::Source::Crl);
        QCOMPARE(result->location, server.url().toString());
        QCOMPARE(result->state,
                 certificate == &*m_revoked ? RevocationStatus::State::Revoked
                                            : RevocationStatus::State::Good);
    }
    QCOMPARE(server.requests(), 2);

    // The certificate's own distribution point when none is given.
    auto withPoint = m_authority->issue(subject(QStringLiteral("Dewi Lestari")), at(2025, 1, 1),
                                        {{}, server.url().toString(), {}});
    RD_VERIFY_RESULT(withPoint);
    RevocationStatusChecker checker(&network);
    const auto result = awaitCall<RevocationStatus>([&](auto done) {
        checker.check(Certificate::readAll(withPoint->der)->front(), *m_issuer, {}, done);
    });
    RD_VERIFY_RESULT(result);
    QCOMPARE(result->state, RevocationStatus::State::Good);
    QCOMPARE(server.requests(), 3);
}

void TestCertificateRevocationList::oversizedDownloadIsRefused()
{
    // A valid PEM CRL behind 21 MiB of text that PEM reading skips: read as a file it is
    // fine, downloaded it is too large.
    auto crl = m_authority->crl({}, m_now.addDays(-1), m_now.addDays(6), 5);
    RD_VERIFY_RESULT(crl);
    const QByteArray pem
        = "-----BEGIN X509 CRL-----\n" + crl->toBase64() + "\n-----END X509 CRL-----\n";
    const QByteArray padding(
        qsizetype(CertificateRevocationList::MaximumDownloadSize + 1024 * 1024), '#');
    const QByteArray body = padding + '\n' + pem;
    const QString path = m_folder.filePath(QStringLiteral("padded.crl"));
    QVERIFY(writeFile(path, body));
    Clock::setFixedUtc(m_now);
    auto fromFile = RevocationStatusChecker::checkCrlFile(*m_good, *m_issuer, path);
    RD_VERIFY_RESULT(fromFile);

    QNetworkAccessManager network;
    for (const qint64 announced : {qint64(-1), qint64(400) * 1024 * 1024}) {
        TinyHttpServer server;
        server.setBody(announced < 0 ? body : pem);
        server.setAnnouncedLength(announced);
        QVERIFY(server.listen());
        RevocationStatusChecker checker(&network);
        checker.setTimeout(8000);
        QElapsedTimer clock;
        clock.start();
        const auto result = awaitCall<RevocationStatus>([&](auto done) {
            checker.check(*m_good, *m_issuer, {QUrl(), server.url().toString()}, done);
        });
        QVERIFY2(!result, "a CRL over the download limit must not answer");
        QVERIFY2(clock.elapsed() < 4000, "refused for its size, not for the time");
        QCOMPARE(result.error().code, ErrorCode::Io);
        QVERIFY2(result.error().message.contains(QLatin1String("20 MiB"))
                     && result.error().message.contains(server.url().toString()),
                 qPrintable(result.error().message));
    }
}

void TestCertificateRevocationList::certificateUrlsAreHttpOnlyAndNamed()
{
    Clock::setFixedUtc(m_now);
    QNetworkAccessManager network;
    // A hostile certificate's file: and ldap: URLs are not followed at all.
    TestCertificate authority {X509Ptr(m_authority->x509()), EvpPkeyPtr(m_authority->privateKey())};
    X509_up_ref(authority.certificate.get());
    EVP_PKEY_up_ref(authority.key.get());
    CertificateSpec spec;
    spec.subject = {{QStringLiteral("CN"), QStringLiteral("Eko Prasetyo")}};
    spec.ocspUrl = QStringLiteral("ldap://10.0.0.1/ocsp");
    spec.crlUrl = QStringLiteral("file:///etc/passwd");
    auto hostile = TestCertificates::build(spec, &authority);
    RD_VERIFY_RESULT(hostile);
    RevocationStatusChecker refusing(&network);
    const auto refused = awaitCall<RevocationStatus>(
        [&](auto done) { refusing.check(RevocationTestPki::wrap(*hostile), *m_issuer, {}, done); });
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::InvalidInput);
    QVERIFY(refusing.failedAttempts().empty());

    // The certificate's own http URL, whose CRL cannot answer for it (an ARL): the error says
    // which URL the desk went to.
    auto plain = m_authority->crl({}, m_now.addDays(-1), m_now.addDays(6), 5);
    RD_VERIFY_RESULT(plain);
    auto arl = withDistributionPoint(*plain, "onlyCA = TRUE\n", m_authority->privateKey());
    RD_VERIFY_RESULT(arl);
    TinyHttpServer server;
    server.setBody(*arl);
    QVERIFY(server.listen());
    auto holder = m_authority->issue(subject(QStringLiteral("Fajar Nugroho")), at(2025, 1, 1),
                                     {{}, server.url().toString(), {}});
    RD_VERIFY_RESULT(holder);
    RevocationStatusChecker checker(&network);
    const auto result = awaitCall<RevocationStatus>([&](auto done) {
        checker.check(Certificate::readAll(holder->der)->front(), *m_issuer, {}, done);
    });
    QVERIFY(!result);
    QCOMPARE(server.requests(), 1);
    QVERIFY2(result.error().message.contains(server.url().toString()),
             qPrintable(result.error().message));
}

void TestCertificateRevocationList::downloadFailureIsAnError()
{
    TinyHttpServer server;
    server.setBody(QByteArrayLiteral("not here"), 404);
    QVERIFY(server.listen());
    QNetworkAccessManager network;
    RevocationStatusChecker checker(&network);
    const auto result = awaitCall<RevocationStatus>([&](auto done) {
        checker.check(*m_good, *m_issuer, {QUrl(), server.url().toString()}, done);
    });
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::Io);

    // A body that is no CRL.
    server.setBody(QByteArrayLiteral("<html>maintenance</html>"));
    RevocationStatusChecker again(&network);
    const auto answer = awaitCall<RevocationStatus>([&](auto done) {
        again.check(*m_good, *m_issuer, {QUrl(), server.url().toString()}, done);
    });
    QVERIFY(!answer);
    QCOMPARE(answer.error().code, ErrorCode::InvalidInput);
}

void TestCertificateRevocationList::demoAuthorityRoundTrip()
{
    const QByteArray certificatePem = m_authority->certificatePem();
    const QByteArray keyPem = m_authority->privateKeyPem();
    QVERIFY(certificatePem.startsWith("-----BEGIN CERTIFICATE-----"));
    QVERIFY(keyPem.startsWith("-----BEGIN PRIVATE KEY-----")); // PKCS#8
    auto loaded = DemoCertificateAuthority::load(certificatePem, keyPem);
    RD_VERIFY_RESULT(loaded);
    QCOMPARE(loaded->certificate().sha256Fingerprint, m_authority->certificate().sha256Fingerprint);
    QCOMPARE(loaded->certificatePem(), certificatePem);
    QCOMPARE(loaded->privateKeyPem(), keyPem);
    QVERIFY(X509_check_private_key(loaded->x509(), loaded->privateKey()) == 1);

    // What the loaded CA issues and revokes is checked against the original's certificate.
    auto issued = loaded->issue(subject(QStringLiteral("Rudi Hartono")), at(2025, 3, 1));
    QVERIFY(issued);
    const Certificate certificate = Certificate::readAll(issued->der)->front();
    QVERIFY(X509_check_issued(m_authority->x509(), certificate.handle()) == X509_V_OK);
    auto crl = loaded->crl({{certificate.serialHex(), m_revokedAt, 9}}, m_now.addDays(-1),
                           m_now.addDays(6), 2);
    QVERIFY(crl);
    auto status = statusOf(*crl, certificate, m_now);
    RD_VERIFY_RESULT(status);
    QCOMPARE(status->state, RevocationStatus::State::Revoked);
    QCOMPARE(status->reasonCode, 9);
    QCOMPARE(RevocationStatus::reasonName(9), QStringLiteral("privilegeWithdrawn"));
}

void TestCertificateRevocationList::demoAuthorityRefusesBadInput()
{
    auto other = DemoCertificateAuthority::create(at(2020, 1, 1));
    QVERIFY(other);
    auto mismatched
        = DemoCertificateAuthority::load(m_authority->certificatePem(), other->privateKeyPem());
    QVERIFY(!mismatched);
    QCOMPARE(mismatched.error().code, ErrorCode::Crypto);
    auto garbage = DemoCertificateAuthority::load("garbage", m_authority->privateKeyPem());
    QVERIFY(!garbage);
    auto noKey = DemoCertificateAuthority::load(m_authority->certificatePem(), {});
    QVERIFY(!noKey);
    // A holder certificate is no CA.
    auto pki = RevocationTestPki::create(m_folder.path());
    QVERIFY(pki);
    auto holder = pki->holder(QStringLiteral("Not A CA"));
    QVERIFY(holder);
    auto notCa = DemoCertificateAuthority::load(holder->pem(),
                                                TestCertificates::privateKeyPem(holder->key.get()));
    QVERIFY(!notCa);
    QCOMPARE(notCa.error().code, ErrorCode::InvalidInput);

    for (const RevokedSerial &bad :
         std::vector<RevokedSerial> {{QStringLiteral("XYZ"), m_revokedAt, 1},
                                     {QString(), m_revokedAt, 1},
                                     {QStringLiteral("0A"), m_revokedAt, 7}, // 7 is not a CRLReason
                                     {QStringLiteral("0A"), m_revokedAt, 11},
                                     {QStringLiteral("0A"), QDateTime(), 1}}) {
        auto crl = m_authority->crl({bad}, m_now.addDays(-1), m_now.addDays(6), 1);
        QVERIFY2(!crl, qPrintable(bad.serialHex));
        QCOMPARE(crl.error().code, ErrorCode::InvalidInput);
    }
    QVERIFY(!m_authority->crl({}, m_now, m_now.addDays(-1), 1));
    QVERIFY(!m_authority->crl({}, m_now, m_now.addDays(1), -1));
}

void TestCertificateRevocationList::demoAuthorityIssuesWithUrls()
{
    const CertificateUrls urls {QStringLiteral("http://127.0.0.1:9999/ocsp"),
                                QStringLiteral("http://127.0.0.1:9999/ca.crl"),
                                QStringLiteral("http://127.0.0.1:9999/ca.crt")};
    auto issued
        = m_authority->issue(subject(QStringLiteral("Ani Wulandari")), at(2025, 1, 1), urls);
    RD_VERIFY_RESULT(issued);
    const Certificate certificate = Certificate::readAll(issued->der)->front();
    QCOMPARE(certificate.ocspUrls(), QStringList {urls.ocsp});
    QCOMPARE(certificate.crlDistributionPoints(), QStringList {urls.crlDistributionPoint});
    QCOMPARE(certificate.caIssuersUrls(), QStringList {urls.caIssuers});

    auto bare = m_authority->issue(subject(QStringLiteral("Ani Wulandari")), at(2025, 1, 1), {});
    QVERIFY(bare);
    const Certificate without = Certificate::readAll(bare->der)->front();
    QVERIFY(without.ocspUrls().isEmpty());
    QVERIFY(without.crlDistributionPoints().isEmpty());

    auto comma = m_authority->issue(subject(QStringLiteral("Ani Wulandari")), at(2025, 1, 1),
                                    {QStringLiteral("http://a,b/"), {}, {}});
    QVERIFY(!comma);
    QCOMPARE(comma.error().code, ErrorCode::InvalidInput);

    // The old two-argument issue() keeps the simulator's default endpoints.
    auto defaults = m_authority->issue(subject(QStringLiteral("Ani Wulandari")), at(2025, 1, 1));
    QVERIFY(defaults);
    QCOMPARE(Certificate::readAll(defaults->der)->front().ocspUrls(),
             QStringList {DemoCertificateAuthority::ocspUrl()});
}

QTEST_GUILESS_MAIN(TestCertificateRevocationList)
#include "TestCertificateRevocationList.moc"
