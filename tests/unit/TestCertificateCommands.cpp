#include "CliRunner.h"
#include "TestCertificates.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "certificates/TrustedIssuers.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rd::test;

using Run = CliRunner::Run;

// `cert inspect` and `cert match` through the built program, as an operator would call them.
class TestCertificateCommands : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void help();
    void inspectText();
    void inspectJsonBundle();
    void inspectBadInput_data();
    void inspectBadInput();
    void matchByValues_data();
    void matchByValues();
    void matchJson();
    void matchHolderFromDatabase();
    void matchUsage_data();
    void matchUsage();
    void trustedIssuersFromSettings();

private:
    Run cli(const QStringList &arguments) const { return m_cli.run(arguments); }
    QString write(const QString &name, const QByteArray &bytes);

    CliRunner m_cli;
    QTemporaryDir m_dir;
    std::optional<TestCertificate> m_ca;
    std::optional<TestCertificate> m_holder;
    QString m_holderPem;
};

QString TestCertificateCommands::write(const QString &name, const QByteArray &bytes)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(bytes);
    return file.fileName();
}

void TestCertificateCommands::initTestCase()
{
    QVERIFY2(CliRunner::programProblem().isEmpty(), qPrintable(CliRunner::programProblem()));
    QVERIFY(m_dir.isValid());
    m_cli.useFolder(m_dir.path());
    m_cli.set(u"LANG"_qs, u"en_GB.UTF-8"_qs);
    m_cli.set(u"LC_ALL"_qs, u"en_GB.UTF-8"_qs);
    m_cli.unset(u"REVOCATION_DESK_DATABASE"_qs);
    // The test CA is made trusted through the setting written below, in the settings file the
    // program reads (XDG_CONFIG_HOME points into the temporary folder).
    auto ca = TestCertificates::certificateAuthority(u"Test BSrE CA"_qs,
                                                     u"Badan Siber dan Sandi Negara"_qs);
    QVERIFY(ca);
    m_ca = std::move(*ca);
    CertificateSpec spec;
    spec.serialHex = u"7E57"_qs;
    spec.subject = {{u"C"_qs, u"ID"_qs, V_ASN1_PRINTABLESTRING},
                    {u"O"_qs, u"Pemerintah Kabupaten Natuna"_qs},
                    {u"OU"_qs, u"Dinas Komunikasi dan Informatika"_qs},
                    {u"CN"_qs, u"Pemegang Uji 7"_qs},
                    {u"emailAddress"_qs, u"pemegang7@natunakab.go.id"_qs, V_ASN1_IA5STRING}};
    spec.sanEmails = {u"pemegang7@natunakab.go.id"_qs};
    spec.ocspUrl = u"http://ocsp.example.test/"_qs;
    auto holder = TestCertificates::build(spec, &*m_ca);
    QVERIFY(holder);
    m_holder = std::move(*holder);
    m_holderPem = write(u"holder.pem"_qs, m_holder->pem());

    QDir().mkpath(m_dir.filePath(u"config/revocation-desk"_qs));
    QSettings settings(m_dir.filePath(u"config/revocation-desk/revocation-desk.ini"_qs),
                       QSettings::IniFormat);
    settings.setValue(TrustedIssuers::settingKey(),
                      QStringList {u"CN=Test BSrE CA,O=Badan Siber dan Sandi Negara,C=ID"_qs});
}

void TestCertificateCommands::help()
{
    for (const QStringList &command : {QStringList {u"cert"_qs, u"--help"_qs},
                                       QStringList {u"cert"_qs, u"inspect"_qs, u"--help"_qs},
                                       QStringList {u"cert"_qs, u"match"_qs, u"--help"_qs}}) {
        const Run run = cli(command);
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(u"cert"_qs));
    }
    QVERIFY(cli({u"--help"_qs}).out.contains(u"inspect|match"_qs));
}

void TestCertificateCommands::inspectText()
{
    const Run run = cli({u"cert"_qs, u"inspect"_qs, m_holderPem});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"CN=Pemegang Uji 7"_qs), qPrintable(run.out));
    QVERIFY(run.out.contains(u"7E57"_qs));
    QVERIFY(run.out.contains(u"32343"_qs)); // 0x7E57 in decimal
    QVERIFY(run.out.contains(u"http://ocsp.example.test/"_qs));
    QVERIFY(run.out.contains(u"(2.5.4.3, UTF8String): Pemegang Uji 7"_qs));
}

