#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

class QProcess;

namespace rd::test {

// Runs the built command-line program (REVOCATION_DESK_CLI, which ctest sets) as an operator
// would: its own process, arguments, standard input and environment, and what it left behind.
class CliRunner
{
public:
    struct Run
    {
        int exitCode = -1; // -1: it did not start, did not finish in time or crashed
        QString out;
        QString err;

        QJsonDocument json() const;
        // Exit code and both streams, for a failing check's message.
        QString describe() const;
    };

    // The system environment, so that the test's own (LANG, TZ, the audit key) reaches the child.
    CliRunner();

    static QString program();
    // Empty when the program can run; otherwise what is wrong, for initTestCase's QVERIFY2.
    static QString programProblem();

    // A settings and a data folder of the test's own (XDG_CONFIG_HOME, XDG_DATA_HOME under
    // `folder`), so that no real setting or database leaks in.
    void useFolder(const QString &folder);
    void set(const QString &name, const QString &value);
    void unset(const QString &name);

    // Waits until the program ends; its standard input is `input` and then closed.
    Run run(const QStringList &arguments, const QByteArray &input = {}) const;
    // Starts the program and leaves it running, for tests that stop it halfway.
    std::unique_ptr<QProcess> start(const QStringList &arguments) const;

private:
    QProcessEnvironment m_environment;
};

} // namespace rd::test
