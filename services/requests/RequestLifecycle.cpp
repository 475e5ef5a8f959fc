#include "requests/RequestLifecycle.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "mail/MailMessage.h"
#include "register/CertificateRepository.h"
#include "register/HolderRepository.h"
#include "requests/AgendaNumberAllocator.h"
#include "requests/NotificationComposer.h"
#include "requests/RequestPermissions.h"
#include "users/OfficeSettings.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace rd {

namespace {

const QStringList s_channels = {QStringLiteral("kiosk"), QStringLiteral("workbench"),
                                QStringLiteral("risk_monitor"), QStringLiteral("cli")};

} // namespace

RequestLifecycle::RequestLifecycle(DatabasePtr database, Options options)
    : m_database(std::move(database))
    , m_requests(m_database)
    , m_events(m_database)
    , m_options(std::move(options))
{
    if (!m_options.officeZone.isValid())
        m_options.officeZone = OfficeCalendar::defaultZone();
}

Result<void> RequestLifecycle::validate(const NewRevocationRequest &request) const
{
    if (request.holderId <= 0)
        return fail(ErrorCode::InvalidInput, tr("Choose the certificate holder."));
    if (!s_channels.contains(request.channel))
        return fail(ErrorCode::InvalidInput, tr("Unknown filing channel %1.").arg(request.channel));
    if (request.applicantLanguage != QLatin1String("id")
        && request.applicantLanguage != QLatin1String("en"))
        return fail(ErrorCode::InvalidInput, tr("The applicant's language must be id or en."));
    if (request.filedBy == NewRevocationRequest::FiledBy::Official) {
        if (request.officialName.trimmed().isEmpty())
            return fail(ErrorCode::InvalidInput,
                        tr("Give the name of the official filing on the holder's behalf."));
        static const QRegularExpression nip(
            QRegularExpression::anchoredPattern(QStringLiteral("[0-9]{18}")));
        if (!nip.match(request.officialNip).hasMatch())
            return fail(ErrorCode::InvalidInput, tr("The official's NIP must have 18 digits."));
        if (request.officialRelationship.trimmed().size() > 200)
            return fail(ErrorCode::InvalidInput,
                        tr("Say how the official stands to the holder in at most 200 "
                           "characters."));
    } else if (request.reason == RevocationReason::Deceased) {
        return fail(ErrorCode::InvalidInput,
                    tr("A deceased holder cannot file: the superior files on their behalf."));
    }
    if (request.reason == RevocationReason::Other && request.reasonText.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Explain the reason when it is \"Other\"."));
    // Checked whole, before the trim that storing does: a line break inside (or at the end of)
    // an address is refused here, not found later in a mail header.
    if (const QString email = request.applicantEmail; !email.trimmed().isEmpty()) {
        const bool breaks = email.contains(QLatin1Char('\r')) || email.contains(QLatin1Char('\n'));
        if (breaks)
            return fail(ErrorCode::InvalidInput,
                        tr("The applicant's e-mail address must be one line."));
        if (auto ok = MailMessage::checkAddress(email.trimmed()); !ok)
            return ok;
    }

    if (auto holder = HolderRepository(m_database).findById(request.holderId); !holder)
        return errorOf(holder);
    if (request.certificateId) {
        auto certificate = CertificateRepository(m_database).findById(*request.certificateId);
        if (!certificate)
            return errorOf(certificate);
        if (certificate->holderId != request.holderId)
            return fail(ErrorCode::InvalidInput,
                        tr("That certificate does not belong to this holder."));
    }
    return {};
}

Result<qint64> RequestLifecycle::insertDraft(const Actor &actor,
                                             const NewRevocationRequest &request,
                                             const QJsonObject &auditDetails)
{
    if (auto ok = validate(request); !ok)
        return errorOf(ok);
    const QString now = Clock::toIsoUtc(m_options.clock.now());
    auto id = m_requests.insertDraft(request, now);
    if (!id)
        return errorOf(id);
    const qint64 requestId = *id;
    auto event = m_events.append(NewRequestEvent {requestId,
                                                  1,
                                                  QStringLiteral("create"),
                                                  {},
                                                  QStringLiteral("draft"),
                                                  actor.toString(),
                                                  now,
                                                  now,
                                                  QStringLiteral("draft"),
                                                  {}});
    if (!event)
        return errorOf(event);
    QJsonObject details {{QStringLiteral("to"), QStringLiteral("draft")},
                         {QStringLiteral("holder_id"), request.holderId},
                         {QStringLiteral("reason"), RevocationReasons::key(request.reason)},
                         {QStringLiteral("channel"), request.channel}};
    for (auto it = auditDetails.begin(); it != auditDetails.end(); ++it)
        details.insert(it.key(), it.value());
    auto audit = AuditLog::append(*m_database, actor, QStringLiteral("request.create"),
                                  QStringLiteral("revocation_request"), QString::number(requestId),
                                  details, m_options.clock);
    if (!audit)
        return errorOf(audit);
    return requestId;
}

