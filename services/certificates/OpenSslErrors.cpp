#include "certificates/OpenSslErrors.h"

#include <QStringList>

#include <openssl/err.h>

namespace rd {

QString openSslErrors()
{
    QStringList entries;
    const char *data = nullptr;
    int flags = 0;
    while (const unsigned long code = ERR_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) {
        char text[256] = {};
        ERR_error_string_n(code, text, sizeof text);
        QString entry = QString::fromUtf8(text);
        // The extra data (e.g. the failing field or file name) is often the useful part.
        if (data && *data && (flags & ERR_TXT_STRING))
            entry += QStringLiteral(" (") + QString::fromUtf8(data) + QLatin1Char(')');
        entries << entry;
    }
    ERR_clear_error();
    return entries.join(QStringLiteral("; "));
}

} // namespace rd
