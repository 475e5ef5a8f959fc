#include "demo/DemoScenarios.h"

namespace rd {

namespace {

using Move = DemoScenarios::Move;
using Pool = DemoScenarios::Pool;
using Filing = DemoScenarios::Filing;
using Handler = DemoScenarios::Handler;
using A = RequestAction;
using S = RequestState;
using R = RevocationReason;

const std::vector<Move> kToMatched = {{A::Claim}, {A::Verify}, {A::MatchCertificate}};

std::vector<Move> path(std::vector<Move> head, std::initializer_list<Move> tail)
{
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

} // namespace

const std::vector<DemoScenarios::Scenario> &DemoScenarios::all()
{
    static const std::vector<Scenario> list = {
        // Closed: the whole SOP, some through its detours.
        {S::Closed, R::Retired, Pool::Retired, Filing::Workbench, Handler::Operator1, false,
         path(kToMatched,
              {{A::Revoke},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        {S::Closed,
         R::Retired,
         Pool::Retired,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim},
          {A::RequestCompletion, "Lampiran SK pensiun belum diunggah; mohon unggah salinan SK."},
          {A::Resubmit},
          {A::Claim},
          {A::Verify},
          {A::MatchCertificate},
          {A::Revoke},
          {A::RecordPendingProof},
          {A::ConfirmRevocation},
          {A::Notify},
          {A::Close}}},
        {S::Closed, R::Retired, Pool::Retired, Filing::RiskMonitor, Handler::Operator1, false,
         path(kToMatched,
              {{A::Revoke},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        {S::Closed, R::Deceased, Pool::Deceased, Filing::Workbench, Handler::Operator2, true,
         path(kToMatched,
              {{A::RequestApproval},
               {A::Revoke},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        {S::Closed, R::Deceased, Pool::Deceased, Filing::Kiosk, Handler::Operator1, false,
         path(kToMatched,
              {{A::Revoke},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        {S::Closed, R::Dismissed, Pool::Dismissed, Filing::Workbench, Handler::Supervisor1, false,
         path(kToMatched,
              {{A::Revoke},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        {S::Closed, R::Transferred, Pool::Transferred, Filing::Kiosk, Handler::Operator2, false,
         path(kToMatched,
              {{A::Revoke},
               {A::FailRevocation, "Koneksi ke AMS terputus sebelum pencabutan dikonfirmasi."},
               {A::RetryRevocation},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        {S::Closed, R::Transferred, Pool::Transferred, Filing::Kiosk, Handler::Operator1, false,
         path(kToMatched,
              {{A::Revoke},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        {S::Closed, R::KeyCompromised, Pool::Active, Filing::Kiosk, Handler::Operator2, false,
         path(kToMatched,
              {{A::Revoke},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        {S::Closed, R::DataChanged, Pool::Active, Filing::Workbench, Handler::Operator1, false,
         path(kToMatched,
              {{A::Revoke},
               {A::RecordPendingProof},
               {A::ConfirmRevocation},
               {A::Notify},
               {A::Close}})},
        // Notified and revoked: waiting for the last steps.
        {S::Notified, R::Retired, Pool::Retired, Filing::Workbench, Handler::Operator2, false,
         path(kToMatched,
              {{A::Revoke}, {A::RecordPendingProof}, {A::ConfirmRevocation}, {A::Notify}})},
        {S::Notified, R::Transferred, Pool::Transferred, Filing::Kiosk, Handler::Operator1, false,
         path(kToMatched,
              {{A::Revoke}, {A::RecordPendingProof}, {A::ConfirmRevocation}, {A::Notify}})},
        {S::Notified, R::Reissued, Pool::Active, Filing::Kiosk, Handler::Operator2, false,
         path(kToMatched,
              {{A::Revoke}, {A::RecordPendingProof}, {A::ConfirmRevocation}, {A::Notify}})},
        {S::Revoked, R::Deceased, Pool::Deceased, Filing::Kiosk, Handler::Operator1, false,
         path(kToMatched, {{A::Revoke}, {A::RecordPendingProof}, {A::ConfirmRevocation}})},
        {S::Revoked, R::KeyCompromised, Pool::Active, Filing::Kiosk, Handler::Operator2, false,
         path(kToMatched, {{A::Revoke}, {A::RecordPendingProof}, {A::ConfirmRevocation}})},
        // Dual control: one supervisor asks, the other approves.
        {S::Revoked, R::Dismissed, Pool::Dismissed, Filing::Workbench, Handler::Supervisor1, true,
         path(
             kToMatched,
             {{A::RequestApproval}, {A::Revoke}, {A::RecordPendingProof}, {A::ConfirmRevocation}})},
        {S::RevocationPendingProof, R::Retired, Pool::Retired, Filing::RiskMonitor,
         Handler::Operator1, false, path(kToMatched, {{A::Revoke}, {A::RecordPendingProof}})},
        {S::RevocationPendingProof, R::Transferred, Pool::Transferred, Filing::Kiosk,
         Handler::Operator2, false, path(kToMatched, {{A::Revoke}, {A::RecordPendingProof}})},
        {S::RevocationFailed, R::Retired, Pool::Retired, Filing::Workbench, Handler::Operator1,
         false,
         path(kToMatched,
              {{A::Revoke},
               {A::FailRevocation,
                "AMS tidak merespons dalam 30 detik; pencabutan belum tercatat."}})},
        {S::RevocationFailed, R::KeyCompromised, Pool::Active, Filing::Kiosk, Handler::Operator2,
         false,
         path(kToMatched,
              {{A::Revoke},
               {A::FailRevocation,
                "AMS menolak permintaan: sesi verifikator kedaluwarsa (HTTP 401)."}})},
        // Sent to AMS (the portal's call waits for the operator's read-back).
        {S::RevocationQueued, R::KeyCompromised, Pool::Active, Filing::Workbench,
         Handler::Operator1, false, path(kToMatched, {{A::Revoke}})},
        {S::AwaitingApproval, R::Dismissed, Pool::Dismissed, Filing::Workbench, Handler::Operator1,
         true, path(kToMatched, {{A::RequestApproval}})},
        {S::AwaitingApproval, R::Retired, Pool::Retired, Filing::Kiosk, Handler::Operator2, true,
         path(kToMatched, {{A::RequestApproval}})},
        {S::CertificateMatched, R::Transferred, Pool::Transferred, Filing::Kiosk,
         Handler::Operator1, false, kToMatched},
        {S::CertificateMatched, R::DataChanged, Pool::Active, Filing::Kiosk, Handler::Operator2,
         false, kToMatched},
        {S::Verified,
         R::Deceased,
         Pool::Deceased,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim}, {A::Verify}}},
        {S::Verified,
         R::Reissued,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim}, {A::Verify}}},
        // Step 6 found something missing.
        {S::NeedsCompletion,
         R::Retired,
         Pool::Retired,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::RequestCompletion, "Surat keterangan belum ditandatangani atasan langsung."}}},
        {S::NeedsCompletion,
         R::Deceased,
         Pool::Deceased,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim},
          {A::RequestCompletion,
           "Akta kematian belum dilampirkan; mohon unggah salinan yang telah dilegalisasi."}}},
        {S::NeedsCompletion,
         R::Other,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::RequestCompletion,
           "Surat keterangan tidak mencantumkan nomor seri sertifikat yang akan dicabut."}}},
        {S::InVerification,
         R::Retired,
         Pool::Retired,
         Filing::RiskMonitor,
         Handler::Operator2,
         false,
         {{A::Claim}}},
        {S::InVerification,
         R::Transferred,
         Pool::Transferred,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim}}},
        {S::InVerification,
         R::KeyCompromised,
         Pool::Active,
         Filing::Kiosk,
         Handler::Supervisor1,
         false,
         {{A::Claim}}},
        {S::Submitted, R::Retired, Pool::Retired, Filing::Kiosk, Handler::Operator1, false, {}},
        {S::Submitted, R::Dismissed, Pool::Dismissed, Filing::Kiosk, Handler::Operator2, false, {}},
        {S::Submitted,
         R::Transferred,
         Pool::Transferred,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::RequestCompletion, "Salinan SK mutasi belum dilampirkan."},
          {A::Resubmit}}},
        {S::Submitted, R::DataChanged, Pool::Active, Filing::Kiosk, Handler::Operator2, false, {}},
        {S::Draft, R::Retired, Pool::Retired, Filing::Draft, Handler::Operator1, false, {}},
        {S::Draft, R::Deceased, Pool::Deceased, Filing::Draft, Handler::Operator2, false, {}},
        {S::Rejected,
         R::KeyCompromised,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::Reject, "Nama pada surat keterangan tidak sesuai dengan data pemegang sertifikat."}}},
        {S::Rejected,
         R::Retired,
         Pool::Retired,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Reject,
           "Permohonan ganda: pencabutan yang sama sudah diajukan dan sedang diproses."}}},
        {S::Rejected,
         R::DataChanged,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::Verify},
          {A::Reject,
           "Nomor seri sertifikat pada surat keterangan tidak ditemukan pada pemegang ini."}}},
        {S::Rejected,
         R::Other,
         Pool::ActiveExpired,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim}, {A::Reject, "Sertifikat sudah kedaluwarsa; pencabutan tidak diperlukan."}}},
        {S::Cancelled,
         R::KeyCompromised,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Cancel,
           "Dibatalkan atas permintaan pemohon: telepon genggam yang hilang sudah ditemukan dan "
           "passphrase tidak bocor."}}},
        {S::Cancelled,
         R::Transferred,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim},
          {A::RequestCompletion, "Salinan SK mutasi belum dilampirkan."},
          {A::Cancel, "Mutasi dibatalkan; pemegang tetap bertugas di unit yang sama."}}},
        {S::Cancelled,
         R::DataChanged,
         Pool::Active,
         Filing::Draft,
         Handler::Operator1,
         false,
         {{A::Cancel, "Draf ganda; permohonan sudah diajukan ulang dengan data yang benar."}}},
    };
    return list;
}

