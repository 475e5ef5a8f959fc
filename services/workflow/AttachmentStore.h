#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "core/Error.h"
#include "database/Database.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace rd {

// What a file filed with a request is (lampiran): the statement letter of step 1, and the decree
// (SK) or death certificate when an official files for a holder who left.
enum class AttachmentKind { StatementLetter, Decree, DeathCertificate, IdentityCard, Other };

struct Attachment
{
    qint64 id = 0;
    qint64 requestId = 0;
    AttachmentKind kind = AttachmentKind::Other;
    QString fileName;
    QString mediaType;
    qint64 sizeBytes = 0;
    QString sha256; // lower-case hex
    QDateTime createdAt;
};

// A file as someone hands it over, before it is checked and stored.
struct AttachmentFile
{
    AttachmentKind kind = AttachmentKind::Other;
    QString fileName;
    QByteArray bytes;
};

// The files of a request, kept in the database (both engines), so every workstation of a
// PostgreSQL database sees the same bytes. Only PDF, JPEG and PNG, recognised from the bytes and
// not the name, up to a limit that follows AMS's own (1 MB a file).
class AttachmentStore
{
    Q_DECLARE_TR_FUNCTIONS(AttachmentStore)

public:
    static constexpr qint64 DefaultMaximumBytes = 1024 * 1024;
    // The longest file name kept; longer ones are refused rather than cut.
    static constexpr int MaximumFileNameLength = 200;

    explicit AttachmentStore(DatabasePtr database, qint64 maximumBytes = DefaultMaximumBytes,
                             Clock clock = Clock());

    static QString kindKey(AttachmentKind kind);
    static std::optional<AttachmentKind> kindFromKey(const QString &key);
    static QStringList kindKeys();
    // The kind in the user's language ("statement letter", "surat keterangan").
    static QString kindName(AttachmentKind kind);

    qint64 maximumBytes() const { return m_maximumBytes; }

    // Reads a regular file of at most maximumBytes (and refuses a larger one without reading it
    // all) and checks it as check() does.
    Result<AttachmentFile> readFile(AttachmentKind kind, const QString &path) const;
    // What needs no database: not empty, within the limit, a PDF, JPEG or PNG by its content,
    // a name whose extension does not claim another type. Gives the media type.
    Result<QString> check(const AttachmentFile &file) const;

    // Stores a checked file with its audit entry (request.attachment_added) inside the caller's
    // AuditLog::inTransaction; the caller has decided that the actor may add it.
    Result<Attachment> addInTransaction(const Actor &actor, qint64 requestId,
                                        const AttachmentFile &file);
    // Stores a file for the request in its own transaction, when the request still takes files
    // (see mayAttach).
    Result<Attachment> add(const Actor &actor, qint64 requestId, const AttachmentFile &file);

    Result<std::vector<Attachment>> list(qint64 requestId) const;
    Result<Attachment> find(qint64 requestId, qint64 attachmentId) const;
    // The stored bytes, checked against the stored SHA-256 on the way out.
    Result<QByteArray> content(qint64 requestId, qint64 attachmentId) const;

private:
    DatabasePtr m_database;
    qint64 m_maximumBytes;
    Clock m_clock;
};

} // namespace rd
