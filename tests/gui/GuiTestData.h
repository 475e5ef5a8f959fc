#pragma once

#include "core/Clock.h"
#include "database/Database.h"
#include "register/HolderRepository.h"
#include "register/IdentityNumbers.h"
#include "requests/RequestLifecycle.h"
#include "users/UserAccounts.h"

#include <QSqlQuery>
#include <QStringList>
#include <QTimeZone>

#include <algorithm>
#include <functional>
#include <vector>

namespace rd::test {

// One request the fixture filed, with what the queue should show for it.
struct FiledRequest
{
    qint64 id = 0;
    QString agendaNumber;
    QString holderName;
    QString nik;
    QString unit;
    RevocationReason reason = RevocationReason::Other;
    QString channel;
    RequestState state = RequestState::Submitted;
    QDateTime filedAt; // UTC
    QString assignedOperator;
};

struct QueueData
{
    std::vector<FiledRequest> requests; // in filing order (ascending id)
    QString operatorName;

    int count(const std::function<bool(const FiledRequest &)> &matches) const
    {
        return int(std::count_if(requests.begin(), requests.end(), matches));
    }
    int inState(RequestState state) const
    {
        return count([state](const FiledRequest &r) { return r.state == state; });
    }
};

// Runs a statement unprepared, as PostgreSQL cannot prepare DDL; for breaking a database on
// purpose.
inline bool runDirectly(const Database &database, const QString &sql)
{
    QSqlQuery query(database.connection());
    return query.exec(sql);
}

// The first request is filed at 08:00 office time (Asia/Jakarta, UTC+7) on 3 November 2025; each
// next one eleven minutes later, so that every agenda number falls in SE/2025/11.
inline QDateTime fixtureStart()
{
    return QDateTime(QDate(2025, 11, 3), QTime(1, 0), QTimeZone::utc());
}

// A NIK of Kabupaten Natuna (province 21, regency 03) that IdentityNumbers accepts: district,
// date of birth (women: day + 40) and a sequence number.
inline QString natunaNik(int district, const QDate &birth, bool female, int sequence)
{
    const QChar zero(u'0');
    return QStringLiteral("2103%1%2%3%4%5")
        .arg(district, 2, 10, zero)
        .arg(birth.day() + (female ? 40 : 0), 2, 10, zero)
        .arg(birth.month(), 2, 10, zero)
        .arg(birth.year() % 100, 2, 10, zero)
        .arg(sequence, 4, 10, zero);
}

// Files `count` requests, each for its own holder, through the real services (holders audited,
// requests filed and moved along allowed transitions). The clock is pinned while filling and
// released afterwards.
inline Result<QueueData> fillQueue(const DatabasePtr &database, int count)
{
    struct Given
    {
        const char *name;
        bool female;
    };
    static const Given givenNames[] = {
        {"Siti", true},  {"Ahmad", false},    {"Dewi", true},    {"Rudi", false},
        {"Nur", true},   {"Muhammad", false}, {"Sri", true},     {"Hendra", false},
        {"Fitri", true}, {"Bambang", false},  {"Yuliana", true}, {"Agus", false},
        {"Rina", true},  {"Andi", false},     {"Wulan", true},   {"Joko", false},
        {"Ratna", true}, {"Fajar", false},    {"Intan", true},   {"Rizki", false},
    };
    static const char *const secondNames[]
        = {"Rahmawati", "Hidayat",   "Lestari", "Saputra",  "Wahyuni", "Pratama",
           "Handayani", "Kurniawan", "Permata", "Setiawan", "Susanti", "Ramadhan"};
    static const char *const units[] = {
        "Dinas Komunikasi dan Informatika",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Dinas Kesehatan",
        "Dinas Pendidikan dan Kebudayaan",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Sekretariat Daerah",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Kecamatan Bunguran Timur",
    };
    static const char *const positions[] = {"Kepala Dinas", "Sekretaris",       "Kepala Bidang",
                                            "Kepala Seksi", "Analis Kebijakan", "Pranata Komputer"};
    static const RevocationReason reasons[] = {
        RevocationReason::Transferred,    RevocationReason::Retired,  RevocationReason::DataChanged,
        RevocationReason::KeyCompromised, RevocationReason::Reissued, RevocationReason::Deceased,
        RevocationReason::Dismissed,      RevocationReason::Other,
    };
    static const char *const channels[] = {"kiosk", "workbench", "cli", "risk_monitor"};
    const int givenCount = int(std::size(givenNames));
    const int secondCount = int(std::size(secondNames));
    if (count > givenCount * secondCount)
        return fail(ErrorCode::InvalidInput,
                    QStringLiteral("at most %1 requests").arg(givenCount * secondCount));

    const Actor admin = Actor::user(QStringLiteral("tester"), Actor::Role::Administrator);
    QueueData data;
    data.operatorName = QStringLiteral("rahma.op");
    UserAccounts users(database);
    auto operatorId = users.add(admin, data.operatorName, QStringLiteral("Rahmawati"),
                                Actor::Role::Operator, QStringLiteral("correct horse battery 7"));
    if (!operatorId)
        return errorOf(operatorId);
    const Actor operatorActor = Actor::user(data.operatorName, Actor::Role::Operator, *operatorId);

    HolderRepository holders(database);
    RequestLifecycle lifecycle(database);
    for (int i = 0; i < count; ++i) {
        const Given &given = givenNames[i % givenCount];
        QString name = QString::fromLatin1(given.name) + u' '
            + QString::fromLatin1(secondNames[(i / givenCount) % secondCount]);
        if (i % 7 == 3)
            name = QStringLiteral("Dr. ") + name;
        else if (i % 5 == 1)
            name += QStringLiteral(", S.Kom.");
        else if (i % 6 == 2)
            name += QStringLiteral(", S.E., M.Si.");

        Holder holder;
        holder.nik = natunaNik(1 + i % 7, QDate(1965 + i % 30, 1 + i % 12, 1 + i % 28),
                               given.female, i + 1);
        if (const QString problem = IdentityNumbers::nikProblem(holder.nik); !problem.isEmpty())
            return fail(ErrorCode::InvalidInput, holder.nik + QStringLiteral(": ") + problem);
        holder.fullName = name;
        holder.unit = QString::fromLatin1(units[i % std::size(units)]);
        holder.position = QString::fromLatin1(positions[i % std::size(positions)]);
        holder.email = QStringLiteral("holder%1@natunakab.go.id").arg(i + 1);
        auto holderId = holders.insert(admin, holder);
        if (!holderId)
            return errorOf(holderId);

        FiledRequest filed;
        filed.holderName = name;
        filed.nik = holder.nik;
        filed.unit = holder.unit;
        filed.reason = reasons[i % std::size(reasons)];
        filed.channel = QString::fromLatin1(channels[i % std::size(channels)]);
        filed.filedAt = fixtureStart().addSecs(qint64(i) * 11 * 60);

        NewRevocationRequest request;
        request.holderId = *holderId;
        request.reason = filed.reason;
        request.channel = filed.channel;
        request.applicantEmail = holder.email;
        if (filed.reason == RevocationReason::Other)
            request.reasonText = QStringLiteral("Sertifikat tidak lagi diperlukan");
        if (RevocationReasons::officialFilesOnBehalf(filed.reason)) {
            request.filedBy = NewRevocationRequest::FiledBy::Official;
            request.officialName = QStringLiteral("Drs. Hasan Basri, M.M.");
            request.officialNip = QStringLiteral("197005121995031002");
            request.officialPosition = QStringLiteral("Kepala Bidang Kepegawaian");
        }
        Clock::setFixedUtc(filed.filedAt);
        auto outcome = lifecycle.file(admin, request);
        if (!outcome) {
            Clock::setFixedUtc({});
            return errorOf(outcome);
        }
        filed.id = outcome->requestId;
        filed.agendaNumber = outcome->agendaNumber;
        filed.state = outcome->to;

        // Move some along: in verification, verified, needs completion, rejected, cancelled.
        std::vector<std::pair<RequestAction, QString>> steps;
        switch (i % 10) {
        case 4:
        case 5:
            steps = {{RequestAction::Claim, {}}};
            break;
        case 6:
            steps = {{RequestAction::Claim, {}}, {RequestAction::Verify, {}}};
            break;
        case 7:
            steps = {{RequestAction::Reject, QStringLiteral("Surat keterangan tidak sah")}};
            break;
        case 8:
            steps = {{RequestAction::Claim, {}},
                     {RequestAction::RequestCompletion, QStringLiteral("SK pensiun belum ada")}};
            break;
        case 9:
            steps = {{RequestAction::Cancel, QStringLiteral("Ditarik oleh pemohon")}};
            break;
        default:
            break;
        }
        int minutes = 0;
        for (const auto &[action, note] : steps) {
            minutes += 4 + i % 9;
            Clock::setFixedUtc(filed.filedAt.addSecs(minutes * 60));
            const bool byOperator = action != RequestAction::Cancel;
            auto moved = lifecycle.apply(byOperator ? operatorActor : admin,
                                         TransitionRequest {filed.id, action, {}, note, {}});
            if (!moved) {
                Clock::setFixedUtc({});
                return errorOf(moved);
            }
            filed.state = moved->to;
            if (action == RequestAction::Claim)
                filed.assignedOperator = data.operatorName;
        }
        data.requests.push_back(filed);
    }
    Clock::setFixedUtc({});
    return data;
}

} // namespace rd::test
