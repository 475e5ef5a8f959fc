#include "workflow/AttachmentStore.h"

#include "audit/AuditLog.h"
#include "core/LocalFile.h"
#include "requests/RequestState.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QLocale>
#include <QMimeDatabase>
#include <QSqlQuery>

namespace rd {

namespace {

const QStringList &acceptedMediaTypes()
{
    static const QStringList types {QStringLiteral("application/pdf"), QStringLiteral("image/jpeg"),
                                    QStringLiteral("image/png")};
    return types;
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString hexDigest(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

constexpr auto s_columns = "id, request_id, kind, file_name, media_type, size_bytes, sha256, "
                           "created_at";

Attachment attachmentFrom(const QSqlQuery &query)
{
    Attachment attachment;
    attachment.id = query.value(0).toLongLong();
    attachment.requestId = query.value(1).toLongLong();
    attachment.kind
        = AttachmentStore::kindFromKey(query.value(2).toString()).value_or(AttachmentKind::Other);
    attachment.fileName = query.value(3).toString();
    attachment.mediaType = query.value(4).toString();
    attachment.sizeBytes = query.value(5).toLongLong();
    attachment.sha256 = query.value(6).toString();
    attachment.createdAt = Clock::fromIsoUtc(query.value(7).toString());
    return attachment;
}

} // namespace

AttachmentStore::AttachmentStore(DatabasePtr database, qint64 maximumBytes, Clock clock)
    : m_database(std::move(database))
    , m_maximumBytes(maximumBytes > 0 ? maximumBytes : DefaultMaximumBytes)
    , m_clock(std::move(clock))
{ }

QString AttachmentStore::kindKey(AttachmentKind kind)
{
    switch (kind) {
    case AttachmentKind::StatementLetter:
        return QStringLiteral("statement_letter");
    case AttachmentKind::Decree:
        return QStringLiteral("decree");
    case AttachmentKind::DeathCertificate:
        return QStringLiteral("death_certificate");
    case AttachmentKind::IdentityCard:
        return QStringLiteral("identity_card");
    case AttachmentKind::Other:
        return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

std::optional<AttachmentKind> AttachmentStore::kindFromKey(const QString &key)
{
    for (AttachmentKind kind :
         {AttachmentKind::StatementLetter, AttachmentKind::Decree, AttachmentKind::DeathCertificate,
          AttachmentKind::IdentityCard, AttachmentKind::Other}) {
        if (kindKey(kind) == key)
            return kind;
    }
    return std::nullopt;
}

QStringList AttachmentStore::kindKeys()
{
    return {kindKey(AttachmentKind::StatementLetter), kindKey(AttachmentKind::Decree),
            kindKey(AttachmentKind::DeathCertificate), kindKey(AttachmentKind::IdentityCard),
            kindKey(AttachmentKind::Other)};
}

QString AttachmentStore::kindName(AttachmentKind kind)
{
    switch (kind) {
    case AttachmentKind::StatementLetter:
        return tr("statement letter");
    case AttachmentKind::Decree:
        return tr("decree (SK)");
    case AttachmentKind::DeathCertificate:
        return tr("death certificate");
    case AttachmentKind::IdentityCard:
        return tr("identity card");
    case AttachmentKind::Other:
        return tr("other document");
    }
    return tr("other document");
}

Result<AttachmentFile> AttachmentStore::readFile(AttachmentKind kind, const QString &path) const
{
    QFile file(path);
    if (auto opened = LocalFile::openRegular(path, file); !opened)
        return errorOf(opened);
    AttachmentFile attachment;
    attachment.kind = kind;
    attachment.fileName = QFileInfo(path).fileName();
    // One byte past the limit tells a file that is too large without reading all of it.
    if (file.size() > m_maximumBytes) {
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is %2; a file may be at most %3 (AMS's limit, the setting "
                       "attachments/maxBytes). Scan it at a lower resolution or split it.")
                        .arg(attachment.fileName, sizeText(file.size()), sizeText(m_maximumBytes)));
    }
    attachment.bytes = file.read(m_maximumBytes + 1);
    if (file.error() != QFile::NoError)
        return fail(ErrorCode::Io, tr("Cannot read %1.").arg(path), file.errorString());
    if (auto checked = check(attachment); !checked)
        return errorOf(checked);
    return attachment;
}

Result<QString> AttachmentStore::check(const AttachmentFile &file) const
{
    const QString name = file.fileName.trimmed();
    if (name.isEmpty() || name.size() > MaximumFileNameLength || name.contains(QLatin1Char('/'))
        || name.contains(QLatin1Char('\\'))) {
        return fail(ErrorCode::InvalidInput,
                    tr("A file's name must be given, without folders, in at most %n "
                       "character(s).",
                       nullptr, MaximumFileNameLength));
    }
    for (const QChar c : name) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return fail(ErrorCode::InvalidInput,
                        tr("The file's name contains control characters; rename the file."));
    }
    if (file.bytes.isEmpty())
        return fail(
            ErrorCode::InvalidInput,
            tr("%1 is empty: attach the scanned or photographed document itself.").arg(name));
    if (file.bytes.size() > m_maximumBytes)
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is %2; a file may be at most %3 (AMS's limit, the setting "
                       "attachments/maxBytes). Scan it at a lower resolution or split it.")
                        .arg(name, sizeText(file.bytes.size()), sizeText(m_maximumBytes)));
    // A key pasted where a letter belongs must not travel any further, not even to the log.
    if (file.bytes.contains("PRIVATE KEY-----"))
        return fail(ErrorCode::InvalidInput,
                    tr("%1 holds a private key. A key is never attached or sent to anyone; "
                       "attach the signed letter instead, and tell the operator the key may "
                       "have been exposed.")
                        .arg(name));
    const QMimeDatabase types;
    const QMimeType content = types.mimeTypeForData(file.bytes);
    if (!acceptedMediaTypes().contains(content.name()))
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is not a PDF, JPEG or PNG file (its content is %2); scan or save the "
                       "document as one of those.")
                        .arg(name, content.comment()));
    // The name is what the next person opens it by: a PNG called letter.pdf would not open.
    const QList<QMimeType> named = types.mimeTypesForFileName(name);
    if (!named.isEmpty()) {
        const bool agrees = std::any_of(named.begin(), named.end(), [&](const QMimeType &type) {
            return type == content || content.inherits(type.name());
        });
        if (!agrees)
            return fail(ErrorCode::InvalidInput,
                        tr("%1 is named as %2, but its content is %3; rename the file or save "
                           "it again in the right format.")
                            .arg(name, named.front().comment(), content.comment()));
    }
    return content.name();
}

