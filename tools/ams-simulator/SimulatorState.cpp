#include "SimulatorState.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <algorithm>

namespace rd::sim {

namespace {

QString iso(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime fromIso(const QJsonValue &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.toUTC();
}

} // namespace

SimulatorState::SimulatorState(const QString &dataDirectory)
    : m_dataDirectory(dataDirectory)
{ }

QString SimulatorState::path(const QString &fileName) const
{
    return QDir(m_dataDirectory).filePath(fileName);
}

std::vector<const SimulatorCertificate *> SimulatorState::certificatesOf(const QString &nik) const
{
    std::vector<const SimulatorCertificate *> found;
    for (const SimulatorCertificate &certificate : certificates) {
        if (certificate.nik == nik)
            found.push_back(&certificate);
    }
    std::sort(found.begin(), found.end(),
              [](const auto *a, const auto *b) { return a->notBefore < b->notBefore; });
    return found;
}

Result<void> SimulatorState::load()
{
    QFile file(path(QStringLiteral("state.json")));
    if (!file.exists())
        return {};
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read %1.").arg(file.fileName()), file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        return fail(ErrorCode::InvalidInput,
                    tr("%1 is not the simulator's state.").arg(file.fileName()),
                    parseError.errorString());
    }
    const QJsonObject root = document.object();
    port = static_cast<quint16>(root.value(QStringLiteral("port")).toInt());
    publicUrl = root.value(QStringLiteral("public_url")).toString();
    crlNumber = root.value(QStringLiteral("crl_number")).toInteger();
    nextRequestNumber
        = std::max<qint64>(1, root.value(QStringLiteral("next_request_number")).toInteger());
    for (const QJsonValue &value : root.value(QStringLiteral("accounts")).toArray()) {
        const QJsonObject o = value.toObject();
        SimulatorAccount account {o.value(QStringLiteral("username")).toString(),
                                  o.value(QStringLiteral("password")).toString(),
                                  o.value(QStringLiteral("totp_secret")).toString(),
                                  o.value(QStringLiteral("role")).toString(),
                                  o.value(QStringLiteral("nik")).toString()};
        accounts.insert(account.username, account);
    }
    for (const QJsonValue &value : root.value(QStringLiteral("holders")).toArray()) {
        const QJsonObject o = value.toObject();
        SimulatorHolder holder {o.value(QStringLiteral("nik")).toString(),
                                o.value(QStringLiteral("full_name")).toString(),
                                o.value(QStringLiteral("email")).toString(),
                                o.value(QStringLiteral("unit")).toString(),
                                o.value(QStringLiteral("esign_registered")).toBool(true),
                                o.value(QStringLiteral("ams_username")).toString()};
        holders.insert(holder.nik, holder);
    }
    for (const QJsonValue &value : root.value(QStringLiteral("certificates")).toArray()) {
        const QJsonObject o = value.toObject();
        SimulatorCertificate certificate;
        certificate.serialHex = o.value(QStringLiteral("serial")).toString();
        certificate.nik = o.value(QStringLiteral("nik")).toString();
        certificate.der
            = QByteArray::fromBase64(o.value(QStringLiteral("der")).toString().toLatin1());
        certificate.subjectDn = o.value(QStringLiteral("subject")).toString();
        certificate.issuerDn = o.value(QStringLiteral("issuer")).toString();
        certificate.indexSubject = o.value(QStringLiteral("index_subject")).toString();
        certificate.notBefore = fromIso(o.value(QStringLiteral("not_before")));
        certificate.notAfter = fromIso(o.value(QStringLiteral("not_after")));
        certificate.revokedAt = fromIso(o.value(QStringLiteral("revoked_at")));
        certificate.reasonCode = o.value(QStringLiteral("reason_code")).toInt();
        certificates.insert(certificate.serialHex, certificate);
    }
    for (const QJsonValue &value : root.value(QStringLiteral("requests")).toArray()) {
        const QJsonObject o = value.toObject();
        SimulatorRequest request;
        request.id = o.value(QStringLiteral("id")).toString();
        request.nik = o.value(QStringLiteral("nik")).toString();
        request.serialHex = o.value(QStringLiteral("serial")).toString();
        request.reasonCode = o.value(QStringLiteral("reason_code")).toInt();
        request.reasonText = o.value(QStringLiteral("reason_text")).toString();
        request.status = o.value(QStringLiteral("status")).toString();
        request.filedBy = o.value(QStringLiteral("filed_by")).toString();
        request.createdAt = fromIso(o.value(QStringLiteral("created_at")));
        request.updatedAt = fromIso(o.value(QStringLiteral("updated_at")));
        request.revokedAt = fromIso(o.value(QStringLiteral("revoked_at")));
        request.rejectionReason = o.value(QStringLiteral("rejection_reason")).toString();
        request.letterFileName = o.value(QStringLiteral("letter_file_name")).toString();
        request.letterMediaType = o.value(QStringLiteral("letter_media_type")).toString();
        request.letterSha256 = o.value(QStringLiteral("letter_sha256")).toString();
        request.letterSize = o.value(QStringLiteral("letter_size")).toInteger();
        requests.insert(request.id, request);
    }
    const QJsonObject keys = root.value(QStringLiteral("idempotency")).toObject();
    for (auto it = keys.begin(); it != keys.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        idempotency.insert(
            it.key(),
            {o.value(QStringLiteral("fingerprint")).toString(),
             o.value(QStringLiteral("status")).toInt(),
             QByteArray::fromBase64(o.value(QStringLiteral("body")).toString().toLatin1())});
    }
    for (const QJsonValue &value : root.value(QStringLiteral("events")).toArray()) {
        const QJsonObject o = value.toObject();
        events.push_back({fromIso(o.value(QStringLiteral("at"))),
                          o.value(QStringLiteral("kind")).toString(),
                          o.value(QStringLiteral("subject")).toString(),
                          o.value(QStringLiteral("idempotency_key")).toString()});
    }
    return {};
}

