#include "TestCertificates.h"
#include "VerifyResult.h"
#include "certificates/Certificate.h"
#include "certificates/SubjectDnMatcher.h"
#include "certificates/TrustedIssuers.h"
#include "demo/DemoCertificateAuthority.h"

#include <QJsonArray>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using namespace rd::test;

namespace {

// Which CA signs a row's certificate, and when the certificate is valid.
enum Issuer { Trusted, Unknown };
enum Validity { Valid, Expired, NotYetValid };

} // namespace

class TestSubjectDnMatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void match_data();
    void match();
    void reportCarriesBothLanguagesAndValues();
    void trustedIssuerNames_data();
    void trustedIssuerNames();
    void badTrustedIssuer();
    void trustedIssuersFromSettings();
    void demoCertificateAuthorityIsTrustedByDefault();
    void emailAddresses_data();
    void emailAddresses();

private:
    std::optional<TestCertificate> m_trusted;
    std::optional<TestCertificate> m_unknown;
    EvpPkeyPtr m_holderKey;
};

void TestSubjectDnMatcher::initTestCase()
{
    auto trusted = TestCertificates::certificateAuthority(u"Test BSrE CA"_qs,
                                                          u"Badan Siber dan Sandi Negara"_qs);
    QVERIFY(trusted);
    m_trusted = std::move(*trusted);
    auto unknown = TestCertificates::certificateAuthority(u"Test BSrE CA"_qs,
                                                          u"Badan Siber dan Sandi Negera"_qs);
    QVERIFY(unknown);
    m_unknown = std::move(*unknown);
    auto key = TestCertificates::generateKey();
    QVERIFY(key);
    m_holderKey = std::move(*key);
}

