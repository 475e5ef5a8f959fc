#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

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
    static Result<void> write(const QString &path, const QByteArray &bytes,
                              Access access = Access::Default);
};

} // namespace rd
