#include "TestCertificates.h"
#include "VerifyResult.h"
#include "certificates/Certificate.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace rd;
using namespace rd::test;

class TestCertificateReading : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fields();
    void formats_data();
    void formats();
    void badInput_data();
    void badInput();
    void privateKeyIsNeverEchoed_data();
    void privateKeyIsNeverEchoed();
    void fileTooLargeIsRefusedUnread();
    void missingFile();
    void validity();
    void copiesShareTheCertificate();

private:
    QByteArray writeFile(const QString &name, const QByteArray &bytes);

    QTemporaryDir m_dir;
    std::optional<TestCertificate> m_ca;
    std::optional<TestCertificate> m_holder;
    std::optional<TestCertificate> m_second;
};

QByteArray TestCertificateReading::writeFile(const QString &name, const QByteArray &bytes)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        return {};
    return QFile::encodeName(file.fileName());
}

void TestCertificateReading::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto ca = TestCertificates::certificateAuthority(u"Test CA, \"Natuna\""_qs);
    RD_VERIFY_RESULT(ca);
    m_ca = std::move(*ca);

    CertificateSpec spec;
    spec.serialHex = u"0A1B2C"_qs;
    spec.notBefore = QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
    spec.notAfter = QDateTime(QDate(2027, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
    spec.subject = {
        {u"C"_qs, u"ID"_qs, V_ASN1_PRINTABLESTRING},
        {u"ST"_qs, u"Kepulauan Riau"_qs},
        {u"L"_qs, u"Natuna"_qs},
        {u"O"_qs, u"Pemerintah Kabupaten Natuna"_qs},
        // A multi-valued RDN, with an attribute OpenSSL has no short name for.
        {u"OU"_qs, u"Dinas Kominfo"_qs},
        {u"1.3.6.1.4.1.55555.1"_qs, u"Bidang TIK"_qs, V_ASN1_UTF8STRING, true},
        {u"2.5.4.13"_qs, u"Pegawai"_qs},
        {u"CN"_qs, u"J\u00F6rg M\u00FCller, \"Ucok\" + Co"_qs},
        {u"emailAddress"_qs, u"jorg@natunakab.go.id"_qs, V_ASN1_IA5STRING},
    };
    spec.sanEmails = {u"jorg.muller@natunakab.go.id"_qs};
    spec.crlUrl = u"http://crl.example.test/ca.crl"_qs;
    spec.ocspUrl = u"http://ocsp.example.test/"_qs;
    spec.caIssuersUrl = u"http://ca.example.test/ca.crt"_qs;
    spec.extendedKeyUsage = u"emailProtection,clientAuth,1.3.6.1.4.1.55555.9"_qs;
    auto holder = TestCertificates::build(spec, &*m_ca);
    RD_VERIFY_RESULT(holder);
    m_holder = std::move(*holder);

    CertificateSpec second;
    second.subject = {{u"CN"_qs, u"Siti Aminah"_qs}};
    auto other = TestCertificates::build(second, &*m_ca);
    QVERIFY(other);
    m_second = std::move(*other);
}

void TestCertificateReading::fields()
{
    const auto read = Certificate::readAll(m_holder->der());
    RD_VERIFY_RESULT(read);
    QCOMPARE(read->size(), size_t(1));
    const Certificate &certificate = read->front();

    QCOMPARE(certificate.serialHex(), u"0A1B2C"_qs);
    QCOMPARE(certificate.serialDecimal(), QString::number(0x0A1B2C));
    QCOMPARE(certificate.subjectDn(),
             u"emailAddress=jorg@natunakab.go.id,CN=J\u00F6rg M\u00FCller\\, \\\"Ucok\\\" \\+ Co,"
             "description=Pegawai,1.3.6.1.4.1.55555.1=#0C0A426964616E672054494B+OU=Dinas Kominfo,"
             "O=Pemerintah Kabupaten Natuna,L=Natuna,ST=Kepulauan Riau,C=ID"_qs);
    QCOMPARE(certificate.issuerDn(), u"CN=Test CA\\, \\\"Natuna\\\",O=Test Organisation,C=ID"_qs);

    const auto attributes = certificate.subjectAttributes();
    QCOMPARE(attributes.size(), size_t(9));
    QCOMPARE(attributes.at(0).shortName, u"C"_qs);
    QCOMPARE(attributes.at(0).asn1Type, u"PrintableString"_qs);
    QCOMPARE(attributes.at(0).rdnIndex, 0);
    QCOMPARE(attributes.at(4).shortName, u"OU"_qs);
    QCOMPARE(attributes.at(5).oid, u"1.3.6.1.4.1.55555.1"_qs);
    QCOMPARE(attributes.at(5).shortName, QString());
    QCOMPARE(attributes.at(5).value, u"Bidang TIK"_qs);
    QCOMPARE(attributes.at(4).rdnIndex, attributes.at(5).rdnIndex); // multi-valued
    QCOMPARE(attributes.at(6).oid, u"2.5.4.13"_qs);
    QCOMPARE(attributes.at(6).rdnIndex, attributes.at(5).rdnIndex + 1);
    QCOMPARE(attributes.at(7).oid, u"2.5.4.3"_qs);
    QCOMPARE(attributes.at(7).value, u"J\u00F6rg M\u00FCller, \"Ucok\" + Co"_qs);
    QCOMPARE(attributes.at(8).asn1Type, u"IA5String"_qs);

    QCOMPARE(certificate.notBefore(),
             QDateTime(QDate(2025, 1, 2), QTime(3, 4, 5), QTimeZone::utc()));
    QCOMPARE(certificate.notAfter(),
             QDateTime(QDate(2027, 1, 2), QTime(3, 4, 5), QTimeZone::utc()));
    QCOMPARE(certificate.keyUsage(), (QStringList {u"digitalSignature"_qs, u"nonRepudiation"_qs}));
    QCOMPARE(certificate.extendedKeyUsage(),
             (QStringList {u"emailProtection"_qs, u"clientAuth"_qs, u"1.3.6.1.4.1.55555.9"_qs}));
    QCOMPARE(certificate.emailAddresses(),
             (QStringList {u"jorg.muller@natunakab.go.id"_qs, u"jorg@natunakab.go.id"_qs}));
    QCOMPARE(certificate.crlDistributionPoints(),
             QStringList {u"http://crl.example.test/ca.crl"_qs});
    QCOMPARE(certificate.ocspUrls(), QStringList {u"http://ocsp.example.test/"_qs});
    QCOMPARE(certificate.caIssuersUrls(), QStringList {u"http://ca.example.test/ca.crt"_qs});
    QCOMPARE(
        certificate.sha256Fingerprint(),
        QString::fromLatin1(QCryptographicHash::hash(m_holder->der(), QCryptographicHash::Sha256)
                                .toHex()
                                .toUpper()));
    QCOMPARE(certificate.der(), m_holder->der());

    const QJsonObject json = certificate.toJson();
    for (const char *key : {"subject", "subject_attributes", "issuer", "issuer_attributes",
                            "serial_hex", "serial_decimal", "not_before", "not_after", "key_usage",
                            "extended_key_usage", "email_addresses", "crl_distribution_points",
                            "ocsp_urls", "ca_issuers_urls", "sha256_fingerprint"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QCOMPARE(json.value(u"not_before"_qs).toString(), u"2025-01-02T03:04:05Z"_qs);
    QCOMPARE(json.value(u"subject_attributes"_qs).toArray().at(5).toObject().value(u"oid"_qs),
             u"1.3.6.1.4.1.55555.1"_qs);

    // The CA has no CRL or AIA: empty lists, not errors.
    const auto ca = Certificate::readAll(m_ca->pem());
    QVERIFY(ca);
    QVERIFY(ca->front().ocspUrls().isEmpty());
    QVERIFY(ca->front().crlDistributionPoints().isEmpty());
    QCOMPARE(ca->front().keyUsage(), (QStringList {u"keyCertSign"_qs, u"cRLSign"_qs}));
}

void TestCertificateReading::formats_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("count");
    QTest::newRow("PEM") << m_holder->pem() << 1;
    QTest::newRow("DER") << m_holder->der() << 1;
    QTest::newRow("PEM with CRLF and text around") << QByteArray(
        "Subject: someone\r\n" + m_holder->pem().replace("\n", "\r\n") + "trailer\r\n")
                                                   << 1;
    QTest::newRow("two PEM certificates") << m_holder->pem() + m_second->pem() << 2;
    QTest::newRow("PEM chain with the CA") << m_holder->pem() + m_second->pem() + m_ca->pem() << 3;
    QTest::newRow("two DER certificates back to back") << m_holder->der() + m_second->der() << 2;
    const std::vector<const X509 *> bundle {m_holder->certificate.get(),
                                            m_second->certificate.get(), m_ca->certificate.get()};
    QTest::newRow("PKCS#7 DER (.p7b)")
        << TestCertificates::pkcs7(bundle, false).value_or(QByteArray()) << 3;
    QTest::newRow("PKCS#7 PEM (.p7c)")
        << TestCertificates::pkcs7(bundle, true).value_or(QByteArray()) << 3;
}

void TestCertificateReading::formats()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, count);
    QVERIFY(!bytes.isEmpty());
    const QString path = QString::fromLocal8Bit(writeFile(u"input.bin"_qs, bytes));
    const auto read = Certificate::readFile(path);
    RD_VERIFY_RESULT(read);
    QCOMPARE(int(read->size()), count);
    QCOMPARE(read->front().der(), m_holder->der());
    const auto first = Certificate::readFirst(path);
    QVERIFY(first);
    QCOMPARE(first->serialHex(), u"0A1B2C"_qs);
}

