#pragma once

#include <QCoreApplication>
#include <QStringList>
#include <QTextStream>

namespace rd::cli {

// revocation-desk-cli: the services without a window. `run` takes the arguments after the
// program name and returns the exit code; the streams are given so that tests can run it in
// the same process.
class CommandLineTool
{
    Q_DECLARE_TR_FUNCTIONS(CommandLineTool)

public:
    CommandLineTool(QTextStream &out, QTextStream &err, QTextStream &in);
    int run(const QStringList &arguments);

    QString helpText() const;

private:
    QTextStream &m_out;
    QTextStream &m_err;
    QTextStream &m_in;
};

} // namespace rd::cli
