#include "SimulatorSeeder.h"

#include "ams/Totp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

namespace rd::sim {

namespace {

QString randomPassword()
{
    static const QString alphabet = QStringLiteral("abcdefghijkmnpqrstuvwxyz23456789");
    QString password;
    for (int i = 0; i < 16; ++i)
        password += alphabet.at(QRandomGenerator::system()->bounded(alphabet.size()));
    return password;
}

} // namespace

Result<void> SimulatorSeeder::seedFile(SimulatorState &state, SimulatorAuthority &authority,
                                       const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, tr("Cannot read the seed file %1.").arg(path),
                    file.errorString());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (document.isNull()) {
        return fail(ErrorCode::InvalidInput, tr("The seed file %1 is not JSON.").arg(path),
                    parseError.errorString());
    }
    QJsonArray holders = document.array();
    if (document.isObject()) {
        holders = document.object().value(QStringLiteral("holders")).toArray();
        for (const QJsonValue &value :
             document.object().value(QStringLiteral("accounts")).toArray()) {
            const QJsonObject o = value.toObject();
            SimulatorAccount account {
                o.value(QStringLiteral("username")).toString(),
                o.value(QStringLiteral("password")).toString(),
                o.value(QStringLiteral("totp_secret")).toString(),
                o.value(QStringLiteral("role")).toString(QStringLiteral("operator"))};
            if (account.username.isEmpty() || account.password.isEmpty()) {
                return fail(ErrorCode::InvalidInput,
                            tr("Every account in %1 needs a username and a password.").arg(path));
            }
            if (account.role == QLatin1String("operator")) {
                if (account.totpSecret.isEmpty())
                    account.totpSecret = Totp::generateSecret();
                if (auto key = Totp::decodeBase32(account.totpSecret); !key)
                    return errorOf(key);
            }
            // The seed file is the truth for its accounts: a changed password takes effect.
            state.accounts.insert(account.username, account);
        }
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QJsonValue &value : holders) {
        const QJsonObject o = value.toObject();
        SimulatorHolder holder {o.value(QStringLiteral("nik")).toString(),
                                o.value(QStringLiteral("full_name")).toString(),
                                o.value(QStringLiteral("email")).toString(),
                                o.value(QStringLiteral("unit")).toString(),
                                o.value(QStringLiteral("esign_registered")).toBool(true),
                                o.value(QStringLiteral("ams_username")).toString()};
        if (holder.nik.isEmpty() || holder.fullName.isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        tr("Every holder in %1 needs a nik and a full_name.").arg(path));
        }
        if (state.holders.contains(holder.nik))
            continue;
        state.holders.insert(holder.nik, holder);
        const int count = o.value(QStringLiteral("certificates")).toInt(1);
        for (int i = 0; i < count; ++i) {
            // Older certificates first, a year apart, the newest a month old.
            const QDateTime notBefore = now.addDays(-30 - 365 * (count - 1 - i));
            if (auto issued = authority.issue(state, holder, notBefore); !issued)
                return errorOf(issued);
        }
    }
    return {};
}

void SimulatorSeeder::ensureAccounts(SimulatorState &state)
{
    bool hasOperator = false;
    bool hasEsign = false;
    for (const SimulatorAccount &account : std::as_const(state.accounts)) {
        hasOperator |= account.role == QLatin1String("operator");
        hasEsign |= account.role == QLatin1String("esign");
    }
    if (!hasOperator) {
        state.accounts.insert(QStringLiteral("verifikator"),
                              {QStringLiteral("verifikator"), randomPassword(),
                               Totp::generateSecret(), QStringLiteral("operator")});
    }
    if (!hasEsign) {
        state.accounts.insert(
            QStringLiteral("esign"),
            {QStringLiteral("esign"), randomPassword(), QString(), QStringLiteral("esign")});
    }
}

} // namespace rd::sim