Result<Attachment> AttachmentStore::addInTransaction(const Actor &actor, qint64 requestId,
                                                     const AttachmentFile &file)
{
    auto mediaType = check(file);
    if (!mediaType)
        return errorOf(mediaType);
    const QString name = file.fileName.trimmed();
    const QString sha256 = hexDigest(file.bytes);
    const QString now = Clock::toIsoUtc(m_clock.now());
    auto id = m_database->scalar(
        QStringLiteral("INSERT INTO attachments (request_id, kind, file_name, media_type, "
                       "size_bytes, sha256, content, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {requestId, kindKey(file.kind), name, *mediaType, qint64(file.bytes.size()), sha256,
         file.bytes, now});
    if (!id)
        return errorOf(id);
    const QJsonObject details {{QStringLiteral("attachment_id"), id->toLongLong()},
                               {QStringLiteral("kind"), kindKey(file.kind)},
                               {QStringLiteral("file_name"), name},
                               {QStringLiteral("media_type"), *mediaType},
                               {QStringLiteral("size_bytes"), qint64(file.bytes.size())},
                               {QStringLiteral("sha256"), sha256}};
    auto audit = AuditLog::append(*m_database, actor, QStringLiteral("request.attachment_added"),
                                  QStringLiteral("revocation_request"), QString::number(requestId),
                                  details, m_clock);
    if (!audit)
        return errorOf(audit);
    return find(requestId, id->toLongLong());
}

Result<Attachment> AttachmentStore::add(const Actor &actor, qint64 requestId,
                                        const AttachmentFile &file)
{
    return AuditLog::inTransaction(*m_database, [&]() -> Result<Attachment> {
        auto state = m_database->scalar(
            QStringLiteral("SELECT state FROM revocation_requests WHERE id = ?"), {requestId});
        if (!state)
            return errorOf(state);
        const std::optional<RequestState> current = RequestStates::fromKey(state->toString());
        if (!current)
            return fail(ErrorCode::NotFound, tr("There is no request %1.").arg(requestId));
        // The applicant's side (kiosk, command line without a log-in) adds files while the
        // request is theirs to complete; staff add them until the request is over.
        const bool applicantsTurn = *current == RequestState::Draft
            || *current == RequestState::Submitted || *current == RequestState::NeedsCompletion;
        if (RequestStates::isTerminal(*current))
            return fail(ErrorCode::Conflict,
                        tr("The request is %1; it takes no more files.")
                            .arg(RequestStates::label(*current)));
        if (actor.kind() == Actor::Kind::User && actor.role() == Actor::Role::None)
            return fail(ErrorCode::PermissionDenied, tr("This account has no role."));
        if (actor.role() == Actor::Role::None && !applicantsTurn)
            return fail(ErrorCode::PermissionDenied,
                        tr("The request is being handled (%1); only staff may add files now.")
                            .arg(RequestStates::label(*current)));
        return addInTransaction(actor, requestId, file);
    });
}

Result<std::vector<Attachment>> AttachmentStore::list(qint64 requestId) const
{
    auto query = m_database->execute(QStringLiteral("SELECT %1 FROM attachments WHERE "
                                                    "request_id = ? ORDER BY id")
                                         .arg(QLatin1String(s_columns)),
                                     {requestId});
    if (!query)
        return errorOf(query);
    std::vector<Attachment> attachments;
    while (query->next())
        attachments.push_back(attachmentFrom(*query));
    return attachments;
}

Result<Attachment> AttachmentStore::find(qint64 requestId, qint64 attachmentId) const
{
    auto query = m_database->execute(QStringLiteral("SELECT %1 FROM attachments WHERE id = ? "
                                                    "AND request_id = ?")
                                         .arg(QLatin1String(s_columns)),
                                     {attachmentId, requestId});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound, tr("The request has no attachment %1.").arg(attachmentId));
    return attachmentFrom(*query);
}

Result<QByteArray> AttachmentStore::content(qint64 requestId, qint64 attachmentId) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT content, sha256 FROM attachments WHERE id = ? AND request_id = ?"),
        {attachmentId, requestId});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound, tr("The request has no attachment %1.").arg(attachmentId));
    const QByteArray bytes = query->value(0).toByteArray();
    if (hexDigest(bytes) != query->value(1).toString())
        return fail(ErrorCode::Conflict,
                    tr("Attachment %1 no longer matches the SHA-256 it was stored with; it was "
                       "changed in the database.")
                        .arg(attachmentId));
    return bytes;
}

} // namespace rd
