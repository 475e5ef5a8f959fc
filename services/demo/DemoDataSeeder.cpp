#include "demo/DemoDataSeeder.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "demo/DemoCertificateAuthority.h"
#include "demo/DemoScenarios.h"
#include "demo/DemoSeedRun.h"
#include "demo/NatunaRegency.h"
#include "register/CertificateRepository.h"
#include "register/HolderRepository.h"
#include "register/IdentityNumbers.h"
#include "requests/RequestLifecycle.h"
#include "users/UserAccounts.h"
#include <QRandomGenerator>
#include <QSet>
#include <QTimeZone>
#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace rd::demo {

Result<DemoSeedSummary> DemoSeedRun::run()
{
    planSlots();
    chooseDeskUsers();
    assignStatuses();
    planPeople();

    if (!m_authority) {
        auto created = DemoCertificateAuthority::create(authorityNotBefore(m_now), 20);
        if (!created)
            return errorOf(created);
        m_authority.emplace(std::move(*created));
    }
    if (auto ok = planCertificates(*m_authority); !ok)
        return errorOf(ok);

    if (auto ok = storeRegister(); !ok)
        return errorOf(ok);
    if (auto ok = storeUsers(); !ok)
        return errorOf(ok);
    if (auto ok = runRequests(); !ok)
        return errorOf(ok);
    if (auto ok = markExpired(); !ok)
        return errorOf(ok);
    return m_summary;
}

} // namespace rd::demo

namespace rd {

Result<DemoSeedSummary> DemoDataSeeder::seed(DatabasePtr db, const Actor &actor, quint32 randomSeed,
                                             int holderCount, const DemoSeedAuthority &authority)
{
    if (!db)
        return fail(ErrorCode::Internal, tr("No database is open."));
    if (holderCount < MinimumHolderCount)
        return fail(ErrorCode::InvalidInput,
                    tr("The demo needs at least %1 holders to show a request in every state.")
                        .arg(MinimumHolderCount));
    // Refuse before anything moves, the clock included; storeRegister checks again under lock.
    // Demo accounts have passwords printed on the screen: once a database has accounts, only an
    // administrator may add them.
    if (auto allowed = UserAccounts(db).authorizeSetUp(actor); !allowed)
        return errorOf(allowed);
    auto count = db->scalar(QStringLiteral("SELECT COUNT(*) FROM holders"));
    if (!count)
        return errorOf(count);
    if (count->toLongLong() > 0)
        return fail(ErrorCode::Conflict,
                    tr("The register already holds %n holder(s); demo data is only seeded into "
                       "an empty database.",
                       nullptr, int(count->toLongLong())));

    const QDateTime now = Clock::currentUtc();
    std::optional<DemoCertificateAuthority> kept;
    if (!authority.directory.isEmpty()) {
        auto opened = DemoCertificateAuthority::openOrCreate(authority.directory,
                                                             demo::authorityNotBefore(now.toUTC()));
        if (!opened)
            return errorOf(opened);
        kept.emplace(std::move(*opened));
    }
    const CertificateUrls urls = authority.publicUrl.isEmpty()
        ? DemoCertificateAuthority::defaultUrls()
        : DemoCertificateAuthority::urlsUnder(authority.publicUrl);
    demo::DemoSeedRun run(std::move(db), actor, randomSeed, holderCount, now, std::move(kept),
                          urls);
    return run.run();
}

} // namespace rd
