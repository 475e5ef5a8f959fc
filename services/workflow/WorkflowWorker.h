#pragma once

#include "ams/AmsOperationRunner.h"
#include "mail/MailSettings.h"
#include "workflow/ProofSeeker.h"
#include "workflow/RevocationStep.h"

#include <QObject>
#include <QStringList>

#include <functional>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace rd {

// What one pass of the worker did, one line an action.
struct WorkerPass
{
    QStringList lines;
    int errors = 0;
};

// The background worker: drains the AMS queue, records AMS's answers on the requests, seeks the
// proofs of revocations AMS confirmed (with back-off), and sends the outbox. Each of the three
// jobs runs under its own JobLock, so two workers on one database never do the same job at once
// and every workstation may run one. Used by `revocation-desk-cli worker` and the workbench, on
// the event loop: nothing it does blocks for longer than one database statement, except the
// outbox, whose SMTP client blocks (a worker in a window runs it on a thread of its own).
class WorkflowWorker : public QObject
{
    Q_OBJECT

public:
    // gateway: the rest backend's AMS, or nullptr (portal backend: nothing is sent, the
    // operator's read-back is recorded by the workflow). mail: nullopt leaves the outbox alone.
    WorkflowWorker(DatabasePtr database, RequestLifecycle::Options options, AmsBackend backend,
                   AmsRevocationGateway *gateway, QNetworkAccessManager *network,
                   std::optional<MailSettings> mail, QObject *parent = nullptr);

    ProofSeeker &proofSeeker() { return m_seeker; }

    // One pass over every job; `done` gets what it did.
    void runOnce(Continuation<WorkerPass> done);
    // One request only, now: its due AMS calls, its answers, and its proof whatever the back-off
    // says (`requests revoke --wait`). The outbox is left to the worker.
    void runRequest(qint64 requestId, Continuation<WorkerPass> done);

signals:
    void acted(const QString &line);

private:
    void note(const std::shared_ptr<WorkerPass> &pass, const QString &line);
    void problem(const std::shared_ptr<WorkerPass> &pass, const QString &line);
    void runAmsQueue(std::shared_ptr<WorkerPass> pass, std::optional<qint64> only,
                     std::function<void()> next);
    void sendNext(std::shared_ptr<WorkerPass> pass, std::shared_ptr<std::vector<qint64>> due,
                  std::size_t index, std::function<void()> next);
    void runProofs(std::shared_ptr<WorkerPass> pass, std::optional<qint64> only,
                   std::function<void()> next);
    void seekNext(std::shared_ptr<WorkerPass> pass, std::shared_ptr<std::vector<qint64>> due,
                  std::size_t index, std::function<void()> next);
    void runOutbox(const std::shared_ptr<WorkerPass> &pass);
    void recordAnswers(const std::shared_ptr<WorkerPass> &pass);

    DatabasePtr m_database;
    RequestLifecycle::Options m_options;
    Actor m_actor;
    RevocationStep m_step;
    AmsRevocationGateway *m_gateway = nullptr;
    std::unique_ptr<AmsOperationRunner> m_runner;
    ProofSeeker m_seeker;
    std::optional<MailSettings> m_mail;
};

} // namespace rd
