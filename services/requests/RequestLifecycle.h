#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"
#include "mail/MailMessage.h"
#include "requests/RequestEventRepository.h"
#include "requests/RevocationRequestRepository.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QTimeZone>

namespace rd {

struct TransitionRequest
{
    qint64 requestId = 0;
    RequestAction action = RequestAction::Submit;
    std::optional<int> expectedVersion; // what the person saw; a newer row is a conflict
    QString note; // reason for reject/cancel/completion/failure
    QString amsReference;
};

struct TransitionOutcome
{
    qint64 requestId = 0;
    QString agendaNumber;
    RequestState from = RequestState::Draft;
    RequestState to = RequestState::Draft;
    int version = 0;
    qint64 auditSeq = 0;
};

struct RequestLifecycleOptions
{
    QTimeZone officeZone;
    // Revocation needs a supervisor's approval first. Unset: the office's setting
    // (OfficeSettings::dualControl), read from the database at each step, so that every
    // workstation obeys the one rule in force.
    std::optional<bool> dualControl;
    Clock clock = Clock(); // stamps the row, its event, its audit entry and its e-mail
};

// The only way a revocation request changes state. Each change is one transaction holding the
// row update, its SOP step event and its audit entry: all three or none.
class RequestLifecycle
{
    Q_DECLARE_TR_FUNCTIONS(RequestLifecycle)

public:
    using Options = RequestLifecycleOptions;

    explicit RequestLifecycle(DatabasePtr database, Options options = Options());

    Result<TransitionOutcome> createDraft(const Actor &actor, const NewRevocationRequest &request);
    // createDraft() inside the caller's AuditLog::inTransaction; gives the new request's id.
    Result<qint64> createDraftInTransaction(const Actor &actor, const NewRevocationRequest &request,
                                            const QJsonObject &auditDetails = {});
    // Draft and submit in one transaction: what the kiosk's last page and the CLI do.
    Result<TransitionOutcome> file(const Actor &actor, const NewRevocationRequest &request);
    // file() inside the caller's AuditLog::inTransaction, so that the caller's own writes
    // commit or roll back with the request; auditDetails go into the request.create entry.
    Result<TransitionOutcome> fileInTransaction(const Actor &actor,
                                                const NewRevocationRequest &request,
                                                const QJsonObject &auditDetails = {});
    Result<TransitionOutcome> apply(const Actor &actor, const TransitionRequest &transition);
    // apply() inside the caller's AuditLog::inTransaction, so that what the step records beside
    // the state change (a checklist, a DN report, a proof) commits or rolls back with it.
    Result<TransitionOutcome> applyInTransaction(const Actor &actor,
                                                 const TransitionRequest &transition);

    // Whether revocation needs a supervisor's approval now: the option, else the office's.
    Result<bool> dualControlInForce() const;

    // The From of the applicant's e-mails; without it, mail/senderAddress of the settings.
    void setMailSender(const MailAddress &sender) { m_mailSender = sender; }

private:
    Result<qint64> insertDraft(const Actor &actor, const NewRevocationRequest &request,
                               const QJsonObject &auditDetails = {});
    Result<void> validate(const NewRevocationRequest &request) const;
    Result<void> requireEvidence(qint64 requestId, RequestAction action, const QString &name) const;

    DatabasePtr m_database;
    RevocationRequestRepository m_requests;
    RequestEventRepository m_events;
    Options m_options;
    std::optional<MailAddress> m_mailSender;
};

} // namespace rd