void TestSubjectDnMatcher::match_data()
{
    QTest::addColumn<QString>("cn");
    QTest::addColumn<int>("cnType");
    QTest::addColumn<QString>("dnEmail");
    QTest::addColumn<QString>("sanEmail");
    QTest::addColumn<bool>("multiValued"); // CN and emailAddress in one RDN
    QTest::addColumn<QString>("serialNumber"); // 2.5.4.5 in the subject, when not empty
    QTest::addColumn<int>("issuer");
    QTest::addColumn<int>("validity");
    QTest::addColumn<QString>("holderName");
    QTest::addColumn<QString>("holderEmail");
    QTest::addColumn<QString>("amsUsername");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<QString>("name"); // expected result of common_name
    QTest::addColumn<QString>("email"); // of email
    QTest::addColumn<QString>("ams"); // of ams_username
    QTest::addColumn<QString>("ou"); // of organizational_unit

    const QString budi = u"Budi Santoso"_qs;
    const QString mail = u"budi.santoso@natunakab.go.id"_qs;
    const int utf8 = V_ASN1_UTF8STRING;
    const QString nik = u"2103011203850001"_qs;
    const QString none;

    QTest::newRow("exact") << budi << utf8 << mail << mail << false << none << int(Trusted)
                           << int(Valid) << budi << mail << none << u"match"_qs << u"match"_qs
                           << u"match"_qs << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("UTF-8 name, other case and NFD")
        << u"J\u00F6rg M\u00FCller"_qs << utf8 << none << u"jorg@natunakab.go.id"_qs << false
        << none << int(Trusted) << int(Valid) << u"JO\u0308RG MU\u0308LLER"_qs
        << u"jorg@natunakab.go.id"_qs << none << u"match"_qs << u"match"_qs << u"match"_qs
        << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("PrintableString CN")
        << budi << int(V_ASN1_PRINTABLESTRING) << mail << none << false << none << int(Trusted)
        << int(Valid) << budi << mail << none << u"match"_qs << u"match"_qs << u"match"_qs
        << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("BMPString CN") << budi << int(V_ASN1_BMPSTRING) << mail << none << false << none
                                  << int(Trusted) << int(Valid) << budi << mail << none
                                  << u"match"_qs << u"match"_qs << u"match"_qs
                                  << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("multi-valued RDN")
        << budi << utf8 << mail << none << true << none << int(Trusted) << int(Valid) << budi
        << mail << none << u"match"_qs << u"match"_qs << u"match"_qs << u"not_applicable"_qs
        << u"match"_qs;
    QTest::newRow("e-mail only in the DN")
        << budi << utf8 << mail << none << false << none << int(Trusted) << int(Valid) << budi
        << mail << none << u"match"_qs << u"match"_qs << u"match"_qs << u"not_applicable"_qs
        << u"match"_qs;
    QTest::newRow("e-mail only in the SAN")
        << budi << utf8 << none << mail << false << none << int(Trusted) << int(Valid) << budi
        << mail << none << u"match"_qs << u"match"_qs << u"match"_qs << u"not_applicable"_qs
        << u"match"_qs;
    QTest::newRow("case and whitespace differences")
        << u"BUDI  SANTOSO "_qs << utf8 << u"budi.santoso@NatunaKab.GO.ID"_qs << none << false
        << none << int(Trusted) << int(Valid) << u" budi santoso"_qs << u" " + mail + u" " << none
        << u"match"_qs << u"match"_qs << u"match"_qs << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("local part in another case")
        << budi << utf8 << u"Budi.Santoso@natunakab.go.id"_qs << none << false << none
        << int(Trusted) << int(Valid) << budi << mail << none << u"mismatch"_qs << u"match"_qs
        << u"mismatch"_qs << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("titles in the register")
        << u"Ahmad Fauzi"_qs << utf8 << none << u"ahmad.fauzi@natunakab.go.id"_qs << false << none
        << int(Trusted) << int(Valid) << u"Dr. Ir. H. Ahmad Fauzi, S.T., M.Si."_qs
        << u"ahmad.fauzi@natunakab.go.id"_qs << none << u"match"_qs << u"match"_qs << u"match"_qs
        << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("Hj. and S.Kom.")
        << u"Siti Aminah"_qs << utf8 << u"siti@natunakab.go.id"_qs << none << false << none
        << int(Trusted) << int(Valid) << u"Hj. Siti Aminah, S.Kom."_qs << u"siti@natunakab.go.id"_qs
        << none << u"match"_qs << u"match"_qs << u"match"_qs << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("Frankie is not Franky")
        << u"Frankie Wijaya"_qs << utf8 << none << u"franky@natunakab.go.id"_qs << false << none
        << int(Trusted) << int(Valid) << u"Franky Wijaya"_qs << u"franky@natunakab.go.id"_qs << none
        << u"mismatch"_qs << u"mismatch"_qs << u"match"_qs << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("Cyrillic look-alike")
        << u"Budi S\u0430ntoso"_qs << utf8 << mail << none << false << none << int(Trusted)
        << int(Valid) << budi << mail << none << u"mismatch"_qs << u"mismatch"_qs << u"match"_qs
        << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("other e-mail") << budi << utf8 << none << u"budi.s@natunakab.go.id"_qs << false
                                  << none << int(Trusted) << int(Valid) << budi << mail << none
                                  << u"mismatch"_qs << u"match"_qs << u"mismatch"_qs
                                  << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("no e-mail in the certificate")
        << budi << utf8 << none << none << false << none << int(Trusted) << int(Valid) << budi
        << mail << none << u"needs_review"_qs << u"match"_qs << u"missing"_qs
        << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("unknown issuer")
        << budi << utf8 << mail << none << false << none << int(Unknown) << int(Valid) << budi
        << mail << none << u"needs_review"_qs << u"match"_qs << u"match"_qs << u"not_applicable"_qs
        << u"match"_qs;
    QTest::newRow("expired") << budi << utf8 << mail << none << false << none << int(Trusted)
                             << int(Expired) << budi << mail << none << u"needs_review"_qs
                             << u"match"_qs << u"match"_qs << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("not yet valid")
        << budi << utf8 << mail << none << false << none << int(Trusted) << int(NotYetValid) << budi
        << mail << none << u"needs_review"_qs << u"match"_qs << u"match"_qs << u"not_applicable"_qs
        << u"match"_qs;
    QTest::newRow("expired and another name")
        << u"Budi Santosa"_qs << utf8 << mail << none << false << none << int(Trusted)
        << int(Expired) << budi << mail << none << u"mismatch"_qs << u"mismatch"_qs << u"match"_qs
        << u"not_applicable"_qs << u"match"_qs;
    QTest::newRow("AMS user name is a NIK")
        << budi << utf8 << mail << none << false << none << int(Trusted) << int(Valid) << budi
        << mail << nik << u"match"_qs << u"match"_qs << u"match"_qs << u"not_in_certificate"_qs
        << u"match"_qs;
    QTest::newRow("NIK in serialNumber")
        << budi << utf8 << mail << none << false << u"NIK:" + nik << int(Trusted) << int(Valid)
        << budi << mail << nik << u"match"_qs << u"match"_qs << u"match"_qs << u"match"_qs
        << u"match"_qs;
    QTest::newRow("AMS user name is the e-mail")
        << budi << utf8 << none << mail << false << none << int(Trusted) << int(Valid) << budi
        << mail << u"Budi.Santoso@natunakab.go.id"_qs << u"mismatch"_qs << u"match"_qs
        << u"match"_qs << u"mismatch"_qs << u"match"_qs;
    QTest::newRow("AMS user name, same e-mail")
        << budi << utf8 << none << mail << false << none << int(Trusted) << int(Valid) << budi
        << mail << u"budi.santoso@NATUNAKAB.go.id"_qs << u"match"_qs << u"match"_qs << u"match"_qs
        << u"match"_qs << u"match"_qs;
    QTest::newRow("AMS user name of another kind")
        << budi << utf8 << none << mail << false << none << int(Trusted) << int(Valid) << budi
        << mail << u"budis"_qs << u"match"_qs << u"match"_qs << u"match"_qs << u"not_applicable"_qs
        << u"match"_qs;
}

