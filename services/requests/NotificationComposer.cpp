#include "requests/NotificationComposer.h"

#include "core/AppSettings.h"
#include "core/Clock.h"
#include "mail/MailSettings.h"
#include "mail/Outbox.h"
#include "requests/RevocationReason.h"

#include <QFile>
#include <QRegularExpression>

namespace rd {

namespace {

// The proof of status can be long (a whole OCSP report); the e-mail keeps the start.
constexpr qsizetype MaximumProofCharacters = 4000;

QString readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

QString formatTime(const QString &isoUtc, const QTimeZone &zone)
{
    const QDateTime time = Clock::fromIsoUtc(isoUtc);
    if (!time.isValid())
        return isoUtc;
    const QDateTime local = time.toTimeZone(zone);
    const int offset = zone.offsetFromUtc(time) / 60;
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"))
        + QStringLiteral(" (UTC%1%2:%3)")
              .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
              .arg(std::abs(offset) / 60, 2, 10, QLatin1Char('0'))
              .arg(std::abs(offset) % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

QString NotificationComposer::key(Notification notification)
{
    switch (notification) {
    case Notification::RevocationDone:
        return QStringLiteral("revocation_done");
    case Notification::CompletionNeeded:
        return QStringLiteral("completion_needed");
    case Notification::Rejection:
        return QStringLiteral("rejection");
    case Notification::Test:
        return QStringLiteral("test");
    }
    return {};
}

std::optional<Notification> NotificationComposer::forAction(RequestAction action)
{
    switch (action) {
    case RequestAction::Notify:
        return Notification::RevocationDone;
    case RequestAction::RequestCompletion:
        return Notification::CompletionNeeded;
    case RequestAction::Reject:
        return Notification::Rejection;
    default:
        return std::nullopt;
    }
}

MailAddress NotificationComposer::configuredSender()
{
    AppSettings settings;
    const MailSettings mail = MailSettings::read(settings.raw());
    MailAddress sender {mail.senderAddress, mail.senderName};
    // Queued before the settings exist: the From must still be a valid address. The desk
    // refuses to send until mail/senderAddress is set (docs/mail.md).
    if (sender.address.isEmpty())
        sender.address = QStringLiteral("revocation-desk@localhost");
    if (sender.displayName.isEmpty())
        sender.displayName = QStringLiteral("Revocation Desk");
    return sender;
}

Result<MailTemplate> NotificationComposer::loadTemplate(const QString &name,
                                                        const QString &language)
{
    const QString lang
        = language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("id");
    const QString text = readResource(QStringLiteral(":/mail/%1.%2.txt").arg(name, lang));
    if (text.isEmpty())
        return fail(ErrorCode::Internal,
                    tr("The e-mail template %1 (%2) is missing from the program.").arg(name, lang));
    MailTemplate result;
    result.html = readResource(QStringLiteral(":/mail/%1.%2.html").arg(name, lang));
    // "Subject: ..." on the first line, a blank line, then the body.
    if (text.startsWith(QLatin1String("Subject: "))) {
        const qsizetype end = text.indexOf(QLatin1Char('\n'));
        result.subject = text.mid(9, end - 9).trimmed();
        result.text = text.mid(end + 1);
        while (result.text.startsWith(QLatin1Char('\n')))
            result.text.remove(0, 1);
    } else {
        result.text = text;
    }
    return result;
}

QString NotificationComposer::fill(const QString &text, const QHash<QString, QString> &values,
                                   bool html)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{\\{([a-z_]+)\\}\\}"));
    QString result;
    qsizetype last = 0;
    auto matches = placeholder.globalMatch(text);
    while (matches.hasNext()) {
        const auto match = matches.next();
        result += text.mid(last, match.capturedStart() - last);
        const auto value = values.constFind(match.captured(1));
        if (value == values.constEnd())
            result += match.captured(0);
        else
            result += html ? value->toHtmlEscaped() : *value;
        last = match.capturedEnd();
    }
    result += text.mid(last);
    return result;
}

Result<std::optional<MailMessage>>
NotificationComposer::compose(const Database &database, qint64 requestId, Notification notification,
                              const QString &note, const MailAddress &sender,
                              const QTimeZone &officeZone)
{
    auto query = database.execute(
        QStringLiteral("SELECT r.agenda_number, r.reason, r.reason_text, r.filed_by_kind, "
                       "r.filed_by_name, r.applicant_email, r.applicant_language, h.full_name, "
                       "c.serial_hex FROM revocation_requests r "
                       "JOIN holders h ON h.id = r.holder_id "
                       "LEFT JOIN certificates c ON c.id = r.certificate_id WHERE r.id = ?"),
        {requestId});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound,
                    tr("There is no revocation request with id %1.").arg(requestId));
    const QString email = query->value(5).toString().trimmed();
    if (email.isEmpty())
        return std::optional<MailMessage>();
    const QString language = query->value(6).toString() == QLatin1String("en")
        ? QStringLiteral("en")
        : QStringLiteral("id");
    const bool english = language == QLatin1String("en");
    const QString holderName = query->value(7).toString();
    const QString applicantName = query->value(3).toString() == QLatin1String("official")
            && !query->value(4).toString().isEmpty()
        ? query->value(4).toString()
        : holderName;
    QString agenda = query->value(0).toString();
    if (agenda.isEmpty())
        agenda = QStringLiteral("#%1").arg(requestId);
    QString serial = query->value(8).toString();
    if (serial.isEmpty())
        serial = english ? QStringLiteral("(not recorded)") : QStringLiteral("(tidak tercatat)");
    QString reason;
    if (const auto key = RevocationReasons::fromKey(query->value(1).toString())) {
        reason = english ? RevocationReasons::labelEnglish(*key)
                         : RevocationReasons::labelIndonesian(*key);
    }
    if (!query->value(2).toString().trimmed().isEmpty())
        reason += QStringLiteral(": ") + query->value(2).toString().trimmed();
    query->finish();

    QHash<QString, QString> values {
        {QStringLiteral("applicant_name"), applicantName},
        {QStringLiteral("holder_name"), holderName},
        {QStringLiteral("agenda_number"), agenda},
        {QStringLiteral("certificate_serial"), serial},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("sender_name"), sender.displayName},
    };

