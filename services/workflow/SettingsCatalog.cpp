#include "workflow/SettingsCatalog.h"

#include "certificates/TrustedIssuers.h"
#include "core/AppSettings.h"
#include "core/NetworkHost.h"
#include "core/OfficeCalendar.h"
#include "core/SecretStore.h"
#include "database/DatabaseUrl.h"
#include "mail/MailSettings.h"
#include "users/OfficeSettings.h"
#include "workflow/AttachmentStore.h"

#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QTimeZone>
#include <QUrl>

namespace rd {

namespace {

using Check = std::function<Result<QVariant>(const QStringList &, const QSettings &)>;
using Default = std::function<QString(const QSettings &)>;

Default fixed(const QString &value)
{
    return [value](const QSettings &) { return value; };
}

bool hasControlCharacter(const QString &text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return true;
    }
    return false;
}

Result<QVariant> refuse(const QString &message)
{
    return fail(ErrorCode::InvalidInput, message);
}

// One line of text: user names, the sender's name.
Check text()
{
    return [](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QString value = values.value(0).trimmed();
        if (hasControlCharacter(value) || value.size() > 256)
            return refuse(SettingsCatalog::tr("The value must be one line of text of at most 256 "
                                              "characters, without control characters."));
        return QVariant(value);
    };
}

Check word(const QString &key, const QStringList &allowed)
{
    return [key, allowed](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QString value = values.value(0).trimmed().toLower();
        if (!allowed.contains(value))
            return refuse(SettingsCatalog::tr("%1 must be one of %2, not \"%3\".")
                              .arg(key, allowed.join(QStringLiteral(", ")), values.value(0)));
        return QVariant(value);
    };
}

Check flag(const QString &key)
{
    return [key](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QString value = values.value(0).trimmed().toLower();
        if (value != QLatin1String("true") && value != QLatin1String("false"))
            return refuse(SettingsCatalog::tr("%1 is on or off: give true or false, not \"%2\".")
                              .arg(key, values.value(0)));
        return QVariant(value);
    };
}

Check wholeNumber(const QString &key, qint64 minimum, qint64 maximum)
{
    return
        [key, minimum, maximum](const QStringList &values, const QSettings &) -> Result<QVariant> {
            bool ok = false;
            const qint64 number = values.value(0).trimmed().toLongLong(&ok);
            if (!ok || number < minimum || number > maximum)
                return refuse(
                    SettingsCatalog::tr("%1 must be a whole number from %2 to %3, not \"%4\".")
                        .arg(key)
                        .arg(minimum)
                        .arg(maximum)
                        .arg(values.value(0)));
            return QVariant(number);
        };
}

// A password or token goes to this address: https://, or http:// to this very computer.
Check credentialUrl(const QString &key)
{
    return [key](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QString text = values.value(0).trimmed();
        const QUrl url(text, QUrl::StrictMode);
        const bool web
            = url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http");
        if (!url.isValid() || url.host().isEmpty() || !web || !NetworkHost::allowsCredentials(url))
            return refuse(SettingsCatalog::tr("%1 must be an https:// address (http:// only to a "
                                              "simulator on this computer: 127.0.0.1, ::1 or "
                                              "localhost), not \"%2\".")
                              .arg(key, values.value(0)));
        return QVariant(url.toString());
    };
}

// Extra CA certificates: a file that is there, readable and holds PEM certificates. Kept as an
// absolute path, since the programs do not start where `config set` was typed.
Check certificateFile(const QString &key)
{
    return [key](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QFileInfo file(values.value(0).trimmed());
        if (!file.isFile() || !file.isReadable()
            || QSslCertificate::fromPath(file.absoluteFilePath(), QSsl::Pem).isEmpty())
            return refuse(SettingsCatalog::tr("%1 must name a readable file of PEM CA "
                                              "certificates; \"%2\" is not one.")
                              .arg(key, values.value(0)));
        return QVariant(file.absoluteFilePath());
    };
}

bool isPlainMail(const QString &security)
{
    return security.trimmed().toLower() == QLatin1String("none");
}

QString mailKey(const char *name)
{
    return QStringLiteral("mail/") + QLatin1String(name);
}

// MailSettings::validate's rule, checked when either of the two keys changes: mail in plain
// text goes only to a relay on this computer.
Result<QVariant> plainMailOnlyToLoopback(const QString &host, const QString &security)
{
    if (isPlainMail(security) && !host.isEmpty() && !NetworkHost::isLoopback(host))
        return refuse(SettingsCatalog::tr("mail/security none sends mail in plain text, which "
                                          "the desk does only to a relay on this computer; "
                                          "mail/host is %1. Use starttls or tls.")
                          .arg(host));
    return QVariant();
}

Check mailHost()
{
    return [](const QStringList &values, const QSettings &current) -> Result<QVariant> {
        const QString host = values.value(0).trimmed();
        QUrl url;
        url.setHost(host, QUrl::StrictMode);
        if (host.isEmpty() || !url.isValid() || url.host().isEmpty() || host.contains(u'/'))
            return refuse(SettingsCatalog::tr("mail/host must be a host name or an IP address, "
                                              "not \"%1\".")
                              .arg(values.value(0)));
        if (auto plain
            = plainMailOnlyToLoopback(host, current.value(mailKey("security")).toString());
            !plain)
            return plain;
        return QVariant(host);
    };
}

Check mailSecurity()
{
    const Check words = word(mailKey("security"),
                             {MailSettings::securityKey(MailSettings::Security::None),
                              MailSettings::securityKey(MailSettings::Security::StartTls),
                              MailSettings::securityKey(MailSettings::Security::Tls)});
    return [words](const QStringList &values, const QSettings &current) -> Result<QVariant> {
        auto value = words(values, current);
        if (!value)
            return value;
        if (auto plain = plainMailOnlyToLoopback(
                current.value(mailKey("host")).toString().trimmed(), value->toString());
            !plain)
            return plain;
        return value;
    };
}

Check mailAddress()
{
    return [](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QString address = values.value(0).trimmed();
        const qsizetype at = address.indexOf(u'@');
        if (at <= 0 || at != address.lastIndexOf(u'@') || at == address.size() - 1
            || address.contains(u' ') || address.contains(u'<') || address.contains(u'>')
            || hasControlCharacter(address))
            return refuse(SettingsCatalog::tr("mail/senderAddress must be one e-mail address "
                                              "(name@domain), not \"%1\".")
                              .arg(values.value(0)));
        return QVariant(address);
    };
}

Check databaseUrl()
{
    return [](const QStringList &values, const QSettings &) -> Result<QVariant> {
        auto url = DatabaseUrl::parse(values.value(0).trimmed());
        if (!url)
            return fail(ErrorCode::InvalidInput, url.error().message, url.error().detail);
        // What DatabaseUrl::resolve refuses to read: the file is not where passwords live.
        if (!url->password().isEmpty())
            return refuse(SettingsCatalog::tr("database/url must not hold a password: give it in "
                                              "PGPASSWORD or with --database, never in the "
                                              "settings file."));
        return QVariant(values.value(0).trimmed());
    };
}

Check timeZone()
{
    return [](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QByteArray id = values.value(0).trimmed().toUtf8();
        if (id.isEmpty() || !QTimeZone::isTimeZoneIdAvailable(id))
            return refuse(SettingsCatalog::tr("office/timeZone must be a time zone this computer "
                                              "knows, such as Asia/Jakarta; \"%1\" is not one.")
                              .arg(values.value(0)));
        return QVariant(QString::fromUtf8(id));
    };
}

// The office's emblem: a PNG or JPEG file, kept in the database as a data: URL so that every
// workstation and the kiosk print the same one.
Check emblemFile()
{
    return [](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QString path = values.value(0).trimmed();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return refuse(SettingsCatalog::tr("office/emblem is the path of a PNG or JPEG file; "
                                              "\"%1\" cannot be read.")
                              .arg(path));
        // One byte over is enough for emblemUrl to refuse a file that is too large.
        auto url = OfficeSettings::emblemUrl(file.read(OfficeSettings::MaximumEmblemBytes + 1));
        if (!url)
            return errorOf(url);
        return QVariant(*url);
    };
}

// The kiosk's exit PIN: checked here so that a bad one is refused before a password is asked;
// OfficeSettings::set stores its hash, never the PIN.
Check kioskExitPin()
{
    return [](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QString pin = values.value(0).trimmed();
        if (const QString why = OfficeSettings::kioskExitPinProblem(pin); !why.isEmpty())
            return refuse(why);
        return QVariant(pin);
    };
}

Check writableFolder(const QString &key)
{
    return [key](const QStringList &values, const QSettings &) -> Result<QVariant> {
        const QString path = values.value(0).trimmed();
        const QFileInfo info(path);
        if (!path.isEmpty() && (!info.isDir() || !info.isWritable()))
            return refuse(SettingsCatalog::tr("%1 is a folder this account can write to, or "
                                              "empty; \"%2\" is not.")
                              .arg(key, path));
        return QVariant(path.isEmpty() ? QString() : info.absoluteFilePath());
    };
}

Check trustedIssuers()
{
    return [](const QStringList &values, const QSettings &) -> Result<QVariant> {
        QStringList names;
        for (const QString &value : values)
            names << value.trimmed();
        auto issuers = TrustedIssuers::fromList(names);
        if (!issuers)
            return errorOf(issuers);
        return QVariant(names);
    };
}

} // namespace

