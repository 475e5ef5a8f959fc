#pragma once

#include <QString>

namespace rd::cli {

// Text that came from outside (a certificate, AMS, a mail server, a kiosk's form) made safe to
// print on a terminal: a hostile certificate's ESC or OSC would otherwise drive the operator's
// terminal (move the cursor, retitle the window, rewrite what was printed before). Control
// characters (C0, DEL, C1) and the bidirectional overrides that reorder a line are shown as
// \xNN or \uNNNN escapes instead; JSON output gets \uNNNN escapes (safeJson).
class TerminalText
{
public:
    enum class Lines { Escape, Keep };

    // Every control character escaped; with Lines::Keep a line feed stays a line feed, for text
    // we compose ourselves line by line around outside values.
    static QString safe(const QString &text, Lines lines = Lines::Escape);
    static QString safe(const QStringList &values, const QString &separator);
    // JSON text as QJsonDocument wrote it, with what it leaves raw (DEL, the C1 controls and
    // the bidirectional overrides; it escapes only below U+0020) written as \uNNNN escapes,
    // which read back as the same string.
    static QString safeJson(const QString &json);
};

} // namespace rd::cli
