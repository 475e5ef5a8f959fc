#include "demo/DemoDataSeeder.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "demo/DemoCertificateAuthority.h"
#include "demo/DemoScenarios.h"
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

// The demo's content (names, positions, notes, reasons) is what people in Natuna would type into
// the register and the request forms: Indonesian data, not user-interface text, so it is not
// translated. Messages about the seeding itself go through tr().

namespace rd {

namespace {

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

QDate randomDay(DemoDice &dice, int year, int month)
{
    return QDate(year, month, dice.between(1, QDate(year, month, 1).daysInMonth()));
}

QDate firstOfMonth(const QDate &date)
{
    return QDate(date.year(), date.month(), 1);
}

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

QString roleLabel(Actor::Role role)
{
    switch (role) {
    case Actor::Role::Operator:
        return DemoDataSeeder::tr("operator");
    case Actor::Role::Supervisor:
        return DemoDataSeeder::tr("supervisor");
    case Actor::Role::Administrator:
        return DemoDataSeeder::tr("administrator");
    case Actor::Role::None:
        break;
    }
    return {};
}

QString demoPassword()
{
    // From the system's generator, not the seed: see the class comment.
    static const QString alphabet
        = QStringLiteral("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString password;
    for (int i = 0; i < 14; ++i) {
        if (i == 4 || i == 9)
            password += QLatin1Char('-');
        else
            password
                += alphabet.at(int(QRandomGenerator::system()->bounded(quint32(alphabet.size()))));
    }
    return password;
}

// A CA older than every certificate it has issued.
QDateTime authorityNotBefore(const QDateTime &now)
{
    return QDateTime(QDate(now.date().year() - 6, 1, 1), QTime(0, 0), QTimeZone::utc());
}

// Sets Clock back to the system time however the seeding ends.
struct ClockRestorer
{
    ClockRestorer() = default;
    ~ClockRestorer() { Clock::setFixedUtc(QDateTime()); }
    Q_DISABLE_COPY_MOVE(ClockRestorer)
};

Error withContext(Error error, const QString &context)
{
    error.detail = error.detail.isEmpty() ? context : context + QStringLiteral(": ") + error.detail;
    return error;
}

// ---------------------------------------------------------------------------------------------

class SeedRun
{
public:
    SeedRun(DatabasePtr database, const Actor &actor, quint32 seed, int holderCount,
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
    { }

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
    Result<void> storeUsers();
    Result<void> runRequests();
    Result<void> markExpired();

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

    std::vector<Slot> m_slots;
    std::vector<Person> m_people;
    std::vector<DeskUser> m_users;
    QSet<QString> m_niks, m_nips, m_emails;
    DemoSeedSummary m_summary;
};

void SeedRun::planSlots()
{
    const auto &all = NatunaRegency::units();
    const int diskominfo = NatunaRegency::unitIndex(NatunaRegency::diskominfo());
    std::vector<Slot> priority;
    std::vector<Slot> rest;
    for (size_t u = 0; u < all.size(); ++u) {
        const Unit &unit = all[u];
        const int index = int(u);
        // Every unit has its head; the desk's own office is staffed in full.
        priority.push_back({index, unit.head, PostKind::Head});
        std::vector<Slot> &others = index == diskominfo ? priority : rest;
        for (const QString &leader : unit.leaders)
            others.push_back({index, leader, PostKind::Leader});
        for (int i = 0; i < unit.staffSlots; ++i) {
            const QString position = index == diskominfo ? unit.staff.at(i % unit.staff.size())
                                                         : m_dice.pick(unit.staff);
            // A few staff are not ASN: contract support staff without a NIP.
            const bool contract = index != diskominfo && m_dice.chance(7);
            others.push_back({index, contract ? NatunaRegency::contractPosition() : position,
                              contract ? PostKind::Contract : PostKind::Staff});
        }
        for (const QString &village : unit.villageHeads)
            rest.push_back({index, village, PostKind::VillageHead});
    }
    m_dice.shuffle(rest);
    m_slots = priority;
    for (const Slot &slot : rest) {
        if (int(m_slots.size()) >= m_holderCount)
            break;
        m_slots.push_back(slot);
    }
    // A larger demo than the regency's posts: more staff in the big offices.
    while (int(m_slots.size()) < m_holderCount) {
        const int index = m_dice.between(0, int(all.size()) - 1);
        m_slots.push_back({index, m_dice.pick(all[size_t(index)].staff), PostKind::Staff});
    }
    if (int(m_slots.size()) > m_holderCount)
        m_slots.resize(size_t(m_holderCount));
    // The register lists each office together, its head first.
    std::stable_sort(m_slots.begin(), m_slots.end(), [](const Slot &a, const Slot &b) {
        if (a.unit != b.unit)
            return a.unit < b.unit;
        return int(a.kind) < int(b.kind);
    });
    m_people.resize(m_slots.size());
    for (size_t i = 0; i < m_slots.size(); ++i)
        m_people[i].slot = m_slots[i];
}

void SeedRun::chooseDeskUsers()
{
    m_users = {
        {QStringLiteral("Sandiman Ahli Pertama"), Actor::Role::Operator, -1, {}, {}, 0, {}},
        {QStringLiteral("Pranata Komputer Ahli Pertama"), Actor::Role::Operator, -1, {}, {}, 0, {}},
        {QStringLiteral("Kepala Bidang Persandian dan Keamanan Informasi"),
         Actor::Role::Supervisor,
         -1,
         {},
         {},
         0,
         {}},
        {QStringLiteral("Sekretaris Dinas Komunikasi dan Informatika"),
         Actor::Role::Supervisor,
         -1,
         {},
         {},
         0,
         {}},
        {QStringLiteral("Pranata Komputer Ahli Muda"),
         Actor::Role::Administrator,
         -1,
         {},
         {},
         0,
         {}},
    };
    const int diskominfo = NatunaRegency::unitIndex(NatunaRegency::diskominfo());
    for (DeskUser &user : m_users) {
        for (size_t i = 0; i < m_people.size(); ++i) {
            Person &person = m_people[i];
            if (person.slot.unit == diskominfo && person.slot.position == user.position
                && !person.isUser) {
                person.isUser = true;
                user.person = int(i);
                break;
            }
        }
    }
}

void SeedRun::assignStatuses()
{
    std::vector<int> eligible;
    for (size_t i = 0; i < m_people.size(); ++i) {
        const Person &person = m_people[i];
        // Heads stay in office (they sign for their staff), and so do the desk's users; contract
        // staff and village heads are outside the civil-service statuses.
        if (person.isUser || person.slot.kind == PostKind::Head
            || person.slot.kind == PostKind::Contract || person.slot.kind == PostKind::VillageHead)
            continue;
        eligible.push_back(int(i));
    }
    m_dice.shuffle(eligible);
    const int n = m_holderCount;
    const std::array<std::pair<QString, int>, 4> quota = {{
        {QStringLiteral("retired"), std::max(14, n * 5 / 100)},
        {QStringLiteral("deceased"), std::max(7, n * 2 / 100)},
        {QStringLiteral("dismissed"), std::max(5, n * 15 / 1000)},
        {QStringLiteral("transferred"), std::max(9, n * 4 / 100)},
    }};
    size_t next = 0;
    for (const auto &[status, count] : quota) {
        for (int i = 0; i < count && next < eligible.size(); ++i)
            m_people[size_t(eligible[next++])].holder.employmentStatus = status;
    }
}

QString SeedRun::uniqueEmail(const PersonName &name)
{
    QString local = NatunaRegency::emailWord(name.first);
    if (!name.last.isEmpty())
        local += QLatin1Char('.') + NatunaRegency::emailWord(name.last);
    QString candidate = local;
    for (int n = 2; m_emails.contains(candidate); ++n)
        candidate = local + QString::number(n);
    m_emails.insert(candidate);
    return candidate + QLatin1Char('@') + NatunaRegency::emailDomain();
}

QString SeedRun::makeNik(const Person &person)
{
    // 21 Kepulauan Riau, 03 Natuna, the kecamatan of residence, the birth date (day + 40 for
    // women), then a sequence that is never 0000.
    const Unit &unit = NatunaRegency::units()[size_t(person.slot.unit)];
    int district = unit.district;
    if (!unit.kecamatan || m_dice.chance(15)) {
        // Most of the offices' people live around Ranai.
        const int roll = m_dice.between(1, 100);
        district = roll <= 70 ? 1 : roll <= 80 ? 6 : roll <= 90 ? 5 : 4;
    }
    const int day = person.birth.day() + (person.female ? 40 : 0);
    const QString prefix = NatunaRegency::nikRegion()
        + QStringLiteral("%1%2%3%4")
              .arg(district, 2, 10, QLatin1Char('0'))
              .arg(day, 2, 10, QLatin1Char('0'))
              .arg(person.birth.month(), 2, 10, QLatin1Char('0'))
              .arg(person.birth.year() % 100, 2, 10, QLatin1Char('0'));
    int sequence = m_dice.between(1, 2999);
    QString nik;
    do {
        nik = prefix + QStringLiteral("%1").arg(sequence, 4, 10, QLatin1Char('0'));
        sequence = sequence % 9999 + 1;
    } while (m_niks.contains(nik));
    m_niks.insert(nik);
    return nik;
}

QString SeedRun::makeNip(const Person &person)
{
    // Birth date, month of appointment (TMT CPNS), sex (1 male, 2 female), sequence.
    const QString prefix = person.birth.toString(QStringLiteral("yyyyMMdd"))
        + person.appointed.toString(QStringLiteral("yyyyMM"))
        + (person.female ? QLatin1Char('2') : QLatin1Char('1'));
    int sequence = m_dice.between(1, 20);
    QString nip;
    do {
        nip = prefix + QStringLiteral("%1").arg(sequence, 3, 10, QLatin1Char('0'));
        sequence = sequence % 999 + 1;
    } while (m_nips.contains(nip));
    m_nips.insert(nip);
    return nip;
}

void SeedRun::planPeople()
{
    for (Person &person : m_people) {
        const Slot &slot = person.slot;
        const Unit &unit = NatunaRegency::units()[size_t(slot.unit)];
        Holder &holder = person.holder;
        const QString status = holder.employmentStatus;

        person.female = m_dice.chance(slot.kind == PostKind::Head ? 25 : 45);
        if (slot.position.startsWith(QLatin1String("Bidan ")))
            person.female = true; // midwives in the register are women

        // When a status other than active took effect, and the last day in office.
        if (status == QLatin1String("retired")) {
            // Pension age 58: from the first day of the month after the 58th birthday.
            person.effective = firstOfMonth(m_importDay.addDays(-m_dice.between(30, 420)));
            person.lastDay = person.effective.addDays(-1);
            const QDate birthMonth = person.effective.addMonths(-1);
            person.birth = randomDay(m_dice, birthMonth.year() - 58, birthMonth.month());
        } else {
            if (status != QLatin1String("active")) {
                person.effective = m_importDay.addDays(-m_dice.between(20, 420));
                person.lastDay = person.effective;
            }
            int from = 1968, to = 2000;
            if (slot.kind == PostKind::Head) {
                from = 1967;
                to = 1978;
            } else if (slot.kind == PostKind::Leader) {
                from = 1968;
                to = 1988;
            } else if (slot.kind == PostKind::VillageHead) {
                from = 1970;
                to = 1992;
            }
            const int year = m_dice.between(from, to);
            person.birth = randomDay(m_dice, year, m_dice.between(1, 12));
        }

        const bool asn = slot.kind != PostKind::Contract && slot.kind != PostKind::VillageHead;
        if (asn) {
            // Appointed as CPNS in their twenties, at least two years before today or before
            // they left, and never before the 18th birthday.
            const QDate latest
                = (person.lastDay.isValid() ? person.lastDay : m_importDay).addYears(-2);
            int year = std::min(person.birth.year() + m_dice.between(21, 30), latest.year());
            if (year < person.birth.year() + 19) {
                person.birth = person.birth.addYears(year - 19 - person.birth.year());
            }
            int month = m_dice.between(1, 12);
            if (year == latest.year())
                month = std::min(month, latest.month());
            person.appointed = QDate(year, month, 1);
        }

        const PersonName name = NatunaRegency::makeName(m_dice, person.female);
        person.bareName = name.bare;
        const Titles titles = NatunaRegency::titlesFor(slot.position, slot.kind, unit.field,
                                                       person.female, person.birth.year(), m_dice);
        holder.fullName = NatunaRegency::withTitles(name.bare, titles);
        holder.nik = makeNik(person);
        if (asn)
            holder.nip = makeNip(person);
        holder.email = uniqueEmail(name);
        // The mobile operators' prefixes (08xx) as Indonesian numbers carry them.
        holder.phone = QStringLiteral("08")
            + m_dice.pick({"11", "12", "13", "21", "22", "52", "53", "14", "15",
                           "16", "55", "56", "57", "58", "17", "18", "19", "59",
                           "77", "78", "95", "96", "97", "98", "99"})
            + QString::number(m_dice.between(1, 9))
            + QStringLiteral("%1").arg(m_dice.between(0, 9999999), 7, 10, QLatin1Char('0'));
        holder.unit = unit.name;
        holder.position = slot.position;
        holder.amsUsername = m_dice.chance(65) ? holder.email : holder.nik;

        if (status == QLatin1String("transferred"))
            person.destination = m_dice.pick(NatunaRegency::transferDestinations());
        if (status != QLatin1String("active"))
            person.decree = NatunaRegency::decreeNumber(m_dice, person.lastDay.year());
        planTenures(person);
    }
}

void SeedRun::planTenures(Person &person)
{
    const Slot &slot = person.slot;
    const QDate end = person.lastDay; // invalid while in office
    const QDate ceiling = end.isValid() ? end : m_importDay;
    const QDate floor = person.appointed.isValid()
        ? person.appointed
        : QDate(person.birth.year() + 22, m_dice.between(1, 12), 1);

    // Some moved to their current post from another office (mutasi) in the last years.
    const int mutationChance = slot.kind == PostKind::Head ? 60
        : slot.kind == PostKind::Leader                    ? 35
        : slot.kind == PostKind::Staff                     ? 15
                                                           : 0;
    QDate start;
    if (m_dice.chance(mutationChance)) {
        const QDate candidate = ceiling.addDays(-m_dice.between(120, 1600));
        if (candidate > floor.addYears(2) && candidate < ceiling.addDays(-30)) {
            start = candidate;
            person.switchDate = candidate;
            const auto &all = NatunaRegency::units();
            int other = slot.unit;
            while (other == slot.unit)
                other = m_dice.between(0, int(all.size()) - 1);
            person.previousUnit = other;
            const Unit &previous = all[size_t(other)];
            if (slot.kind == PostKind::Head && !previous.leaders.isEmpty())
                person.previousPosition = previous.leaders.first(); // the secretary
            else if (slot.kind == PostKind::Leader && !previous.leaders.isEmpty()
                     && m_dice.chance(40))
                person.previousPosition = m_dice.pick(previous.leaders);
            else
                person.previousPosition = m_dice.pick(previous.staff);
            Tenure earlier;
            earlier.position = person.previousPosition;
            earlier.unit = previous.name;
            earlier.startDate = std::max(floor, start.addDays(-m_dice.between(400, 2500)));
            earlier.endDate = start.addDays(-1);
            earlier.decreeNumber = person.appointed.isValid()
                ? NatunaRegency::decreeNumber(m_dice, earlier.startDate.year())
                : QString();
            earlier.source = QStringLiteral("demo");
            person.tenures.push_back(earlier);
        }
    }
    if (!start.isValid()) {
        if (slot.kind == PostKind::Staff && m_dice.chance(60))
            start = floor; // in the same post since appointment
        else
            start = std::max(floor, ceiling.addDays(-m_dice.between(200, 3000)));
        if (start >= ceiling)
            start = std::max(floor, ceiling.addDays(-m_dice.between(90, 400)));
    }
    Tenure current;
    current.position = slot.position;
    current.unit = NatunaRegency::units()[size_t(slot.unit)].name;
    current.startDate = start;
    current.source = QStringLiteral("demo");
    if (end.isValid()) {
        // The decree that ended it: SK pensiun, pemberhentian or pindah instansi.
        current.endDate = end;
        current.decreeNumber = person.decree;
    } else if (person.appointed.isValid()) {
        current.decreeNumber = NatunaRegency::decreeNumber(m_dice, start.year());
    }
    person.tenures.push_back(current);
}

QString SeedRun::unitAt(const Person &person, const QDate &day) const
{
    if (person.previousUnit >= 0 && day < person.switchDate)
        return NatunaRegency::units()[size_t(person.previousUnit)].name;
    return NatunaRegency::units()[size_t(person.slot.unit)].name;
}

Result<void> SeedRun::issue(Person &person, const DemoCertificateAuthority &authority,
                            const QDate &day, const QString &status, const QDateTime &revokedAt,
                            std::optional<int> reason)
{
    // Issued in the office's morning; the certificate names the unit of that day.
    const QDateTime notBefore(day, QTime(1, 0).addSecs(m_dice.between(0, 7 * 3600)),
                              QTimeZone::utc());
    auto issued = authority.issue({person.holder.email, person.bareName, unitAt(person, day)},
                                  notBefore, m_urls);
    if (!issued)
        return errorOf(issued);
    PlannedCertificate planned;
    CertificateRecord &record = planned.record;
    record.serialHex = issued->serialHex;
    record.issuerDn = issued->issuerDn;
    record.subjectDn = issued->subjectDn;
    record.notBefore = issued->notBefore;
    record.notAfter = issued->notAfter;
    record.sha256Fingerprint = issued->sha256Fingerprint;
    record.der = issued->der;
    record.status = status;
    if (status == QLatin1String("revoked")) {
        record.revokedAt = revokedAt;
        record.revocationReasonCode = reason;
    } else if (record.notAfter < m_importTime) {
        record.status = QStringLiteral("expired");
    }
    person.certificates.push_back(planned);
    return {};
}

Result<void> SeedRun::planCertificatesOf(Person &person, const DemoCertificateAuthority &authority)
{
    const QString &status = person.holder.employmentStatus;
    const QDate firstDay = person.tenures.front().startDate;
    // Still valid a month after today, and issued before the register was taken over.
    const QDate activeFrom = std::max(firstDay, m_now.date().addDays(-700));
    QDate activeTo = m_importDay.addDays(-2);
    if (person.lastDay.isValid())
        activeTo = std::min(activeTo, person.lastDay.addDays(-10));
    const bool activePossible = activeFrom < activeTo;
    auto activeDay
        = [&]() { return activeFrom.addDays(m_dice.between(0, int(activeFrom.daysTo(activeTo)))); };
    auto expiredDay
        = [&]() { return std::max(firstDay, m_now.date().addDays(-m_dice.between(760, 1300))); };
    auto alreadyExpired = [&](const QDate &day) {
        return QDateTime(day.addYears(DemoCertificateAuthority::HolderValidityYears), QTime(9, 0),
                         QTimeZone::utc())
            < m_now;
    };

    if (status != QLatin1String("active")) {
        // The SOP's warning: people who left still hold a certificate that works.
        if (activePossible)
            return issue(person, authority, activeDay(), QStringLiteral("active"));
        const QDate day = expiredDay();
        return alreadyExpired(day) ? issue(person, authority, day, QStringLiteral("active"))
                                   : Result<void>();
    }
    if (person.slot.kind == PostKind::Contract || person.slot.kind == PostKind::VillageHead) {
        if (activePossible && m_dice.chance(50))
            return issue(person, authority, activeDay(), QStringLiteral("active"));
        return {};
    }
    const int roll = m_dice.between(1, 100);
    if (!activePossible || roll <= 8)
        return {}; // not registered with BSrE yet
    if (roll <= 62)
        return issue(person, authority, activeDay(), QStringLiteral("active"));
    if (roll <= 76) {
        // Renewed: the old certificate ran out around the time the new one was issued.
        const QDate renewed = activeDay();
        const QDate old = std::max(firstDay, renewed.addDays(m_dice.between(0, 30) - 730));
        if (old < renewed.addDays(-30)) {
            if (auto ok = issue(person, authority, old, QStringLiteral("active")); !ok)
                return ok;
        }
        return issue(person, authority, renewed, QStringLiteral("active"));
    }
    if (roll <= 84) {
        // Re-issued: the old certificate was revoked when the new one came (lost passphrase,
        // or superseded).
        const QDate renewed = activeDay();
        const QDate old = renewed.addDays(-m_dice.between(60, 500));
        if (old > firstDay) {
            const QDateTime revokedAt = QDateTime(renewed, QTime(2, 0), QTimeZone::utc())
                                            .addSecs(-m_dice.between(3600, 86400));
            const int reason = m_dice.chance(60)
                ? RevocationReasons::crlReasonCode(R::Reissued)
                : RevocationReasons::crlReasonCode(R::KeyCompromised);
            if (auto ok
                = issue(person, authority, old, QStringLiteral("revoked"), revokedAt, reason);
                !ok)
                return ok;
        }
        return issue(person, authority, renewed, QStringLiteral("active"));
    }
    // Only an old certificate that ran out and was never renewed.
    const QDate day = expiredDay();
    if (alreadyExpired(day))
        return issue(person, authority, day, QStringLiteral("active"));
    return issue(person, authority, activeDay(), QStringLiteral("active"));
}

Result<void> SeedRun::planCertificates(const DemoCertificateAuthority &authority)
{
    for (Person &person : m_people) {
        if (auto ok = planCertificatesOf(person, authority); !ok)
            return ok;
    }
    return {};
}

Result<void> SeedRun::storeRegister()
{
    HolderRepository holders(m_database);
    CertificateRepository certificates(m_database);
    Clock::setFixedUtc(m_importTime);

    Transaction transaction(*m_database);
    if (auto ok = transaction.begin(); !ok)
        return ok;
    // The chain head first, as every audited writer takes it: a second seeder started at the
    // same moment on PostgreSQL waits here and then finds the holders of the first.
    if (auto ok = AuditLog::lockChain(*m_database); !ok)
        return ok;
    auto count = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM holders"));
    if (!count)
        return errorOf(count);
    if (count->toLongLong() > 0)
        return fail(ErrorCode::Conflict,
                    DemoDataSeeder::tr("The register already holds %n holder(s); demo data is "
                                       "only seeded into an empty database.",
                                       nullptr, int(count->toLongLong())));

    for (Person &person : m_people) {
        auto id = holders.insert(m_actor, person.holder);
        if (!id)
            return std::unexpected(withContext(id.error(), person.holder.nik));
        person.holder.id = *id;
        ++m_summary.holders;
        for (Tenure &tenure : person.tenures) {
            tenure.holderId = *id;
            auto tenureId = holders.insertTenure(m_actor, tenure);
            if (!tenureId)
                return std::unexpected(withContext(tenureId.error(), person.holder.nik));
            tenure.id = *tenureId;
            ++m_summary.tenures;
        }
        for (PlannedCertificate &certificate : person.certificates) {
            certificate.record.holderId = *id;
            auto certificateId = certificates.insert(m_actor, certificate.record);
            if (!certificateId)
                return std::unexpected(withContext(certificateId.error(), person.holder.nik));
            certificate.record.id = *certificateId;
            ++m_summary.certificates;
        }
    }
    return transaction.commit();
}

Result<void> SeedRun::storeUsers()
{
    UserAccounts accounts(m_database);
    Clock::setFixedUtc(m_importTime.addSecs(20 * 60));
    for (DeskUser &user : m_users) {
        QString fullName;
        QString base;
        if (user.person >= 0) {
            const Person &person = m_people[size_t(user.person)];
            fullName = person.holder.fullName;
            base = person.holder.email.section(QLatin1Char('@'), 0, 0);
        } else {
            fullName = roleLabel(user.role);
            base = Actor::roleKey(user.role);
        }
        if (!UserAccounts::usernameProblem(base).isEmpty())
            base = Actor::roleKey(user.role);
        // An account of the same name made before the demo keeps its name; ours gets a number.
        QString username = base;
        for (int n = 2; accounts.find(username).has_value(); ++n)
            username = base + QString::number(n);
        user.username = username;
        user.password = demoPassword();
        auto id = accounts.add(m_actor, username, fullName, user.role, user.password);
        if (!id)
            return std::unexpected(withContext(id.error(), username));
        user.id = *id;
        user.actor = Actor::user(username, user.role, *id);
        ++m_summary.users;
        m_summary.userCredentials << DemoDataSeeder::tr("%1 / %2 (%3)")
                                         .arg(username, user.password, roleLabel(user.role));
    }
    return {};
}

const CertificateRecord *SeedRun::currentCertificate(const Person &person) const
{
    const CertificateRecord *found = nullptr;
    const QDateTime safe = m_now.addDays(30);
    for (const PlannedCertificate &certificate : person.certificates) {
        if (certificate.record.status == QLatin1String("active")
            && certificate.record.notAfter > safe)
            found = &certificate.record;
    }
    return found;
}

int SeedRun::headOf(int unit) const
{
    for (size_t i = 0; i < m_people.size(); ++i) {
        if (m_people[i].slot.unit == unit && m_people[i].slot.kind == PostKind::Head)
            return int(i);
    }
    return -1;
}

int SeedRun::pickHolder(Pool pool)
{
    std::vector<int> candidates;
    for (size_t i = 0; i < m_people.size(); ++i) {
        const Person &person = m_people[i];
        if (person.requested || person.isUser)
            continue;
        const QString &status = person.holder.employmentStatus;
        bool fits = false;
        switch (pool) {
        case Pool::Retired:
            fits = status == QLatin1String("retired");
            break;
        case Pool::Deceased:
            fits = status == QLatin1String("deceased");
            break;
        case Pool::Dismissed:
            fits = status == QLatin1String("dismissed");
            break;
        case Pool::Transferred:
            fits = status == QLatin1String("transferred");
            break;
        case Pool::Active:
        case Pool::ActiveExpired:
            fits = status == QLatin1String("active");
            break;
        }
        if (!fits)
            continue;
        if (pool == Pool::ActiveExpired) {
            const bool expiredOnly = !person.certificates.empty() && !currentCertificate(person)
                && person.certificates.back().record.notAfter < m_now;
            if (!expiredOnly)
                continue;
        } else if (!currentCertificate(person)) {
            continue;
        }
        candidates.push_back(int(i));
    }
    if (candidates.empty())
        return -1;
    const int chosen = m_dice.pick(candidates);
    m_people[size_t(chosen)].requested = true;
    return chosen;
}

const DeskUser &SeedRun::handlerUser(Handler handler) const
{
    switch (handler) {
    case Handler::Operator1:
        return m_users[0];
    case Handler::Operator2:
        return m_users[1];
    case Handler::Supervisor1:
        return m_users[2];
    }
    return m_users[0];
}

struct PlannedRequest
{
    const Scenario *scenario = nullptr;
    NewRevocationRequest request;
    int person = -1;
    std::vector<QDateTime> times; // creation, then one per move
    std::vector<Actor> actors;
    std::vector<QString> amsReferences;
    std::vector<QString> notes;
    qint64 id = 0;
    RequestState state = RequestState::Draft;
};

Result<void> SeedRun::runRequests()
{
    const QTimeZone office = OfficeCalendar::defaultZone();
    const Actor kiosk = Actor::kiosk(QStringLiteral("kiosk-mpp-ranai"));
    const DeskUser &supervisor1 = m_users[2];
    const DeskUser &supervisor2 = m_users[3];
    const int setda = headOf(NatunaRegency::unitIndex(NatunaRegency::setda()));

    std::vector<PlannedRequest> plans;
    for (const Scenario &scenario : DemoScenarios::all()) {
        PlannedRequest plan;
        plan.scenario = &scenario;
        Pool pool = scenario.pool;
        plan.person = pickHolder(pool);
        const char *fallbackNote = nullptr;
        if (plan.person < 0 && pool == Pool::ActiveExpired) {
            // No holder with only an expired certificate in a small register: reject for a
            // missing letter instead.
            pool = Pool::Active;
            plan.person = pickHolder(pool);
            fallbackNote = DemoScenarios::missingLetterNote();
        }
        if (plan.person < 0)
            return fail(ErrorCode::Internal,
                        DemoDataSeeder::tr("The demo register has no holder left for a request "
                                           "in the state %1.")
                            .arg(RequestStates::key(scenario.finalState)));
        Person &person = m_people[size_t(plan.person)];
        const DeskUser &handler = handlerUser(scenario.handler);

        // When it was filed: in office hours, long ago for what is finished.
        const auto [youngest, oldest] = DemoScenarios::filingAge(scenario.finalState);
        const QDate today = m_now.toTimeZone(office).date();
        QDate day = today.addDays(-m_dice.between(youngest, oldest));
        while (day.dayOfWeek() > 5)
            day = day.addDays(-1);
        const int minuteOfDay = m_dice.between(0, 400);
        std::vector<int> delays;
        bool afterApproval = false;
        for (const Move &move : scenario.moves) {
            delays.push_back(DemoScenarios::stepDelay(m_dice, move.action, afterApproval));
            afterApproval = move.action == A::RequestApproval;
        }
        for (int guard = 0; guard < 400; ++guard) {
            plan.times.assign(1, OfficeCalendar::officeTime(day, minuteOfDay));
            for (int delay : delays)
                plan.times.push_back(
                    OfficeCalendar::addOfficeMinutes(plan.times.back(), std::max(1, delay)));
            if (plan.times.back() <= m_now.addSecs(-300))
                break;
            day = OfficeCalendar::previousWorkday(day);
        }
        const QDate filedOn = plan.times.front().toTimeZone(office).date();

        // The request as the applicant (or the official for them) filed it.
        NewRevocationRequest &request = plan.request;
        request.holderId = person.holder.id;
        const CertificateRecord *certificate = currentCertificate(person);
        if (!certificate && !person.certificates.empty())
            certificate = &person.certificates.back().record;
        if (certificate)
            request.certificateId = certificate->id;
        request.reason = scenario.reason;
        request.channel = scenario.filing == Filing::Kiosk ? QStringLiteral("kiosk")
            : scenario.filing == Filing::RiskMonitor       ? QStringLiteral("risk_monitor")
                                                           : QStringLiteral("workbench");
        const QString date = QStringLiteral("dd-MM-yyyy");
        switch (scenario.reason) {
        case R::Retired:
            request.effectiveDate = person.effective;
            request.reasonText
                = QStringLiteral("Pemegang sertifikat purna tugas (pensiun) terhitung "
                                 "mulai %1 berdasarkan SK %2.")
                      .arg(person.effective.toString(date), person.decree);
            break;
        case R::Deceased:
            request.effectiveDate = person.effective;
            request.reasonText = QStringLiteral("Pemegang sertifikat meninggal dunia pada %1; "
                                                "surat keterangan kematian terlampir.")
                                     .arg(person.effective.toString(date));
            break;
        case R::Dismissed:
            request.effectiveDate = person.effective;
            request.reasonText = QStringLiteral("Pemegang sertifikat diberhentikan sebagai PNS "
                                                "terhitung mulai %1 berdasarkan SK %2.")
                                     .arg(person.effective.toString(date), person.decree);
            break;
        case R::Transferred:
            if (person.holder.employmentStatus == QLatin1String("transferred")) {
                request.effectiveDate = person.effective;
                request.reasonText
                    = QStringLiteral("Pindah tugas ke %1 terhitung mulai %2 "
                                     "berdasarkan SK %3.")
                          .arg(person.destination, person.effective.toString(date), person.decree);
            } else {
                request.effectiveDate = filedOn.addDays(14);
                request.reasonText = QStringLiteral("Akan pindah tugas ke %1 terhitung mulai %2.")
                                         .arg(m_dice.pick(NatunaRegency::transferDestinations()),
                                              request.effectiveDate.toString(date));
            }
            break;
        case R::KeyCompromised:
            request.effectiveDate = filedOn.addDays(-m_dice.between(0, 2));
            request.reasonText = m_dice.pick(
                {"Telepon genggam berisi aplikasi tanda tangan elektronik hilang.",
                 "Passphrase sertifikat diketahui orang lain.",
                 "Laptop dinas tempat sertifikat tersimpan hilang dalam perjalanan dinas ke "
                 "Tanjungpinang."});
            break;
        case R::DataChanged:
            request.effectiveDate = filedOn.addDays(-m_dice.between(0, 20));
            request.reasonText = m_dice.pick(
                {"Alamat e-mail dinas berubah; sertifikat perlu diterbitkan ulang.",
                 "Nama unit kerja pada sertifikat tidak sesuai lagi setelah penataan perangkat "
                 "daerah.",
                 "Penulisan nama pada sertifikat keliru."});
            break;
        case R::Reissued:
            request.effectiveDate = filedOn.addDays(-m_dice.between(0, 5));
            request.reasonText = QStringLiteral(
                "Sertifikat baru telah diterbitkan; sertifikat lama tidak digunakan lagi.");
            break;
        case R::Other:
            request.effectiveDate = filedOn;
            request.reasonText = QStringLiteral("Sertifikat tidak diperlukan lagi karena jabatan "
                                                "tidak lagi menandatangani dokumen elektronik.");
            break;
        }
        if (RevocationReasons::officialFilesOnBehalf(scenario.reason)) {
            // The superior files: the head of the holder's office, or the regional secretary.
            int official = headOf(person.slot.unit);
            if (official < 0 || official == plan.person)
                official = setda;
            if (official < 0)
                return fail(ErrorCode::Internal,
                            DemoDataSeeder::tr("The demo register has no official to file for "
                                               "%1.")
                                .arg(person.holder.fullName));
            const Person &head = m_people[size_t(official)];
            request.filedBy = NewRevocationRequest::FiledBy::Official;
            request.officialName = head.holder.fullName;
            request.officialNip = head.holder.nip;
            request.officialPosition = head.holder.position;
            request.applicantEmail = head.holder.email;
        } else {
            request.filedBy = NewRevocationRequest::FiledBy::Holder;
            request.applicantEmail = person.holder.email;
        }

        // Who takes each step: the kiosk files and resubmits for kiosk applicants, the handler
        // works the request, and under dual control the other supervisor approves.
        const Actor filer = scenario.filing == Filing::Kiosk ? kiosk : handler.actor;
        plan.actors.push_back(filer);
        plan.amsReferences.emplace_back();
        plan.notes.emplace_back();
        const Actor approver
            = handler.username == supervisor1.username ? supervisor2.actor : supervisor1.actor;
        bool approvalAsked = false;
        for (const Move &move : scenario.moves) {
            Actor actor = handler.actor;
            if (move.action == A::Resubmit)
                actor = filer;
            else if (approvalAsked
                     && (move.action == A::Revoke || move.action == A::RecordPendingProof))
                actor = approver;
            plan.actors.push_back(actor);
            if (move.action == A::RequestApproval)
                approvalAsked = true;
            QString reference;
            if (move.action == A::Revoke || move.action == A::RecordPendingProof)
                reference = QStringLiteral("REV-%1-%2")
                                .arg(filedOn.toString(QStringLiteral("yyyyMMdd")))
                                .arg(m_dice.between(1, 99999), 5, 10, QLatin1Char('0'));
            plan.amsReferences.push_back(reference);
            const char *note = move.note;
            if (note && fallbackNote && move.action == A::Reject)
                note = fallbackNote;
            plan.notes.push_back(note ? QString::fromUtf8(note) : QString());
        }
        plans.push_back(std::move(plan));
    }

    // Replay every step of every request in the order of time, so that agenda numbers, the step
    // log and the audit chain read as the office lived them.
    struct Event
    {
        QDateTime at;
        size_t plan;
        size_t step;
    };
    std::vector<Event> events;
    for (size_t p = 0; p < plans.size(); ++p) {
        for (size_t s = 0; s < plans[p].times.size(); ++s)
            events.push_back({plans[p].times[s], p, s});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const Event &a, const Event &b) { return a.at < b.at; });

    RequestLifecycle lifecycle(m_database);
    RequestLifecycle dualControl(m_database, RequestLifecycle::Options {{}, true});
    CertificateRepository certificates(m_database);
    for (const Event &event : events) {
        PlannedRequest &plan = plans[event.plan];
        const Scenario &scenario = *plan.scenario;
        RequestLifecycle &desk = scenario.dualControl ? dualControl : lifecycle;
        const Actor &actor = plan.actors[event.step];
        Clock::setFixedUtc(event.at);
        const QString context = QStringLiteral("demo request %1 (%2), step %3")
                                    .arg(event.plan + 1)
                                    .arg(RequestStates::key(scenario.finalState))
                                    .arg(event.step);
        if (event.step == 0) {
            auto created = scenario.filing == Filing::Draft ? desk.createDraft(actor, plan.request)
                                                            : desk.file(actor, plan.request);
            if (!created)
                return std::unexpected(withContext(created.error(), context));
            plan.id = created->requestId;
            plan.state = created->to;
            continue;
        }
        const Move &move = scenario.moves[event.step - 1];
        TransitionRequest transition;
        transition.requestId = plan.id;
        transition.action = move.action;
        transition.note = plan.notes[event.step];
        transition.amsReference = plan.amsReferences[event.step];
        auto moved = desk.apply(actor, transition);
        if (!moved)
            return std::unexpected(withContext(moved.error(), context));
        plan.state = moved->to;
        if (moved->to == RequestState::Revoked && plan.request.certificateId) {
            // AMS revoked it and OCSP/CRL show it: the register records the revocation.
            Transaction transaction(*m_database);
            if (auto ok = transaction.begin(); !ok)
                return ok;
            if (auto ok = AuditLog::lockChain(*m_database); !ok)
                return ok;
            if (auto ok = certificates.updateStatus(
                    actor, *plan.request.certificateId, QStringLiteral("revoked"), event.at,
                    RevocationReasons::crlReasonCode(plan.request.reason));
                !ok)
                return std::unexpected(withContext(ok.error(), context));
            if (auto ok = transaction.commit(); !ok)
                return ok;
        }
    }

    for (const PlannedRequest &plan : plans) {
        if (plan.state != plan.scenario->finalState)
            return fail(ErrorCode::Internal,
                        DemoDataSeeder::tr("A demo request ended as %1 instead of %2.")
                            .arg(RequestStates::key(plan.state),
                                 RequestStates::key(plan.scenario->finalState)));
        ++m_summary.requests;
        ++m_summary.requestsByState[RequestStates::key(plan.state)];
    }
    return {};
}

Result<void> SeedRun::markExpired()
{
    // Today's expiry check: what ran out since the register was taken over.
    Clock::setFixedUtc(m_now);
    CertificateRepository certificates(m_database);
    Transaction transaction(*m_database);
    if (auto ok = transaction.begin(); !ok)
        return ok;
    if (auto ok = AuditLog::lockChain(*m_database); !ok)
        return ok;
    auto query = m_database->execute(
        QStringLiteral("SELECT id FROM certificates WHERE status = 'active' AND not_after < ? "
                       "ORDER BY id"),
        {Clock::toIsoUtc(m_now)});
    if (!query)
        return errorOf(query);
    std::vector<qint64> ids;
    while (query->next())
        ids.push_back(query->value(0).toLongLong());
    query->finish();
    for (qint64 id : ids) {
        if (auto ok = certificates.updateStatus(m_actor, id, QStringLiteral("expired")); !ok)
            return ok;
    }
    return transaction.commit();
}

Result<DemoSeedSummary> SeedRun::run()
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

} // namespace

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
                                                             authorityNotBefore(now.toUTC()));
        if (!opened)
            return errorOf(opened);
        kept.emplace(std::move(*opened));
    }
    const CertificateUrls urls = authority.publicUrl.isEmpty()
        ? DemoCertificateAuthority::defaultUrls()
        : DemoCertificateAuthority::urlsUnder(authority.publicUrl);
    ClockRestorer restoreClock;
    SeedRun run(std::move(db), actor, randomSeed, holderCount, now, std::move(kept), urls);
    return run.run();
}

} // namespace rd
