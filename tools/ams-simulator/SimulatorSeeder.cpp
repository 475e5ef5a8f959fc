#include "SimulatorSeeder.h"

#include "ams/Totp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>

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
        // A holder's account names a holder known already or one of this file's.
        QSet<QString> seededNiks;
        for (const QJsonValue &value : std::as_const(holders))
            seededNiks.insert(value.toObject().value(QStringLiteral("nik")).toString());
        for (const QJsonValue &value :
             document.object().value(QStringLiteral("accounts")).toArray()) {
            const QJsonObject o = value.toObject();
            SimulatorAccount account {
                o.value(QStringLiteral("username")).toString(),
                o.value(QStringLiteral("password")).toString(),
                o.value(QStringLiteral("totp_secret")).toString(),
                o.value(QStringLiteral("role")).toString(QStringLiteral("operator")),
                o.value(QStringLiteral("nik")).toString()};
            if (account.username.isEmpty() || account.password.isEmpty()) {
                return fail(ErrorCode::InvalidInput,
                            tr("Every account in %1 needs a username and a password.").arg(path));
            }
            if (account.role != QLatin1String("operator") && account.role != QLatin1String("holder")
                && account.role != QLatin1String("esign")) {
                return fail(ErrorCode::InvalidInput,
                            tr("The account %1 in %2 has the role \"%3\"; a role is operator, "
                               "holder or esign.")
                                .arg(account.username, path, account.role));
            }
            if (account.isHolder()) {
                if (account.nik.isEmpty()) {
                    return fail(ErrorCode::InvalidInput,
                                tr("The holder account %1 in %2 needs the holder's \"nik\".")
                                    .arg(account.username, path));
                }
                if (!state.holders.contains(account.nik) && !seededNiks.contains(account.nik)) {
                    return fail(ErrorCode::InvalidInput,
                                tr("The holder account %1 in %2 names the NIK %3, which is not a "
                                   "holder of the simulator nor of that file's \"holders\".")
                                    .arg(account.username, path, account.nik));
                }
            } else {
                account.nik.clear();
            }
            if (account.role != QLatin1String("esign")) {
                // Without one in the file, the secret made at an earlier start is kept.
                if (account.totpSecret.isEmpty())
                    account.totpSecret = state.accounts.value(account.username).totpSecret;
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
                               Totp::generateSecret(), QStringLiteral("operator"), QString()});
    }
    if (!hasEsign) {
        state.accounts.insert(QStringLiteral("esign"),
                              {QStringLiteral("esign"), randomPassword(), QString(),
                               QStringLiteral("esign"), QString()});
    }
}

int SimulatorSeeder::ensureHolderAccounts(SimulatorState &state)
{
    QSet<QString> niksWithAccount;
    for (const SimulatorAccount &account : std::as_const(state.accounts)) {
        if (account.isHolder())
            niksWithAccount.insert(account.nik);
    }
    int created = 0;
    for (const SimulatorHolder &holder : std::as_const(state.holders)) {
        // A name taken by another account (an operator, another holder) is left to it.
        if (holder.amsUsername.isEmpty() || niksWithAccount.contains(holder.nik)
            || state.accounts.contains(holder.amsUsername))
            continue;
        state.accounts.insert(holder.amsUsername,
                              {holder.amsUsername, randomPassword(), Totp::generateSecret(),
                               QStringLiteral("holder"), holder.nik});
        niksWithAccount.insert(holder.nik);
        ++created;
    }
    return created;
}

} // namespace rd::sim