void TestCertificateReading::badInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");

    QByteArray random(2048, Qt::Uninitialized);
    QRandomGenerator generator(20261126);
    for (char &byte : random)
        byte = char(generator.bounded(256));
    random[0] = 0x13; // not a SEQUENCE, so never mistaken for truncated DER
    const QByteArray der = m_holder->der();
    QByteArray damagedPem = m_holder->pem();
    damagedPem[damagedPem.indexOf('\n') + 10] = '*';
    damagedPem[damagedPem.indexOf('\n') + 11] = '!';
    QByteArray truncatedPem = m_holder->pem();
    {
        // Valid base64 of only the first half of the DER.
        const QByteArray half = der.left(der.size() / 2).toBase64();
        truncatedPem = "-----BEGIN CERTIFICATE-----\n" + half + "\n-----END CERTIFICATE-----\n";
    }
    QTest::newRow("empty") << QByteArray() << u"empty"_qs;
    QTest::newRow("only whitespace") << QByteArray(" \n\t\r\n") << u"empty"_qs;
    QTest::newRow("random bytes") << random << u"not a certificate"_qs;
    QTest::newRow("text") << QByteArray("hello, this is not a certificate\n")
                          << u"not a certificate"_qs;
    QTest::newRow("truncated DER") << der.left(der.size() - 40) << u"truncated"_qs;
    QTest::newRow("truncated DER header") << der.left(3) << u"truncated"_qs;
    QTest::newRow("PEM with damaged base64") << damagedPem << u"damaged"_qs;
    QTest::newRow("PEM without END")
        << m_holder->pem().left(m_holder->pem().size() - 30) << u"damaged"_qs;
    QTest::newRow("PEM with truncated DER inside") << truncatedPem << u"damaged or truncated"_qs;
    QTest::newRow("PEM of something else")
        << QByteArray("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        << u"no certificate"_qs;
    QTest::newRow("DER certificate with trailing garbage")
        << der + QByteArray("xyz") << u"followed by"_qs;
    const std::vector<const X509 *> none;
    QTest::newRow("empty PKCS#7") << TestCertificates::pkcs7(none, false).value_or(QByteArray())
                                  << u"no certificate"_qs;
}