Result<TransitionOutcome> RequestLifecycle::createDraft(const Actor &actor,
                                                        const NewRevocationRequest &request)
{
    auto id = AuditLog::inTransaction(*m_database, [&]() { return insertDraft(actor, request); });
    if (!id)
        return errorOf(id);
    TransitionOutcome outcome;
    outcome.requestId = *id;
    outcome.to = RequestState::Draft;
    outcome.version = 1;
    return outcome;
}

Result<qint64> RequestLifecycle::createDraftInTransaction(const Actor &actor,
                                                          const NewRevocationRequest &request,
                                                          const QJsonObject &auditDetails)
{
    return insertDraft(actor, request, auditDetails);
}

Result<TransitionOutcome> RequestLifecycle::file(const Actor &actor,
                                                 const NewRevocationRequest &request)
{
    return AuditLog::inTransaction(*m_database,
                                   [&]() { return fileInTransaction(actor, request); });
}

Result<TransitionOutcome> RequestLifecycle::fileInTransaction(const Actor &actor,
                                                              const NewRevocationRequest &request,
                                                              const QJsonObject &auditDetails)
{
    auto id = insertDraft(actor, request, auditDetails);
    if (!id)
        return errorOf(id);
    return applyInTransaction(actor, TransitionRequest {*id, RequestAction::Submit, 1, {}, {}});
}

Result<bool> RequestLifecycle::dualControlInForce() const
{
    if (m_options.dualControl)
        return *m_options.dualControl;
    return OfficeSettings(m_database).dualControl();
}

Result<void> RequestLifecycle::requireEvidence(qint64 requestId, RequestAction action,
                                               const QString &name) const
{
    // The step-8 invariants hold whatever calls this: a request is in the AMS queue only with
    // its call queued, past AMS only when AMS (or the operator's read-back of the portal) said
    // so, and revoked only with a proof on record.
    QString sql;
    QString refusal;
    switch (action) {
    case RequestAction::Revoke:
    case RequestAction::RetryRevocation:
        sql = QStringLiteral("SELECT COUNT(*) FROM ams_operations WHERE request_id = ? AND "
                             "operation IN ('revoke', 'portal_revoke') AND state IN ('pending', "
                             "'sending')");
        refusal = tr("Request %1 is revoked only through the AMS queue (requests revoke, or the "
                     "workbench), so that AMS revokes it once.")
                      .arg(name);
        break;
    case RequestAction::RecordPendingProof:
        sql = QStringLiteral("SELECT COUNT(*) FROM ams_operations WHERE request_id = ? AND "
                             "operation IN ('revoke', 'portal_revoke') AND state = 'done'");
        refusal = tr("AMS has not confirmed the revocation of request %1.").arg(name);
        break;
    case RequestAction::ConfirmRevocation:
        sql = QStringLiteral("SELECT COUNT(*) FROM verification_results WHERE request_id = ? AND "
                             "kind = 'revocation_proof' AND verdict = 'revoked'");
        refusal = tr("Request %1 has no proof of revocation from OCSP or a CRL yet.").arg(name);
        break;
    default:
        return {};
    }
    auto count = m_database->scalar(sql, {requestId});
    if (!count)
        return errorOf(count);
    if (count->toLongLong() == 0)
        return fail(ErrorCode::InvalidTransition, refusal);
    return {};
}

Result<TransitionOutcome> RequestLifecycle::apply(const Actor &actor,
                                                  const TransitionRequest &transition)
{
    return AuditLog::inTransaction(*m_database,
                                   [&]() { return applyInTransaction(actor, transition); });
}

