#include "core/LocalFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
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

Result<void> LocalFile::ensureFolder(const QString &path)
{
    const QFileInfo folder(path);
    if (folder.isDir())
        return {};
    if (folder.exists())
        return fail(ErrorCode::Io, tr("%1 exists and is not a folder.").arg(path));
    const QString parent = folder.absolutePath();
    if (!QDir().mkpath(parent)
        || !QDir().mkdir(folder.absoluteFilePath(),
                         QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(path));
    return {};
}

} // namespace rd