std::vector<SettingsCatalog::Entry> SettingsCatalog::entries()
{
    const QString none;
    auto office = [](const QString &key, const QString &stored, QStringList aliases,
                     const QString &description) {
        return Entry {key,
                      Place::Office,
                      stored,
                      std::move(aliases),
                      description,
                      false,
                      fixed(OfficeSettings::defaultValue(stored)),
                      flag(key)};
    };
    auto officeText = [](const QString &key, const QString &description) {
        return Entry {key, Place::Office, key, {}, description, false, fixed(QString()), text()};
    };
    auto here
        = [](const QString &key, const QString &description, Default defaultFor, Check check) {
              return Entry {key,
                            Place::Workstation,
                            key,
                            {},
                            description,
                            false,
                            std::move(defaultFor),
                            std::move(check)};
          };
    std::vector<Entry> all {
        office(QStringLiteral("workflow/dualControl"), OfficeSettings::dualControlKey(),
               {OfficeSettings::dualControlKey()},
               tr("A revocation needs a supervisor's approval first, given by someone other than "
                  "who asked for it.")),
        office(QStringLiteral("demo_database"), OfficeSettings::demoDatabaseKey(), {},
               tr("The database holds demo data: its mail goes only to a server on this "
                  "computer.")),
        officeText(QStringLiteral("office/government"),
                   tr("The letterhead's first line: the government, such as PEMERINTAH "
                      "KABUPATEN NATUNA.")),
        officeText(QStringLiteral("office/name"),
                   tr("The letterhead's second line: the office, such as DINAS KOMUNIKASI DAN "
                      "INFORMATIKA.")),
        officeText(QStringLiteral("office/address"),
                   tr("The office's address, on the letterhead.")),
        officeText(QStringLiteral("office/phone"),
                   tr("The office's telephone, on the letterhead.")),
        officeText(QStringLiteral("office/web"), tr("The office's web site, on the letterhead.")),
        officeText(QStringLiteral("office/email"), tr("The office's e-mail, on the letterhead.")),
        officeText(QStringLiteral("office/place"),
                   tr("The place letters are dated from, such as Ranai.")),
        officeText(QStringLiteral("office/head"),
                   tr("The head of the office as letters address them, such as Kepala Dinas "
                      "Komunikasi dan Informatika Kabupaten Natuna.")),
        officeText(QStringLiteral("office/classificationCode"),
                   tr("The archive classification code printed on control cards (Kode); empty "
                      "leaves the box to be filled by hand.")),
        Entry {OfficeSettings::emblemKey(),
               Place::Office,
               OfficeSettings::emblemKey(),
               {},
               tr("The emblem on the letterhead: give the path of a PNG or JPEG file of at most "
                  "512 KB; it is kept in the database."),
               false,
               fixed(none),
               emblemFile()},
        Entry {OfficeSettings::kioskExitPinKey(),
               Place::Office,
               OfficeSettings::kioskExitPinKey(),
               {},
               tr("The PIN (6 to 12 digits) an operator types to leave the kiosk's full screen; "
                  "kept as an Argon2id hash and shown only as set or not set. Without it the "
                  "kiosk cannot be left."),
               false,
               fixed(none),
               kioskExitPin()},
        here(QStringLiteral("documents/receiptPaper"),
             tr("The paper of this workstation's receipt printer: a6, or roll80 for an 80 mm "
                "receipt roll."),
             fixed(QStringLiteral("a6")),
             word(QStringLiteral("documents/receiptPaper"),
                  {QStringLiteral("a6"), QStringLiteral("roll80")})),
        here(QStringLiteral("kiosk/printTo"),
             tr("Where the applicant kiosk prints: empty for the system's default printer, or a "
                "folder for the papers as PDF files (a kiosk without a printer)."),
             fixed(none), writableFolder(QStringLiteral("kiosk/printTo"))),
        here(QStringLiteral("database/url"),
             tr("The database: sqlite:PATH or postgresql://user@host:port/name (--database and "
                "REVOCATION_DESK_DATABASE come first)."),
             fixed(DatabaseUrl::sqlite(AppSettings::defaultDatabasePath()).toDisplayString()),
             databaseUrl()),
        here(QStringLiteral("ui/language"),
             tr("The language of the windows and messages: id or en; unset follows the "
                "system."),
             fixed(none),
             word(QStringLiteral("ui/language"), {QStringLiteral("id"), QStringLiteral("en")})),
        here(QStringLiteral("office/timeZone"),
             tr("The office's time zone, for office hours and the times shown."),
             fixed(QString::fromUtf8(OfficeCalendar::defaultZone().id())), timeZone()),
        here(QStringLiteral("attachments/maxBytes"),
             tr("The largest file a request takes, in bytes (AMS takes at most 1 MB)."),
             fixed(QString::number(AttachmentStore::DefaultMaximumBytes)),
             wholeNumber(QStringLiteral("attachments/maxBytes"), 1,
                         AppSettings::MaximumAttachmentBytes)),
    };
    Entry issuers = here(
        TrustedIssuers::settingKey(),
        tr("The CAs whose certificates this office revokes (RFC 4514 names; give each as one "
           "value)."),
        fixed(TrustedIssuers::defaultIssuers().join(QStringLiteral("; "))), trustedIssuers());
    issuers.isList = true;
    all.push_back(std::move(issuers));
    const QString amsUrl = QStringLiteral("ams/url");
    all.push_back(here(
        QStringLiteral("ams/backend"),
        tr("How the desk reaches AMS: rest (its API) or portal (the operator "
           "works in AMS's web page)."),
        fixed(QStringLiteral("portal")),
        word(QStringLiteral("ams/backend"), {QStringLiteral("rest"), QStringLiteral("portal")})));
    all.push_back(
        here(amsUrl, tr("AMS's address (https://)."), fixed(none), credentialUrl(amsUrl)));
    all.push_back(here(QStringLiteral("ams/username"), tr("The desk's account at AMS."),
                       fixed(none), text()));
    all.push_back(here(QStringLiteral("ams/caFile"),
                       tr("A PEM file of CA certificates trusted for AMS and Esign besides the "
                          "system's."),
                       fixed(none), certificateFile(QStringLiteral("ams/caFile"))));
    all.push_back(here(QStringLiteral("ams/timeoutMs"),
                       tr("How long one call to AMS or Esign may take, in milliseconds."),
                       fixed(QStringLiteral("20000")),
                       wholeNumber(QStringLiteral("ams/timeoutMs"), 1000, 600000)));
    all.push_back(here(QStringLiteral("ams/attempts"),
                       tr("How often a call to AMS is tried before it counts as failed."),
                       fixed(QStringLiteral("3")),
                       wholeNumber(QStringLiteral("ams/attempts"), 1, 10)));
    const QString esignUrl = QStringLiteral("esign/url");
    all.push_back(here(esignUrl, tr("The Esign Client Service's address (https://)."), fixed(none),
                       credentialUrl(esignUrl)));
    all.push_back(
        here(QStringLiteral("esign/api"), tr("The Esign API version: v1 or v2."),
             fixed(QStringLiteral("v1")),
             word(QStringLiteral("esign/api"), {QStringLiteral("v1"), QStringLiteral("v2")})));
    all.push_back(here(QStringLiteral("esign/username"), tr("The desk's account at Esign."),
                       fixed(none), text()));
    all.push_back(here(mailKey("host"), tr("The SMTP server that sends the mail to applicants."),
                       fixed(none), mailHost()));
    all.push_back(here(
        mailKey("port"), tr("The SMTP server's port (default by mail/security: 587, 465, 25)."),
        [](const QSettings &settings) {
            const auto security = MailSettings::securityFromKey(
                settings.value(mailKey("security")).toString().trimmed().toLower());
            return QString::number(
                MailSettings::defaultPort(security.value_or(MailSettings::Security::StartTls)));
        },
        wholeNumber(mailKey("port"), 1, 65535)));
    all.push_back(here(mailKey("security"),
                       tr("How the mail is protected on the way: starttls, tls, or none (only "
                          "to a relay on this computer)."),
                       fixed(MailSettings::securityKey(MailSettings::Security::StartTls)),
                       mailSecurity()));
    all.push_back(here(mailKey("user"),
                       tr("The account at the SMTP server; unset: no log-in (its password: "
                          "secrets set smtp/password)."),
                       fixed(none), text()));
    all.push_back(here(mailKey("senderAddress"), tr("The address the mail comes from."),
                       fixed(none), mailAddress()));
    all.push_back(
        here(mailKey("senderName"), tr("The name the mail comes from."), fixed(none), text()));
    all.push_back(here(mailKey("caFile"),
                       tr("A PEM file of CA certificates trusted for the SMTP server besides the "
                          "system's."),
                       fixed(none), certificateFile(mailKey("caFile"))));
    all.push_back(here(mailKey("verifyCertificate"),
                       tr("Check the SMTP server's certificate (false is unsafe: anyone on the "
                          "way could read the mail)."),
                       fixed(QStringLiteral("true")), flag(mailKey("verifyCertificate"))));
    all.push_back(here(mailKey("timeoutSeconds"),
                       tr("How long each step of the SMTP conversation may take, in seconds."),
                       fixed(QStringLiteral("30")),
                       wholeNumber(mailKey("timeoutSeconds"), 1, 600)));
    return all;
}