// Finished requests were filed months ago, those still moving in the last days.
std::pair<int, int> DemoScenarios::filingAge(RequestState state)
{
    switch (state) {
    case S::Closed:
        return {20, 180};
    case S::Notified:
        return {7, 45};
    case S::Revoked:
        return {3, 30};
    case S::RevocationPendingProof:
        return {2, 10};
    case S::RevocationFailed:
        return {1, 7};
    case S::AwaitingApproval:
    case S::RevocationQueued:
    case S::CertificateMatched:
        return {1, 5};
    case S::Verified:
        return {1, 4};
    case S::NeedsCompletion:
        return {2, 15};
    case S::InVerification:
        return {0, 3};
    case S::Submitted:
        return {0, 4};
    case S::Draft:
        return {0, 2};
    case S::Rejected:
        return {5, 160};
    case S::Cancelled:
        return {5, 120};
    }
    return {1, 30};
}

int DemoScenarios::stepDelay(DemoDice &dice, RequestAction action, bool afterApproval)
{
    switch (action) {
    case A::Submit:
        return 0;
    case A::Claim:
        return dice.between(15, 900);
    case A::RequestCompletion:
        return dice.between(3, 9);
    case A::Resubmit:
        return dice.between(480, 2400);
    case A::Verify:
        return dice.between(3, 9);
    case A::MatchCertificate:
        return dice.between(2, 6);
    case A::RequestApproval:
        return dice.between(1, 4);
    case A::Revoke:
        return afterApproval ? dice.between(20, 480) : dice.between(2, 6);
    case A::RecordPendingProof:
        return afterApproval ? dice.between(20, 480) : dice.between(2, 6);
    case A::ConfirmRevocation:
        return dice.between(60, 960);
    case A::FailRevocation:
        return dice.between(2, 5);
    case A::RetryRevocation:
        return dice.between(30, 480);
    case A::Notify:
        return dice.between(2, 8);
    case A::Close:
        return dice.between(5, 120);
    case A::Reject:
        return dice.between(3, 12);
    case A::Cancel:
        return dice.between(10, 1500);
    }
    return 5;
}

const char *DemoScenarios::missingLetterNote()
{
    return "Surat keterangan tidak ditandatangani dan tidak bermeterai.";
}

} // namespace rd