    if (notification == Notification::RevocationDone) {
        auto revoked = database.execute(
            QStringLiteral("SELECT finished_at FROM request_events WHERE request_id = ? AND "
                           "to_state IN ('revoked', 'revocation_pending_proof') "
                           "ORDER BY id LIMIT 1"),
            {requestId});
        if (!revoked)
            return errorOf(revoked);
        values.insert(QStringLiteral("revoked_at"),
                      revoked->next() ? formatTime(revoked->value(0).toString(), officeZone)
                                      : (english ? QStringLiteral("(not recorded)")
                                                 : QStringLiteral("(tidak tercatat)")));
        revoked->finish();
        auto proof = database.execute(
            QStringLiteral("SELECT verdict, report, created_at FROM verification_results "
                           "WHERE request_id = ? AND kind = 'revocation_proof' "
                           "ORDER BY id DESC LIMIT 1"),
            {requestId});
        if (!proof)
            return errorOf(proof);
        QString proofText;
        if (proof->next()) {
            auto proofTemplate = loadTemplate(QStringLiteral("proof"), language);
            if (!proofTemplate)
                return errorOf(proofTemplate);
            QString report = proof->value(1).toString().trimmed();
            if (report.size() > MaximumProofCharacters)
                report = report.left(MaximumProofCharacters) + QStringLiteral(" [...]");
            proofText = fill(proofTemplate->text,
                             {{QStringLiteral("proof_verdict"), proof->value(0).toString()},
                              {QStringLiteral("proof_checked_at"),
                               formatTime(proof->value(2).toString(), officeZone)},
                              {QStringLiteral("proof_report"), report}},
                             false)
                            .trimmed();
        } else {
            auto none = loadTemplate(QStringLiteral("no_proof"), language);
            if (!none)
                return errorOf(none);
            proofText = none->text.trimmed();
        }
        values.insert(QStringLiteral("proof"), proofText);
    } else if (notification == Notification::CompletionNeeded) {
        QStringList items;
        for (const QString &line : note.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (!line.trimmed().isEmpty())
                items << QStringLiteral("  - ") + line.trimmed();
        }
        values.insert(QStringLiteral("missing_documents"), items.join(QLatin1Char('\n')));
    } else if (notification == Notification::Rejection) {
        values.insert(QStringLiteral("rejection_reason"), note.trimmed());
    }

    auto chosen = loadTemplate(key(notification), language);
    if (!chosen)
        return errorOf(chosen);
    MailMessage message;
    message.from = sender;
    message.to = {MailAddress {email, applicantName}};
    message.subject = fill(chosen->subject, values, false);
    values.insert(QStringLiteral("subject"), message.subject);
    message.text = fill(chosen->text, values, false);
    if (!chosen->html.isEmpty())
        message.html = fill(chosen->html, values, true);
    return std::optional<MailMessage>(message);
}

Result<NotificationOutcome>
NotificationComposer::enqueue(const Database &database, qint64 requestId, Notification notification,
                              const QString &note, const MailAddress &sender,
                              const QTimeZone &officeZone)
{
    NotificationOutcome outcome;
    auto message = compose(database, requestId, notification, note, sender, officeZone);
    if (!message)
        return errorOf(message);
    if (!message->has_value()) {
        outcome.skipped = QStringLiteral("no applicant e-mail");
        return outcome;
    }
    MailMessage &mail = **message;
    // A typing error in the address must not block the SOP step; the audit entry says why no
    // e-mail went out.
    if (!MailMessage::checkAddress(mail.to.first().address)) {
        outcome.skipped
            = QStringLiteral("applicant e-mail address not usable: ") + mail.to.first().address;
        return outcome;
    }
    auto language = database.scalar(
        QStringLiteral("SELECT applicant_language FROM revocation_requests WHERE id = ?"),
        {requestId});
    auto id = Outbox::enqueue(database, mail, requestId, key(notification),
                              language ? language->toString() : QString());
    if (!id)
        return errorOf(id);
    outcome.outboxId = *id;
    return outcome;
}

Result<MailMessage> NotificationComposer::testMessage(const QString &to, const QString &language,
                                                      const MailAddress &sender)
{
    if (auto ok = MailMessage::checkAddress(to); !ok)
        return errorOf(ok);
    auto chosen = loadTemplate(key(Notification::Test), language);
    if (!chosen)
        return errorOf(chosen);
    const QHash<QString, QString> values {
        {QStringLiteral("sent_at"), Clock::toIsoUtc(Clock::currentUtc())}};
    MailMessage message;
    message.from = sender;
    message.to = {MailAddress {to, {}}};
    message.subject = fill(chosen->subject, values, false);
    message.text = fill(chosen->text, values, false);
    return message;
}

} // namespace rd
