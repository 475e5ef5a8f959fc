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
#include "status/RevocationStatusChecker.h"
#include "users/UserAccounts.h"
#include "workflow/RevocationStep.h"
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryFile>
#include <QTimeZone>
#include <algorithm>
#include <array>
#include <optional>
#include <vector>

// The demo's content (names, positions, notes, reasons) is what people in Natuna would type into
// the register and the request forms: Indonesian data, not user-interface text, so it is not
// translated. Messages about the seeding itself go through tr().

namespace rd::demo {

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

Result<void> DemoSeedRun::runRequests()
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

    // Each scenario says whether it runs under dual control, whatever the office's setting.
    RequestLifecycle lifecycle(m_database, RequestLifecycle::Options {{}, false, m_clock});
    RequestLifecycle dualControl(m_database, RequestLifecycle::Options {{}, true, m_clock});
    RevocationStep revocationStep(m_database, RequestLifecycle::Options {{}, false, m_clock},
                                  AmsBackend::Portal);
    RevocationStep dualControlStep(m_database, RequestLifecycle::Options {{}, true, m_clock},
                                   AmsBackend::Portal);
    for (const Event &event : events) {
        PlannedRequest &plan = plans[event.plan];
        const Scenario &scenario = *plan.scenario;
        RequestLifecycle &desk = scenario.dualControl ? dualControl : lifecycle;
        const Actor &actor = plan.actors[event.step];
        m_at = event.at;
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
        // Step 8 as the desk does it: the call queued (the portal's way, since the demo has no
        // AMS of its own here), AMS's reference read back, and a proof from a CRL the demo CA
        // signs, so that the demo's revoked requests hold what real ones hold.
        RevocationStep &step = scenario.dualControl ? dualControlStep : revocationStep;
        Result<TransitionOutcome> moved;
        switch (move.action) {
        case RequestAction::Revoke:
        case RequestAction::RetryRevocation:
            moved = step.revoke(actor, plan.id);
            break;
        case RequestAction::RecordPendingProof:
            moved = step.recordPortalRevocation(actor, plan.id, transition.amsReference);
            break;
        case RequestAction::ConfirmRevocation: {
            auto proof = demoProof(plan.request, event.at);
            if (!proof)
                return std::unexpected(withContext(proof.error(), context));
            moved = step.recordProof(Actor::worker(QStringLiteral("demo")), plan.id, *proof);
            break;
        }
        default:
            moved = desk.apply(actor, transition);
        }
        if (!moved)
            return std::unexpected(withContext(moved.error(), context));
        plan.state = moved->to;
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

Result<RevocationProof> DemoSeedRun::demoProof(const NewRevocationRequest &request,
                                               const QDateTime &revokedAt)
{
    if (!request.certificateId || !m_authority)
        return fail(ErrorCode::Internal,
                    DemoDataSeeder::tr("A revoked demo request has no certificate to prove."));
    auto record = CertificateRepository(m_database).findById(*request.certificateId);
    if (!record)
        return errorOf(record);
    auto certificates = Certificate::readAll(record->der);
    if (!certificates)
        return errorOf(certificates);
    auto issuers = Certificate::readAll(m_authority->certificatePem());
    if (!issuers)
        return errorOf(issuers);
    // Fresh by the real clock, which is what a status check is measured against.
    const QDateTime now = Clock::currentUtc();
    auto crl = m_authority->crl(
        {{record->serialHex, revokedAt, RevocationReasons::crlReasonCode(request.reason)}},
        now.addSecs(-60), now.addDays(7), ++m_crlNumber);
    if (!crl)
        return errorOf(crl);
    QTemporaryFile file;
    if (!file.open() || file.write(*crl) != crl->size() || !file.flush())
        return fail(ErrorCode::Io,
                    DemoDataSeeder::tr("Cannot write a demo CRL to %1.").arg(file.fileName()));
    auto status = RevocationStatusChecker::checkCrlFile(certificates->front(), issuers->front(),
                                                        file.fileName());
    if (!status)
        return errorOf(status);
    auto proof = RevocationProof::fromStatus(*status, 0);
    if (!proof)
        return fail(ErrorCode::Internal,
                    DemoDataSeeder::tr("The demo CRL does not show certificate %1 as revoked.")
                        .arg(record->serialHex));
    // Where the demo's certificates say their CRL is (the AMS simulator's, in scripts/run).
    proof->location = m_urls.crlDistributionPoint;
    return *proof;
}

Result<void> DemoSeedRun::markExpired()
{
    // Today's expiry check: what ran out since the register was taken over.
    m_at = m_now;
    CertificateRepository certificates(m_database, m_clock);
    return AuditLog::inTransaction(*m_database, [&]() -> Result<void> {
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
        return {};
    });
}

} // namespace rd::demo
