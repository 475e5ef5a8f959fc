#include "requests/RequestLifecycle.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "requests/AgendaNumberAllocator.h"
#include "requests/NotificationComposer.h"

#include <QJsonObject>
#include <QRegularExpression>

namespace rd {

namespace {

const QStringList s_channels = {QStringLiteral("kiosk"), QStringLiteral("workbench"),
                                QStringLiteral("risk_monitor"), QStringLiteral("cli")};

bool isStaff(const Actor &actor)
{
    return actor.kind() != Actor::Kind::Kiosk;
}

bool isSupervisor(const Actor &actor)
{
    return actor.role() == Actor::Role::Supervisor || actor.role() == Actor::Role::Administrator;
}

struct CurrentRow
{
    RequestState state = RequestState::Draft;
    int version = 0;
    QString agendaNumber;
    QString enteredStateAt;
    qint64 assignedOperatorId = 0;
    QString assignedOperator;
};

} // namespace

RequestLifecycle::RequestLifecycle(DatabasePtr database, Options options)
    : m_database(std::move(database))
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
        static const QRegularExpression nip(QStringLiteral("^[0-9]{18}$"));
        if (!nip.match(request.officialNip).hasMatch())
            return fail(ErrorCode::InvalidInput, tr("The official's NIP must have 18 digits."));
    } else if (request.reason == RevocationReason::Deceased) {
        return fail(ErrorCode::InvalidInput,
                    tr("A deceased holder cannot file: the superior files on their behalf."));
    }
    if (request.reason == RevocationReason::Other && request.reasonText.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Explain the reason when it is \"Other\"."));

    auto holder = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM holders WHERE id = ?"),
                                     {request.holderId});
    if (!holder)
        return errorOf(holder);
    if (holder->toInt() == 0)
        return fail(ErrorCode::NotFound,
                    tr("There is no holder with id %1.").arg(request.holderId));
    if (request.certificateId) {
        auto owner = m_database->execute(
            QStringLiteral("SELECT holder_id, status FROM certificates WHERE id = ?"),
            {*request.certificateId});
        if (!owner)
            return errorOf(owner);
        if (!owner->next())
            return fail(ErrorCode::NotFound,
                        tr("There is no certificate with id %1.").arg(*request.certificateId));
        if (owner->value(0).toLongLong() != request.holderId)
            return fail(ErrorCode::InvalidInput,
                        tr("That certificate does not belong to this holder."));
    }
    return {};
}

Result<qint64> RequestLifecycle::insertDraft(const Actor &actor,
                                             const NewRevocationRequest &request)
{
    if (auto ok = validate(request); !ok)
        return errorOf(ok);
    const QString now = Clock::toIsoUtc(Clock::currentUtc());
    const bool official = request.filedBy == NewRevocationRequest::FiledBy::Official;
    auto id = m_database->scalar(
        QStringLiteral(
            "INSERT INTO revocation_requests (holder_id, certificate_id, reason, reason_text, "
            "effective_date, filed_by_kind, filed_by_name, filed_by_nip, filed_by_position, "
            "channel, applicant_email, applicant_language, state, filed_at, updated_at, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, 1) RETURNING id"),
        {request.holderId,
         request.certificateId ? QVariant(*request.certificateId)
                               : QVariant(QMetaType::fromType<qlonglong>()),
         RevocationReasons::key(request.reason),
         Database::nullIfEmpty(request.reasonText.trimmed()),
         request.effectiveDate.isValid() ? QVariant(request.effectiveDate.toString(Qt::ISODate))
                                         : QVariant(QMetaType::fromType<QString>()),
         official ? QStringLiteral("official") : QStringLiteral("holder"),
         Database::nullIfEmpty(official ? request.officialName.trimmed() : QString()),
         Database::nullIfEmpty(official ? request.officialNip : QString()),
         Database::nullIfEmpty(official ? request.officialPosition.trimmed() : QString()),
         request.channel, Database::nullIfEmpty(request.applicantEmail.trimmed()),
         request.applicantLanguage, now, now});
    if (!id)
        return errorOf(id);
    const qint64 requestId = id->toLongLong();
    auto event = m_database->execute(
        QStringLiteral("INSERT INTO request_events (request_id, step, action, from_state, "
                       "to_state, actor, started_at, finished_at, outcome, note) "
                       "VALUES (?, 1, 'create', NULL, 'draft', ?, ?, ?, 'draft', NULL)"),
        {requestId, actor.toString(), now, now});
    if (!event)
        return errorOf(event);
    QJsonObject details {{QStringLiteral("to"), QStringLiteral("draft")},
                         {QStringLiteral("holder_id"), request.holderId},
                         {QStringLiteral("reason"), RevocationReasons::key(request.reason)},
                         {QStringLiteral("channel"), request.channel}};
    auto audit = AuditLog::append(*m_database, actor, QStringLiteral("request.create"),
                                  QStringLiteral("revocation_request"), QString::number(requestId),
                                  details);
    if (!audit)
        return errorOf(audit);
    return requestId;
}