const SettingsCatalog::Entry *SettingsCatalog::find(const std::vector<Entry> &entries,
                                                    const QString &name)
{
    for (const Entry &entry : entries) {
        if (entry.key == name || entry.aliases.contains(name))
            return &entry;
    }
    return nullptr;
}

bool SettingsCatalog::looksLikeSecret(const QString &name)
{
    if (SecretStore::find(name))
        return true;
    const QString lower = name.toLower();
    for (const char *word : {"password", "passwd", "passphrase", "secret", "token", "credential",
                             "privatekey", "private_key", "apikey", "api_key", "totp"}) {
        if (lower.contains(QLatin1String(word)))
            return true;
    }
    return lower.endsWith(QLatin1String("key"));
}

Error SettingsCatalog::secretRefusal(const QString &name)
{
    const QString pointer = SecretStore::find(name)
        ? tr("Use: revocation-desk-cli secrets set %1").arg(name)
        : tr("revocation-desk-cli secrets list names the secrets the desk uses.");
    return Error {ErrorCode::Usage,
                  tr("%1 is a secret, not a setting: passwords, tokens and keys never go into the "
                     "settings. %2")
                      .arg(name, pointer),
                  {}};
}

QStringList SettingsCatalog::workstationList(const Entry &entry, const QSettings &settings)
{
    if (!settings.contains(entry.storedKey))
        return entry.defaultFor(settings).split(QStringLiteral("; "), Qt::SkipEmptyParts);
    return settings.value(entry.storedKey).toStringList();
}

