#pragma once

#include "audit/Actor.h"
#include "database/Database.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace rd {

// A demo account as made, for a script to log in with (`demo seed --json`).
struct DemoAccount
{
    QString username;
    QString password;
    Actor::Role role = Actor::Role::None;
};

struct DemoSeedSummary
{
    int holders = 0;
    int tenures = 0;
    int certificates = 0;
    int requests = 0;
    int users = 0;
    std::map<QString, int> requestsByState; // state key ("in_verification") -> requests
    QStringList userCredentials; // "username / password (role)" lines to show once
    std::vector<DemoAccount> accounts; // the same accounts, one field each
};

// Where the demo's certificates come from. By default a fresh CA that is thrown away after the
// seeding, its certificates naming DemoCertificateAuthority::defaultUrls(). With a directory,
// the CA kept there as the AMS simulator keeps its own (ca.pem, ca-key.pem), created there when
// absent, so that the simulator started on that folder knows the demo's certificates.
struct DemoSeedAuthority
{
    QString directory;
    // Base URL of the simulator; the certificates name DemoCertificateAuthority::urlsUnder() it.
    QString publicUrl;
};

// Fills an empty database with a realistic demo of Kabupaten Natuna: holders over the regency's
// perangkat daerah and kecamatan with valid NIK/NIP, terms of office, certificates issued by a
// DemoCertificateAuthority (some expired, some revoked), workstation users, and revocation
// requests in every state, each driven through RequestLifecycle as people would.
//
// The same seed gives the same register and requests for the same "today" (Clock::currentUtc(),
// which tests pin); keys, serial numbers and the users' passwords are random every time, since
// a demo password anyone could recompute would be no password. The seeder gives the services
// it drives a Clock of its own and moves that through the past months, so that filing dates,
// agenda numbers and the audit log read like an office's history; the process clock is never
// moved. Demo e-mail addresses are under natunakab.example (RFC 2606), and the database is
// marked as a demo (OfficeSettings::isDemoDatabase), so that its outbox sends only to an SMTP
// server on this machine.
class DemoDataSeeder
{
    Q_DECLARE_TR_FUNCTIONS(DemoDataSeeder)

public:
    static constexpr quint32 DefaultSeed = 2026;
    static constexpr int DefaultHolderCount = 320;
    // Fewer holders cannot fill every request state with a holder whose status fits the reason.
    static constexpr int MinimumHolderCount = 100;

    // Refuses with ErrorCode::Conflict, changing nothing, when the holders table is not empty.
    // The register (holders, tenures, certificates) is one transaction; users and each request
    // transition are transactions of their own, as the services that write them define.
    static Result<DemoSeedSummary> seed(DatabasePtr db, const Actor &actor,
                                        quint32 randomSeed = DefaultSeed,
                                        int holderCount = DefaultHolderCount,
                                        const DemoSeedAuthority &authority = {});
};

} // namespace rd
