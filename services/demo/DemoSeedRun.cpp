#include "demo/DemoSeedRun.h"

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
#include "users/OfficeSettings.h"
#include "users/UserAccounts.h"
#include <QFile>
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

namespace rd::demo {

QDate randomDay(DemoDice &dice, int year, int month)
{
    return QDate(year, month, dice.between(1, QDate(year, month, 1).daysInMonth()));
}

QDate firstOfMonth(const QDate &date)
{
    return QDate(date.year(), date.month(), 1);
}

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

QDateTime authorityNotBefore(const QDateTime &now)
{
    return QDateTime(QDate(now.date().year() - 6, 1, 1), QTime(0, 0), QTimeZone::utc());
}

Error withContext(Error error, const QString &context)
{
    error.detail = error.detail.isEmpty() ? context : context + QStringLiteral(": ") + error.detail;
    return error;
}

void DemoSeedRun::planSlots()
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

void DemoSeedRun::chooseDeskUsers()
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

void DemoSeedRun::assignStatuses()
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

QString DemoSeedRun::uniqueEmail(const PersonName &name)
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

QString DemoSeedRun::makeNik(const Person &person)
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

QString DemoSeedRun::makeNip(const Person &person)
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

void DemoSeedRun::planPeople()
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

void DemoSeedRun::planTenures(Person &person)
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

QString DemoSeedRun::unitAt(const Person &person, const QDate &day) const
{
    if (person.previousUnit >= 0 && day < person.switchDate)
        return NatunaRegency::units()[size_t(person.previousUnit)].name;
    return NatunaRegency::units()[size_t(person.slot.unit)].name;
}

Result<void> DemoSeedRun::issue(Person &person, const DemoCertificateAuthority &authority,
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

Result<void> DemoSeedRun::planCertificatesOf(Person &person,
                                             const DemoCertificateAuthority &authority)
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

Result<void> DemoSeedRun::planCertificates(const DemoCertificateAuthority &authority)
{
    for (Person &person : m_people) {
        if (auto ok = planCertificatesOf(person, authority); !ok)
            return ok;
    }
    return {};
}

Result<void> DemoSeedRun::storeRegister()
{
    m_at = m_importTime;
    HolderRepository holders(m_database, m_clock);
    CertificateRepository certificates(m_database, m_clock);
    // The chain head first, as every audited writer takes it: a second seeder started at the
    // same moment on PostgreSQL waits here and then finds the holders of the first.
    return AuditLog::inTransaction(*m_database, [&]() -> Result<void> {
        if (auto allowed = UserAccounts(m_database, m_clock).authorizeSetUp(m_actor); !allowed)
            return allowed;
        auto count = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM holders"));
        if (!count)
            return errorOf(count);
        if (count->toLongLong() > 0)
            return fail(ErrorCode::Conflict,
                        DemoDataSeeder::tr("The register already holds %n holder(s); demo data is "
                                           "only seeded into an empty database.",
                                           nullptr, int(count->toLongLong())));
        // Said in the database with the register it marks, before any e-mail is queued: the
        // outbox of a demo sends only to a server on this machine (made-up people's addresses).
        if (auto ok = OfficeSettings(m_database, m_clock)
                          .setInTransaction(m_actor, OfficeSettings::demoDatabaseKey(),
                                            QStringLiteral("true"));
            !ok)
            return ok;
        if (auto ok = storeLetterhead(); !ok)
            return ok;
        return storePeople(holders, certificates);
    });
}

Result<void> DemoSeedRun::storeLetterhead()
{
    // Example addresses (RFC 2606): the demo's letters point at no real office.
    QFile emblem(QStringLiteral(":/documents/demo-emblem.png"));
    if (!emblem.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Internal,
                    DemoDataSeeder::tr("The demo's emblem is not built into this program."));
    auto emblemUrl = OfficeSettings::emblemUrl(emblem.readAll());
    if (!emblemUrl)
        return errorOf(emblemUrl);
    const std::pair<QString, QString> letterhead[] = {
        {QStringLiteral("office/government"), QStringLiteral("Pemerintah Kabupaten Natuna")},
        {QStringLiteral("office/name"), QStringLiteral("Dinas Komunikasi dan Informatika")},
        {QStringLiteral("office/address"),
         QStringLiteral("Jalan Contoh Nomor 1, Ranai, Kabupaten Natuna 29783")},
        {QStringLiteral("office/phone"), QStringLiteral("(0773) 000000")},
        {QStringLiteral("office/web"), QStringLiteral("diskominfo.natuna.example")},
        {QStringLiteral("office/email"), QStringLiteral("diskominfo@natuna.example")},
        {QStringLiteral("office/place"), QStringLiteral("Ranai")},
        {QStringLiteral("office/head"),
         QStringLiteral("Kepala Dinas Komunikasi dan Informatika Kabupaten Natuna")},
        {QStringLiteral("office/classificationCode"), QStringLiteral("000.5.10")},
        {OfficeSettings::emblemKey(), *emblemUrl},
    };
    OfficeSettings settings(m_database, m_clock);
    for (const auto &[key, value] : letterhead) {
        if (auto ok = settings.setInTransaction(m_actor, key, value); !ok)
            return ok;
    }
    return {};
}

Result<void> DemoSeedRun::storePeople(HolderRepository &holders,
                                      CertificateRepository &certificates)
{
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
    return {};
}

Result<void> DemoSeedRun::storeUsers()
{
    m_at = m_importTime.addSecs(20 * 60);
    UserAccounts accounts(m_database, m_clock);
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
        // The right was checked with the register (authorizeSetUp under the chain's lock).
        auto id = AuditLog::inTransaction(*m_database, [&]() {
            return accounts.addInTransaction(m_actor, username, fullName, user.role, user.password);
        });
        if (!id)
            return std::unexpected(withContext(id.error(), username));
        user.id = *id;
        user.actor = Actor::user(username, user.role, *id);
        ++m_summary.users;
        m_summary.userCredentials << DemoDataSeeder::tr("%1 / %2 (%3)")
                                         .arg(username, user.password, roleLabel(user.role));
        m_summary.accounts.push_back({username, user.password, user.role});
    }
    return {};
}

const CertificateRecord *DemoSeedRun::currentCertificate(const Person &person) const
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

int DemoSeedRun::headOf(int unit) const
{
    for (size_t i = 0; i < m_people.size(); ++i) {
        if (m_people[i].slot.unit == unit && m_people[i].slot.kind == PostKind::Head)
            return int(i);
    }
    return -1;
}

int DemoSeedRun::pickHolder(Pool pool)
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

const DeskUser &DemoSeedRun::handlerUser(Handler handler) const
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

} // namespace rd::demo
