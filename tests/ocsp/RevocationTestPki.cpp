#include "RevocationTestPki.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextStream>

#include <openssl/pem.h>

namespace rd::test {

namespace {

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QString indexTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyMMddHHmmss")) + QLatin1Char('Z');
}

} // namespace

Result<RevocationTestPki> RevocationTestPki::create(const QString &folder)
{
    RevocationTestPki pki;
    pki.folder = folder;
    auto ca = TestCertificates::certificateAuthority(QStringLiteral("Revocation Test CA"));
    if (!ca)
        return errorOf(ca);
    auto other = TestCertificates::certificateAuthority(QStringLiteral("Stranger CA"),
                                                        QStringLiteral("Somebody Else"));
    if (!other)
        return errorOf(other);
    pki.ca = std::move(*ca);
    pki.otherCa = std::move(*other);
    pki.caPath = pki.write(QStringLiteral("ca"), pki.ca);
    pki.otherCaPath = pki.write(QStringLiteral("other-ca"), pki.otherCa);
    if (pki.caPath.isEmpty() || pki.otherCaPath.isEmpty())
        return fail(ErrorCode::Io, QStringLiteral("Could not write the test CAs into ") + folder);
    return pki;
}

Result<TestCertificate> RevocationTestPki::holder(const QString &name, const QString &ocspUrl,
                                                  const QString &crlUrl,
                                                  const TestCertificate *issuer) const
{
    CertificateSpec spec;
    spec.subject = {{QStringLiteral("C"), QStringLiteral("ID"), V_ASN1_PRINTABLESTRING},
                    {QStringLiteral("O"), QStringLiteral("Pemerintah Kabupaten Natuna")},
                    {QStringLiteral("CN"), name}};
    spec.ocspUrl = ocspUrl;
    spec.crlUrl = crlUrl;
    return TestCertificates::build(spec, issuer ? issuer : &ca);
}

Result<TestCertificate> RevocationTestPki::ocspSigner(const TestCertificate &issuer,
                                                      bool ocspSigning) const
{
    CertificateSpec spec;
    spec.subject = {{QStringLiteral("C"), QStringLiteral("ID"), V_ASN1_PRINTABLESTRING},
                    {QStringLiteral("CN"), QStringLiteral("OCSP Responder")}};
    spec.keyUsage = QStringLiteral("critical,digitalSignature");
    spec.extendedKeyUsage
        = ocspSigning ? QStringLiteral("OCSPSigning") : QStringLiteral("emailProtection");
    return TestCertificates::build(spec, &issuer);
}

QString RevocationTestPki::write(const QString &name, const TestCertificate &certificate) const
{
    const QString path = QDir(folder).filePath(name + QStringLiteral(".pem"));
    if (!writeFile(path, certificate.pem())
        || !writeFile(QDir(folder).filePath(name + QStringLiteral(".key")),
                      TestCertificates::privateKeyPem(certificate.key.get())))
        return {};
    return path;
}

Certificate RevocationTestPki::wrap(const TestCertificate &certificate)
{
    return *Certificate::fromX509(certificate.certificate.get());
}

QString RevocationTestPki::indexSerial(const TestCertificate &certificate)
{
    BignumPtr number(
        ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate.certificate.get()), nullptr));
    OpenSslStringPtr hex(BN_bn2hex(number.get()));
    return QString::fromLatin1(hex.get());
}

OcspResponder::~OcspResponder()
{
    stop();
}

Result<void> OcspResponder::start(const QString &folder, const QString &caPath,
                                  const QString &signerPath, const QString &signerKeyPath,
                                  const std::vector<IndexEntry> &entries)
{
    stop();
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return fail(ErrorCode::NotFound, QStringLiteral("The openssl program is not on PATH."));
    // The index of `openssl ca`: status, expiry, revocation time[,reason], serial, file, DN.
    QByteArray index;
    const QString expiry = indexTime(QDateTime::currentDateTimeUtc().addYears(2));
    for (const IndexEntry &entry : entries) {
        QString revocation;
        if (entry.revoked) {
            revocation = indexTime(entry.revokedAt);
            if (!entry.reason.isEmpty())
                revocation += QLatin1Char(',') + entry.reason;
        }
        index += QStringLiteral("%1\t%2\t%3\t%4\tunknown\t/CN=%4\n")
                     .arg(entry.revoked ? QStringLiteral("R") : QStringLiteral("V"), expiry,
                          revocation, entry.serialHex)
                     .toUtf8();
    }
    const QString indexPath = QDir(folder)
                                  .filePath(QStringLiteral("index-%1.txt"))
                                  .arg(QString::number(quintptr(this), 16));
    if (!writeFile(indexPath, index))
        return fail(ErrorCode::Io, QStringLiteral("Could not write ") + indexPath);

    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->start(openssl,
                     {QStringLiteral("ocsp"), QStringLiteral("-index"), indexPath,
                      QStringLiteral("-port"), QStringLiteral("0"), QStringLiteral("-rsigner"),
                      signerPath, QStringLiteral("-rkey"), signerKeyPath, QStringLiteral("-CA"),
                      caPath, QStringLiteral("-nmin"), QStringLiteral("5"),
                      QStringLiteral("-ignore_err")});
    if (!m_process->waitForStarted(10000))
        return fail(ErrorCode::Io,
                    QStringLiteral("openssl ocsp did not start: ") + m_process->errorString());
    // OpenSSL 3 reports the port it bound on standard output: "ACCEPT [::]:PORT PID=...".
    static const QRegularExpression accept(QStringLiteral("ACCEPT \\S*:(\\d+)"));
    QByteArray said;
    while (m_port == 0) {
        if (m_process->state() != QProcess::Running || !m_process->waitForReadyRead(10000)) {
            said += m_process->readAll();
            return fail(ErrorCode::Io,
                        QStringLiteral("openssl ocsp reported no port: ")
                            + QString::fromUtf8(said));
        }
        said += m_process->readAll();
        const auto match = accept.match(QString::fromUtf8(said));
        if (match.hasMatch())
            m_port = quint16(match.captured(1).toUInt());
    }
    return {};
}

void OcspResponder::stop()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
    m_port = 0;
}

QUrl OcspResponder::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port));
}

} // namespace rd::test