void TestSubjectDnMatcher::match()
{
    QFETCH(QString, cn);
    QFETCH(int, cnType);
    QFETCH(QString, dnEmail);
    QFETCH(QString, sanEmail);
    QFETCH(bool, multiValued);
    QFETCH(QString, serialNumber);
    QFETCH(int, issuer);
    QFETCH(int, validity);
    QFETCH(QString, holderName);
    QFETCH(QString, holderEmail);
    QFETCH(QString, amsUsername);
    QFETCH(QString, verdict);
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, ams);
    QFETCH(QString, ou);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    CertificateSpec spec;
    spec.subject = {{u"C"_qs, u"ID"_qs, V_ASN1_PRINTABLESTRING},
                    {u"ST"_qs, u"Kepulauan Riau"_qs},
                    {u"L"_qs, u"Natuna"_qs},
                    {u"O"_qs, u"Pemerintah Kabupaten Natuna"_qs},
                    {u"OU"_qs, u"Dinas Komunikasi dan Informatika"_qs}};
    if (!serialNumber.isEmpty())
        spec.subject.push_back({u"serialNumber"_qs, serialNumber, V_ASN1_PRINTABLESTRING});
    spec.subject.push_back({u"CN"_qs, cn, cnType});
    if (!dnEmail.isEmpty())
        spec.subject.push_back({u"emailAddress"_qs, dnEmail, V_ASN1_IA5STRING, multiValued});
    if (!sanEmail.isEmpty())
        spec.sanEmails = {sanEmail};
    if (validity == Expired) {
        spec.notBefore = now.addYears(-3);
        spec.notAfter = now.addDays(-2);
    } else if (validity == NotYetValid) {
        spec.notBefore = now.addDays(3);
        spec.notAfter = now.addYears(2);
    }
    auto built = TestCertificates::build(spec, issuer == Trusted ? &*m_trusted : &*m_unknown,
                                         m_holderKey.get());
    RD_VERIFY_RESULT(built);
    auto certificate = Certificate::readAll(built->der());
    QVERIFY(certificate);
    if (multiValued) {
        const auto attributes = certificate->front().subjectAttributes();
        QCOMPARE(attributes.back().rdnIndex, attributes.at(attributes.size() - 2).rdnIndex);
    }

    auto issuers
        = TrustedIssuers::fromList({u"CN=BSRE CA DS G1,O=Badan Siber dan Sandi Negara,C=ID"_qs,
                                    u"cn=test bsre ca, o=Badan  Siber dan Sandi Negara, c=id"_qs});
    QVERIFY(issuers);
    const SubjectDnMatcher matcher(*issuers);
    HolderIdentity holder;
    holder.fullName = holderName;
    holder.email = holderEmail;
    holder.amsUsername = amsUsername;
    holder.unit = u"Dinas Komunikasi dan Informatika"_qs;
    const DnMatchReport report = matcher.match(certificate->front(), holder, now);

    const auto result = [&](const char *attribute) {
        const AttributeComparison *row = report.find(QLatin1String(attribute));
        return row ? DnMatchReport::resultName(row->result) : u"(none)"_qs;
    };
    QString reasons;
    for (const BilingualText &reason : report.reasons)
        reasons += reason.en + u" | ";
    QVERIFY2(DnMatchReport::verdictName(report.verdict) == verdict, qPrintable(reasons));
    QCOMPARE(result("common_name"), name);
    QCOMPARE(result("email"), email);
    QCOMPARE(result("ams_username"), ams);
    QCOMPARE(result("organizational_unit"), ou);
    QCOMPARE(result("issuer"), issuer == Trusted ? u"match"_qs : u"mismatch"_qs);
    QCOMPARE(report.issuerTrusted, issuer == Trusted);
    QCOMPARE(report.validity,
             validity == Valid         ? u"valid"_qs
                 : validity == Expired ? u"expired"_qs
                                       : u"not_yet_valid"_qs);
    QVERIFY(!report.reasons.isEmpty());
    if (validity != Valid)
        QVERIFY2(reasons.contains(validity == Expired ? u"expired"_qs : u"not valid before"_qs),
                 qPrintable(reasons));
}

