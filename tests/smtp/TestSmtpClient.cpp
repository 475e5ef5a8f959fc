// The SMTP client against a real server (aiosmtpd on loopback): each security mode, AUTH,
// what arrives parsed back by Python's email package, and every refusal with its reason.
#include "SmtpTestServer.h"
#include "mail/MailMessage.h"
#include "mail/SmtpClient.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::SmtpTestServer;

namespace {

MailSettings settingsFor(int port, MailSettings::Security security)
{
    MailSettings settings;
    settings.host = QStringLiteral("127.0.0.1");
    settings.port = port;
    settings.security = security;
    settings.senderAddress = QStringLiteral("layanan@bsre.example");
    settings.senderName = QStringLiteral("Layanan Sertifikat");
    settings.timeoutSeconds = 10;
    return settings;
}

QByteArray simpleMessage(const QString &to, const QString &subject = QStringLiteral("Hello"))
{
    MailMessage message;
    message.from = {QStringLiteral("layanan@bsre.example"), QStringLiteral("Layanan")};
    message.to = {{to, {}}};
    message.subject = subject;
    message.text = QStringLiteral("A short message.\n");
    return message.toBytes().value_or(QByteArray());
}

} // namespace

class TestSmtpClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void plain();
    void startTls();
    void implicitTls();
    void authRequired();
    void wrongPasswordRefused();
    void authLogin();
    void receivedMessageParsedBack();
    void recipientRejected();
    void messageOverSizeRefused();
    void untrustedCertificateRefused();
    void stepTimeout();
    void plainTextOnlyToLoopback();

private:
    QTemporaryDir m_dir;
    QString m_certificate;
    QString m_key;
};

void TestSmtpClient::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QString error;
    QVERIFY2(SmtpTestServer::makeCertificate(m_dir.path(), &m_certificate, &m_key, &error),
             qPrintable(error));
}

#define START_SERVER(server, options)                                                              \
    QTemporaryDir serverDir;                                                                       \
    SmtpTestServer server(serverDir.path());                                                       \
    {                                                                                              \
        QString why;                                                                               \
        QVERIFY2(server.start(options, &why), qPrintable(why));                                    \
    }

void TestSmtpClient::plain()
{
    START_SERVER(server, SmtpTestServer::Options());
    SmtpClient client(settingsFor(server.port(), MailSettings::Security::None));
    auto sent
        = client.send(QStringLiteral("layanan@bsre.example"), {QStringLiteral("budi@example.org")},
                      simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().error.message));
    QVERIFY(sent->reply.startsWith(QLatin1String("250 OK queued as 0001")));
    const auto messages = server.messages();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().value(QStringLiteral("tls")).toBool(), false);
    QCOMPARE(messages.first().value(QStringLiteral("envelope_from")).toString(),
             QStringLiteral("layanan@bsre.example"));
    QCOMPARE(messages.first().value(QStringLiteral("envelope_to")).toArray().first().toString(),
             QStringLiteral("budi@example.org"));
    // SIZE was advertised, so MAIL FROM declared the size.
    QVERIFY(messages.first()
                .value(QStringLiteral("mail_options"))
                .toArray()
                .first()
                .toString()
                .startsWith(QLatin1String("SIZE=")));
}

void TestSmtpClient::startTls()
{
    SmtpTestServer::Options options;
    options.security = QStringLiteral("starttls");
    options.certificate = m_certificate;
    options.key = m_key;
    START_SERVER(server, options);
    MailSettings settings = settingsFor(server.port(), MailSettings::Security::StartTls);
    settings.caFile = m_certificate;
    SmtpClient client(settings);
    auto sent = client.send(settings.senderAddress, {QStringLiteral("budi@example.org")},
                            simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().error.message));
    QCOMPARE(server.messages().size(), 1);
    QCOMPARE(server.messages().first().value(QStringLiteral("tls")).toBool(), true);
}

void TestSmtpClient::implicitTls()
{
    SmtpTestServer::Options options;
    options.security = QStringLiteral("tls");
    options.certificate = m_certificate;
    options.key = m_key;
    START_SERVER(server, options);
    MailSettings settings = settingsFor(server.port(), MailSettings::Security::Tls);
    settings.caFile = m_certificate;
    SmtpClient client(settings);
    auto sent = client.send(settings.senderAddress, {QStringLiteral("budi@example.org")},
                            simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().error.message));
    QCOMPARE(server.messages().size(), 1);
    QCOMPARE(server.messages().first().value(QStringLiteral("tls")).toBool(), true);
}

