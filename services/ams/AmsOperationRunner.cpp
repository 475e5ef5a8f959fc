#include "ams/AmsOperationRunner.h"

#include "core/Clock.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAmsQueue, "rd.ams.queue")

namespace rd {

namespace {

QJsonObject recordJson(const AmsRequestRecord &record)
{
    return QJsonObject {
        {QStringLiteral("ams_request_id"), record.id},
        {QStringLiteral("status"), record.status},
        {QStringLiteral("serial"), record.serialHex},
        {QStringLiteral("revoked_at"),
         record.revokedAt.isValid() ? Clock::toIsoUtc(record.revokedAt) : QString()}};
}

} // namespace

AmsOperationRunner::AmsOperationRunner(DatabasePtr database, AmsRevocationGateway &gateway,
                                       QObject *parent, const Actor &actor)
    : QObject(parent)
    , m_queue(std::move(database), actor)
    , m_gateway(gateway)
{ }

bool AmsOperationRunner::keptForRetry(const Error &error)
{
    return error.code == ErrorCode::Io || error.code == ErrorCode::Internal;
}

void AmsOperationRunner::deliver(const AmsOperation &operation, Continuation<QJsonObject> answered)
{
    const QJsonObject &p = operation.payload;
    const Continuation<AmsRequestRecord> asJson {this, [answered](Result<AmsRequestRecord> record) {
                                                     if (!record)
                                                         return answered(errorOf(record));
                                                     answered(recordJson(*record));
                                                 }};
    if (operation.operation == QLatin1String("file_request")) {
        AmsRevocationFiling filing;
        filing.nik = p.value(QStringLiteral("nik")).toString();
        filing.serialHex = p.value(QStringLiteral("serial")).toString();
        filing.reasonCode = p.value(QStringLiteral("reason_code")).toInt();
        filing.reasonText = p.value(QStringLiteral("reason_text")).toString();
        filing.letter.fileName = p.value(QStringLiteral("letter_file_name")).toString();
        filing.letter.content = QByteArray::fromBase64(
            p.value(QStringLiteral("letter_base64")).toString().toLatin1());
        return m_gateway.fileRevocationRequest(filing, operation.idempotencyKey, asJson);
    }
    if (operation.operation == QLatin1String("revoke")) {
        return m_gateway.revoke(p.value(QStringLiteral("ams_request_id")).toString(),
                                p.value(QStringLiteral("reason_code")).toInt(),
                                operation.idempotencyKey, asJson);
    }
    if (operation.operation == QLatin1String("reject")) {
        return m_gateway.reject(p.value(QStringLiteral("ams_request_id")).toString(),
                                p.value(QStringLiteral("reason")).toString(),
                                operation.idempotencyKey, asJson);
    }
    answered(fail(ErrorCode::InvalidInput,
                  tr("The AMS operation \"%1\" is done by a person in the AMS pages, not sent.")
                      .arg(operation.operation)));
}

void AmsOperationRunner::send(qint64 operationId, Continuation<AmsOperation> done)
{
    auto operation = m_queue.find(operationId);
    if (!operation)
        return done(errorOf(operation));
    if (operation->state == AmsOperation::State::Done
        || operation->state == AmsOperation::State::Failed)
        return done(*operation);
    // Marked before the send: a crash from here on leaves it "sending", which is sent again
    // once its lease has run out. Another runner holding it is a Conflict: not sent twice.
    auto lease = m_queue.markSending(operationId);
    if (!lease)
        return done(errorOf(lease));
    const int attempts = operation->attempts + 1;
    deliver(*operation,
            {this, [this, operationId, attempts, lease = *lease, done](Result<QJsonObject> answer) {
                 Result<void> stored;
                 if (answer) {
                     stored = m_queue.markDone(operationId, *answer, lease);
                 } else if (keptForRetry(answer.error())) {
                     qCInfo(lcAmsQueue)
                         << "operation" << operationId << "kept:" << answer.error().toString();
                     stored = m_queue.markRetry(
                         operationId, lease, answer.error().toString(),
                         AmsOperationQueue::nextAttempt(Clock::currentUtc(), attempts));
                 } else {
                     stored = m_queue.markFailed(operationId, lease, answer.error().toString());
                 }
                 if (!stored)
                     return done(errorOf(stored));
                 auto reread = m_queue.find(operationId);
                 if (reread && !answer) {
                     // The caller learns why, in words, and finds the operation still
                     // stored.
                     return done(errorOf(answer));
                 }
                 done(std::move(reread));
             }});
}

void AmsOperationRunner::runDue(Continuation<Summary> finished)
{
    auto due = m_queue.due(Clock::currentUtc());
    if (!due)
        return finished(errorOf(due));
    runNext(std::make_shared<std::vector<AmsOperation>>(std::move(*due)), 0,
            std::make_shared<Summary>(), std::move(finished));
}

void AmsOperationRunner::runNext(std::shared_ptr<std::vector<AmsOperation>> pending,
                                 std::size_t index, std::shared_ptr<Summary> summary,
                                 Continuation<Summary> finished)
{
    if (index >= pending->size())
        return finished(*summary);
    const qint64 id = pending->at(index).id;
    send(id, {this, [this, pending, index, summary, finished, id](Result<AmsOperation> result) {
                  if (result) {
                      summary->done += result->state == AmsOperation::State::Done ? 1 : 0;
                      summary->failed += result->state == AmsOperation::State::Failed ? 1 : 0;
                  } else {
                      auto stored = m_queue.find(id);
                      // Sending: another runner holds it, and it is not ours to count as failed.
                      if (stored
                          && (stored->state == AmsOperation::State::Pending
                              || stored->state == AmsOperation::State::Sending))
                          summary->kept += 1;
                      else
                          summary->failed += 1;
                      summary->errors << result.error().toString();
                  }
                  runNext(pending, index + 1, summary, finished);
              }});
}

} // namespace rd