void TestSubjectDnMatcher::reportCarriesBothLanguagesAndValues()
{
    CertificateSpec spec;
    spec.subject = {{u"C"_qs, u"ID"_qs, V_ASN1_PRINTABLESTRING},
                    {u"OU"_qs, u"Dinas Pendidikan"_qs},
                    {u"CN"_qs, u"Frankie Wijaya"_qs}};
    spec.sanEmails = {u"frankie@natunakab.go.id"_qs};
    auto built = TestCertificates::build(spec, &*m_unknown, m_holderKey.get());
    QVERIFY(built);
    auto certificate = Certificate::readAll(built->pem());
    QVERIFY(certificate);
    auto issuers = TrustedIssuers::fromList(TrustedIssuers::defaultIssuers());
    QVERIFY(issuers);
    HolderIdentity holder;
    holder.fullName = u"Drs. Franky Wijaya, M.M."_qs;
    holder.email = u"franky@natunakab.go.id"_qs;
    holder.nik = u"2103011203850001"_qs;
    holder.unit = u"Dinas Kesehatan"_qs;
    const DnMatchReport report = SubjectDnMatcher(*issuers).match(certificate->front(), holder,
                                                                  QDateTime::currentDateTimeUtc());
    QCOMPARE(report.verdict, MatchVerdict::Mismatch);
    // Name, e-mail, untrusted issuer, OU (informative).
    QCOMPARE(report.reasons.size(), 4);
    for (const BilingualText &reason : report.reasons) {
        QVERIFY(!reason.id.isEmpty());
        QVERIFY(!reason.en.isEmpty());
        QVERIFY(reason.id != reason.en);
    }
    QVERIFY(report.reasons.constFirst().id.contains(u"tidak sama"_qs));
    QVERIFY(report.reasons.constFirst().en.contains(u"is not the holder's name"_qs));

    const AttributeComparison *name = report.find(u"common_name"_qs);
    QVERIFY(name);
    QCOMPARE(name->certificateValue, u"Frankie Wijaya"_qs);
    QCOMPARE(name->certificatePrepared, u"frankie wijaya"_qs);
    QCOMPARE(name->expectedValue, u"Drs. Franky Wijaya, M.M."_qs);
    QCOMPARE(name->expectedPrepared, u"franky wijaya"_qs);
    QCOMPARE(report.find(u"nik"_qs)->result, AttributeResult::NotInCertificate);
    QCOMPARE(report.find(u"organizational_unit"_qs)->result, AttributeResult::Mismatch);
    QCOMPARE(report.find(u"organizational_unit"_qs)->decisive, false);

    const QJsonObject json = report.toJson();
    QCOMPARE(json.value(u"verdict"_qs).toString(), u"mismatch"_qs);
    QCOMPARE(json.value(u"issuer_trusted"_qs).toBool(), false);
    const QJsonObject firstReason = json.value(u"reasons"_qs).toArray().at(0).toObject();
    QVERIFY(!firstReason.value(u"id"_qs).toString().isEmpty());
    QVERIFY(!firstReason.value(u"en"_qs).toString().isEmpty());
    const QJsonObject firstRow = json.value(u"attributes"_qs).toArray().at(0).toObject();
    for (const char *key :
         {"attribute", "certificate_attribute", "decisive", "result", "certificate_value",
          "certificate_prepared", "expected_value", "expected_prepared", "expected_source", "note"})
        QVERIFY2(firstRow.contains(QLatin1String(key)), key);
    QCOMPARE(firstRow.value(u"note"_qs).toObject().keys(), (QStringList {u"en"_qs, u"id"_qs}));
}

