#include "kiosk/RemovableMedia.h"

#include <QDir>
#include <QDirIterator>

#include <algorithm>

namespace rd {

QStringList RemovableMedia::defaultRoots()
{
    const QString configured = qEnvironmentVariable("REVOCATION_DESK_REMOVABLE_MEDIA");
    if (!configured.isEmpty())
        return configured.split(u':', Qt::SkipEmptyParts);
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("LOGNAME");
    QStringList roots;
    const QStringList candidates {QStringLiteral("/media/") + user,
                                  QStringLiteral("/run/media/") + user};
    for (const QString &root : candidates) {
        if (!user.isEmpty() && QFileInfo(root).isDir())
            roots << root;
    }
    return roots;
}

RemovableMedia::RemovableMedia(QStringList roots)
{
    for (const QString &root : roots) {
        const QString canonical = QFileInfo(root).canonicalFilePath();
        if (!canonical.isEmpty() && !m_roots.contains(canonical))
            m_roots << canonical;
    }
}

bool RemovableMedia::contains(const QString &path) const
{
    const QString canonical = QFileInfo(path).canonicalFilePath();
    if (canonical.isEmpty())
        return false;
    return std::any_of(m_roots.cbegin(), m_roots.cend(), [&canonical](const QString &root) {
        return canonical.startsWith(root + u'/');
    });
}

std::vector<QFileInfo> RemovableMedia::files() const
{
    static const QStringList patterns {QStringLiteral("*.pdf"), QStringLiteral("*.jpg"),
                                       QStringLiteral("*.jpeg"), QStringLiteral("*.png")};
    std::vector<QFileInfo> found;
    for (const QString &root : m_roots) {
        const int rootDepth = int(root.count(u'/'));
        QDirIterator it(root, patterns, QDir::Files | QDir::Readable | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext() && int(found.size()) < MaximumFiles) {
            const QFileInfo info(it.next());
            if (int(info.absoluteFilePath().count(u'/')) - rootDepth > MaximumDepth)
                continue;
            // Hidden files (._name of macOS, .Trash) are not the person's documents.
            if (info.fileName().startsWith(u'.') || !contains(info.absoluteFilePath()))
                continue;
            found.push_back(info);
        }
    }
    std::sort(found.begin(), found.end(), [](const QFileInfo &a, const QFileInfo &b) {
        return a.lastModified() > b.lastModified();
    });
    return found;
}

} // namespace rd
