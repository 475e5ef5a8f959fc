#include "cli/NumberOption.h"

#include "cli/CliContext.h"

namespace rd::cli {

int NumberOption::read(CliContext &context, const QString &option, const QString &text,
                       qint64 minimum, qint64 maximum, qint64 *value)
{
    bool ok = false;
    const qint64 number = text.trimmed().toLongLong(&ok);
    if (!ok || number < minimum || number > maximum) {
        return context.usage(
            tr("%1 needs a whole number from %2 to %3.").arg(option).arg(minimum).arg(maximum));
    }
    *value = number;
    return -1;
}

int NumberOption::read(CliContext &context, const QString &option, const QString &text, int minimum,
                       int maximum, int *value)
{
    qint64 number = 0;
    if (int bad = read(context, option, text, qint64(minimum), qint64(maximum), &number); bad >= 0)
        return bad;
    *value = int(number);
    return -1;
}

} // namespace rd::cli
