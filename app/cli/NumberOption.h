#pragma once

#include <QCoreApplication>
#include <QString>

namespace rd::cli {

class CliContext;

// The one reading of every count, limit and offset a command takes: a whole number within a
// stated range, or a usage error that names the range. Unbounded, `--limit 2147483647` made the
// queue reserve rows for two billion requests and abort.
class NumberOption
{
    Q_DECLARE_TR_FUNCTIONS(NumberOption)

public:
    // The most rows one page of a list prints; more is a script's job with --offset or --json.
    static constexpr qint64 MaximumRows = 10000;
    static constexpr qint64 MaximumOffset = 100000000;

    // -1 and *value set when `text` is a whole number from minimum to maximum; otherwise the
    // usage exit code, after the message.
    static int read(CliContext &context, const QString &option, const QString &text, qint64 minimum,
                    qint64 maximum, qint64 *value);
    static int read(CliContext &context, const QString &option, const QString &text, int minimum,
                    int maximum, int *value);
};

} // namespace rd::cli