void TestSmtpClient::authRequired()
{
    SmtpTestServer::Options options;
    options.security = QStringLiteral("starttls");
    options.certificate = m_certificate;
    options.key = m_key;
    options.authUser = QStringLiteral("desk");
    options.authPassword = QStringLiteral("rahasia-Ü-123");
    START_SERVER(server, options);
    MailSettings settings = settingsFor(server.port(), MailSettings::Security::StartTls);
    settings.caFile = m_certificate;

    // Without credentials the server refuses MAIL FROM: a 5xx, kept.
    {
        SmtpClient client(settings);
        auto sent = client.send(settings.senderAddress, {QStringLiteral("budi@example.org")},
                                simpleMessage(QStringLiteral("budi@example.org")));
        QVERIFY(!sent);
        QCOMPARE(sent.error().replyCode, 530);
        QVERIFY(sent.error().permanent);
    }
    settings.user = QStringLiteral("desk");
    SmtpClient client(settings, QStringLiteral("rahasia-Ü-123"));
    auto sent = client.send(settings.senderAddress, {QStringLiteral("budi@example.org")},
                            simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().error.message));
    QCOMPARE(server.messages().size(), 1);
    QCOMPARE(server.messages().first().value(QStringLiteral("authenticated")).toBool(), true);
}

void TestSmtpClient::wrongPasswordRefused()
{
    SmtpTestServer::Options options;
    options.authUser = QStringLiteral("desk");
    options.authPassword = QStringLiteral("right");
    START_SERVER(server, options);
    MailSettings settings = settingsFor(server.port(), MailSettings::Security::None);
    settings.user = QStringLiteral("desk");
    SmtpClient client(settings, QStringLiteral("wrong"));
    auto sent = client.send(settings.senderAddress, {QStringLiteral("budi@example.org")},
                            simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY(!sent);
    QVERIFY2(sent.error().error.code == ErrorCode::AuthenticationFailed,
             qPrintable(sent.error().error.message));
    QCOMPARE(sent.error().replyCode, 535);
    QVERIFY(sent.error().permanent);
    QVERIFY2(sent.error().error.message.contains(QLatin1String("user name or password")),
             qPrintable(sent.error().error.message));
    QVERIFY(!sent.error().error.message.contains(QLatin1String("wrong"))); // no password echo
    QCOMPARE(server.messages().size(), 0);
}

void TestSmtpClient::authLogin()
{
    SmtpTestServer::Options options;
    options.authUser = QStringLiteral("desk");
    options.authPassword = QStringLiteral("kata sandi");
    options.authOnly = QStringLiteral("LOGIN");
    START_SERVER(server, options);
    MailSettings settings = settingsFor(server.port(), MailSettings::Security::None);
    settings.user = QStringLiteral("desk");
    {
        SmtpClient client(settings, QStringLiteral("salah"));
        auto sent = client.send(settings.senderAddress, {QStringLiteral("budi@example.org")},
                                simpleMessage(QStringLiteral("budi@example.org")));
        QVERIFY(!sent);
        QCOMPARE(sent.error().replyCode, 535);
        QVERIFY(sent.error().error.code == ErrorCode::AuthenticationFailed);
    }
    SmtpClient client(settings, QStringLiteral("kata sandi"));
    auto sent = client.send(settings.senderAddress, {QStringLiteral("budi@example.org")},
                            simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().error.message));
    QCOMPARE(server.messages().size(), 1);
    QCOMPARE(server.messages().first().value(QStringLiteral("authenticated")).toBool(), true);
}