void TestSubjectDnMatcher::trustedIssuerNames_data()
{
    QTest::addColumn<QString>("configured");
    QTest::addColumn<bool>("same");
    QTest::newRow("as printed") << u"CN=Test BSrE CA,O=Badan Siber dan Sandi Negara,C=ID"_qs
                                << true;
    QTest::newRow("case and spaces")
        << u"cn = TEST BSRE CA ,  o=badan siber  dan sandi negara , c=id"_qs << true;
    QTest::newRow("dotted OIDs") << u"2.5.4.3=Test BSrE CA,2.5.4.10=Badan Siber dan Sandi "
                                    "Negara,2.5.4.6=ID"_qs
                                 << true;
    QTest::newRow("hex escapes and quotes")
        << u"CN=Test\\20BSrE\\20CA,O=\"Badan Siber dan Sandi Negara\",C=ID"_qs << true;
    QTest::newRow("semicolons") << u"CN=Test BSrE CA;O=Badan Siber dan Sandi Negara;C=ID"_qs
                                << true;
    QTest::newRow("another name") << u"CN=Test BSrE CA,O=Badan Siber dan Sandi Negera,C=ID"_qs
                                  << false;
    QTest::newRow("order matters")
        << u"C=ID,O=Badan Siber dan Sandi Negara,CN=Test BSrE CA"_qs << false;
    QTest::newRow("one RDN less") << u"CN=Test BSrE CA,O=Badan Siber dan Sandi Negara"_qs << false;
}

void TestSubjectDnMatcher::trustedIssuerNames()
{
    QFETCH(QString, configured);
    QFETCH(bool, same);
    auto issuers = TrustedIssuers::fromList({configured});
    RD_VERIFY_RESULT(issuers);
    auto certificate = Certificate::fromX509(m_trusted->certificate.get());
    QVERIFY(certificate);
    QCOMPARE(issuers->find(certificate->subjectAttributes()), same ? configured : QString());
}

void TestSubjectDnMatcher::badTrustedIssuer()
{
    for (const QString &bad :
         {u""_qs, u"CN"_qs, u"XX=1,C=ID"_qs, u"CN=a,"_qs, u"CN=\"open,C=ID"_qs, u"CN=a\\"_qs}) {
        auto issuers = TrustedIssuers::fromList({bad});
        QVERIFY2(!issuers, qPrintable(bad));
        QCOMPARE(issuers.error().code, ErrorCode::InvalidInput);
    }
    // Escaped specials stay in the value.
    auto parsed = TrustedIssuers::parseDistinguishedName(u"CN=Smith\\, J\\+K\\\"Q\\C3\\B6,C=ID"_qs);
    QVERIFY(parsed);
    QCOMPARE(parsed->size(), size_t(2));
    QCOMPARE(parsed->at(0).oid, u"2.5.4.6"_qs);
    QCOMPARE(parsed->at(1).value, u"Smith, J+K\"Q\u00F6"_qs);
    QCOMPARE(parsed->at(1).rdnIndex, 1);
}

