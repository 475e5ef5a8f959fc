#pragma once

#include "core/Clock.h"
#include "database/Database.h"
#include "mail/MailMessage.h"
#include "requests/RequestState.h"
#include "requests/RevocationRequest.h"

#include <QCoreApplication>
#include <QHash>
#include <QTimeZone>

#include <optional>

namespace rd {

enum class Notification {
    RevocationDone, // step 9: the certificate is revoked
    CompletionNeeded, // step 6: documents to complete
    Rejection,
    Test, // `mail test`
};

struct MailTemplate
{
    QString subject;
    QString text;
    QString html; // empty when the template has no HTML form
};

// What happened to the e-mail a state change asked for.
struct NotificationOutcome
{
    qint64 outboxId = 0; // 0 when nothing was queued
    QString skipped; // why nothing was queued (no address, ...), for the audit entry
};

// Fills the applicant's e-mails from the templates in resources/mail (`:/mail/NAME.LANG.txt`,
// and `.html` where there is one), in the applicant's language (id or en).
class NotificationComposer
{
    Q_DECLARE_TR_FUNCTIONS(NotificationComposer)

public:
    static QString key(Notification notification); // also the outbox kind
    static std::optional<Notification> forAction(RequestAction action);

    // The sender of the settings file (mail/senderAddress, mail/senderName).
    static MailAddress configuredSender();

    static Result<MailTemplate> loadTemplate(const QString &name, const QString &language);
    // {{key}} replaced by its value (HTML-escaped for HTML); unknown keys stay visible.
    static QString fill(const QString &text, const QHash<QString, QString> &values, bool html);

    // The message for a request; nothing when the request has no applicant e-mail.
    static Result<std::optional<MailMessage>>
    compose(const DatabasePtr &database, qint64 requestId, Notification notification,
            const QString &note, const MailAddress &sender, const QTimeZone &officeZone);
    // compose() and Outbox::enqueue() inside the caller's transaction: the e-mail exists
    // exactly when the state change that caused it does. Queued and dated at clock's "now".
    static Result<NotificationOutcome> enqueue(const DatabasePtr &database, qint64 requestId,
                                               Notification notification, const QString &note,
                                               const MailAddress &sender,
                                               const QTimeZone &officeZone,
                                               const Clock &clock = Clock());

    static Result<MailMessage> testMessage(const QString &to, const QString &language,
                                           const MailAddress &sender);

private:
    static Result<std::optional<MailMessage>>
    compose(const DatabasePtr &database, const RevocationRequestRecord &request,
            Notification notification, const QString &note, const MailAddress &sender,
            const QTimeZone &officeZone);
};

} // namespace rd