void TestCertificateCommands::inspectJsonBundle()
{
    auto bundle
        = TestCertificates::pkcs7({m_holder->certificate.get(), m_ca->certificate.get()}, false);
    QVERIFY(bundle);
    const QString path = write(u"bundle.p7b"_qs, *bundle);
    const Run run = cli({u"--json"_qs, u"cert"_qs, u"inspect"_qs, path});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json.value(u"count"_qs).toInt(), 2);
    const QJsonArray certificates = json.value(u"certificates"_qs).toArray();
    QCOMPARE(certificates.size(), 2);
    const QJsonObject first = certificates.at(0).toObject();
    QCOMPARE(first.value(u"serial_hex"_qs).toString(), u"7E57"_qs);
    QCOMPARE(first.value(u"serial_decimal"_qs).toString(), u"32343"_qs);
    QCOMPARE(first.value(u"validity"_qs).toString(), u"valid"_qs);
    QCOMPARE(first.value(u"email_addresses"_qs).toArray().size(), 1);
    QCOMPARE(first.value(u"ocsp_urls"_qs).toArray().at(0).toString(),
             u"http://ocsp.example.test/"_qs);
    QCOMPARE(certificates.at(1).toObject().value(u"subject"_qs).toString(),
             u"CN=Test BSrE CA,O=Badan Siber dan Sandi Negara,C=ID"_qs);

    // Text: every certificate of the bundle.
    const Run text = cli({u"cert"_qs, u"inspect"_qs, path});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains(u"Certificate 2 of 2"_qs));
}

void TestCertificateCommands::inspectBadInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty file") << QByteArray() << u"empty"_qs;
    QTest::newRow("private key") << TestCertificates::privateKeyPem(m_holder->key.get())
                                 << u"private key, not a certificate"_qs;
    QTest::newRow("random text") << QByteArray("no certificate here") << u"not a certificate"_qs;
}

void TestCertificateCommands::inspectBadInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString path = write(u"bad.pem"_qs, bytes);
    const Run run = cli({u"cert"_qs, u"inspect"_qs, path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
    QVERIFY2(run.err.startsWith(u"revocation-desk-cli: invalid_input: "_qs), qPrintable(run.err));
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    if (bytes.contains("PRIVATE KEY"))
        QVERIFY(!run.err.contains(QString::fromLatin1(bytes.mid(40, 20))));
}

void TestCertificateCommands::matchByValues_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("ams");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("text");
    QTest::newRow("match with titles")
        << u"Drs. Pemegang Uji 7, M.Si."_qs << u"pemegang7@NATUNAKAB.GO.ID"_qs << QString() << 0
        << u"MATCH"_qs;
    QTest::newRow("NIK as AMS user name")
        << u"Pemegang Uji 7"_qs << u"pemegang7@natunakab.go.id"_qs << u"2103011203850001"_qs << 0
        << u"not in certificate"_qs;
    QTest::newRow("other name") << u"Pemegang Uji 8"_qs << u"pemegang7@natunakab.go.id"_qs
                                << QString() << 3 << u"MISMATCH"_qs;
    QTest::newRow("other AMS e-mail") << u"Pemegang Uji 7"_qs << u"pemegang7@natunakab.go.id"_qs
                                      << u"pemegang8@natunakab.go.id"_qs << 3 << u"MISMATCH"_qs;
}

void TestCertificateCommands::matchByValues()
{
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, ams);
    QFETCH(int, exitCode);
    QFETCH(QString, text);
    QStringList arguments {u"cert"_qs, u"match"_qs,   m_holderPem, u"--name"_qs,
                           name,       u"--email"_qs, email};
    if (!ams.isEmpty())
        arguments << u"--ams-username"_qs << ams;
    const Run run = cli(arguments);
    QVERIFY2(run.exitCode == exitCode, qPrintable(run.out + run.err));
    QVERIFY2(run.out.contains(text), qPrintable(run.out));
}

