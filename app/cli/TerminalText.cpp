#include "cli/TerminalText.h"

#include <QStringList>

namespace rd::cli {

namespace {

bool needsEscape(char16_t c)
{
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        // LRE, RLE, PDF, LRO, RLO; LRI, RLI, FSI, PDI: they make a line read in another order.
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

} // namespace

QString TerminalText::safe(const QString &text, Lines lines)
{
    QString result;
    result.reserve(text.size());
    for (const QChar character : text) {
        const char16_t c = character.unicode();
        if (!needsEscape(c) || (c == u'\n' && lines == Lines::Keep)) {
            result += character;
        } else if (c <= 0xff) {
            result += QStringLiteral("\\x")
                + QString::number(uint(c), 16).toUpper().rightJustified(2, QLatin1Char('0'));
        } else {
            result += QStringLiteral("\\u")
                + QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0'));
        }
    }
    return result;
}

QString TerminalText::safeJson(const QString &json)
{
    QString result;
    result.reserve(json.size());
    for (const QChar character : json) {
        const char16_t c = character.unicode();
        // Below U+0020 QJsonDocument has escaped already; a line break here is its layout.
        if (c >= 0x20 && needsEscape(c))
            result += QStringLiteral("\\u")
                + QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0'));
        else
            result += character;
    }
    return result;
}

QString TerminalText::safe(const QStringList &values, const QString &separator)
{
    QStringList escaped;
    escaped.reserve(values.size());
    for (const QString &value : values)
        escaped << safe(value);
    return escaped.join(separator);
}

} // namespace rd::cli
