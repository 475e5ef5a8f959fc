#include "CliRunner.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

namespace rd::test {

namespace {

// Generous: a test's own timeout (ctest's) is what should end a hung run, with its output.
constexpr int FinishTimeoutMs = 120000;

} // namespace

QJsonDocument CliRunner::Run::json() const
{
    return QJsonDocument::fromJson(out.toUtf8());
}

QString CliRunner::Run::describe() const
{
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3").arg(exitCode).arg(out, err);
}

CliRunner::CliRunner()
    : m_environment(QProcessEnvironment::systemEnvironment())
{ }

QString CliRunner::program()
{
    return qEnvironmentVariable("REVOCATION_DESK_CLI");
}

QString CliRunner::programProblem()
{
    if (QFileInfo(program()).isExecutable())
        return {};
    return QStringLiteral("REVOCATION_DESK_CLI must name the built program (run through ctest)");
}

void CliRunner::useFolder(const QString &folder)
{
    const QDir dir(folder);
    set(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    set(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));
}

void CliRunner::set(const QString &name, const QString &value)
{
    m_environment.insert(name, value);
}

void CliRunner::unset(const QString &name)
{
    m_environment.remove(name);
}

CliRunner::Run CliRunner::run(const QStringList &arguments, const QByteArray &input) const
{
    QProcess process;
    process.setProcessEnvironment(m_environment);
    process.start(program(), arguments);
    Run run;
    if (!process.waitForStarted()) {
        run.err = QStringLiteral("could not start %1: %2").arg(program(), process.errorString());
        return run;
    }
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(FinishTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError())
            + QStringLiteral("\n(did not finish: %1)").arg(process.errorString());
        return run;
    }
    if (process.exitStatus() == QProcess::NormalExit)
        run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

std::unique_ptr<QProcess> CliRunner::start(const QStringList &arguments) const
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(m_environment);
    process->start(program(), arguments);
    return process;
}

} // namespace rd::test
