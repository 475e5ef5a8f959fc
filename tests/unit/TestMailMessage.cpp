// The pieces of an e-mail that need no server: RFC 2047 encoded-words, quoted-printable,
// dot-stuffing, the templates and the mail settings.
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "mail/MailMessage.h"
#include "mail/MailSettings.h"
#include "mail/Outbox.h"
#include "mail/SmtpClient.h"
#include "requests/NotificationComposer.h"

#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;

namespace {

// Decodes what encodeHeaderText() produced: words separated by folding white space.
QString decodeEncodedWords(const QByteArray &header)
{
    QByteArray bytes;
    static const QRegularExpression word(QStringLiteral("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?="));
    auto matches = word.globalMatch(QString::fromLatin1(header));
    while (matches.hasNext())
        bytes += QByteArray::fromBase64(matches.next().captured(1).toLatin1());
    return QString::fromUtf8(bytes);
}

} // namespace

class TestMailMessage : public QObject
{
    Q_OBJECT

private slots:
    void encodedWords_data();
    void encodedWords();
    void quotedPrintable();
    void dotStuffing_data();
    void dotStuffing();
    void addresses_data();
    void addresses();
    void messageHeaders();
    void templatesInBothLanguages_data();
    void templatesInBothLanguages();
    void fillEscapesHtml();
    void settings();
    void backOff();
};

void TestMailMessage::encodedWords_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("ascii") << QStringLiteral("Plain subject");
    QTest::newRow("indonesian") << QStringLiteral("Pencabutan sertifikat: Ni Luh Déwi");
    QTest::newRow("long") << QStringLiteral("Ṡiti Nurhaliza Ağustina Wïdyaningrum — ").repeated(4);
    QTest::newRow("four-byte") << QStringLiteral("Tanda tangan 𝒮𝒾𝓉𝒾 ✓ 😀").repeated(3);
}

void TestMailMessage::encodedWords()
{
    QFETCH(QString, text);
    const QByteArray encoded = MailMessage::encodeHeaderText(text);
    for (char c : encoded)
        QVERIFY(static_cast<unsigned char>(c) < 0x80);
    if (!text.contains(QRegularExpression(QStringLiteral("[^\\x20-\\x7e]")))) {
        QCOMPARE(encoded, text.toLatin1());
        return;
    }
    for (const QByteArray &line : encoded.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        QVERIFY2(trimmed.size() <= 75, trimmed.constData());
        // Each word decodes on its own: no UTF-8 sequence is cut between words.
        const QByteArray payload = trimmed.mid(10, trimmed.size() - 12);
        QVERIFY(QString::fromUtf8(QByteArray::fromBase64(payload)).toUtf8()
                == QByteArray::fromBase64(payload));
    }
    QCOMPARE(decodeEncodedWords(encoded), text);
}

void TestMailMessage::quotedPrintable()
{
    const QByteArray encoded = MailMessage::quotedPrintable(
        QStringLiteral("Yth. Déwi,\n= sign\ttab \n").toUtf8() + QByteArray(200, 'x'));
    QVERIFY(encoded.contains("D=C3=A9wi"));
    QVERIFY(encoded.contains("=3D sign"));
    QVERIFY(encoded.contains("tab=20\r\n")); // trailing white space is encoded
    for (const QByteArray &line : encoded.split('\n'))
        QVERIFY2(line.size() <= 77, line.constData()); // 76 and the CR
}

void TestMailMessage::dotStuffing_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("stuffed");
    QTest::newRow("none") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n");
    QTest::newRow("leading dot") << QByteArray(".a\r\n..b\r\n") << QByteArray("..a\r\n...b\r\n");
    QTest::newRow("lone dot") << QByteArray("a\r\n.\r\nb") << QByteArray("a\r\n..\r\nb\r\n");
    QTest::newRow("bare LF") << QByteArray("a\n.b\n") << QByteArray("a\r\n..b\r\n");
    QTest::newRow("dot inside") << QByteArray("a.b\r\n") << QByteArray("a.b\r\n");
}

void TestMailMessage::dotStuffing()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, stuffed);
    QCOMPARE(SmtpClient::dotStuff(message), stuffed);
}

void TestMailMessage::addresses_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QStringLiteral("budi@natunakab.go.id") << true;
    QTest::newRow("plus") << QStringLiteral("budi+bsre@example.org") << true;
    QTest::newRow("no at") << QStringLiteral("budi.example.org") << false;
    QTest::newRow("line break") << QStringLiteral("a@b.c\r\nBcc: x@y.z") << false;
    QTest::newRow("non-ascii") << QStringLiteral("déwi@example.org") << false;
    QTest::newRow("angle") << QStringLiteral("<a@b.c>") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestMailMessage::addresses()
{
    QFETCH(QString, address);
    QFETCH(bool, valid);
    QCOMPARE(MailMessage::checkAddress(address).has_value(), valid);
}