void TestCertificateReading::badInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const auto read = Certificate::readAll(bytes);
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY2(read.error().message.contains(expected, Qt::CaseInsensitive),
             qPrintable(read.error().message));
    // The same through a file, with the file's name in front.
    const QString path = QString::fromLocal8Bit(writeFile(u"bad.crt"_qs, bytes));
    const auto fromFile = Certificate::readFile(path);
    QVERIFY(!fromFile);
    QVERIFY2(fromFile.error().message.contains(expected, Qt::CaseInsensitive),
             qPrintable(fromFile.error().message));
    QCOMPARE(ERR_peek_error(), 0UL); // the OpenSSL queue is left empty
}

void TestCertificateReading::privateKeyIsNeverEchoed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray pem = TestCertificates::privateKeyPem(m_holder->key.get());
    QTest::newRow("PKCS#8 PEM") << pem;
    QTest::newRow("PKCS#8 DER") << TestCertificates::privateKeyDer(m_holder->key.get());
    QTest::newRow("traditional EC PEM") << QByteArray(pem)
                                               .replace("BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY")
                                               .replace("END PRIVATE KEY", "END EC PRIVATE KEY");
    QTest::newRow("encrypted PEM")
        << QByteArray(pem)
               .replace("BEGIN PRIVATE KEY", "BEGIN ENCRYPTED PRIVATE KEY")
               .replace("END PRIVATE KEY", "END ENCRYPTED PRIVATE KEY");
    QTest::newRow("certificate and key in one file") << m_holder->pem() + pem;
}