void TestSmtpClient::receivedMessageParsedBack()
{
    START_SERVER(server, SmtpTestServer::Options());
    // Long enough to need several encoded-words, with letters from outside Latin-1 too.
    const QString subject = QStringLiteral(
        "Pencabutan sertifikat elektronik Ni Luh Putu Ayu Déwi Sukmawati Ŝ — nomor agenda "
        "001/BSrE/XI/2026 ✓");
    const QString name = QStringLiteral("Ṡiti Nurhaliza Ağustina Wïdyaningrum");
    QByteArray pdf1("%PDF-1.4\n");
    for (int i = 0; i < 3000; ++i)
        pdf1.append(char(i * 37 % 256));
    const QByteArray pdf2 = QByteArray("%PDF-1.7\n") + QByteArray(70000, '\0') + "\n.\r\n.end";

    MailMessage message;
    message.from = {QStringLiteral("layanan@bsre.example"), QStringLiteral("Layanan Sertifikat")};
    message.to = {{QStringLiteral("siti@example.org"), name}};
    message.subject = subject;
    message.text = QStringLiteral("Yth. %1,\n.this line starts with a dot\n..and this with two\n"
                                  "Terima kasih.\n")
                       .arg(name);
    message.html = QStringLiteral("<p>Yth. %1,</p>").arg(name.toHtmlEscaped());
    message.attachments = {{QStringLiteral("bukti-status.pdf"), "application/pdf", pdf1},
                           {QStringLiteral("surat keterangan é.pdf"), "application/pdf", pdf2}};
    auto bytes = message.toBytes();
    QVERIFY(bytes);
    for (const QByteArray &line : bytes->split('\n'))
        QVERIFY2(line.size() <= 78, line.constData());

    SmtpClient client(settingsFor(server.port(), MailSettings::Security::None));
    auto sent = client.send(message.from.address, {message.to.first().address}, *bytes);
    QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().error.message));

    const auto messages = server.messages();
    QCOMPARE(messages.size(), 1);
    const QJsonObject got = messages.first();
    QCOMPARE(got.value(QStringLiteral("subject")).toString(), subject);
    QCOMPARE(got.value(QStringLiteral("message_id")).toString(),
             QLatin1Char('<') + message.messageId + QLatin1Char('>'));
    QVERIFY(!got.value(QStringLiteral("date")).toString().isEmpty());
    QCOMPARE(got.value(QStringLiteral("from_name")).toString(),
             QStringLiteral("Layanan Sertifikat"));
    const QJsonObject to = got.value(QStringLiteral("to")).toArray().first().toObject();
    QCOMPARE(to.value(QStringLiteral("name")).toString(), name);
    QCOMPARE(to.value(QStringLiteral("address")).toString(), QStringLiteral("siti@example.org"));
    QCOMPARE(got.value(QStringLiteral("content_type")).toString(),
             QStringLiteral("multipart/mixed"));
    QString text = got.value(QStringLiteral("text")).toString();
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    QCOMPARE(text, message.text);
    QVERIFY(got.value(QStringLiteral("html")).toString().contains(name));
    const QJsonArray attachments = got.value(QStringLiteral("attachments")).toArray();
    QCOMPARE(attachments.size(), 2);
    const QList<QByteArray> contents = {pdf1, pdf2};
    for (int i = 0; i < 2; ++i) {
        const QJsonObject attachment = attachments.at(i).toObject();
        QCOMPARE(attachment.value(QStringLiteral("filename")).toString(),
                 message.attachments.at(i).fileName);
        QCOMPARE(attachment.value(QStringLiteral("content_type")).toString(),
                 QStringLiteral("application/pdf"));
        QCOMPARE(attachment.value(QStringLiteral("sha256")).toString().toLatin1(),
                 QCryptographicHash::hash(contents.at(i), QCryptographicHash::Sha256).toHex());
    }
    // Dot-stuffing undone by the server: the stored bytes are the bytes we built.
    QCOMPARE(server.rawMessages().first(), *bytes);
}

void TestSmtpClient::recipientRejected()
{
    SmtpTestServer::Options options;
    options.reject = {QStringLiteral("nobody@example.org")};
    START_SERVER(server, options);
    SmtpClient client(settingsFor(server.port(), MailSettings::Security::None));
    auto sent = client.send(QStringLiteral("layanan@bsre.example"),
                            {QStringLiteral("nobody@example.org")},
                            simpleMessage(QStringLiteral("nobody@example.org")));
    QVERIFY(!sent);
    QCOMPARE(sent.error().replyCode, 550);
    QVERIFY(sent.error().permanent);
    QVERIFY2(sent.error().reply.contains(QLatin1String("User unknown")),
             qPrintable(sent.error().reply));
    QVERIFY(sent.error().error.message.contains(QLatin1String("User unknown")));
    QCOMPARE(server.messages().size(), 0);
}

void TestSmtpClient::messageOverSizeRefused()
{
    SmtpTestServer::Options options;
    options.sizeLimit = 4096;
    START_SERVER(server, options);
    MailMessage message;
    message.from = {QStringLiteral("layanan@bsre.example"), {}};
    message.to = {{QStringLiteral("budi@example.org"), {}}};
    message.subject = QStringLiteral("Too big");
    message.text = QStringLiteral("x");
    message.attachments = {{QStringLiteral("big.pdf"), "application/pdf", QByteArray(8000, 'a')}};
    auto bytes = message.toBytes();
    QVERIFY(bytes);
    SmtpClient client(settingsFor(server.port(), MailSettings::Security::None));
    auto sent = client.send(message.from.address, {QStringLiteral("budi@example.org")}, *bytes);
    QVERIFY(!sent);
    QVERIFY(sent.error().permanent);
    QCOMPARE(sent.error().replyCode, 0); // refused by us, before MAIL FROM
    QVERIFY2(sent.error().error.message.contains(QLatin1String("at most 4096 bytes")),
             qPrintable(sent.error().error.message));
    QCOMPARE(server.messages().size(), 0);
}

