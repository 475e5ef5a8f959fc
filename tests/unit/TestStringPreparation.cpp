#include "TestCertificates.h"
#include "VerifyResult.h"
#include "certificates/Certificate.h"
#include "certificates/StringPreparation.h"
#include "certificates/TrustedIssuers.h"
#include "register/PersonalName.h"

#include <QTest>

using namespace rd;
using namespace rd::test;

class TestStringPreparation : public QObject
{
    Q_OBJECT

private slots:
    void equalAfterPreparation_data();
    void equalAfterPreparation();
    void exactOutput_data();
    void exactOutput();
    void prohibitedCharacters_data();
    void prohibitedCharacters();
    void stringTypes_data();
    void stringTypes();
    void titles_data();
    void titles();
};

void TestStringPreparation::equalAfterPreparation_data()
{
    QTest::addColumn<QString>("left");
    QTest::addColumn<QString>("right");
    QTest::addColumn<bool>("equal");

    // The settled rows of issue 3.
    QTest::newRow("e-acute NFC vs NFD") << u"Jos\u00E9"_qs << u"Jose\u0301"_qs << true;
    QTest::newRow("U+FB01 vs fi") << u"\uFB01tri"_qs << u"fitri"_qs << true;
    QTest::newRow("full-width letters")
        << u"\uFF21\uFF48\uFF4D\uFF41\uFF44"_qs << u"Ahmad"_qs << true;
    QTest::newRow("U+00A0 as space") << u"Budi\u00A0Santoso"_qs << u"Budi Santoso"_qs << true;
    QTest::newRow("tab as space") << u"Budi\tSantoso"_qs << u"Budi Santoso"_qs << true;
    QTest::newRow("U+00AD removed") << u"Bu\u00ADdi"_qs << u"Budi"_qs << true;
    QTest::newRow("U+200B removed") << u"Bu\u200Bdi"_qs << u"Budi"_qs << true;
    // More of RFC 4518.
    QTest::newRow("case folded") << u"BUDI santoso"_qs << u"budi SANTOSO"_qs << true;
    QTest::newRow("full case folding (sharp s)") << u"STRASSE"_qs << u"stra\u00DFe"_qs << true;
    QTest::newRow("insignificant spaces") << u"  Budi   Santoso "_qs << u"Budi Santoso"_qs << true;
    QTest::newRow("ideographic space") << u"Budi\u3000Santoso"_qs << u"Budi Santoso"_qs << true;
    QTest::newRow("line feed as space") << u"Budi\nSantoso"_qs << u"Budi Santoso"_qs << true;
    QTest::newRow("variation selector removed") << u"Budi\uFE0F"_qs << u"Budi"_qs << true;
    QTest::newRow("empty vs spaces") << u""_qs << u"   "_qs << true;
    // Differences that must stay.
    QTest::newRow("Frankie vs Franky") << u"Frankie"_qs << u"Franky"_qs << false;
    QTest::newRow("inner space is significant") << u"Budi Santoso"_qs << u"BudiSantoso"_qs << false;
    QTest::newRow("accent is significant") << u"Jose"_qs << u"Jos\u00E9"_qs << false;
    QTest::newRow("Cyrillic a is not Latin a") << u"S\u0430ntoso"_qs << u"Santoso"_qs << false;
    QTest::newRow("prohibited never equal") << u"Budi\uE000"_qs << u"Budi\uE000"_qs << false;
}

void TestStringPreparation::equalAfterPreparation()
{
    QFETCH(QString, left);
    QFETCH(QString, right);
    QFETCH(bool, equal);
    QCOMPARE(StringPreparation::equal(left, right), equal);
    QCOMPARE(StringPreparation::equal(right, left), equal);
    // The settled detail: case folding and simplification alone do not pass these rows.
    static const QList<QByteArray> naiveFails {"e-acute NFC vs NFD", "full-width letters",
                                               "U+00AD removed", "U+200B removed"};
    if (naiveFails.contains(QTest::currentDataTag()))
        QVERIFY(left.toCaseFolded().simplified() != right.toCaseFolded().simplified());
}

void TestStringPreparation::exactOutput_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("matching");
    QTest::addColumn<QString>("prepared");
    const int ignore = int(StringPreparation::Matching::CaseIgnore);
    const int exact = int(StringPreparation::Matching::CaseExact);
    const int numeric = int(StringPreparation::Matching::Numeric);
    QTest::newRow("two words") << u"  Budi   SANTOSO "_qs << ignore << u" budi  santoso "_qs;
    QTest::newRow("empty") << u""_qs << ignore << u" "_qs;
    QTest::newRow("case exact keeps case")
        << u"Budi\u00A0Santoso"_qs << exact << u" Budi  Santoso "_qs;
    QTest::newRow("numeric drops spaces")
        << u"3203 0112 8900 0001"_qs << numeric << u"3203011289000001"_qs;
}

void TestStringPreparation::exactOutput()
{
    QFETCH(QString, input);
    QFETCH(int, matching);
    QFETCH(QString, prepared);
    const auto result = StringPreparation::prepare(input, StringPreparation::Matching(matching));
    RD_VERIFY_RESULT(result);
    QCOMPARE(*result, prepared);
    QCOMPARE(StringPreparation::readable(*result), prepared.simplified());
}