Result<void> SimulatorState::save() const
{
    QJsonObject root;
    root.insert(QStringLiteral("port"), port);
    root.insert(QStringLiteral("public_url"), publicUrl);
    root.insert(QStringLiteral("crl_number"), crlNumber);
    root.insert(QStringLiteral("next_request_number"), nextRequestNumber);
    QJsonArray accountArray;
    for (const SimulatorAccount &account : accounts) {
        QJsonObject object {{QStringLiteral("username"), account.username},
                            {QStringLiteral("password"), account.password},
                            {QStringLiteral("totp_secret"), account.totpSecret},
                            {QStringLiteral("role"), account.role}};
        if (!account.nik.isEmpty())
            object.insert(QStringLiteral("nik"), account.nik);
        accountArray.append(object);
    }
    root.insert(QStringLiteral("accounts"), accountArray);
    QJsonArray holderArray;
    for (const SimulatorHolder &holder : holders) {
        holderArray.append(
            QJsonObject {{QStringLiteral("nik"), holder.nik},
                         {QStringLiteral("full_name"), holder.fullName},
                         {QStringLiteral("email"), holder.email},
                         {QStringLiteral("unit"), holder.unit},
                         {QStringLiteral("esign_registered"), holder.esignRegistered},
                         {QStringLiteral("ams_username"), holder.amsUsername}});
    }
    root.insert(QStringLiteral("holders"), holderArray);
    QJsonArray certificateArray;
    for (const SimulatorCertificate &c : certificates) {
        certificateArray.append(
            QJsonObject {{QStringLiteral("serial"), c.serialHex},
                         {QStringLiteral("nik"), c.nik},
                         {QStringLiteral("der"), QString::fromLatin1(c.der.toBase64())},
                         {QStringLiteral("subject"), c.subjectDn},
                         {QStringLiteral("issuer"), c.issuerDn},
                         {QStringLiteral("index_subject"), c.indexSubject},
                         {QStringLiteral("not_before"), iso(c.notBefore)},
                         {QStringLiteral("not_after"), iso(c.notAfter)},
                         {QStringLiteral("revoked_at"), iso(c.revokedAt)},
                         {QStringLiteral("reason_code"), c.reasonCode}});
    }
    root.insert(QStringLiteral("certificates"), certificateArray);
    QJsonArray requestArray;
    for (const SimulatorRequest &r : requests) {
        requestArray.append(QJsonObject {{QStringLiteral("id"), r.id},
                                         {QStringLiteral("nik"), r.nik},
                                         {QStringLiteral("serial"), r.serialHex},
                                         {QStringLiteral("reason_code"), r.reasonCode},
                                         {QStringLiteral("reason_text"), r.reasonText},
                                         {QStringLiteral("status"), r.status},
                                         {QStringLiteral("filed_by"), r.filedBy},
                                         {QStringLiteral("created_at"), iso(r.createdAt)},
                                         {QStringLiteral("updated_at"), iso(r.updatedAt)},
                                         {QStringLiteral("revoked_at"), iso(r.revokedAt)},
                                         {QStringLiteral("rejection_reason"), r.rejectionReason},
                                         {QStringLiteral("letter_file_name"), r.letterFileName},
                                         {QStringLiteral("letter_media_type"), r.letterMediaType},
                                         {QStringLiteral("letter_sha256"), r.letterSha256},
                                         {QStringLiteral("letter_size"), r.letterSize}});
    }
    root.insert(QStringLiteral("requests"), requestArray);
    QJsonObject keys;
    for (auto it = idempotency.begin(); it != idempotency.end(); ++it) {
        keys.insert(
            it.key(),
            QJsonObject {{QStringLiteral("fingerprint"), it->fingerprint},
                         {QStringLiteral("status"), it->status},
                         {QStringLiteral("body"), QString::fromLatin1(it->body.toBase64())}});
    }
    root.insert(QStringLiteral("idempotency"), keys);
    QJsonArray eventArray;
    for (const SimulatorEvent &event : events) {
        eventArray.append(QJsonObject {{QStringLiteral("at"), iso(event.at)},
                                       {QStringLiteral("kind"), event.kind},
                                       {QStringLiteral("subject"), event.subject},
                                       {QStringLiteral("idempotency_key"), event.idempotencyKey}});
    }
    root.insert(QStringLiteral("events"), eventArray);

    QSaveFile file(path(QStringLiteral("state.json")));
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, tr("Cannot write %1.").arg(file.fileName()), file.errorString());
    // Passwords and one-time code secrets of demo accounts are in here: owner only.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return fail(ErrorCode::Io, tr("Cannot write %1.").arg(file.fileName()), file.errorString());
    return {};
}

} // namespace rd::sim
