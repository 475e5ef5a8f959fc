#pragma once

#include "core/Error.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace rd {

// A secret the program uses: its keychain entry and the environment variable that stands in for
// it on a computer without a keychain (docs/install.md).
struct KnownSecret
{
    QString name;
    QString environmentVariable;
};

// Passwords and tokens (SMTP, AMS, Esign): the system keychain through qtkeychain, or an
// environment variable where there is no keychain (a headless server, CI). Never a plain file,
// the database or a log; qtkeychain's insecure plain-text fallback stays off.
// Blocking, unlike the network clients (core/Continuation.h): each call waits in a local event
// loop for qtkeychain's job, because its callers need the secret before they go on and a
// keychain answers in milliseconds.
class SecretStore
{
    Q_DECLARE_TR_FUNCTIONS(SecretStore)

public:
    // Every secret the services read, so that the CLI can set them and say where each is found.
    static const std::vector<KnownSecret> &knownSecrets();
    // The known secret of that name, or nullptr.
    static const KnownSecret *find(const QString &name);

    // The keychain service under which every entry is kept.
    static QString serviceName();

    // The environment variable wins when it is set and not empty, so that a server or a test
    // run needs no keychain at all; otherwise the keychain entry `name`. A secret that is
    // nowhere is an empty string, not an error; an error means the keychain could not be asked
    // (no backend, access denied), and its message says which environment variable to set.
    static Result<QString> read(const QString &name, const QString &environmentVariable);
    static Result<void> write(const QString &name, const QString &secret);
    // Removing an entry that is not there is not an error.
    static Result<void> remove(const QString &name);
};

} // namespace rd