void TestStringPreparation::prohibitedCharacters_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("private use") << u"Budi\uE000"_qs;
    QTest::newRow("replacement character") << u"Bud\uFFFD"_qs;
    QTest::newRow("non-character") << u"Budi\uFDD0"_qs;
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) + u"Budi"_qs;
}

void TestStringPreparation::prohibitedCharacters()
{
    QFETCH(QString, input);
    const auto result = StringPreparation::prepare(input);
    QVERIFY(!result);
    QCOMPARE(result.error().code, ErrorCode::InvalidInput);
}

void TestStringPreparation::stringTypes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("typeName");
    QTest::newRow("PrintableString")
        << u"Budi Santoso"_qs << int(V_ASN1_PRINTABLESTRING) << u"PrintableString"_qs;
    QTest::newRow("UTF8String") << u"Budi Santoso"_qs << int(V_ASN1_UTF8STRING) << u"UTF8String"_qs;
    QTest::newRow("BMPString") << u"Budi Santoso"_qs << int(V_ASN1_BMPSTRING) << u"BMPString"_qs;
    QTest::newRow("TeletexString")
        << u"Budi Santoso"_qs << int(V_ASN1_T61STRING) << u"TeletexString"_qs;
    QTest::newRow("BMPString non-ASCII")
        << u"J\u00F6rg M\u00FCller"_qs << int(V_ASN1_BMPSTRING) << u"BMPString"_qs;
    QTest::newRow("TeletexString Latin-1")
        << u"J\u00F6rg M\u00FCller"_qs << int(V_ASN1_T61STRING) << u"TeletexString"_qs;
}

void TestStringPreparation::stringTypes()
{
    QFETCH(QString, text);
    QFETCH(int, type);
    QFETCH(QString, typeName);
    // The same text once as UTF8String and once in the row's type, in two real certificates.
    const auto makeCertificate = [&](int stringType) {
        CertificateSpec spec;
        spec.subject = {{u"C"_qs, u"ID"_qs, V_ASN1_PRINTABLESTRING},
                        {u"O"_qs, u"Pemerintah Kabupaten Natuna"_qs, stringType},
                        {u"CN"_qs, text, stringType}};
        auto built = TestCertificates::build(spec);
        if (!built)
            return Result<Certificate>(errorOf(built));
        auto read = Certificate::readAll(built->der());
        if (!read)
            return Result<Certificate>(errorOf(read));
        return Result<Certificate>(read->front());
    };
    const auto typed = makeCertificate(type);
    RD_VERIFY_RESULT(typed);
    const auto utf8 = makeCertificate(V_ASN1_UTF8STRING);
    QVERIFY(utf8);
    const auto attributes = typed->subjectAttributes();
    QCOMPARE(attributes.size(), size_t(3));
    QCOMPARE(attributes.at(2).asn1Type, typeName);
    QCOMPARE(attributes.at(2).value, text);
    QVERIFY(
        StringPreparation::equal(attributes.at(2).value, utf8->subjectAttributes().at(2).value));
    QVERIFY(TrustedIssuers::sameName(typed->subjectAttributes(), utf8->subjectAttributes()));
    QVERIFY(StringPreparation::equal(attributes.at(2).value, text.toUpper()));
}

void TestStringPreparation::titles_data()
{
    QTest::addColumn<QString>("fullName");
    QTest::addColumn<QString>("name");
    QTest::newRow("none") << u"Budi Santoso"_qs << u"Budi Santoso"_qs;
    QTest::newRow("front and back")
        << u"Dr. Ir. H. Ahmad Fauzi, S.T., M.Si."_qs << u"Ahmad Fauzi"_qs;
    QTest::newRow("Hj. and S.Kom.") << u"Hj. Siti Aminah, S.Kom."_qs << u"Siti Aminah"_qs;
    QTest::newRow("lower-case drs.") << u"drs. Made Wirawan, M.Pd."_qs << u"Made Wirawan"_qs;
    QTest::newRow("dr. and specialist") << u"dr. Rina Wati, Sp.PD."_qs << u"Rina Wati"_qs;
    QTest::newRow("Prof. Dr. Ph.D.") << u"Prof. Dr. Andi Hakim, Ph.D."_qs << u"Andi Hakim"_qs;
    QTest::newRow("several degrees") << u"Yusuf, S.H., M.H."_qs << u"Yusuf"_qs;
    QTest::newRow("A.Md. and Ns.")
        << u"Ns. Dewi Lestari, A.Md.Kep., S.Kep."_qs << u"Dewi Lestari"_qs;
    QTest::newRow("S.Sos. M.A.P.") << u"Rahmat Hidayat, S.Sos., M.A.P."_qs << u"Rahmat Hidayat"_qs;
    QTest::newRow("degree without comma") << u"Budi Santoso S.Kom."_qs << u"Budi Santoso"_qs;
    QTest::newRow("unknown degree shape") << u"Lina Marlina, S.Ak."_qs << u"Lina Marlina"_qs;
    QTest::newRow("inner initial kept") << u"Ahmad H. Fauzi"_qs << u"Ahmad H. Fauzi"_qs;
    QTest::newRow("title alone is a name") << u"Dr."_qs << u"Dr."_qs;
}

void TestStringPreparation::titles()
{
    QFETCH(QString, fullName);
    QFETCH(QString, name);
    QCOMPARE(PersonalName::withoutTitles(fullName), name);
}

QTEST_GUILESS_MAIN(TestStringPreparation)
#include "TestStringPreparation.moc"