Result<TransitionOutcome> RequestLifecycle::createDraft(const Actor &actor,
                                                        const NewRevocationRequest &request)
{
    Transaction transaction(*m_database);
    if (auto ok = transaction.begin(); !ok)
        return errorOf(ok);
    if (auto ok = AuditLog::lockChain(*m_database); !ok)
        return errorOf(ok);
    auto id = insertDraft(actor, request);
    if (!id)
        return errorOf(id);
    if (auto ok = transaction.commit(); !ok)
        return errorOf(ok);
    TransitionOutcome outcome;
    outcome.requestId = *id;
    outcome.to = RequestState::Draft;
    outcome.version = 1;
    return outcome;
}

Result<TransitionOutcome> RequestLifecycle::file(const Actor &actor,
                                                 const NewRevocationRequest &request)
{
    Transaction transaction(*m_database);
    if (auto ok = transaction.begin(); !ok)
        return errorOf(ok);
    if (auto ok = AuditLog::lockChain(*m_database); !ok)
        return errorOf(ok);
    auto id = insertDraft(actor, request);
    if (!id)
        return errorOf(id);
    auto submitted
        = applyInTransaction(actor, TransitionRequest {*id, RequestAction::Submit, 1, {}, {}});
    if (!submitted)
        return errorOf(submitted);
    if (auto ok = transaction.commit(); !ok)
        return errorOf(ok);
    return submitted;
}

Result<TransitionOutcome> RequestLifecycle::apply(const Actor &actor,
                                                  const TransitionRequest &transition)
{
    Transaction transaction(*m_database);
    if (auto ok = transaction.begin(); !ok)
        return errorOf(ok);
    if (auto ok = AuditLog::lockChain(*m_database); !ok)
        return errorOf(ok);
    auto outcome = applyInTransaction(actor, transition);
    if (!outcome)
        return outcome;
    if (auto ok = transaction.commit(); !ok)
        return errorOf(ok);
    return outcome;
}

