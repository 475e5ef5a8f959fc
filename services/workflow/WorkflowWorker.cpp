#include "workflow/WorkflowWorker.h"

#include "database/JobLock.h"
#include "mail/OutboxWorker.h"
#include "requests/RevocationRequestRepository.h"
#include "workflow/RevocationWorkflow.h"

namespace rd {

namespace {

// Fixed keys of the PostgreSQL advisory locks, one per job (the outbox has its own).
constexpr qint64 AmsQueueLockKey = 4242006;
constexpr qint64 ProofLockKey = 4242007;

} // namespace

WorkflowWorker::WorkflowWorker(DatabasePtr database, RequestLifecycle::Options options,
                               AmsBackend backend, AmsRevocationGateway *gateway,
                               QNetworkAccessManager *network, std::optional<MailSettings> mail,
                               QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_options(options)
    , m_actor(Actor::worker())
    , m_step(database, options, backend)
    , m_gateway(gateway)
    , m_seeker(network, this)
    , m_mail(std::move(mail))
{
    if (m_gateway)
        m_runner = std::make_unique<AmsOperationRunner>(database, *m_gateway, nullptr, m_actor);
}

void WorkflowWorker::note(const std::shared_ptr<WorkerPass> &pass, const QString &line)
{
    pass->lines << line;
    emit acted(line);
}

void WorkflowWorker::problem(const std::shared_ptr<WorkerPass> &pass, const QString &line)
{
    ++pass->errors;
    note(pass, line);
}

void WorkflowWorker::runOnce(Continuation<WorkerPass> done)
{
    auto pass = std::make_shared<WorkerPass>();
    runAmsQueue(pass, std::nullopt, [this, pass, done] {
        runProofs(pass, std::nullopt, [this, pass, done] {
            runOutbox(pass);
            done(*pass);
        });
    });
}

void WorkflowWorker::runRequest(qint64 requestId, Continuation<WorkerPass> done)
{
    auto pass = std::make_shared<WorkerPass>();
    runAmsQueue(pass, requestId, [this, pass, requestId, done] {
        runProofs(pass, requestId, [pass, done] { done(*pass); });
    });
}

void WorkflowWorker::recordAnswers(const std::shared_ptr<WorkerPass> &pass)
{
    auto recorded = m_step.recordAmsAnswers(m_actor);
    if (!recorded)
        return problem(pass, tr("AMS answers: %1").arg(recorded.error().toString()));
    for (const QString &line : recorded->lines)
        note(pass, line);
}

void WorkflowWorker::runAmsQueue(std::shared_ptr<WorkerPass> pass, std::optional<qint64> only,
                                 std::function<void()> next)
{
    auto lock = JobLock::acquire(m_database, QStringLiteral("ams-queue"), AmsQueueLockKey,
                                 tr("Another worker is draining the AMS queue of this database."));
    if (!lock) {
        if (lock.error().code != ErrorCode::Conflict)
            problem(pass, tr("AMS queue: %1").arg(lock.error().toString()));
        else
            note(pass, lock.error().message);
        return next();
    }
    recordAnswers(pass);
    if (!m_runner) {
        lock->reset();
        return next();
    }
    auto due = AmsOperationQueue(m_database, m_actor, m_options.clock).due(m_options.clock.now());
    if (!due) {
        problem(pass, tr("AMS queue: %1").arg(due.error().toString()));
        lock->reset();
        return next();
    }
    auto ids = std::make_shared<std::vector<qint64>>();
    for (const AmsOperation &operation : *due) {
        if (only && operation.requestId != *only)
            continue;
        // A revoke waits for the filing that gives it AMS's reference.
        if (operation.operation == QLatin1String("revoke")
            && operation.payload.value(QStringLiteral("ams_request_id")).toString().isEmpty())
            continue;
        ids->push_back(operation.id);
    }
    std::shared_ptr<JobLock> held(std::move(*lock));
    sendNext(pass, ids, 0, [this, pass, held, only, next]() mutable {
        // Filings answered now give their revokes a reference: those go in this same pass.
        recordAnswers(pass);
        auto again
            = AmsOperationQueue(m_database, m_actor, m_options.clock).due(m_options.clock.now());
        auto more = std::make_shared<std::vector<qint64>>();
        if (again) {
            for (const AmsOperation &operation : *again) {
                if (only && operation.requestId != *only)
                    continue;
                if (operation.operation == QLatin1String("revoke")
                    && !operation.payload.value(QStringLiteral("ams_request_id"))
                            .toString()
                            .isEmpty()
                    && operation.attempts == 0)
                    more->push_back(operation.id);
            }
        }
        sendNext(pass, more, 0, [this, pass, held, next]() mutable {
            recordAnswers(pass);
            held.reset();
            next();
        });
    });
}

void WorkflowWorker::sendNext(std::shared_ptr<WorkerPass> pass,
                              std::shared_ptr<std::vector<qint64>> due, std::size_t index,
                              std::function<void()> next)
{
    if (index >= due->size())
        return next();
    const qint64 id = due->at(index);
    m_runner->send(
        id,
        {this, [this, pass, due, index, next, id](Result<AmsOperation> sent) {
             if (!sent) {
                 // Conflict: another runner holds it; nothing to say twice.
                 if (sent.error().code != ErrorCode::Conflict)
                     problem(pass, tr("AMS call %1: %2").arg(id).arg(sent.error().toString()));
             } else {
                 const AmsOperation &operation = *sent;
                 QString line = tr("AMS call %1 (%2, request %3): %4")
                                    .arg(operation.id)
                                    .arg(operation.operation)
                                    .arg(operation.requestId)
                                    .arg(AmsOperationQueue::stateKey(operation.state));
                 if (!operation.lastError.isEmpty() && operation.state != AmsOperation::State::Done)
                     line += QStringLiteral(" - ") + operation.lastError;
                 note(pass, line);
             }
             sendNext(pass, due, index + 1, next);
         }});
}

void WorkflowWorker::runProofs(std::shared_ptr<WorkerPass> pass, std::optional<qint64> only,
                               std::function<void()> next)
{
    auto lock = JobLock::acquire(m_database, QStringLiteral("proofs"), ProofLockKey,
                                 tr("Another worker is seeking the proofs of this database."));
    if (!lock) {
        if (lock.error().code != ErrorCode::Conflict)
            problem(pass, tr("Proofs: %1").arg(lock.error().toString()));
        else
            note(pass, lock.error().message);
        return next();
    }
    auto due = only ? m_step.proofPending(*only) : m_step.proofsDue(m_options.clock.now());
    if (!due) {
        problem(pass, tr("Proofs: %1").arg(due.error().toString()));
        return next();
    }
    std::shared_ptr<JobLock> held(std::move(*lock));
    seekNext(pass, std::make_shared<std::vector<qint64>>(std::move(*due)), 0,
             [held, next]() mutable {
                 held.reset();
                 next();
             });
}

void WorkflowWorker::seekNext(std::shared_ptr<WorkerPass> pass,
                              std::shared_ptr<std::vector<qint64>> due, std::size_t index,
                              std::function<void()> next)
{
    if (index >= due->size())
        return next();
    const qint64 requestId = due->at(index);
    auto request = RevocationRequestRepository(m_database).findById(requestId);
    const QString name = request ? request->agendaNumber : QString::number(requestId);
    auto certificate = RevocationWorkflow(m_database, m_options).registeredCertificate(requestId);
    if (!certificate) {
        // Looked for again later, with back-off, rather than at every pass.
        if (auto later = m_step.recordProofMiss(requestId, certificate.error().message); !later)
            problem(pass, tr("%1: %2").arg(name, later.error().toString()));
        problem(pass, tr("%1: no certificate to check: %2").arg(name, certificate.error().message));
        return seekNext(pass, due, index + 1, next);
    }
    m_seeker.seek(
        *certificate,
        {this, [this, pass, due, index, next, requestId, name](Result<ProofLookup> found) {
             if (found && found->proof) {
                 auto recorded = m_step.recordProof(m_actor, requestId, *found->proof);
                 if (recorded)
                     note(
                         pass,
                         tr("%1: revoked, proven by %2").arg(name, found->proof->source.toUpper()));
                 else
                     problem(pass,
                             tr("%1: the proof could not be stored: %2")
                                 .arg(name, recorded.error().toString()));
             } else {
                 const QString outcome = found ? found->outcome : found.error().message;
                 auto later = m_step.recordProofMiss(requestId, outcome);
                 note(pass,
                      later ? tr("%1: not yet shown as revoked (%2); again at %3")
                                  .arg(name, outcome, Clock::toIsoUtc(*later))
                            : tr("%1: %2").arg(name, later.error().toString()));
             }
             seekNext(pass, due, index + 1, next);
         }});
}

void WorkflowWorker::runOutbox(const std::shared_ptr<WorkerPass> &pass)
{
    if (!m_mail)
        return;
    OutboxWorker outbox(m_database, *m_mail, m_actor);
    auto run = outbox.flush();
    if (!run) {
        if (run.error().code == ErrorCode::Conflict)
            note(pass, run.error().message);
        else
            problem(pass, tr("Outbox: %1").arg(run.error().toString()));
        return;
    }
    if (run->sent > 0)
        note(pass, tr("Outbox: %n e-mail(s) sent", nullptr, run->sent));
    for (const QString &line : run->problems)
        problem(pass, tr("Outbox: %1").arg(line));
}

} // namespace rd
