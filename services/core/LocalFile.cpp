#include "core/LocalFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rd {

Result<void> LocalFile::openRegular(const QString &path, QFile &file)
{
    // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int error = errno;
        return fail(error == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                    error == ENOENT ? tr("The file %1 does not exist.").arg(path)
                                    : tr("Cannot read %1.").arg(path),
                    QString::fromLocal8Bit(std::strerror(error)));
    }
    struct stat status
    {
    };
    if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
        ::close(fd);
        return fail(
            ErrorCode::InvalidInput,
            tr("%1 is not a regular file (a folder, a pipe or a device); give a file.").arg(path));
    }
    // Reads of a regular file never block; the flag is cleared all the same.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return fail(ErrorCode::Io, tr("Cannot read %1.").arg(path), file.errorString());
    }
    return {};
}

Result<QByteArray> LocalFile::read(const QString &path)
{
    QFile file;
    if (auto opened = openRegular(path, file); !opened)
        return errorOf(opened);
    QByteArray bytes = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::Io, tr("Cannot read %1.").arg(path), file.errorString());
    return bytes;
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