void TestCertificateCommands::matchJson()
{
    const Run run = cli({u"cert"_qs, u"match"_qs, m_holderPem, u"--name"_qs, u"Pemegang Uji 7"_qs,
                         u"--email"_qs, u"pemegang7@natunakab.go.id"_qs, u"--json"_qs});
    QCOMPARE(run.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(json.value(u"verdict"_qs).toString(), u"match"_qs);
    QCOMPARE(json.value(u"issuer_trusted"_qs).toBool(), true);
    QCOMPARE(json.value(u"serial_hex"_qs).toString(), u"7E57"_qs);
    const QJsonObject reason = json.value(u"reasons"_qs).toArray().at(0).toObject();
    QVERIFY(!reason.value(u"id"_qs).toString().isEmpty());
    QVERIFY(!reason.value(u"en"_qs).toString().isEmpty());
    QCOMPARE(json.value(u"attributes"_qs).toArray().at(0).toObject().value(u"result"_qs),
             u"match"_qs);
}

void TestCertificateCommands::matchHolderFromDatabase()
{
    RD_OPEN_DATABASE(database, TestDatabase::Engine::Sqlite);
    QVERIFY(TestFixtures::addHolder(database->database(), 7) > 0);
    QVERIFY(TestFixtures::addHolder(database->database(), 8) > 0);
    const Run same = cli({u"--database"_qs, database->url(), u"cert"_qs, u"match"_qs, m_holderPem,
                          u"--holder"_qs, TestFixtures::nik(7), u"--json"_qs});
    QVERIFY2(same.exitCode == 0, qPrintable(same.out + same.err));
    const QJsonObject json = QJsonDocument::fromJson(same.out.toUtf8()).object();
    bool sawNik = false;
    for (const QJsonValue &row : json.value(u"attributes"_qs).toArray()) {
        if (row.toObject().value(u"attribute"_qs) == u"nik"_qs) {
            sawNik = true;
            QCOMPARE(row.toObject().value(u"result"_qs).toString(), u"not_in_certificate"_qs);
        }
        if (row.toObject().value(u"attribute"_qs) == u"organizational_unit"_qs)
            QCOMPARE(row.toObject().value(u"result"_qs).toString(), u"match"_qs);
    }
    QVERIFY(sawNik);

    const Run other = cli({u"--database"_qs, database->url(), u"cert"_qs, u"match"_qs, m_holderPem,
                           u"--holder"_qs, TestFixtures::nik(8)});
    QCOMPARE(other.exitCode, 3);
    const Run missing = cli({u"--database"_qs, database->url(), u"cert"_qs, u"match"_qs,
                             m_holderPem, u"--holder"_qs, TestFixtures::nik(9)});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains(u"not_found"_qs), qPrintable(missing.err));
}

void TestCertificateCommands::matchUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no holder") << QStringList {u"FILE"_qs};
    QTest::newRow("name without e-mail") << QStringList {u"FILE"_qs, u"--name"_qs, u"A"_qs};
    QTest::newRow("holder and name") << QStringList {
        u"FILE"_qs, u"--holder"_qs, u"1"_qs, u"--name"_qs, u"A"_qs, u"--email"_qs, u"a@b.c"_qs};
    QTest::newRow("no file") << QStringList {u"--name"_qs, u"A"_qs, u"--email"_qs, u"a@b.c"_qs};
    QTest::newRow("unknown option") << QStringList {u"FILE"_qs, u"--frobnicate"_qs};
}

void TestCertificateCommands::matchUsage()
{
    QFETCH(QStringList, arguments);
    arguments.replaceInStrings(u"FILE"_qs, m_holderPem);
    const Run run = cli(QStringList {u"cert"_qs, u"match"_qs} + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.startsWith(u"revocation-desk-cli: usage: "_qs));
}

void TestCertificateCommands::trustedIssuersFromSettings()
{
    // Another CA with the same name but another key is still "trusted" by name: the name is
    // what step 7 compares; the signature is cert status's business. One with another name is
    // flagged.
    auto outsider = TestCertificates::certificateAuthority(u"Somebody's CA"_qs);
    QVERIFY(outsider);
    CertificateSpec spec;
    spec.subject = {{u"CN"_qs, u"Pemegang Uji 7"_qs}};
    spec.sanEmails = {u"pemegang7@natunakab.go.id"_qs};
    auto certificate = TestCertificates::build(spec, &*outsider);
    QVERIFY(certificate);
    const QString path = write(u"outsider.der"_qs, certificate->der());
    const Run run = cli({u"cert"_qs, u"match"_qs, path, u"--name"_qs, u"Pemegang Uji 7"_qs,
                         u"--email"_qs, u"pemegang7@natunakab.go.id"_qs});
    QCOMPARE(run.exitCode, 4);
    QVERIFY2(run.out.contains(u"NEEDS REVIEW"_qs), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"not one of the trusted issuers"_qs), qPrintable(run.out));
}

QTEST_GUILESS_MAIN(TestCertificateCommands)
#include "TestCertificateCommands.moc"
