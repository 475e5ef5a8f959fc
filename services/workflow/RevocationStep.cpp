#include "workflow/RevocationStep.h"

#include "audit/AuditLog.h"
#include "register/CertificateRepository.h"
#include "requests/RevocationReason.h"
#include "requests/RevocationRequestRepository.h"
#include "workflow/AttachmentStore.h"
#include "workflow/VerificationResultRepository.h"

#include <QJsonDocument>

namespace rd {

namespace {

QJsonObject objectFrom(const QString &text)
{
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString amsRequestId(const QJsonObject &payload)
{
    return payload.value(QStringLiteral("ams_request_id")).toString();
}

} // namespace

RevocationStep::RevocationStep(DatabasePtr database, RequestLifecycle::Options options,
                               AmsBackend backend)
    : m_database(database)
    , m_options(options)
    , m_lifecycle(database, options)
    , m_backend(backend)
{ }

Result<TransitionOutcome> RevocationStep::revoke(const Actor &actor, qint64 requestId,
                                                 std::optional<int> expectedVersion)
{
    auto request = RevocationRequestRepository(m_database).findById(requestId);
    if (!request)
        return errorOf(request);
    switch (request->state) {
    case RequestState::CertificateMatched: {
        auto dualControl = m_lifecycle.dualControlInForce();
        if (!dualControl)
            return errorOf(dualControl);
        if (*dualControl)
            return move(actor, requestId, RequestAction::RequestApproval, expectedVersion);
        return queueRevocation(actor, requestId, RequestAction::Revoke, expectedVersion);
    }
    case RequestState::RevocationFailed:
        return queueRevocation(actor, requestId, RequestAction::RetryRevocation, expectedVersion);
    default:
        // Awaiting approval (a supervisor approving), or a state that cannot take the step:
        // the lifecycle says which.
        return queueRevocation(actor, requestId, RequestAction::Revoke, expectedVersion);
    }
}

Result<TransitionOutcome> RevocationStep::approve(const Actor &actor, qint64 requestId,
                                                  std::optional<int> expectedVersion)
{
    auto request = RevocationRequestRepository(m_database).findById(requestId);
    if (!request)
        return errorOf(request);
    if (request->state != RequestState::AwaitingApproval)
        return fail(ErrorCode::InvalidTransition,
                    tr("Request %1 is \"%2\", not awaiting a supervisor's approval.")
                        .arg(request->agendaNumber, RequestStates::label(request->state)));
    return queueRevocation(actor, requestId, RequestAction::Revoke, expectedVersion);
}

Result<QJsonObject> RevocationStep::filingPayload(qint64 requestId) const
{
    auto request = RevocationRequestRepository(m_database).findById(requestId);
    if (!request)
        return errorOf(request);
    QJsonObject payload {
        {QStringLiteral("nik"), request->holderNik},
        {QStringLiteral("serial"), request->certificateSerial},
        {QStringLiteral("reason_code"), RevocationReasons::crlReasonCode(request->reason)},
        {QStringLiteral("reason_text"),
         request->reasonText.isEmpty() ? RevocationReasons::labelIndonesian(request->reason)
                                       : request->reasonText},
        {QStringLiteral("agenda_number"), request->agendaNumber},
    };
    AttachmentStore store(m_database);
    auto attachments = store.list(requestId);
    if (!attachments)
        return errorOf(attachments);
    for (const Attachment &attachment : *attachments) {
        // AMS takes the statement letter as a PDF (docs/ams-api.md).
        if (attachment.kind != AttachmentKind::StatementLetter
            || attachment.mediaType != QLatin1String("application/pdf"))
            continue;
        auto content = store.content(requestId, attachment.id);
        if (!content)
            return errorOf(content);
        payload.insert(QStringLiteral("letter_file_name"), attachment.fileName);
        payload.insert(QStringLiteral("letter_base64"), QString::fromLatin1(content->toBase64()));
        break;
    }
    return payload;
}

Result<void> RevocationStep::queueFilingInTransaction(const Actor &actor, qint64 requestId)
{
    if (m_backend != AmsBackend::Rest)
        return {};
    auto payload = filingPayload(requestId);
    if (!payload)
        return errorOf(payload);
    auto queued = AmsOperationQueue(m_database, actor, m_options.clock)
                      .enqueueInTransaction(requestId, QStringLiteral("file_request"), *payload);
    if (!queued)
        return errorOf(queued);
    return {};
}

Result<TransitionOutcome> RevocationStep::queueRevocation(const Actor &actor, qint64 requestId,
                                                          RequestAction action,
                                                          std::optional<int> expectedVersion)
{
    return AuditLog::inTransaction(*m_database, [&]() -> Result<TransitionOutcome> {
        auto request = RevocationRequestRepository(m_database).findById(requestId);
        if (!request)
            return errorOf(request);
        AmsOperationQueue queue(m_database, actor, m_options.clock);
        QJsonObject payload {
            {QStringLiteral("serial"), request->certificateSerial},
            {QStringLiteral("nik"), request->holderNik},
            {QStringLiteral("reason_code"), RevocationReasons::crlReasonCode(request->reason)},
            {QStringLiteral("agenda_number"), request->agendaNumber},
        };
        if (!request->amsReference.isEmpty())
            payload.insert(QStringLiteral("ams_request_id"), request->amsReference);
        QString operation = QStringLiteral("portal_revoke");
        if (m_backend == AmsBackend::Rest) {
            operation = QStringLiteral("revoke");
            // A request AMS does not know yet (filed by an official on the holder's behalf, or
            // its filing refused): filed first; the worker gives the revoke its reference.
            if (request->amsReference.isEmpty()) {
                if (auto filed = queueFilingInTransaction(actor, requestId); !filed)
                    return errorOf(filed);
            }
        }
        if (auto queued = queue.enqueueInTransaction(requestId, operation, payload); !queued)
            return errorOf(queued);
        TransitionRequest transition;
        transition.requestId = requestId;
        transition.action = action;
        transition.expectedVersion = expectedVersion;
        return m_lifecycle.applyInTransaction(actor, transition);
    });
}

Result<TransitionOutcome> RevocationStep::move(const Actor &actor, qint64 requestId,
                                               RequestAction action,
                                               std::optional<int> expectedVersion,
                                               const QString &note, const QString &amsReference)
{
    TransitionRequest transition;
    transition.requestId = requestId;
    transition.action = action;
    transition.expectedVersion = expectedVersion;
    transition.note = note;
    transition.amsReference = amsReference;
    return AuditLog::inTransaction(*m_database, [&]() -> Result<TransitionOutcome> {
        auto moved = m_lifecycle.applyInTransaction(actor, transition);
        if (!moved)
            return moved;
        if (moved->to == RequestState::RevocationPendingProof) {
            // The proof is looked for at once, then with back-off (recordProofMiss).
            const QString now = Clock::toIsoUtc(m_options.clock.now());
            auto scheduled = m_database->execute(
                QStringLiteral("INSERT INTO proof_checks (request_id, attempts, next_check_at) "
                               "VALUES (?, 0, ?) ON CONFLICT (request_id) DO UPDATE SET "
                               "next_check_at = excluded.next_check_at"),
                {requestId, now});
            if (!scheduled)
                return errorOf(scheduled);
        }
        return moved;
    });
}

Result<TransitionOutcome> RevocationStep::recordPortalRevocation(const Actor &actor,
                                                                 qint64 requestId,
                                                                 const QString &amsReference)
{
    const QString reference = amsReference.trimmed();
    if (reference.isEmpty() || reference.size() > 100)
        return fail(ErrorCode::InvalidInput,
                    tr("Give AMS's reference for the revocation as AMS shows it (at most 100 "
                       "characters)."));
    if (actor.role() == Actor::Role::None)
        return fail(ErrorCode::PermissionDenied,
                    tr("Only a logged-in operator, supervisor or administrator can do this."));
    // Only a request waiting for AMS takes AMS's answer: a call marked done for any other would
    // stay done, and its retry could never be queued again.
    auto request = RevocationRequestRepository(m_database).findById(requestId);
    if (!request)
        return errorOf(request);
    if (request->state != RequestState::RevocationQueued)
        return fail(ErrorCode::InvalidTransition,
                    tr("Request %1 is \"%2\", not waiting for AMS's answer.")
                        .arg(request->agendaNumber, RequestStates::label(request->state)));
    AmsOperationQueue queue(m_database, actor, m_options.clock);
    auto operations = queue.all(requestId);
    if (!operations)
        return errorOf(operations);
    const AmsOperation *open = nullptr;
    for (const AmsOperation &operation : *operations) {
        if (operation.operation == QLatin1String("portal_revoke")
            && operation.state == AmsOperation::State::Pending)
            open = &operation;
    }
    if (!open)
        return fail(ErrorCode::InvalidTransition,
                    tr("Request %1 has no revocation waiting for AMS's pages: revoke it first.")
                        .arg(requestId));
    // Done first: were the move to fail, the worker makes it from the done call.
    if (auto done
        = queue.markDone(open->id,
                         QJsonObject {{QStringLiteral("ams_request_id"), reference},
                                      {QStringLiteral("status"), QStringLiteral("revoked")},
                                      {QStringLiteral("read_back_by"), actor.toString()}});
        !done)
        return errorOf(done);
    return move(actor, requestId, RequestAction::RecordPendingProof, std::nullopt, {}, reference);
}

Result<AmsAnswersRecorded> RevocationStep::recordAmsAnswers(const Actor &worker)
{
    AmsAnswersRecorded recorded;
    const QString now = Clock::toIsoUtc(m_options.clock.now());

    // Filings AMS answered: their reference on the request.
    auto filings = m_database->execute(QStringLiteral(
        "SELECT o.request_id, o.response, r.agenda_number FROM ams_operations o JOIN "
        "revocation_requests r ON "
        "r.id = o.request_id WHERE o.operation = 'file_request' AND o.state = 'done' AND "
        "(r.ams_reference IS NULL OR r.ams_reference = '') ORDER BY o.id"));
    if (!filings)
        return errorOf(filings);
    struct Filed
    {
        qint64 requestId;
        QString reference;
        QString agendaNumber;
    };
    std::vector<Filed> references;
    while (filings->next())
        references.push_back({filings->value(0).toLongLong(),
                              amsRequestId(objectFrom(filings->value(1).toString())),
                              filings->value(2).toString()});
    filings->finish();
    for (const auto &[requestId, reference, agendaNumber] : references) {
        if (reference.isEmpty())
            continue;
        auto stored = AuditLog::inTransaction(*m_database, [&]() -> Result<void> {
            auto updated = m_database->execute(
                QStringLiteral("UPDATE revocation_requests SET ams_reference = ?, updated_at = ?, "
                               "version = version + 1 WHERE id = ? AND (ams_reference IS NULL OR "
                               "ams_reference = '')"),
                {reference, now, requestId});
            if (!updated)
                return errorOf(updated);
            auto audit = AuditLog::append(
                *m_database, worker, QStringLiteral("request.ams_filed"),
                QStringLiteral("revocation_request"), QString::number(requestId),
                QJsonObject {{QStringLiteral("ams_reference"), reference}}, m_options.clock);
            if (!audit)
                return errorOf(audit);
            return {};
        });
        if (!stored)
            return errorOf(stored);
        ++recorded.filed;
        recorded.lines << tr("%1: filed in AMS as %2").arg(agendaNumber, reference);
    }

    // Revokes queued before AMS knew the request: now they can name it.
    auto waiting = m_database->execute(QStringLiteral(
        "SELECT o.id, o.payload, r.ams_reference FROM ams_operations o JOIN revocation_requests r "
        "ON r.id = o.request_id WHERE o.operation = 'revoke' AND o.state = 'pending' AND "
        "r.ams_reference IS NOT NULL AND r.ams_reference <> '' ORDER BY o.id"));
    if (!waiting)
        return errorOf(waiting);
    std::vector<std::pair<qint64, QJsonObject>> completions;
    while (waiting->next()) {
        QJsonObject payload = objectFrom(waiting->value(1).toString());
        if (!amsRequestId(payload).isEmpty())
            continue;
        payload.insert(QStringLiteral("ams_request_id"), waiting->value(2).toString());
        completions.emplace_back(waiting->value(0).toLongLong(), payload);
    }
    waiting->finish();
    AmsOperationQueue queue(m_database, worker, m_options.clock);
    for (const auto &[operationId, payload] : completions) {
        if (auto completed = queue.completePayload(operationId, payload); !completed)
            return errorOf(completed);
    }

    // Revocations AMS answered, for requests still waiting for the answer.
    auto answered = m_database->execute(QStringLiteral(
        "SELECT o.request_id, o.operation, o.state, o.response, o.last_error FROM ams_operations o "
        "JOIN revocation_requests r ON r.id = o.request_id WHERE r.state = 'revocation_queued' AND "
        "((o.operation IN ('revoke', 'portal_revoke') AND o.state IN ('done', 'failed')) OR "
        "(o.operation = 'file_request' AND o.state = 'failed')) ORDER BY o.id"));
    if (!answered)
        return errorOf(answered);
    struct Answer
    {
        qint64 requestId;
        QString operation;
        QString state;
        QJsonObject response;
        QString error;
    };
    std::vector<Answer> answers;
    while (answered->next())
        answers.push_back({answered->value(0).toLongLong(), answered->value(1).toString(),
                           answered->value(2).toString(), objectFrom(answered->value(3).toString()),
                           answered->value(4).toString()});
    answered->finish();
    QSet<qint64> moved;
    for (const Answer &answer : answers) {
        if (moved.contains(answer.requestId))
            continue;
        Result<TransitionOutcome> outcome;
        if (answer.state == QLatin1String("done")) {
            const QString reference = amsRequestId(answer.response);
            outcome = move(worker, answer.requestId, RequestAction::RecordPendingProof,
                           std::nullopt, {}, reference);
            if (outcome) {
                ++recorded.confirmed;
                recorded.lines << tr("%1: AMS revoked it (%2); proof sought next")
                                      .arg(outcome->agendaNumber, reference);
            }
        } else {
            const QString note = answer.operation == QLatin1String("file_request")
                ? tr("AMS refused the filing: %1").arg(answer.error)
                : tr("AMS refused the revocation: %1").arg(answer.error);
            outcome
                = move(worker, answer.requestId, RequestAction::FailRevocation, std::nullopt, note);
            if (outcome) {
                ++recorded.failed;
                recorded.lines << tr("%1: %2").arg(outcome->agendaNumber, note);
            }
        }
        if (!outcome && outcome.error().code != ErrorCode::Conflict)
            return errorOf(outcome);
        moved.insert(answer.requestId);
    }
    return recorded;
}

Result<std::vector<qint64>> RevocationStep::proofsDue(const QDateTime &now) const
{
    auto query = m_database->execute(
        QStringLiteral("SELECT p.request_id FROM proof_checks p JOIN revocation_requests r ON "
                       "r.id = p.request_id WHERE r.state = 'revocation_pending_proof' AND "
                       "p.next_check_at <= ? ORDER BY p.next_check_at, p.request_id"),
        {Clock::toIsoUtc(now)});
    if (!query)
        return errorOf(query);
    std::vector<qint64> due;
    while (query->next())
        due.push_back(query->value(0).toLongLong());
    return due;
}

Result<std::vector<qint64>> RevocationStep::proofPending(qint64 requestId) const
{
    auto count = m_database->scalar(
        QStringLiteral("SELECT COUNT(*) FROM proof_checks p JOIN revocation_requests r ON "
                       "r.id = p.request_id WHERE r.state = 'revocation_pending_proof' AND "
                       "p.request_id = ?"),
        {requestId});
    if (!count)
        return errorOf(count);
    return count->toLongLong() > 0 ? std::vector<qint64> {requestId} : std::vector<qint64> {};
}

Result<TransitionOutcome> RevocationStep::recordProof(const Actor &worker, qint64 requestId,
                                                      const RevocationProof &proof)
{
    return AuditLog::inTransaction(*m_database, [&]() -> Result<TransitionOutcome> {
        auto request = RevocationRequestRepository(m_database).findById(requestId);
        if (!request)
            return errorOf(request);
        if (proof.serialHex.compare(request->certificateSerial, Qt::CaseInsensitive) != 0)
            return fail(
                ErrorCode::InvalidInput,
                tr("The proof is about certificate %1, not %2 of request %3.")
                    .arg(proof.serialHex, request->certificateSerial, request->agendaNumber));
        const QDateTime now = m_options.clock.now();
        auto stored
            = VerificationResultRepository(m_database)
                  .insert(requestId, QStringLiteral("revocation_proof"), QStringLiteral("revoked"),
                          proof.toJson(), worker.toString(), now);
        if (!stored)
            return errorOf(stored);
        TransitionRequest transition;
        transition.requestId = requestId;
        transition.action = RequestAction::ConfirmRevocation;
        transition.note = proof.summary().section(QLatin1Char('\n'), 0, 0);
        auto moved = m_lifecycle.applyInTransaction(worker, transition);
        if (!moved)
            return moved;
        auto timed = m_database->execute(
            QStringLiteral("UPDATE revocation_requests SET revoked_at = ? WHERE id = ?"),
            {Database::nullIfEmpty(Clock::toIsoUtc(proof.revokedAt)), requestId});
        if (!timed)
            return errorOf(timed);
        auto cleared = m_database->execute(
            QStringLiteral("DELETE FROM proof_checks WHERE request_id = ?"), {requestId});
        if (!cleared)
            return errorOf(cleared);
        if (request->certificateId) {
            auto registered
                = CertificateRepository(m_database, m_options.clock)
                      .updateStatus(worker, *request->certificateId, QStringLiteral("revoked"),
                                    proof.revokedAt,
                                    proof.reasonCode >= 0 ? std::optional<int>(proof.reasonCode)
                                                          : std::optional<int>(0));
            if (!registered)
                return errorOf(registered);
        }
        return moved;
    });
}

QDateTime RevocationStep::nextProofCheck(const QDateTime &now, int misses)
{
    const qint64 maximum = 6 * 3600;
    qint64 seconds = 60;
    for (int i = 1; i < misses && seconds < maximum; ++i)
        seconds *= 2;
    return now.addSecs(std::min(seconds, maximum));
}

Result<QDateTime> RevocationStep::recordProofMiss(qint64 requestId, const QString &outcome)
{
    return m_database->inTransaction([&]() -> Result<QDateTime> {
        auto attempts = m_database->scalar(
            QStringLiteral("SELECT attempts FROM proof_checks WHERE request_id = ?"), {requestId});
        if (!attempts)
            return errorOf(attempts);
        const int misses = attempts->toInt() + 1;
        const QDateTime now = m_options.clock.now();
        const QDateTime next = nextProofCheck(now, misses);
        auto updated = m_database->execute(
            QStringLiteral("UPDATE proof_checks SET attempts = ?, last_checked_at = ?, "
                           "last_outcome = ?, next_check_at = ? WHERE request_id = ?"),
            {misses, Clock::toIsoUtc(now), outcome.left(2000), Clock::toIsoUtc(next), requestId});
        if (!updated)
            return errorOf(updated);
        return next;
    });
}

Result<TransitionOutcome> RevocationStep::notify(const Actor &actor, qint64 requestId,
                                                 std::optional<int> expectedVersion)
{
    return move(actor, requestId, RequestAction::Notify, expectedVersion);
}

Result<TransitionOutcome> RevocationStep::close(const Actor &actor, qint64 requestId,
                                                std::optional<int> expectedVersion)
{
    return move(actor, requestId, RequestAction::Close, expectedVersion);
}

} // namespace rd