void TestSubjectDnMatcher::trustedIssuersFromSettings()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"settings.conf"_qs);
    {
        QSettings settings(path, QSettings::IniFormat);
        auto defaults = TrustedIssuers::fromSettings(settings);
        QVERIFY(defaults);
        QCOMPARE(defaults->issuers(), TrustedIssuers::defaultIssuers());
        settings.setValue(TrustedIssuers::settingKey(),
                          QStringList {u"CN=Test BSrE CA,O=Badan Siber dan Sandi Negara,C=ID"_qs,
                                       u"CN=Second\\, CA,C=ID"_qs});
    }
    QSettings settings(path, QSettings::IniFormat);
    auto issuers = TrustedIssuers::fromSettings(settings);
    RD_VERIFY_RESULT(issuers);
    QCOMPARE(issuers->issuers().size(), 2);
    auto certificate = Certificate::fromX509(m_trusted->certificate.get());
    QVERIFY(!issuers->find(certificate->subjectAttributes()).isEmpty());
}

void TestSubjectDnMatcher::demoCertificateAuthorityIsTrustedByDefault()
{
    auto ca = DemoCertificateAuthority::create(QDateTime::currentDateTimeUtc().addYears(-1));
    QVERIFY(ca);
    auto issued = ca->issue({u"andi@natunakab.go.id"_qs, u"Andi Wijaya"_qs, u"Dinas Kominfo"_qs},
                            QDateTime::currentDateTimeUtc().addDays(-1));
    QVERIFY(issued);
    auto certificate = Certificate::readAll(issued->der);
    QVERIFY(certificate);
    QCOMPARE(certificate->front().issuerDn(), TrustedIssuers::demoCertificateAuthorityName());
    auto issuers = TrustedIssuers::fromList(TrustedIssuers::defaultIssuers());
    QVERIFY(issuers);
    HolderIdentity holder;
    holder.fullName = u"H. Andi Wijaya, S.E."_qs;
    holder.email = u"andi@natunakab.go.id"_qs;
    holder.unit = u"Dinas Kominfo"_qs;
    holder.agency = u"Pemerintah Kabupaten Natuna"_qs;
    holder.locality = u"NATUNA"_qs;
    holder.province = u"Kepulauan Riau"_qs;
    const auto report = SubjectDnMatcher(*issuers).match(certificate->front(), holder,
                                                         QDateTime::currentDateTimeUtc());
    QCOMPARE(report.verdict, MatchVerdict::Match);
    QCOMPARE(report.trustedIssuer, TrustedIssuers::demoCertificateAuthorityName());
    QCOMPARE(report.find(u"locality"_qs)->result, AttributeResult::Match);
    QCOMPARE(report.find(u"organization"_qs)->result, AttributeResult::Match);
    QCOMPARE(report.find(u"state"_qs)->result, AttributeResult::Match);
    QCOMPARE(certificate->front().serialHex(), issued->serialHex);
    QCOMPARE(certificate->front().subjectDn(), issued->subjectDn);
}

void TestSubjectDnMatcher::emailAddresses_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<bool>("same");
    QTest::newRow("equal") << u"a.b@x.go.id"_qs << u"a.b@x.go.id"_qs << true;
    QTest::newRow("domain case") << u"a.b@X.GO.ID"_qs << u"a.b@x.go.id"_qs << true;
    QTest::newRow("spaces around") << u" a.b@x.go.id "_qs << u"a.b@x.go.id"_qs << true;
    QTest::newRow("local part case") << u"A.b@x.go.id"_qs << u"a.b@x.go.id"_qs << false;
    QTest::newRow("other domain") << u"a.b@y.go.id"_qs << u"a.b@x.go.id"_qs << false;
    QTest::newRow("not an address") << u"ab"_qs << u"ab"_qs << false;
}

void TestSubjectDnMatcher::emailAddresses()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(bool, same);
    QCOMPARE(SubjectDnMatcher::sameEmailAddress(left, right), same);
}

QTEST_GUILESS_MAIN(TestSubjectDnMatcher)
#include "TestSubjectDnMatcher.moc"
