#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

class QFile;

namespace rd {

// Whole files on the local disk, for the few places that keep state in a folder (the demo CA,
// the AMS simulator). A write goes to a temporary file that replaces the old one only when
// complete, so a crash never leaves half a key behind.
class LocalFile
{
    Q_DECLARE_TR_FUNCTIONS(LocalFile)

public:
    enum class Access { Default, OwnerOnly };

    static Result<QByteArray> read(const QString &path);
    // Opens `file` (not yet open) for reading when `path` is a regular file, and refuses a
    // folder, a FIFO, a socket or a device: opening a FIFO waits for a writer forever, and a
    // device never ends. The check is made on the opened descriptor, so the path cannot be
    // swapped for a FIFO between the check and the open.
    static Result<void> openRegular(const QString &path, QFile &file);
    static Result<void> write(const QString &path, const QByteArray &bytes,
                              Access access = Access::Default);

    // A folder for files like a key: when path does not exist, it is created (with its missing
    // parents) for its owner only (0700) from the start. An existing folder is left as it is,
    // its mode included: whoever made it chose who may read it.
    static Result<void> ensureFolder(const QString &path);
};

} // namespace rd
