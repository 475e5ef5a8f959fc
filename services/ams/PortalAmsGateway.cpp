#include "ams/PortalAmsGateway.h"

#include "core/Clock.h"

#include <QDesktopServices>

namespace rd {

PortalAmsGateway::PortalAmsGateway(QNetworkAccessManager &network, const QUrl &amsUrl,
                                   QObject *parent)
    : AmsGateway(parent)
    , m_http(new AmsHttpClient(network, QStringLiteral("AMS"), this))
    , m_amsUrl(amsUrl)
{ }

void PortalAmsGateway::ping(Continuation<AmsHealth> done)
{
    if (!m_amsUrl.isValid() || m_amsUrl.host().isEmpty())
        return done(fail(ErrorCode::InvalidInput, tr("The setting ams/url is not set.")));
    AmsHttpCall call;
    call.url = m_amsUrl;
    call.repeatable = true;
    m_http->send(call, {this, [done = std::move(done)](Result<AmsHttpAnswer> answer) {
                            if (!answer)
                                return done(errorOf(answer));
                            done(AmsHealth {QStringLiteral("reachable"), QString(),
                                            QStringLiteral("portal"), Clock::currentUtc()});
                        }});
}

PortalInstructions PortalAmsGateway::revocationInstructions(const PortalRevocationTask &t) const
{
    PortalInstructions instructions;
    instructions.url = m_amsUrl;
    const QString serial = t.serialHex;
    // Both languages are given whatever the UI language, so they are not run through tr():
    // the Indonesian text is the one the SOP is written in.
    instructions.indonesian
        = QStringLiteral(
              "1. Buka halaman AMS (%1) dan masuk dengan nama pengguna, kata sandi dan kode OTP "
              "Anda.\n"
              "2. Buka antrean permohonan pencabutan dan cari permohonan atas nama %2 (NIK %3, "
              "pengguna AMS %4).\n"
              "3. Periksa bahwa nomor seri sertifikat %5 dan subjek DN \"%6\" sama dengan yang "
              "tertera di sini, dan bahwa surat keterangan (%7) terlampir.\n"
              "4. Cabut sertifikat dengan alasan: %8 (kode %9).\n"
              "5. Catat nomor permohonan AMS dan hasil yang ditampilkan AMS, lalu isikan di "
              "sini. Status baru dianggap dicabut setelah OCSP atau CRL mengonfirmasinya.")
              .arg(m_amsUrl.toString(), t.holderName, t.nik,
                   t.amsUsername.isEmpty() ? QStringLiteral("-") : t.amsUsername, serial,
                   t.subjectDn, t.letterFileName, t.reasonIndonesian)
              .arg(t.reasonCode);
    instructions.english
        = QStringLiteral(
              "1. Open the AMS page (%1) and log in with your user name, password and one-time "
              "code.\n"
              "2. Open the queue of revocation requests and find the request of %2 (NIK %3, "
              "AMS user %4).\n"
              "3. Check that the certificate's serial number is %5 and its subject DN is \"%6\", "
              "and that the statement letter (%7) is attached.\n"
              "4. Revoke the certificate with the reason: %8 (code %9).\n"
              "5. Note the AMS request number and the outcome AMS shows, and enter them here. "
              "The certificate counts as revoked only once OCSP or the CRL confirms it.")
              .arg(m_amsUrl.toString(), t.holderName, t.nik,
                   t.amsUsername.isEmpty() ? QStringLiteral("-") : t.amsUsername, serial,
                   t.subjectDn, t.letterFileName, t.reasonEnglish)
              .arg(t.reasonCode);
    return instructions;
}

Result<void> PortalAmsGateway::openPage() const
{
    if (!m_amsUrl.isValid() || m_amsUrl.host().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("The setting ams/url is not set."));
    if (!QDesktopServices::openUrl(m_amsUrl)) {
        return fail(
            ErrorCode::Io,
            tr("The browser could not be opened; open %1 by hand.").arg(m_amsUrl.toString()));
    }
    return {};
}

Result<AmsOperation> PortalAmsGateway::recordReadBack(AmsOperationQueue &queue, qint64 requestId,
                                                      const PortalRevocationTask &task,
                                                      const QString &amsReference,
                                                      const QString &claimedOutcome)
{
    const QString reference = amsReference.trimmed();
    if (reference.isEmpty())
        return fail(ErrorCode::InvalidInput, tr("Enter the request number that AMS shows."));
    static const QStringList outcomes
        = {QStringLiteral("revoked"), QStringLiteral("rejected"), QStringLiteral("pending")};
    if (!outcomes.contains(claimedOutcome)) {
        return fail(
            ErrorCode::InvalidInput,
            tr("The outcome is revoked, rejected or pending, not \"%1\".").arg(claimedOutcome));
    }
    auto operation = queue.enqueue(requestId, QStringLiteral("portal_revoke"),
                                   QJsonObject {{QStringLiteral("nik"), task.nik},
                                                {QStringLiteral("serial"), task.serialHex},
                                                {QStringLiteral("reason_code"), task.reasonCode}});
    if (!operation)
        return operation;
    const QJsonObject response {
        {QStringLiteral("ams_reference"), reference},
        {QStringLiteral("claimed_outcome"), claimedOutcome},
        {QStringLiteral("recorded_at"), Clock::toIsoUtc(Clock::currentUtc())},
        {QStringLiteral("confirmed"), false}};
    if (auto ok = queue.setResponse(operation->id, response,
                                    tr("Claimed by the operator; awaiting OCSP or CRL proof."));
        !ok)
        return errorOf(ok);
    return queue.find(operation->id);
}

Result<PortalAmsGateway::Confirmation> PortalAmsGateway::confirm(AmsOperationQueue &queue,
                                                                 qint64 operationId,
                                                                 const RevocationStatus &status)
{
    auto operation = queue.find(operationId);
    if (!operation)
        return errorOf(operation);
    if (operation->operation != QLatin1String("portal_revoke"))
        return fail(ErrorCode::InvalidInput, tr("Only a portal revocation is confirmed here."));
    if (operation->state == AmsOperation::State::Done)
        return Confirmation::Confirmed;
    const QString serial = operation->payload.value(QStringLiteral("serial")).toString();
    QJsonObject response = operation->response;
    if (status.serialHex.compare(serial, Qt::CaseInsensitive) != 0) {
        return fail(ErrorCode::InvalidInput,
                    tr("The status is about serial %1, not the request's certificate %2.")
                        .arg(status.serialHex, serial));
    }
    if (status.state != RevocationStatus::State::Revoked) {
        if (auto ok
            = queue.setResponse(operationId, response,
                                tr("%1 says %2 at %3: not revoked yet.")
                                    .arg(RevocationStatus::sourceName(status.source).toUpper(),
                                         RevocationStatus::stateName(status.state),
                                         Clock::toIsoUtc(status.checkedAt)));
            !ok)
            return errorOf(ok);
        return Confirmation::PendingProof;
    }
    response.insert(QStringLiteral("confirmed"), true);
    response.insert(QStringLiteral("confirmed_by"), status.toJson());
    if (auto ok = queue.markDone(operationId, response); !ok)
        return errorOf(ok);
    return Confirmation::Confirmed;
}

} // namespace rd