void TestMailMessage::messageHeaders()
{
    MailMessage message;
    message.from = {QStringLiteral("layanan@bsre.example"), QStringLiteral("Layanan \"BSrE\"")};
    message.to = {{QStringLiteral("dewi@example.org"), QStringLiteral("Déwi")}};
    message.subject = QStringLiteral("Uji");
    message.text = QStringLiteral("Isi");
    message.date = QDateTime(QDate(2026, 11, 26), QTime(9, 5, 7), Qt::UTC);
    auto bytes = message.toBytes();
    QVERIFY(bytes);
    QVERIFY(bytes->startsWith("Date: Thu, 26 Nov 2026 09:05:07 +0000\r\n"));
    QVERIFY(bytes->contains("From: \"Layanan \\\"BSrE\\\"\" <layanan@bsre.example>\r\n"));
    QVERIFY(bytes->contains("To: =?UTF-8?B?RMOpd2k=?=\r\n <dewi@example.org>\r\n"));
    QVERIFY(message.messageId.endsWith(QLatin1String("@bsre.example")));
    QVERIFY(bytes->contains(QByteArray("Message-ID: <" + message.messageId.toLatin1() + ">\r\n")));
    QVERIFY(bytes->contains("Content-Type: text/plain; charset=UTF-8"));
    QVERIFY(!bytes->contains("multipart")); // nothing to mix

    MailMessage broken = message;
    broken.to = {{QStringLiteral("not an address"), {}}};
    QVERIFY(!broken.toBytes());
    broken.to.clear();
    QVERIFY(!broken.toBytes());
}

void TestMailMessage::templatesInBothLanguages_data()
{
    QTest::addColumn<QString>("name");
    for (const char *name : {"revocation_done", "completion_needed", "rejection", "test"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestMailMessage::templatesInBothLanguages()
{
    QFETCH(QString, name);
    QStringList placeholders[2];
    int i = 0;
    for (const QString &language : {QStringLiteral("id"), QStringLiteral("en")}) {
        auto chosen = NotificationComposer::loadTemplate(name, language);
        RD_VERIFY_RESULT(chosen);
        QVERIFY(!chosen->subject.isEmpty());
        QVERIFY(!chosen->text.isEmpty());
        static const QRegularExpression placeholder(QStringLiteral("\\{\\{[a-z_]+\\}\\}"));
        auto matches = placeholder.globalMatch(chosen->text + chosen->subject);
        while (matches.hasNext())
            placeholders[i] << matches.next().captured(0);
        placeholders[i].sort();
        placeholders[i].removeDuplicates();
        ++i;
    }
    // Both languages say the same things.
    QCOMPARE(placeholders[0], placeholders[1]);
    QVERIFY(NotificationComposer::loadTemplate(QStringLiteral("nonexistent"), QStringLiteral("id"))
                .error()
                .code
            == ErrorCode::Internal);
}

void TestMailMessage::fillEscapesHtml()
{
    const QHash<QString, QString> values {{QStringLiteral("name"), QStringLiteral("<b>&</b>")}};
    QCOMPARE(NotificationComposer::fill(QStringLiteral("Hi {{name}} {{unknown}}"), values, true),
             QStringLiteral("Hi &lt;b&gt;&amp;&lt;/b&gt; {{unknown}}"));
    QCOMPARE(NotificationComposer::fill(QStringLiteral("Hi {{name}}"), values, false),
             QStringLiteral("Hi <b>&</b>"));
}

void TestMailMessage::settings()
{
    QTemporaryDir dir;
    QSettings file(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    MailSettings defaults = MailSettings::read(file);
    QCOMPARE(defaults.security, MailSettings::Security::StartTls);
    QCOMPARE(defaults.port, 587);
    QVERIFY(defaults.verifyCertificate);
    QVERIFY(!defaults.validate()); // no host
    file.setValue(QStringLiteral("mail/host"), QStringLiteral("smtp.example.org"));
    file.setValue(QStringLiteral("mail/security"), QStringLiteral("tls"));
    file.setValue(QStringLiteral("mail/senderAddress"), QStringLiteral("desk@example.org"));
    MailSettings tls = MailSettings::read(file);
    QCOMPARE(tls.port, 465);
    RD_VERIFY_RESULT(tls.validate());
    file.setValue(QStringLiteral("mail/security"), QStringLiteral("ssl-please"));
    QVERIFY(!MailSettings::read(file).validate()); // an unknown word is refused, not guessed
    tls.security = MailSettings::Security::None;
    tls.port = 2525;
    tls.verifyCertificate = false;
    tls.write(file);
    const MailSettings back = MailSettings::read(file);
    QCOMPARE(back.security, MailSettings::Security::None);
    QCOMPARE(back.port, 2525);
    QVERIFY(!back.verifyCertificate);
}

void TestMailMessage::backOff()
{
    QCOMPARE(Outbox::backOffSeconds(1), 60);
    QCOMPARE(Outbox::backOffSeconds(2), 120);
    QCOMPARE(Outbox::backOffSeconds(3), 240);
    QCOMPARE(Outbox::backOffSeconds(7), 3600);
    QCOMPARE(Outbox::backOffSeconds(50), 3600);
}

QTEST_GUILESS_MAIN(TestMailMessage)
#include "TestMailMessage.moc"
