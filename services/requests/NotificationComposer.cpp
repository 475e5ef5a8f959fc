#include "requests/NotificationComposer.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "core/AppSettings.h"
#include "core/Clock.h"
#include "mail/MailSettings.h"
#include "mail/Outbox.h"
#include "requests/RequestEventRepository.h"
#include "requests/RevocationReason.h"
#include "requests/RevocationRequestRepository.h"

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
NotificationComposer::compose(const DatabasePtr &database, qint64 requestId,
                              Notification notification, const QString &note,
                              const MailAddress &sender, const QTimeZone &officeZone)
{
    auto request = RevocationRequestRepository(database).findById(requestId);
    if (!request)
        return errorOf(request);
    return compose(database, *request, notification, note, sender, officeZone);
}

Result<std::optional<MailMessage>>
NotificationComposer::compose(const DatabasePtr &database, const RevocationRequestRecord &request,
                              Notification notification, const QString &note,
                              const MailAddress &sender, const QTimeZone &officeZone)
{
    const qint64 requestId = request.id;
    const QString email = request.applicantEmail.trimmed();
    if (email.isEmpty())
        return std::optional<MailMessage>();
    const QString language = request.applicantLanguage == QLatin1String("en")
        ? QStringLiteral("en")
        : QStringLiteral("id");
    const bool english = language == QLatin1String("en");
    const QString holderName = request.holderName;
    const QString applicantName
        = request.filedByKind == QLatin1String("official") && !request.officialName.isEmpty()
        ? request.officialName
        : holderName;
    QString agenda = request.agendaNumber;
    if (agenda.isEmpty())
        agenda = QStringLiteral("#%1").arg(requestId);
    QString serial = request.certificateSerial;
    if (serial.isEmpty())
        serial = english ? QStringLiteral("(not recorded)") : QStringLiteral("(tidak tercatat)");
    QString reason = english ? RevocationReasons::labelEnglish(request.reason)
                             : RevocationReasons::labelIndonesian(request.reason);
    if (!request.reasonText.trimmed().isEmpty())
        reason += QStringLiteral(": ") + request.reasonText.trimmed();

    QHash<QString, QString> values {
        {QStringLiteral("applicant_name"), applicantName},
        {QStringLiteral("holder_name"), holderName},
        {QStringLiteral("agenda_number"), agenda},
        {QStringLiteral("certificate_serial"), serial},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("sender_name"), sender.displayName},
    };

    if (notification == Notification::RevocationDone) {
        auto revoked = RequestEventRepository(database).revokedAt(requestId);
        if (!revoked)
            return errorOf(revoked);
        values.insert(QStringLiteral("revoked_at"),
                      *revoked ? formatTime(**revoked, officeZone)
                               : (english ? QStringLiteral("(not recorded)")
                                          : QStringLiteral("(tidak tercatat)")));
        auto proof = RevocationRequestRepository(database).revocationProof(requestId);
        if (!proof)
            return errorOf(proof);
        QString proofText;
        if (*proof) {
            auto proofTemplate = loadTemplate(QStringLiteral("proof"), language);
            if (!proofTemplate)
                return errorOf(proofTemplate);
            QString report = (*proof)->report.trimmed();
            // The workflow stores the proof as JSON (workflow/RevocationProof) with a summary
            // for people; an older row is text.
            const QJsonObject stored = QJsonDocument::fromJson(report.toUtf8()).object();
            if (stored.contains(QStringLiteral("summary")))
                report = stored.value(QStringLiteral("summary")).toString();
            if (report.size() > MaximumProofCharacters)
                report = report.left(MaximumProofCharacters) + QStringLiteral(" [...]");
            proofText = fill(proofTemplate->text,
                             {{QStringLiteral("proof_verdict"), (*proof)->verdict},
                              {QStringLiteral("proof_checked_at"),
                               formatTime((*proof)->checkedAt, officeZone)},
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

Result<NotificationOutcome> NotificationComposer::enqueue(
    const DatabasePtr &database, qint64 requestId, Notification notification, const QString &note,
    const MailAddress &sender, const QTimeZone &officeZone, const Clock &clock)
{
    NotificationOutcome outcome;
    auto request = RevocationRequestRepository(database).findById(requestId);
    if (!request)
        return errorOf(request);
    auto message = compose(database, *request, notification, note, sender, officeZone);
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
    auto id = Outbox::enqueue(*database, mail, requestId, key(notification),
                              request->applicantLanguage, clock);
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
