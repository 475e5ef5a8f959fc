#pragma once

#include "ams/AmsGateway.h"
#include "ams/AmsHttpClient.h"
#include "ams/AmsOperationQueue.h"
#include "status/RevocationStatus.h"

#include <QUrl>

class QNetworkAccessManager;

namespace rd {

// What the operator does in the real AMS for one revocation (SOP steps 7 and 8).
struct PortalRevocationTask
{
    QString holderName;
    QString nik;
    QString amsUsername;
    QString serialHex;
    QString subjectDn;
    int reasonCode = 0;
    QString reasonIndonesian;
    QString reasonEnglish;
    QString letterFileName;
};

struct PortalInstructions
{
    QUrl url;
    QString indonesian;
    QString english;
};

// The real AMS, which has no public revocation API: the workstation opens its page in the
// system browser, says what to do there in plain Indonesian and English, and records the AMS
// reference and outcome the person reads back. That outcome is only claimed: the request stays
// pending proof until a signature-checked OCSP or CRL answer for the issuer and serial says
// revoked. It answers only what every backend does (AmsGateway); filing, revoking and
// rejecting need an API, which the portal does not have (AmsRevocationGateway).
class PortalAmsGateway : public AmsGateway
{
    Q_OBJECT

public:
    enum class Confirmation { Confirmed, PendingProof };

    PortalAmsGateway(QNetworkAccessManager &network, const QUrl &amsUrl, QObject *parent = nullptr);

    QString backendName() const override { return QStringLiteral("portal"); }
    // Whether the AMS page answers at all (any HTTP status counts).
    void ping(Continuation<AmsHealth> done) override;

    PortalInstructions revocationInstructions(const PortalRevocationTask &task) const;
    // Opens the AMS page in the system browser (QDesktopServices).
    Result<void> openPage() const;

    // What the person read back from AMS: its reference and the outcome it showed ("revoked",
    // "rejected", "pending"). Stored as the request's portal_revoke operation, still open.
    static Result<AmsOperation> recordReadBack(AmsOperationQueue &queue, qint64 requestId,
                                               const PortalRevocationTask &task,
                                               const QString &amsReference,
                                               const QString &claimedOutcome);
    // Closes the operation only when `status` (already signature-checked by OcspClient or
    // CertificateRevocationList) is about the task's serial and says revoked; anything else
    // leaves it pending proof, with what was seen noted.
    static Result<Confirmation> confirm(AmsOperationQueue &queue, qint64 operationId,
                                        const RevocationStatus &status);

private:
    AmsHttpClient *m_http;
    QUrl m_amsUrl;
};

} // namespace rd