void TestCertificateReading::privateKeyIsNeverEchoed()
{
    QFETCH(QByteArray, bytes);
    const auto read = Certificate::readAll(bytes);
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY2(read.error().message.contains(u"private key, not a certificate"_qs),
             qPrintable(read.error().message));
    const QString everything = read.error().message + read.error().detail;
    const QByteArray base64 = TestCertificates::privateKeyDer(m_holder->key.get()).toBase64();
    for (qsizetype i = 0; i + 12 <= base64.size(); i += 12)
        QVERIFY(!everything.contains(QString::fromLatin1(base64.mid(i, 12))));
    QVERIFY(!everything.contains(QString::fromLatin1(
        TestCertificates::privateKeyDer(m_holder->key.get()).toHex().left(24))));
}

void TestCertificateReading::fileTooLargeIsRefusedUnread()
{
    // A sparse file: its size says 11 MB without 11 MB on disk, and reading it would be slow
    // enough to notice nothing; the size check alone must refuse it.
    QFile file(m_dir.filePath(u"huge.pem"_qs));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(m_holder->pem()) > 0);
    QVERIFY(file.resize(Certificate::MaximumFileSize + 1024 * 1024));
    file.close();
    const auto read = Certificate::readFile(file.fileName());
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::InvalidInput);
    QVERIFY2(read.error().message.contains(u"10 MB"_qs), qPrintable(read.error().message));

    const auto bytes = Certificate::readAll(QByteArray(Certificate::MaximumFileSize + 1, 'A'));
    QVERIFY(!bytes);
    QVERIFY(bytes.error().message.contains(u"10 MB"_qs));
}

void TestCertificateReading::missingFile()
{
    const auto read = Certificate::readFile(m_dir.filePath(u"nothing-here.crt"_qs));
    QVERIFY(!read);
    QCOMPARE(read.error().code, ErrorCode::NotFound);
    const auto folder = Certificate::readFile(m_dir.path());
    QVERIFY(!folder);
    QCOMPARE(folder.error().code, ErrorCode::InvalidInput);
}

void TestCertificateReading::validity()
{
    const auto read = Certificate::readAll(m_holder->der());
    QVERIFY(read);
    const Certificate &certificate = read->front();
    QCOMPARE(certificate.validityAt(QDateTime(QDate(2026, 6, 1), QTime(0, 0), QTimeZone::utc())),
             u"valid"_qs);
    QCOMPARE(certificate.validityAt(QDateTime(QDate(2027, 1, 2), QTime(3, 4, 6), QTimeZone::utc())),
             u"expired"_qs);
    QCOMPARE(certificate.validityAt(QDateTime(QDate(2025, 1, 2), QTime(3, 4, 4), QTimeZone::utc())),
             u"not_yet_valid"_qs);
}

void TestCertificateReading::copiesShareTheCertificate()
{
    auto read = Certificate::readAll(m_holder->der());
    QVERIFY(read);
    Certificate copy = read->front();
    QCOMPARE(copy.handle(), read->front().handle());
    read->clear(); // the copy keeps its reference
    QCOMPARE(copy.serialHex(), u"0A1B2C"_qs);
    auto wrapped = Certificate::fromX509(m_holder->certificate.get());
    QVERIFY(wrapped);
    Certificate assigned = *wrapped;
    assigned = copy;
    QCOMPARE(assigned.der(), m_holder->der());
}

QTEST_GUILESS_MAIN(TestCertificateReading)
#include "TestCertificateReading.moc"
