#pragma once

#include <QFileInfo>
#include <QStringList>

#include <vector>

namespace rd {

// Where the kiosk may take a file from: the folders removable media are mounted in (udisks2
// mounts a USB drive under /media/USER or /run/media/USER), and nothing else: not the home
// folder, not the system, not a link that leads out of the drive.
class RemovableMedia
{
public:
    // How deep into a drive the kiosk looks, and how many files it lists at most: a drive full
    // of photos must not freeze the page.
    static constexpr int MaximumDepth = 4;
    static constexpr int MaximumFiles = 300;

    // The mount folders of this user that exist; the environment variable
    // REVOCATION_DESK_REMOVABLE_MEDIA (folders separated by ':') replaces them.
    static QStringList defaultRoots();

    explicit RemovableMedia(QStringList roots);

    const QStringList &roots() const { return m_roots; }
    // PDF, JPEG and PNG files (by name; their bytes are checked when chosen), newest first.
    std::vector<QFileInfo> files() const;
    // Whether the file, with every link resolved, lies inside one of the roots.
    bool contains(const QString &path) const;

private:
    QStringList m_roots; // canonical
};

} // namespace rd