QString SettingsCatalog::workstationValue(const Entry &entry, const QSettings &settings)
{
    if (!settings.contains(entry.storedKey))
        return entry.defaultFor(settings);
    if (entry.isList)
        return settings.value(entry.storedKey).toStringList().join(QStringLiteral("; "));
    return settings.value(entry.storedKey).toString();
}

QString SettingsCatalog::workstationProblem(const Entry &entry, const QSettings &settings)
{
    if (!settings.contains(entry.storedKey))
        return {};
    const QStringList values = entry.isList
        ? settings.value(entry.storedKey).toStringList()
        : QStringList {settings.value(entry.storedKey).toString()};
    auto checked = entry.check(values, settings);
    return checked ? QString() : checked.error().message;
}

Result<void> SettingsCatalog::setOnWorkstation(const Entry &entry, const QStringList &values,
                                               QSettings &settings)
{
    if (values.isEmpty() || (!entry.isList && values.size() != 1))
        return fail(ErrorCode::Usage, tr("%1 takes one value.").arg(entry.key));
    for (const QString &value : values) {
        if (value.trimmed().isEmpty())
            return fail(ErrorCode::InvalidInput,
                        tr("An empty value is not a setting; config unset %1 goes back to the "
                           "default.")
                            .arg(entry.key));
    }
    auto value = entry.check(values, settings);
    if (!value)
        return errorOf(value);
    settings.setValue(entry.storedKey, *value);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return fail(ErrorCode::Io,
                    tr("The settings file %1 could not be written.").arg(settings.fileName()));
    return {};
}

Result<void> SettingsCatalog::unsetOnWorkstation(const QString &key, QSettings &settings)
{
    settings.remove(key);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return fail(ErrorCode::Io,
                    tr("The settings file %1 could not be written.").arg(settings.fileName()));
    return {};
}

} // namespace rd
