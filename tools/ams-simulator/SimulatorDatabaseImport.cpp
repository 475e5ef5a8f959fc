#include "SimulatorDatabaseImport.h"

#include "core/Clock.h"
#include "database/Database.h"
#include "database/DatabaseUrl.h"

#include <QFileInfo>
#include <QSqlQuery>

namespace rd::sim {

Result<SimulatorImportSummary> SimulatorDatabaseImport::run(SimulatorState &state,
                                                            const SimulatorAuthority &authority,
                                                            const QString &databaseUrl)
{
    auto url = DatabaseUrl::parse(databaseUrl);
    if (!url)
        return errorOf(url);
    // Opening a missing SQLite file would create an empty one: a typing error, not a register.
    if (url->kind() == DatabaseUrl::Kind::Sqlite && !QFileInfo(url->sqlitePath()).isFile()) {
        return fail(ErrorCode::NotFound,
                    tr("There is no database at %1.").arg(url->toDisplayString()));
    }
    auto database = Database::open(*url);
    if (!database)
        return errorOf(database);
    auto query = (*database)->execute(
        QStringLiteral("SELECT c.der, c.status, c.revoked_at, c.revocation_reason_code, h.nik, "
                       "h.full_name, h.email, h.unit, h.ams_username FROM certificates c "
                       "LEFT JOIN holders h ON h.id = c.holder_id ORDER BY c.id"));
    if (!query)
        return errorOf(query);

    SimulatorImportSummary summary;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    while (query->next()) {
        const QByteArray der = query->value(0).toByteArray();
        const QString status = query->value(1).toString();
        const QString nik = query->value(4).toString();
        if (der.isEmpty()) {
            ++summary.otherAuthority;
            continue;
        }
        auto certificate = authority.recognise(der, nik);
        if (!certificate) {
            ++summary.otherAuthority;
            continue;
        }
        if (state.certificates.contains(certificate->serialHex)) {
            ++summary.alreadyKnown;
            continue;
        }
        if (status == QLatin1String("revoked")) {
            const QString revokedAt = query->value(2).toString();
            certificate->revokedAt = revokedAt.isEmpty() ? now : Clock::fromIsoUtc(revokedAt);
            if (!certificate->revokedAt.isValid())
                certificate->revokedAt = now;
            certificate->reasonCode = query->value(3).isNull() ? 0 : query->value(3).toInt();
        }
        if (!nik.isEmpty() && !state.holders.contains(nik)) {
            SimulatorHolder holder;
            holder.nik = nik;
            holder.fullName = query->value(5).toString();
            holder.email = query->value(6).toString();
            holder.unit = query->value(7).toString();
            holder.amsUsername = query->value(8).toString();
            state.holders.insert(nik, holder);
            ++summary.holders;
        }
        state.certificates.insert(certificate->serialHex, *certificate);
        ++summary.imported;
    }
    query->finish();
    return summary;
}

} // namespace rd::sim
