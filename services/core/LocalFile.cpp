#include "core/LocalFile.h"

#include <QFile>
#include <QSaveFile>

namespace rd {

Result<QByteArray> LocalFile::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1.").arg(path), file.errorString());
    return file.readAll();
}

Result<void> LocalFile::write(const QString &path, const QByteArray &bytes, Access access)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, tr("Cannot write %1.").arg(path), file.errorString());
    // Before the first byte, so that a secret is never readable by others, not even briefly.
    if (access == Access::OwnerOnly)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(bytes);
    if (!file.commit())
        return fail(ErrorCode::Io, tr("Cannot write %1.").arg(path), file.errorString());
    return {};
}

} // namespace rd
