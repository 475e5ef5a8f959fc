#include "SimulatorProcess.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

namespace rd::test {

SimulatorProcess::SimulatorProcess() = default;

SimulatorProcess::~SimulatorProcess()
{
    stop();
}

QString SimulatorProcess::program()
{
    return QStringLiteral(AMS_SIMULATOR_PATH);
}

QString SimulatorProcess::dataDirectory() const
{
    return QDir(m_dir.path()).filePath(QStringLiteral("data"));
}

QString SimulatorProcess::dataPath(const QString &fileName) const
{
    return QDir(dataDirectory()).filePath(fileName);
}

QString SimulatorProcess::standardError() const
{
    if (!m_process)
        return {};
    return QString::fromLocal8Bit(m_process->readAllStandardError());
}

QString SimulatorProcess::seedFile() const
{
    const QString path = QDir(m_dir.path()).filePath(QStringLiteral("seed.json"));
    if (QFile::exists(path))
        return path;
    auto holder = [](const char *nik, const QString &name, const QString &email,
                     const QString &unit, int certificates, bool registered) {
        return QJsonObject {{QStringLiteral("nik"), QString::fromLatin1(nik)},
                            {QStringLiteral("full_name"), name},
                            {QStringLiteral("email"), email},
                            {QStringLiteral("unit"), unit},
                            {QStringLiteral("certificates"), certificates},
                            {QStringLiteral("esign_registered"), registered}};
    };
    const QJsonObject seed {
        {QStringLiteral("accounts"),
         QJsonArray {
             QJsonObject {{QStringLiteral("username"), QString::fromLatin1(OperatorName)},
                          {QStringLiteral("password"), QString::fromLatin1(OperatorPassword)},
                          {QStringLiteral("totp_secret"), QString::fromLatin1(TotpSecret)},
                          {QStringLiteral("role"), QStringLiteral("operator")}},
             QJsonObject {{QStringLiteral("username"), QString::fromLatin1(EsignName)},
                          {QStringLiteral("password"), QString::fromLatin1(EsignPassword)},
                          {QStringLiteral("role"), QStringLiteral("esign")}},
             QJsonObject {{QStringLiteral("username"), QString::fromLatin1(HolderAccountName)},
                          {QStringLiteral("password"), QString::fromLatin1(HolderAccountPassword)},
                          {QStringLiteral("totp_secret"), QString::fromLatin1(HolderTotpSecret)},
                          {QStringLiteral("role"), QStringLiteral("holder")},
                          {QStringLiteral("nik"), QString::fromLatin1(HolderNik)}}}},
        {QStringLiteral("holders"),
         QJsonArray {
             holder(HolderNik, QStringLiteral("Budi Santoso"), QString::fromLatin1(HolderEmail),
                    QStringLiteral("Dinas Kominfo"), 1, true),
             holder(SecondNik, QStringLiteral("Siti Aminah"),
                    QStringLiteral("siti.aminah@natunakab.go.id"), QStringLiteral("Bappeda"), 1,
                    true),
             holder(UnregisteredNik, QStringLiteral("Andi Wijaya"),
                    QStringLiteral("andi@natunakab.go.id"), QStringLiteral("Dinkes"), 0, false),
             holder(NoCertificateNik, QStringLiteral("Rina Putri"),
                    QStringLiteral("rina@natunakab.go.id"), QStringLiteral("Disdik"), 0, true)}}};
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(QJsonDocument(seed).toJson());
    return path;
}

QString SimulatorProcess::start(const QStringList &extraArguments)
{
    stop();
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder");
    if (!QFile::exists(program()))
        return QStringLiteral("the simulator %1 was not built").arg(program());
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    QStringList arguments {QStringLiteral("--data"), dataDirectory(), QStringLiteral("--seed"),
                           seedFile()};
    arguments += extraArguments;
    m_process->start(program(), arguments);
    if (!m_process->waitForStarted(10000))
        return QStringLiteral("cannot start %1: %2").arg(program(), m_process->errorString());
    QByteArray line;
    while (!line.contains('\n')) {
        if (!m_process->waitForReadyRead(20000)) {
            return QStringLiteral("the simulator printed no READY line: %1 %2")
                .arg(m_process->errorString(),
                     QString::fromLocal8Bit(m_process->readAllStandardError()));
        }
        line += m_process->readAllStandardOutput();
    }
    line = line.left(line.indexOf('\n')).trimmed();
    if (!line.startsWith("READY "))
        return QStringLiteral("unexpected first line: %1").arg(QString::fromUtf8(line));
    m_url = QUrl(QString::fromUtf8(line.mid(6)));
    return {};
}

void SimulatorProcess::stop()
{
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

namespace {

QByteArray makeStatementLetterPdf()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setTitle(QStringLiteral("Surat Keterangan Pencabutan Sertifikat Elektronik"));
        QPainter painter(&writer);
        painter.drawText(QPointF(200, 400),
                         QStringLiteral("Permohonan Pencabutan Sertifikat Elektronik"));
        painter.end();
    }
    return buffer.data();
}

} // namespace

QByteArray statementLetterPdf()
{
    // Made once: QPdfWriter stamps the creation time to the second, so two letters made a
    // second apart differ, and a test comparing a hash with a fresh letter would fail by chance.
    static const QByteArray letter = makeStatementLetterPdf();
    return letter;
}

} // namespace rd::test