Result<TransitionOutcome> RequestLifecycle::applyInTransaction(const Actor &actor,
                                                               const TransitionRequest &transition)
{
    const Database &db = *m_database;
    auto progress = m_requests.progress(transition.requestId);
    if (!progress)
        return errorOf(progress);
    if (!*progress)
        return fail(ErrorCode::NotFound,
                    tr("There is no revocation request with id %1.").arg(transition.requestId));
    const RequestProgress &row = **progress;
    const auto state = RequestStates::fromKey(row.stateKey);
    if (!state)
        return fail(
            ErrorCode::DatabaseError,
            tr("Request %1 has an unknown state %2.").arg(transition.requestId).arg(row.stateKey));

    const QString name = row.agendaNumber.isEmpty()
        ? QStringLiteral("#%1").arg(transition.requestId)
        : row.agendaNumber;
    const RequestAction action = transition.action;

    if (transition.expectedVersion && *transition.expectedVersion != row.version) {
        return fail(ErrorCode::Conflict,
                    tr("Request %1 was changed on another workstation; reload it and try again.")
                        .arg(name));
    }
    const auto target = RequestStates::target(*state, action);
    if (!target) {
        if (action == RequestAction::Claim && *state == RequestState::InVerification) {
            return fail(ErrorCode::Conflict,
                        tr("Request %1 is already being verified by %2.")
                            .arg(name,
                                 row.assignedOperator.isEmpty() ? tr("another operator")
                                                                : row.assignedOperator));
        }
        return fail(ErrorCode::InvalidTransition,
                    tr("A request that is \"%1\" cannot take the step \"%2\".")
                        .arg(RequestStates::label(*state), RequestStates::actionLabel(action)));
    }

    auto inForce = dualControlInForce();
    if (!inForce)
        return errorOf(inForce);
    const bool dualControl = *inForce;
    RequestAccess access {name, *state,     row.assignedOperatorId, row.assignedOperator,
                          {},   dualControl};
    if (*state == RequestState::AwaitingApproval) {
        auto asked = m_events.lastActor(transition.requestId, RequestAction::RequestApproval);
        if (!asked)
            return errorOf(asked);
        access.approvalRequestedBy = *asked;
    }
    if (auto allowed = RequestPermissions::authorize(actor, access, action); !allowed)
        return errorOf(allowed);
    if (auto evidence = requireEvidence(transition.requestId, action, name); !evidence)
        return errorOf(evidence);
    if (RequestStates::needsReason(action) && transition.note.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("Give a reason for \"%1\".").arg(RequestStates::actionLabel(action)));

    const QDateTime nowTime = m_options.clock.now();
    const QString now = Clock::toIsoUtc(nowTime);
    QString agenda = row.agendaNumber;
    if (action == RequestAction::Submit && agenda.isEmpty()) {
        auto allocated = AgendaNumberAllocator::next(db, nowTime, m_options.officeZone);
        if (!allocated)
            return errorOf(allocated);
        agenda = *allocated;
    }
    qint64 assigned = row.assignedOperatorId;
    if (action == RequestAction::Claim)
        assigned = actor.kind() == Actor::Kind::User ? actor.userId() : 0;
    if (action == RequestAction::Resubmit)
        assigned = 0; // back in the common queue
    const QString closing = *target == RequestState::Rejected || *target == RequestState::Cancelled
        ? transition.note.trimmed()
        : QString();
    const QString ams = transition.amsReference.trimmed();

    auto updated = m_requests.changeState(RequestStateChange {
        transition.requestId, *state, row.version, *target, now, agenda, assigned, closing, ams});
    if (!updated)
        return errorOf(updated);
    if (!*updated) {
        // Another workstation moved it between our read and our write.
        if (action == RequestAction::Claim)
            return fail(ErrorCode::Conflict,
                        tr("Request %1 was just claimed by another operator.").arg(name));
        return fail(ErrorCode::Conflict,
                    tr("Request %1 was changed on another workstation; reload it and try again.")
                        .arg(name));
    }

    // The step's work started when the request entered its current state; a claim starts it.
    // A draft's submission starts now too: the days a draft waits for signatures are nobody's
    // step, and the kiosk records the applicant's steps 1-5 as events of their own.
    const QString started = action == RequestAction::Claim || action == RequestAction::Submit
            || row.enteredStateAt.isEmpty()
        ? now
        : row.enteredStateAt;
    const int step = RequestStates::sopStep(*state, action);
    auto event = m_events.append(
        NewRequestEvent {transition.requestId, step, RequestStates::actionKey(action),
                         RequestStates::key(*state), RequestStates::key(*target), actor.toString(),
                         started, now, RequestStates::key(*target), transition.note.trimmed()});
    if (!event)
        return errorOf(event);

    QJsonObject details {{QStringLiteral("from"), RequestStates::key(*state)},
                         {QStringLiteral("to"), RequestStates::key(*target)},
                         {QStringLiteral("version"), row.version + 1},
                         {QStringLiteral("step"), step}};
    if (!agenda.isEmpty())
        details.insert(QStringLiteral("agenda_number"), agenda);
    if (!transition.note.trimmed().isEmpty())
        details.insert(QStringLiteral("note"), transition.note.trimmed());
    if (!ams.isEmpty())
        details.insert(QStringLiteral("ams_reference"), ams);
    // The applicant's e-mail is queued in this same transaction: it exists exactly when the
    // state change does (docs/mail.md).
    if (const auto notification = NotificationComposer::forAction(action)) {
        const MailAddress sender
            = m_mailSender ? *m_mailSender : NotificationComposer::configuredSender();
        auto queued = NotificationComposer::enqueue(m_database, transition.requestId, *notification,
                                                    transition.note, sender, m_options.officeZone,
                                                    m_options.clock);
        if (!queued)
            return errorOf(queued);
        if (queued->outboxId > 0)
            details.insert(QStringLiteral("outbox_id"), queued->outboxId);
        else
            details.insert(QStringLiteral("mail_skipped"), queued->skipped);
    }
    auto audit
        = AuditLog::append(db, actor, QStringLiteral("request.") + RequestStates::actionKey(action),
                           QStringLiteral("revocation_request"),
                           QString::number(transition.requestId), details, m_options.clock);
    if (!audit)
        return errorOf(audit);

    TransitionOutcome outcome;
    outcome.requestId = transition.requestId;
    outcome.agendaNumber = agenda;
    outcome.from = *state;
    outcome.to = *target;
    outcome.version = row.version + 1;
    outcome.auditSeq = *audit;
    return outcome;
}

} // namespace rd
