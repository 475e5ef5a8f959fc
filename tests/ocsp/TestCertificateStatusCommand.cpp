// `revocation-desk-cli cert status`, run as a program (REVOCATION_DESK_CLI) against OpenSSL's
// real OCSP responder and a CRL file.

#include "CliRunner.h"
#include "RevocationTestPki.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "demo/DemoCertificateAuthority.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rd::test;

namespace {

using Run = CliRunner::Run;

Run runCli(const QStringList &arguments)
{
    return CliRunner().run(arguments);
}

} // namespace

class TestCertificateStatusCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void goodIsZero();
    void revokedIsThree();
    void unknownIsFour();
    void revokedFromACrlFile();
    void responderDownIsOne();
    void usage_data();
    void usage();

private:
    QTemporaryDir m_folder;
    std::optional<RevocationTestPki> m_pki;
    OcspResponder m_responder;
    QString m_goodPath;
    QString m_revokedPath;
    QString m_unknownPath;
    QString m_crlPath;
    QDateTime m_revokedAt;
};

void TestCertificateStatusCommand::initTestCase()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QVERIFY(m_folder.isValid());
    auto pki = RevocationTestPki::create(m_folder.path());
    RD_VERIFY_RESULT(pki);
    m_pki.emplace(std::move(*pki));
    auto good = m_pki->holder(QStringLiteral("Good Holder"));
    auto revoked = m_pki->holder(QStringLiteral("Revoked Holder"));
    auto unknown = m_pki->holder(QStringLiteral("Unknown Holder"));
    QVERIFY(good && revoked && unknown);
    m_goodPath = m_pki->write(QStringLiteral("good"), *good);
    m_revokedPath = m_pki->write(QStringLiteral("revoked"), *revoked);
    m_unknownPath = m_pki->write(QStringLiteral("unknown"), *unknown);
    m_revokedAt = QDateTime::fromSecsSinceEpoch(
        QDateTime::currentDateTimeUtc().addDays(-2).toSecsSinceEpoch(), Qt::UTC);
    auto started = m_responder.start(m_folder.path(), m_pki->caPath, m_pki->caPath,
                                     m_folder.filePath(QStringLiteral("ca.key")),
                                     {{RevocationTestPki::indexSerial(*good), false, {}, {}},
                                      {RevocationTestPki::indexSerial(*revoked), true, m_revokedAt,
                                       QStringLiteral("keyCompromise")}});
    RD_VERIFY_RESULT(started);

    auto authority = DemoCertificateAuthority::load(
        m_pki->ca.pem(), TestCertificates::privateKeyPem(m_pki->ca.key.get()));
    RD_VERIFY_RESULT(authority);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto crl = authority->crl({{RevocationTestPki::wrap(*revoked).serialHex(), m_revokedAt, 5}},
                              now.addDays(-1), now.addDays(1), 1);
    QVERIFY(crl);
    m_crlPath = m_folder.filePath(QStringLiteral("ca.crl"));
    QFile file(m_crlPath);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(*crl) == crl->size());
}