void TestSmtpClient::untrustedCertificateRefused()
{
    for (const QString &mode : {QStringLiteral("starttls"), QStringLiteral("tls")}) {
        SmtpTestServer::Options options;
        options.security = mode;
        options.certificate = m_certificate;
        options.key = m_key;
        START_SERVER(server, options);
        // No mail/caFile: the self-signed certificate is not in the system's trust store.
        const auto security = mode == QLatin1String("tls") ? MailSettings::Security::Tls
                                                           : MailSettings::Security::StartTls;
        SmtpClient client(settingsFor(server.port(), security));
        auto sent = client.send(QStringLiteral("layanan@bsre.example"),
                                {QStringLiteral("budi@example.org")},
                                simpleMessage(QStringLiteral("budi@example.org")));
        QVERIFY(!sent);
        QCOMPARE(sent.error().error.code, ErrorCode::Crypto);
        QVERIFY2(sent.error().error.message.contains(QLatin1String("not trusted")),
                 qPrintable(sent.error().error.message));
        QCOMPARE(server.messages().size(), 0);

        // Turning verification off (the documented unsafe setting) lets it through.
        MailSettings unsafe = settingsFor(server.port(), security);
        unsafe.verifyCertificate = false;
        SmtpClient unverified(unsafe);
        auto through = unverified.send(QStringLiteral("layanan@bsre.example"),
                                       {QStringLiteral("budi@example.org")},
                                       simpleMessage(QStringLiteral("budi@example.org")));
        QVERIFY2(through, qPrintable(through ? QString() : through.error().error.message));
        QCOMPARE(server.messages().size(), 1);
    }
}

void TestSmtpClient::stepTimeout()
{
    SmtpTestServer::Options options;
    options.holdAfterMail = true; // never answers MAIL FROM until told
    START_SERVER(server, options);
    MailSettings settings = settingsFor(server.port(), MailSettings::Security::None);
    settings.timeoutSeconds = 1;
    SmtpClient client(settings);
    auto sent = client.send(settings.senderAddress, {QStringLiteral("budi@example.org")},
                            simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY(!sent);
    QVERIFY(!sent.error().permanent);
    QCOMPARE(sent.error().replyCode, 0);
    QVERIFY2(sent.error().error.message.contains(QLatin1String("MAIL FROM")),
             qPrintable(sent.error().error.message));
    QVERIFY(QFile::exists(server.waitingFile()));
    QCOMPARE(server.messages().size(), 0);
}

void TestSmtpClient::plainTextOnlyToLoopback()
{
    START_SERVER(server, SmtpTestServer::Options());
    // A relay on this machine, named by name: plain text is fine.
    MailSettings local = settingsFor(server.port(), MailSettings::Security::None);
    local.host = QStringLiteral("localhost");
    SmtpClient localClient(local);
    auto sent = localClient.send(local.senderAddress, {QStringLiteral("budi@example.org")},
                                 simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY2(sent, qPrintable(sent ? QString() : sent.error().error.message));
    QCOMPARE(server.messages().size(), 1);

    // Any other host (TEST-NET-2, RFC 5737), without a log-in: refused before a connection is
    // even tried, for good, saying what to set.
    MailSettings remote = settingsFor(server.port(), MailSettings::Security::None);
    remote.host = QStringLiteral("198.51.100.7");
    remote.timeoutSeconds = 3;
    QVERIFY(!remote.validate());
    QElapsedTimer clock;
    clock.start();
    SmtpClient remoteClient(remote);
    auto refused = remoteClient.send(remote.senderAddress, {QStringLiteral("budi@example.org")},
                                     simpleMessage(QStringLiteral("budi@example.org")));
    QVERIFY(!refused);
    QVERIFY2(clock.elapsed() < 1000, "refused without trying to connect");
    QCOMPARE(refused.error().error.code, ErrorCode::InvalidInput);
    QVERIFY(refused.error().permanent);
    QCOMPARE(refused.error().replyCode, 0);
    QVERIFY2(refused.error().error.message.contains(QLatin1String("plain text"))
                 && refused.error().error.message.contains(QLatin1String("198.51.100.7")),
             qPrintable(refused.error().error.message));
    QCOMPARE(server.messages().size(), 1);

    // STARTTLS or TLS to the same host passes the settings check.
    remote.security = MailSettings::Security::StartTls;
    QVERIFY(remote.validate());
}

QTEST_GUILESS_MAIN(TestSmtpClient)
#include "TestSmtpClient.moc"
