#include "ams/Totp.h"

#include <QTest>
#include <QTimeZone>

using namespace rd;
using namespace Qt::StringLiterals;

// RFC 6238 appendix B and RFC 4226 appendix D, SHA-1 rows.
class TestTotp : public QObject
{
    Q_OBJECT

private:
    static QByteArray rfcKey() { return QByteArrayLiteral("12345678901234567890"); }

private slots:
    void hotpVectors_data()
    {
        QTest::addColumn<quint64>("counter");
        QTest::addColumn<QString>("expected");
        const QStringList codes = {u"755224"_s, u"287082"_s, u"359152"_s, u"969429"_s, u"338314"_s,
                                   u"254676"_s, u"287922"_s, u"162583"_s, u"399871"_s, u"520489"_s};
        for (int i = 0; i < codes.size(); ++i)
            QTest::addRow("counter %d", i) << quint64(i) << codes.at(i);
    }
    void hotpVectors()
    {
        QFETCH(quint64, counter);
        QFETCH(QString, expected);
        QCOMPARE(Totp::hotp(rfcKey(), counter), expected);
    }

    void totpVectors_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("expected");
        QTest::newRow("59") << qint64(59) << u"94287082"_s;
        QTest::newRow("1111111109") << qint64(1111111109) << u"07081804"_s;
        QTest::newRow("1111111111") << qint64(1111111111) << u"14050471"_s;
        QTest::newRow("1234567890") << qint64(1234567890) << u"89005924"_s;
        QTest::newRow("2000000000") << qint64(2000000000) << u"69279037"_s;
        QTest::newRow("20000000000") << qint64(20000000000) << u"65353130"_s;
    }
    void totpVectors()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, expected);
        const QDateTime time = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::utc());
        QCOMPARE(Totp::code(rfcKey(), time, 8), expected);
        QVERIFY(Totp::verify(rfcKey(), expected, time, 8));
    }

    void oneStepOfDriftOnly()
    {
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1111111111, QTimeZone::utc());
        const QString code = Totp::code(rfcKey(), now);
        QVERIFY(Totp::verify(rfcKey(), code, now.addSecs(30)));
        QVERIFY(Totp::verify(rfcKey(), code, now.addSecs(-30)));
        QVERIFY(!Totp::verify(rfcKey(), code, now.addSecs(90)));
        QVERIFY(!Totp::verify(rfcKey(), code, now.addSecs(-90)));
    }

    void refusesMalformedCodes_data()
    {
        QTest::addColumn<QString>("candidate");
        QTest::newRow("empty") << QString();
        QTest::newRow("short") << u"12345"_s;
        QTest::newRow("long") << u"1234567"_s;
        QTest::newRow("letters") << u"12a456"_s;
        QTest::newRow("spaces") << u"123 45"_s;
        QTest::newRow("arabic-indic digits") << u"\u0661\u0662\u0663\u0664\u0665\u0666"_s;
    }
    void refusesMalformedCodes()
    {
        QFETCH(QString, candidate);
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1111111111, QTimeZone::utc());
        QVERIFY(!Totp::verify(rfcKey(), candidate, now));
        QVERIFY(!Totp::verify(QByteArray(), Totp::code(rfcKey(), now), now));
    }

    void base32RoundTrip()
    {
        // RFC 4648 section 10.
        QCOMPARE(Totp::encodeBase32(QByteArrayLiteral("foobar")), u"MZXW6YTBOI"_s);
        QCOMPARE(*Totp::decodeBase32(u"mzxw 6ytb oi======"_s), QByteArrayLiteral("foobar"));
        QCOMPARE(*Totp::decodeBase32(Totp::encodeBase32(rfcKey())), rfcKey());
        const QString secret = Totp::generateSecret();
        QCOMPARE(secret.size(), 32);
        QVERIFY(Totp::decodeBase32(secret).has_value());
        QVERIFY(!Totp::decodeBase32(u"MZXW1"_s).has_value());
        QCOMPARE(Totp::decodeBase32(QString()).error().code, ErrorCode::InvalidInput);
    }

    void badCharacterIsNotEchoed_data()
    {
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("bad");
        QTest::newRow("digit 1") << u"JBSWY3DPEHPK3PX1"_s << u"1"_s;
        QTest::newRow("digit 8") << u"JBSWY3DPEHP8K3PX"_s << u"8"_s;
        QTest::newRow("punctuation") << u"JBSWY3DP!EHPK3PX"_s << u"!"_s;
    }
    void badCharacterIsNotEchoed()
    {
        // The error reaches the log and the terminal: it names no part of the secret, neither
        // the character that is wrong nor where it stands.
        QFETCH(QString, secret);
        QFETCH(QString, bad);
        auto decoded = Totp::decodeBase32(secret);
        QVERIFY(!decoded);
        const QString said = decoded.error().toString() + decoded.error().detail;
        QVERIFY2(!said.contains(bad), qPrintable(said));
        QVERIFY2(!said.contains(u"JBSW"_s), qPrintable(said));
    }
};

QTEST_GUILESS_MAIN(TestTotp)
#include "TestTotp.moc"
