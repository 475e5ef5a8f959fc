#pragma once

// The demo seeding's inside, shared by the files it spans (split by concern, as keepassxc splits a
// class over files): DemoSeedRun.cpp plans and stores the register and the desk's accounts,
// DemoSeedRunRequests.cpp drives the requests through the real lifecycle, and DemoDataSeeder.cpp
// runs them in order. Not an interface: only these files include it.

#include "audit/Actor.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "database/Database.h"
#include "demo/DemoCertificateAuthority.h"
#include "demo/DemoDataSeeder.h"
#include "demo/DemoDice.h"
#include "demo/DemoScenarios.h"
#include "demo/NatunaRegency.h"
#include "register/CertificateRepository.h"
#include "register/HolderRepository.h"
#include "requests/RequestLifecycle.h"
#include "workflow/RevocationProof.h"

#include <QSet>

#include <optional>
#include <vector>

namespace rd::demo {

using Unit = NatunaRegency::Unit;
using PostKind = NatunaRegency::PostKind;
using PersonName = NatunaRegency::PersonName;
using Titles = NatunaRegency::Titles;
using Pool = DemoScenarios::Pool;
using Filing = DemoScenarios::Filing;
using Handler = DemoScenarios::Handler;
using Move = DemoScenarios::Move;
using Scenario = DemoScenarios::Scenario;
using A = RequestAction;
using R = RevocationReason;

// ---------------------------------------------------------------------------------------------
// The people of the register.

struct Slot
{
    int unit = 0;
    QString position;
    PostKind kind = PostKind::Staff;
};

struct PlannedCertificate
{
    CertificateRecord record;
    QDateTime expiresFor; // when the register should mark it expired (after notAfter)
};

struct Person
{
    Slot slot;
    Holder holder;
    QString bareName;
    bool female = false;
    QDate birth;
    QDate appointed; // invalid without NIP
    bool isUser = false;
    // Employment status beyond "active": the date it took effect (TMT) and its decree.
    QDate effective;
    QDate lastDay; // the last day of the last term of office
    QString decree;
    QString destination; // for transfers
    // A previous post ended by a mutation on switchDate.
    int previousUnit = -1;
    QString previousPosition;
    QDate switchDate;
    std::vector<Tenure> tenures;
    std::vector<PlannedCertificate> certificates;
    bool requested = false;
};

QDate randomDay(DemoDice &dice, int year, int month);

QDate firstOfMonth(const QDate &date);

// The people who work the desk: Diskominfo's own staff.
struct DeskUser
{
    QString position; // whose post the account goes to
    Actor::Role role;
    int person = -1;
    QString username;
    QString password;
    qint64 id = 0;
    Actor actor;
};

QString roleLabel(Actor::Role role);

QString demoPassword();

// A CA older than every certificate it has issued.
QDateTime authorityNotBefore(const QDateTime &now);

Error withContext(Error error, const QString &context);

// ---------------------------------------------------------------------------------------------

class DemoSeedRun
{
public:
    DemoSeedRun(DatabasePtr database, const Actor &actor, quint32 seed, int holderCount,
                const QDateTime &now, std::optional<DemoCertificateAuthority> authority,
                const CertificateUrls &urls)
        : m_database(std::move(database))
        , m_actor(actor)
        , m_authority(std::move(authority))
        , m_urls(urls)
        , m_dice(seed)
        , m_holderCount(holderCount)
        , m_now(now.toUTC())
        // The register was taken over from the personnel office's roster and AMS seven months
        // before today; the requests of the demo follow from then on.
        , m_importTime(OfficeCalendar::officeTime(
              OfficeCalendar::previousWorkday(m_now.date().addDays(-209)), 30))
        , m_importDay(m_importTime.date())
        , m_at(m_now)
    { }
    // m_clock reads m_at through this object.
    Q_DISABLE_COPY_MOVE(DemoSeedRun)

    Result<DemoSeedSummary> run();

private:
    void planSlots();
    void chooseDeskUsers();
    void assignStatuses();
    void planPeople();
    void planTenures(Person &person);
    Result<void> planCertificates(const DemoCertificateAuthority &authority);
    Result<void> planCertificatesOf(Person &person, const DemoCertificateAuthority &authority);
    Result<void> issue(Person &person, const DemoCertificateAuthority &authority, const QDate &day,
                       const QString &status, const QDateTime &revokedAt = {},
                       std::optional<int> reason = std::nullopt);
    Result<void> storeRegister();
    // Inside storeRegister's transaction.
    // The office's letterhead of the demo, with its neutral emblem.
    Result<void> storeLetterhead();
    Result<void> storePeople(HolderRepository &holders, CertificateRepository &certificates);
    Result<void> storeUsers();
    Result<void> runRequests();
    Result<void> markExpired();
    // A proof of revocation from a CRL the demo CA signs for the certificate.
    Result<RevocationProof> demoProof(const NewRevocationRequest &request,
                                      const QDateTime &revokedAt);

    QString unitAt(const Person &person, const QDate &day) const;
    QString uniqueEmail(const PersonName &name);
    QString makeNik(const Person &person);
    QString makeNip(const Person &person);
    const CertificateRecord *currentCertificate(const Person &person) const;
    int headOf(int unit) const;
    int pickHolder(Pool pool);
    const DeskUser &handlerUser(Handler handler) const;

    DatabasePtr m_database;
    Actor m_actor;
    std::optional<DemoCertificateAuthority> m_authority; // created in run() when not given
    CertificateUrls m_urls;
    DemoDice m_dice;
    int m_holderCount;
    QDateTime m_now;
    QDateTime m_importTime;
    QDate m_importDay;
    // The seeding's own "now", moved through the past months event by event, so that filing
    // dates, agenda numbers and the audit log read like an office's history. Every writer the
    // seeding uses is given m_clock; the process clock is never moved.
    QDateTime m_at;
    Clock m_clock {[this] { return m_at; }};

    qint64 m_crlNumber = 0;
    std::vector<Slot> m_slots;
    std::vector<Person> m_people;
    std::vector<DeskUser> m_users;
    QSet<QString> m_niks, m_nips, m_emails;
    DemoSeedSummary m_summary;
};

} // namespace rd::demo