void TestCertificateStatusCommand::goodIsZero()
{
    const Run run = runCli({QStringLiteral("--json"), QStringLiteral("cert"),
                            QStringLiteral("status"), m_goodPath, QStringLiteral("--issuer"),
                            m_pki->caPath, QStringLiteral("--ocsp"), m_responder.url().toString()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    const QJsonObject json = run.json().object();
    QCOMPARE(json.value(QStringLiteral("status")).toString(), QStringLiteral("good"));
    QCOMPARE(json.value(QStringLiteral("source")).toString(), QStringLiteral("ocsp"));
    QCOMPARE(json.value(QStringLiteral("nonce")).toString(), QStringLiteral("verified"));
    QVERIFY(json.value(QStringLiteral("failed_sources")).isArray());
}

void TestCertificateStatusCommand::revokedIsThree()
{
    const Run json = runCli({QStringLiteral("cert"), QStringLiteral("status"), m_revokedPath,
                             QStringLiteral("--issuer"), m_pki->caPath, QStringLiteral("--ocsp"),
                             m_responder.url().toString(), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 3, qPrintable(json.describe()));
    const QJsonObject object = json.json().object();
    QCOMPARE(object.value(QStringLiteral("status")).toString(), QStringLiteral("revoked"));
    QCOMPARE(object.value(QStringLiteral("reason")).toString(), QStringLiteral("keyCompromise"));
    QCOMPARE(object.value(QStringLiteral("reason_code")).toInt(), 1);
    QCOMPARE(object.value(QStringLiteral("revoked_at")).toString(),
             m_revokedAt.toString(Qt::ISODate));

    const Run text = runCli({QStringLiteral("cert"), QStringLiteral("status"), m_revokedPath,
                             QStringLiteral("--issuer"), m_pki->caPath, QStringLiteral("--ocsp"),
                             m_responder.url().toString()});
    QVERIFY2(text.exitCode == 3, qPrintable(text.describe()));
    QVERIFY2(text.out.contains(QLatin1String("keyCompromise")), qPrintable(text.describe()));
}

void TestCertificateStatusCommand::unknownIsFour()
{
    const Run run = runCli({QStringLiteral("cert"), QStringLiteral("status"), m_unknownPath,
                            QStringLiteral("--issuer"), m_pki->caPath, QStringLiteral("--ocsp"),
                            m_responder.url().toString()});
    QVERIFY2(run.exitCode == 4, qPrintable(run.describe()));
}

void TestCertificateStatusCommand::revokedFromACrlFile()
{
    const Run revoked = runCli({QStringLiteral("--json"), QStringLiteral("cert"),
                                QStringLiteral("status"), m_revokedPath, QStringLiteral("--issuer"),
                                m_pki->caPath, QStringLiteral("--crl"), m_crlPath});
    QVERIFY2(revoked.exitCode == 3, qPrintable(revoked.describe()));
    const QJsonObject object = revoked.json().object();
    QCOMPARE(object.value(QStringLiteral("source")).toString(), QStringLiteral("crl"));
    QCOMPARE(object.value(QStringLiteral("reason")).toString(),
             QStringLiteral("cessationOfOperation"));
    const Run good
        = runCli({QStringLiteral("cert"), QStringLiteral("status"), m_goodPath,
                  QStringLiteral("--issuer"), m_pki->caPath, QStringLiteral("--crl"), m_crlPath});
    QVERIFY2(good.exitCode == 0, qPrintable(good.describe()));
}

void TestCertificateStatusCommand::responderDownIsOne()
{
    OcspResponder responder;
    auto started = responder.start(m_folder.path(), m_pki->caPath, m_pki->caPath,
                                   m_folder.filePath(QStringLiteral("ca.key")), {});
    RD_VERIFY_RESULT(started);
    const QString url = responder.url().toString();
    responder.stop();
    const Run run = runCli({QStringLiteral("cert"), QStringLiteral("status"), m_goodPath,
                            QStringLiteral("--issuer"), m_pki->caPath, QStringLiteral("--ocsp"),
                            url, QStringLiteral("--timeout"), QStringLiteral("5")});
    QVERIFY2(run.exitCode == 1, qPrintable(run.describe()));
    QVERIFY(run.out.isEmpty());
    QVERIFY2(run.err.contains(QLatin1String("io:")), qPrintable(run.describe()));

    // A CRL from another CA does not rescue it either: still an error, never "good".
    auto other = DemoCertificateAuthority::load(
        m_pki->otherCa.pem(), TestCertificates::privateKeyPem(m_pki->otherCa.key.get()));
    QVERIFY(other);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto crl = other->crl({}, now.addDays(-1), now.addDays(1), 1);
    QVERIFY(crl);
    const QString path = m_folder.filePath(QStringLiteral("other.crl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(*crl) == crl->size());
    file.close();
    const Run both = runCli({QStringLiteral("cert"), QStringLiteral("status"), m_goodPath,
                             QStringLiteral("--issuer"), m_pki->caPath, QStringLiteral("--ocsp"),
                             url, QStringLiteral("--crl"), path});
    QVERIFY2(both.exitCode == 1, qPrintable(both.describe()));
}

void TestCertificateStatusCommand::usage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no issuer") << QStringList {QStringLiteral("FILE")};
    QTest::newRow("no file") << QStringList {QStringLiteral("--issuer"), QStringLiteral("x")};
    QTest::newRow("ftp responder")
        << QStringList {QStringLiteral("FILE"), QStringLiteral("--issuer"), QStringLiteral("x"),
                        QStringLiteral("--ocsp"), QStringLiteral("ftp://example.org/")};
    QTest::newRow("bad timeout") << QStringList {QStringLiteral("FILE"), QStringLiteral("--issuer"),
                                                 QStringLiteral("x"), QStringLiteral("--timeout"),
                                                 QStringLiteral("0")};
    QTest::newRow("unknown option") << QStringList {QStringLiteral("FILE"), QStringLiteral("--x")};
}

void TestCertificateStatusCommand::usage()
{
    QFETCH(QStringList, arguments);
    const Run run
        = runCli(QStringList {QStringLiteral("cert"), QStringLiteral("status")} + arguments);
    QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestCertificateStatusCommand)
#include "TestCertificateStatusCommand.moc"