Result<TransitionOutcome> RequestLifecycle::applyInTransaction(const Actor &actor,
                                                               const TransitionRequest &transition)
{
    const Database &db = *m_database;
    auto query = db.execute(
        QStringLiteral("SELECT r.state, r.version, r.agenda_number, r.updated_at, "
                       "r.assigned_operator_id, u.username FROM revocation_requests r "
                       "LEFT JOIN users u ON u.id = r.assigned_operator_id WHERE r.id = ?"),
        {transition.requestId});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound,
                    tr("There is no revocation request with id %1.").arg(transition.requestId));
    CurrentRow row;
    const auto state = RequestStates::fromKey(query->value(0).toString());
    if (!state)
        return fail(ErrorCode::DatabaseError,
                    tr("Request %1 has an unknown state %2.")
                        .arg(transition.requestId)
                        .arg(query->value(0).toString()));
    row.state = *state;
    row.version = query->value(1).toInt();
    row.agendaNumber = query->value(2).toString();
    row.enteredStateAt = query->value(3).toString();
    row.assignedOperatorId = query->value(4).toLongLong();
    row.assignedOperator = query->value(5).toString();
    query->finish();

    const QString name = row.agendaNumber.isEmpty()
        ? QStringLiteral("#%1").arg(transition.requestId)
        : row.agendaNumber;
    const RequestAction action = transition.action;

    if (transition.expectedVersion && *transition.expectedVersion != row.version) {
        return fail(ErrorCode::Conflict,
                    tr("Request %1 was changed on another workstation; reload it and try again.")
                        .arg(name));
    }
    const auto target = RequestStates::target(row.state, action);
    if (!target) {
        if (action == RequestAction::Claim && row.state == RequestState::InVerification) {
            return fail(ErrorCode::Conflict,
                        tr("Request %1 is already being verified by %2.")
                            .arg(name,
                                 row.assignedOperator.isEmpty() ? tr("another operator")
                                                                : row.assignedOperator));
        }
        return fail(ErrorCode::InvalidTransition,
                    tr("A request that is \"%1\" cannot take the step \"%2\".")
                        .arg(RequestStates::label(row.state), RequestStates::actionLabel(action)));
    }

    // Who may do what: the kiosk only files; operators work the claimed request; revocation
    // under dual control needs a second person with a supervisor's role.
    if (!isStaff(actor) && action != RequestAction::Submit && action != RequestAction::Resubmit)
        return fail(ErrorCode::PermissionDenied, tr("Only staff can do this at a workstation."));
    if (actor.kind() == Actor::Kind::User && actor.role() == Actor::Role::None)
        return fail(ErrorCode::PermissionDenied, tr("This account has no role."));
    const bool operatorStep = action == RequestAction::RequestCompletion
        || action == RequestAction::Verify || action == RequestAction::MatchCertificate;
    if (operatorStep && actor.kind() == Actor::Kind::User && row.assignedOperatorId > 0
        && row.assignedOperatorId != actor.userId() && !isSupervisor(actor)) {
        return fail(ErrorCode::PermissionDenied,
                    tr("Request %1 was claimed by %2.").arg(name, row.assignedOperator));
    }
    const bool revocation
        = action == RequestAction::Revoke || action == RequestAction::RecordPendingProof;
    if (revocation && m_options.dualControl && row.state == RequestState::CertificateMatched) {
        return fail(ErrorCode::PermissionDenied,
                    tr("Dual control is on: a supervisor must approve request %1 before it is "
                       "revoked.")
                        .arg(name));
    }
    if (revocation && row.state == RequestState::AwaitingApproval) {
        if (!isSupervisor(actor))
            return fail(ErrorCode::PermissionDenied,
                        tr("Only a supervisor can approve a revocation."));
        auto requester
            = db.scalar(QStringLiteral("SELECT actor FROM request_events WHERE request_id = ? "
                                       "AND action = 'request_approval' ORDER BY id DESC LIMIT 1"),
                        {transition.requestId});
        if (requester && requester->toString() == actor.toString())
            return fail(ErrorCode::PermissionDenied,
                        tr("The person who asked for approval cannot also give it."));
    }
    if (RequestStates::needsReason(action) && transition.note.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput,
                    tr("Give a reason for \"%1\".").arg(RequestStates::actionLabel(action)));

    const QDateTime nowTime = Clock::currentUtc();
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

    auto updated = db.execute(
        QStringLiteral("UPDATE revocation_requests SET state = ?, version = version + 1, "
                       "updated_at = ?, agenda_number = ?, assigned_operator_id = ?, "
                       "closing_reason = COALESCE(?, closing_reason), "
                       "ams_reference = COALESCE(?, ams_reference) "
                       "WHERE id = ? AND version = ? AND state = ?"),
        {RequestStates::key(*target), now, Database::nullIfEmpty(agenda),
         Database::nullIfNoId(assigned), Database::nullIfEmpty(closing), Database::nullIfEmpty(ams),
         transition.requestId, row.version, RequestStates::key(row.state)});
    if (!updated)
        return errorOf(updated);
    if (updated->numRowsAffected() != 1) {
        // Another workstation moved it between our read and our write.
        if (action == RequestAction::Claim)
            return fail(ErrorCode::Conflict,
                        tr("Request %1 was just claimed by another operator.").arg(name));
        return fail(ErrorCode::Conflict,
                    tr("Request %1 was changed on another workstation; reload it and try again.")
                        .arg(name));
    }

    // The step's work started when the request entered its current state; a claim starts it.
    const QString started
        = action == RequestAction::Claim || row.enteredStateAt.isEmpty() ? now : row.enteredStateAt;
    const int step = RequestStates::sopStep(row.state, action);
    auto event = db.execute(
        QStringLiteral("INSERT INTO request_events (request_id, step, action, from_state, "
                       "to_state, actor, started_at, finished_at, outcome, note) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {transition.requestId, step, RequestStates::actionKey(action),
         RequestStates::key(row.state), RequestStates::key(*target), actor.toString(), started, now,
         RequestStates::key(*target), Database::nullIfEmpty(transition.note.trimmed())});
    if (!event)
        return errorOf(event);

    QJsonObject details {{QStringLiteral("from"), RequestStates::key(row.state)},
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
        auto queued = NotificationComposer::enqueue(db, transition.requestId, *notification,
                                                    transition.note, sender, m_options.officeZone);
        if (!queued)
            return errorOf(queued);
        if (queued->outboxId > 0)
            details.insert(QStringLiteral("outbox_id"), queued->outboxId);
        else
            details.insert(QStringLiteral("mail_skipped"), queued->skipped);
    }
    auto audit = AuditLog::append(
        db, actor, QStringLiteral("request.") + RequestStates::actionKey(action),
        QStringLiteral("revocation_request"), QString::number(transition.requestId), details);
    if (!audit)
        return errorOf(audit);

    TransitionOutcome outcome;
    outcome.requestId = transition.requestId;
    outcome.agendaNumber = agenda;
    outcome.from = row.state;
    outcome.to = *target;
    outcome.version = row.version + 1;
    outcome.auditSeq = *audit;
    return outcome;
}

} // namespace rd
