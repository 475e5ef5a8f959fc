#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace rd::test {

// The AMS simulator (tools/ams-simulator) as a real process on loopback, started by a test.
// start() returns an empty string or why it could not start (the test then fails with it).
class SimulatorProcess
{
public:
    static constexpr const char *OperatorName = "verifikator";
    static constexpr const char *OperatorPassword = "kata-sandi-uji";
    static constexpr const char *TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static constexpr const char *EsignName = "esign-client";
    static constexpr const char *EsignPassword = "esign-uji";
    static constexpr const char *HolderNik = "3203010101010001";
    static constexpr const char *SecondNik = "3203010101010002";
    static constexpr const char *UnregisteredNik = "3203010101010003";
    static constexpr const char *NoCertificateNik = "3203010101010004";
    static constexpr const char *HolderEmail = "budi.santoso@natunakab.go.id";
    // Budi's own AMS account (role holder, NIK HolderNik).
    static constexpr const char *HolderAccountName = "budi.santoso";
    static constexpr const char *HolderAccountPassword = "sandi-pemegang-uji";
    static constexpr const char *HolderTotpSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    // The data folder is shared by every start of this object, so a restart keeps the state.
    SimulatorProcess();
    ~SimulatorProcess();

    QString start(const QStringList &extraArguments = {});
    void stop();

    QUrl url() const { return m_url; }
    QString dataDirectory() const;
    QString dataPath(const QString &fileName) const;
    // What the running simulator wrote to standard error so far.
    QString standardError() const;
    static QString program();
    // The seed file the tests use: one operator, one Esign client, one holder's account, four
    // holders.
    QString seedFile() const;

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

// A small real PDF (QPdfWriter), as a statement letter.
QByteArray statementLetterPdf();

} // namespace rd::test
