#include "documents/PaperComposer.h"

#include "core/Clock.h"
#include "register/CertificateRepository.h"
#include "register/HolderRepository.h"
#include "register/PersonalName.h"
#include "requests/RevocationRequestRepository.h"
#include "users/UserAccounts.h"
#include "workflow/AttachmentStore.h"
#include "workflow/VerificationResultRepository.h"

#include <QJsonArray>

namespace rd {

namespace {

QString isoDate(const QDate &date)
{
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? Clock::toIsoUtc(time) : QString();
}

// The request as every paper names it: who filed, for whom, why, and when.
QJsonObject requestPart(const RevocationRequestRecord &request)
{
    QJsonObject part {
        {QStringLiteral("filed_at"), isoTime(request.filedAt)},
        {QStringLiteral("reason"), RevocationReasons::key(request.reason)},
        {QStringLiteral("reason_text"), request.reasonText},
        {QStringLiteral("effective_date"), isoDate(request.effectiveDate)},
        {QStringLiteral("filed_by"), request.filedByKind},
        {QStringLiteral("applicant_email"), request.applicantEmail},
    };
    if (request.filedByKind == QLatin1String("official")) {
        QJsonObject official {{QStringLiteral("name"), request.officialName},
                              {QStringLiteral("nip"), request.officialNip},
                              {QStringLiteral("position"), request.officialPosition}};
        if (!request.officialRelationship.isEmpty())
            official.insert(QStringLiteral("relationship"), request.officialRelationship);
        part.insert(QStringLiteral("official"), official);
    }
    return part;
}

} // namespace

PaperComposer::PaperComposer(DatabasePtr database)
    : m_database(std::move(database))
{ }

QString PaperComposer::personName(const QString &actorOrUsername) const
{
    QString username = actorOrUsername;
    if (username.startsWith(QLatin1String("user:")))
        username = username.mid(5);
    if (username.isEmpty())
        return {};
    auto account = UserAccounts(m_database).find(username);
    if (!account || account->fullName.isEmpty())
        return actorOrUsername;
    return account->fullName;
}

Result<PaperContent> PaperComposer::compose(PaperKind kind, const QString &agendaOrId) const
{
    auto request = RevocationRequestRepository(m_database).find(agendaOrId);
    if (!request)
        return errorOf(request);
    return compose(kind, *request);
}

Result<PaperContent> PaperComposer::compose(PaperKind kind,
                                            const RevocationRequestRecord &record) const
{
    const RevocationRequestRecord *request = &record;
    auto holder = HolderRepository(m_database).findById(request->holderId);
    if (!holder)
        return errorOf(holder);

    PaperContent content;
    content.kind = kind;
    content.agendaNumber = request->agendaNumber;
    QJsonObject data {{QStringLiteral("request"), requestPart(*request)}};
    QJsonObject holderPart {{QStringLiteral("full_name"), holder->fullName},
                            {QStringLiteral("nik"), holder->nik},
                            {QStringLiteral("nip"), holder->nip}};

    if (kind == PaperKind::StatementLetter) {
        // The position and unit in force: the open tenure, else the register's own line.
        QString position = holder->position;
        QString unit = holder->unit;
        auto tenures = HolderRepository(m_database).tenures(holder->id);
        if (!tenures)
            return errorOf(tenures);
        for (const Tenure &tenure : *tenures) {
            if (!tenure.endDate.isValid()) {
                position = tenure.position.isEmpty() ? position : tenure.position;
                unit = tenure.unit.isEmpty() ? unit : tenure.unit;
            }
        }
        holderPart.insert(QStringLiteral("name"), PersonalName::withoutTitles(holder->fullName));
        holderPart.insert(QStringLiteral("position"), position);
        holderPart.insert(QStringLiteral("unit"), unit);
        holderPart.insert(QStringLiteral("email"), holder->email);
        holderPart.insert(QStringLiteral("ams_username"), holder->amsUsername);
    }
    if (kind == PaperKind::VerificationResult || kind == PaperKind::ControlCard)
        holderPart.insert(QStringLiteral("unit"), holder->unit);
    data.insert(QStringLiteral("holder"), holderPart);

    if (request->certificateId
        && (kind == PaperKind::StatementLetter || kind == PaperKind::Receipt
            || kind == PaperKind::VerificationResult)) {
        auto certificate = CertificateRepository(m_database).findById(*request->certificateId);
        if (!certificate)
            return errorOf(certificate);
        QJsonObject part {{QStringLiteral("serial"), certificate->serialHex}};
        if (kind != PaperKind::Receipt) {
            part.insert(QStringLiteral("issuer"), certificate->issuerDn);
            part.insert(QStringLiteral("not_before"), isoTime(certificate->notBefore));
            part.insert(QStringLiteral("not_after"), isoTime(certificate->notAfter));
        }
        data.insert(QStringLiteral("certificate"), part);
    }

    if (kind == PaperKind::ControlCard || kind == PaperKind::DispositionSheet) {
        auto attachments = AttachmentStore(m_database).list(request->id);
        if (!attachments)
            return errorOf(attachments);
        QJsonArray list;
        for (const Attachment &attachment : *attachments)
            list.append(
                QJsonObject {{QStringLiteral("kind"), AttachmentStore::kindKey(attachment.kind)},
                             {QStringLiteral("file_name"), attachment.fileName}});
        data.insert(QStringLiteral("attachments"), list);
        data.insert(QStringLiteral("processor"), personName(request->assignedOperator));
    }
    if (kind == PaperKind::DispositionSheet)
        // Dispositions are given on paper until the supervisor's own work is built: the sheet
        // carries none, and its boxes print empty for the pen.
        data.insert(QStringLiteral("dispositions"), QJsonArray());

    if (kind == PaperKind::VerificationResult) {
        auto results = VerificationResultRepository(m_database).forRequest(request->id);
        if (!results)
            return errorOf(results);
        // The latest of each: a request checked again after completion prints the new check.
        for (const VerificationResult &result : *results) {
            if (result.kind != QLatin1String("data_checklist")
                && result.kind != QLatin1String("dn_match"))
                continue;
            QJsonObject report = result.report;
            report.insert(QStringLiteral("verdict"), result.verdict);
            report.insert(QStringLiteral("recorded_by"), result.actor);
            report.insert(QStringLiteral("recorded_by_name"), personName(result.actor));
            report.insert(QStringLiteral("recorded_at"), isoTime(result.createdAt));
            data.insert(result.kind, report);
        }
        if (!data.contains(QStringLiteral("data_checklist"))
            && !data.contains(QStringLiteral("dn_match")))
            return fail(ErrorCode::NotFound,
                        tr("%1 has no data verification on record yet (SOP steps 6 and 7): "
                           "there is no result to print.")
                            .arg(request->agendaNumber));
    }
    content.data = data;
    return content;
}

Result<PaperCheck> PaperComposer::check(const QString &agendaOrId, const QString &code) const
{
    auto parsed = PaperContent::parseCode(code);
    if (!parsed)
        return fail(ErrorCode::InvalidInput,
                    tr("\"%1\" is not a paper's code: give the text of its QR code, or the code "
                       "printed beside it (at least 16 hexadecimal digits).")
                        .arg(code));
    auto request = RevocationRequestRepository(m_database).find(agendaOrId);
    if (!request)
        return errorOf(request);
    PaperCheck answer;
    answer.agendaNumber = request->agendaNumber;
    // A QR code names its request: a code of another request's paper never matches this one.
    if (!parsed->agendaNumber.isEmpty() && parsed->agendaNumber != request->agendaNumber)
        return answer;
    for (PaperKind kind : PaperKinds::all()) {
        if (parsed->kind && *parsed->kind != kind)
            continue;
        auto content = compose(kind, request->agendaNumber);
        if (!content) {
            if (content.error().code == ErrorCode::NotFound)
                continue;
            return errorOf(content);
        }
        if (content->sha256().startsWith(parsed->digestPrefix)) {
            answer.matches = true;
            answer.kind = kind;
            return answer;
        }
    }
    return answer;
}

} // namespace rd
