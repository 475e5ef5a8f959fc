#pragma once

#include <QString>
#include <QUrl>

namespace rd {

// Where a connection goes, as far as trusting the wire is concerned: only a host on this very
// machine may be spoken to in plain text, because nothing between the two ends can read it.
class NetworkHost
{
public:
    // 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) or the name "localhost". Any other name
    // counts as remote, even one that resolves to loopback: what a name resolves to can change
    // between this check and the connection.
    static bool isLoopback(const QString &host);
    // Whether a password or token may go to this URL: https:// to any host, or http:// to a
    // loopback host (a simulator or relay on this machine).
    static bool allowsCredentials(const QUrl &url);
};

} // namespace rd
