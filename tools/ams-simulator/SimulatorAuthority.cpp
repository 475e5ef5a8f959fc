#include "SimulatorAuthority.h"

#include "core/LocalFile.h"
#include "register/PersonalName.h"

#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

namespace rd::sim {

namespace {

// How long an OCSP answer or a CRL may be cached: short, so a demo sees a revocation at once.
constexpr qint64 kNextUpdateSeconds = 3600;

// openssl ca's names for index.txt; privilegeWithdrawn (9) and aACompromise (10) have none
// there, so such entries carry the time alone.
QString indexReasonName(int reasonCode)
{
    switch (reasonCode) {
    case 0:
        return QStringLiteral("unspecified");
    case 1:
        return QStringLiteral("keyCompromise");
    case 2:
        return QStringLiteral("CACompromise");
    case 3:
        return QStringLiteral("affiliationChanged");
    case 4:
        return QStringLiteral("superseded");
    case 5:
        return QStringLiteral("cessationOfOperation");
    case 6:
        return QStringLiteral("certificateHold");
    default:
        return {};
    }
}

// Empty when the response cannot be encoded.
QByteArray toDer(const OcspResponsePtr &response)
{
    unsigned char *buffer = nullptr;
    const int length = response ? i2d_OCSP_RESPONSE(response.get(), &buffer) : -1;
    const OpenSslBytesPtr der(buffer);
    if (length <= 0)
        return {};
    return QByteArray(reinterpret_cast<const char *>(der.get()), length);
}

QByteArray ocspError(int status)
{
    return toDer(OcspResponsePtr(OCSP_response_create(status, nullptr)));
}

Result<Asn1TimePtr> asn1Time(const QDateTime &time)
{
    Asn1TimePtr value(ASN1_TIME_set(nullptr, static_cast<time_t>(time.toSecsSinceEpoch())));
    if (!value)
        return fail(ErrorCode::Crypto, QStringLiteral("ASN1_TIME_set"), openSslErrors());
    return value;
}

// ASN.1 times hold whole seconds; rounded up, a nextUpdate never comes before the due time.
QDateTime wholeSecondUp(const QDateTime &time)
{
    const int milliseconds = time.time().msec();
    return milliseconds ? time.addMSecs(1000 - milliseconds) : time;
}

} // namespace

SimulatorAuthority::SimulatorAuthority(DemoCertificateAuthority authority)
    : m_authority(std::move(authority))
{ }

Result<SimulatorAuthority> SimulatorAuthority::open(SimulatorState &state)
{
    // Back-dated a day so that a clock a little behind still accepts what it issues.
    auto authority = DemoCertificateAuthority::openOrCreate(
        state.dataDirectory(), QDateTime::currentDateTimeUtc().addDays(-1));
    if (!authority)
        return errorOf(authority);
    return SimulatorAuthority(std::move(*authority));
}

CertificateUrls SimulatorAuthority::urls(const QString &publicUrl)
{
    return DemoCertificateAuthority::urlsUnder(publicUrl);
}

QString SimulatorAuthority::indexTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyMMddHHmmss")) + QLatin1Char('Z');
}

Result<SimulatorCertificate> SimulatorAuthority::issue(SimulatorState &state,
                                                       const SimulatorHolder &holder,
                                                       const QDateTime &notBefore)
{
    // BSrE's CN is the name without academic or religious titles, as the register does not write
    // it.
    auto issued = m_authority->issue(
        {holder.email, PersonalName::withoutTitles(holder.fullName), holder.unit}, notBefore,
        urls(state.publicUrl));
    if (!issued)
        return errorOf(issued);
    auto certificate = recognise(issued->der, holder.nik);
    if (!certificate) {
        return fail(ErrorCode::Crypto, tr("The certificate just issued cannot be read back."),
                    certificate.error().detail);
    }
    state.certificates.insert(certificate->serialHex, *certificate);
    return certificate;
}

Result<SimulatorCertificate> SimulatorAuthority::recognise(const QByteArray &der,
                                                           const QString &nik) const
{
    const unsigned char *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509Ptr x509(d2i_X509(nullptr, &p, der.size()));
    if (!x509) {
        return fail(ErrorCode::InvalidInput, tr("The certificate cannot be read."),
                    openSslErrors());
    }
    if (X509_check_issued(m_authority->x509(), x509.get()) != X509_V_OK
        || X509_verify(x509.get(), X509_get0_pubkey(m_authority->x509())) != 1) {
        ERR_clear_error();
        return fail(ErrorCode::InvalidInput,
                    tr("The certificate was not issued by the simulator's CA."));
    }
    auto described = DemoCertificateAuthority::describe(der);
    if (!described)
        return errorOf(described);
    SimulatorCertificate certificate;
    certificate.serialHex = described->serialHex;
    certificate.nik = nik;
    certificate.der = der;
    certificate.subjectDn = described->subjectDn;
    certificate.issuerDn = described->issuerDn;
    certificate.notBefore = described->notBefore;
    certificate.notAfter = described->notAfter;
    char buffer[1024];
    X509_NAME_oneline(X509_get_subject_name(x509.get()), buffer, sizeof buffer);
    certificate.indexSubject = QString::fromUtf8(buffer);
    return certificate;
}

bool SimulatorAuthority::published(const SimulatorCertificate &certificate,
                                   const QDateTime &now) const
{
    return certificate.revoked() && certificate.revokedAt.addSecs(m_publicationDelaySeconds) <= now;
}

Result<bool> SimulatorAuthority::publishIfDue(SimulatorState &state, const QDateTime &now)
{
    if (!m_nextDue.isValid() || m_nextDue > now)
        return false;
    if (auto ok = publish(state, now); !ok)
        return errorOf(ok);
    return true;
}

Result<void> SimulatorAuthority::publish(SimulatorState &state, const QDateTime &now)
{
    std::vector<RevokedSerial> revoked;
    QByteArray index;
    QDateTime nextDue;
    for (const SimulatorCertificate &c : state.certificates) {
        // index.txt follows the CRL, so that `openssl ocsp -index` lags behind AMS alike.
        const bool listed = published(c, now);
        if (c.revoked() && !listed) {
            const QDateTime due = c.revokedAt.addSecs(m_publicationDelaySeconds);
            if (!nextDue.isValid() || due < nextDue)
                nextDue = due;
        }
        // openssl reads serials as BN_bn2hex writes them: an even number of digits.
        QString serial = c.serialHex.toUpper();
        if (serial.size() % 2)
            serial.prepend(QLatin1Char('0'));
        QString revocation;
        if (listed) {
            revoked.push_back({c.serialHex, c.revokedAt, c.reasonCode});
            revocation = indexTime(c.revokedAt);
            const QString reason = indexReasonName(c.reasonCode);
            if (!reason.isEmpty())
                revocation += QLatin1Char(',') + reason;
        }
        index += QStringLiteral("%1\t%2\t%3\t%4\tunknown\t%5\n")
                     .arg(listed ? QStringLiteral("R") : QStringLiteral("V"), indexTime(c.notAfter),
                          revocation, serial, c.indexSubject)
                     .toUtf8();
    }
    // The next CRL comes when a held-back revocation is due: a client that caches this one until
    // its nextUpdate still sees the revocation then.
    QDateTime nextUpdate = now.addSecs(kNextUpdateSeconds);
    if (nextDue.isValid() && nextDue < nextUpdate)
        nextUpdate = wholeSecondUp(nextDue);
    state.crlNumber += 1;
    auto crl = m_authority->crl(revoked, now, nextUpdate, state.crlNumber);
    if (!crl)
        return errorOf(crl);
    m_crlDer = *crl;
    m_nextDue = nextDue;
    if (auto ok = LocalFile::write(state.path(QStringLiteral("crl.der")), m_crlDer); !ok)
        return ok;
    if (auto ok = LocalFile::write(state.path(QStringLiteral("index.txt")), index); !ok)
        return ok;
    // `openssl ocsp -index` also reads the attributes file beside it.
    return LocalFile::write(state.path(QStringLiteral("index.txt.attr")),
                            QByteArrayLiteral("unique_subject = no\n"));
}

QByteArray SimulatorAuthority::ocspResponse(const SimulatorState &state,
                                            const QByteArray &requestDer,
                                            const QDateTime &now) const
{
    ERR_clear_error();
    const unsigned char *p = reinterpret_cast<const unsigned char *>(requestDer.constData());
    OcspRequestPtr request(d2i_OCSP_REQUEST(nullptr, &p, requestDer.size()));
    if (!request) {
        ERR_clear_error();
        return ocspError(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    }
    OcspBasicResponsePtr basic(OCSP_BASICRESP_new());
    auto thisUpdate = asn1Time(now);
    auto nextUpdate = asn1Time(now.addSecs(kNextUpdateSeconds));
    if (!basic || !thisUpdate || !nextUpdate)
        return ocspError(OCSP_RESPONSE_STATUS_INTERNALERROR);
    const int count = OCSP_request_onereq_count(request.get());
    if (count <= 0)
        return ocspError(OCSP_RESPONSE_STATUS_MALFORMEDREQUEST);
    for (int i = 0; i < count; ++i) {
        OCSP_CERTID *id = OCSP_onereq_get0_id(OCSP_request_onereq_get0(request.get(), i));
        ASN1_OBJECT *digestObject = nullptr;
        ASN1_INTEGER *serial = nullptr;
        OCSP_id_get0_info(nullptr, &digestObject, nullptr, &serial, id);
        const EVP_MD *digest = EVP_get_digestbyobj(digestObject);
        int status = V_OCSP_CERTSTATUS_UNKNOWN;
        int reason = -1;
        Asn1TimePtr revokedAt;
        Asn1TimePtr certificateNextUpdate;
        if (digest && serial) {
            OcspCertIdPtr ours(OCSP_cert_to_id(digest, nullptr, m_authority->x509()));
            if (ours && OCSP_id_issuer_cmp(ours.get(), id) == 0) {
                BignumPtr number(ASN1_INTEGER_to_BN(serial, nullptr));
                OpenSslStringPtr hex(number ? BN_bn2hex(number.get()) : nullptr);
                QString serialHex = hex ? QString::fromLatin1(hex.get()) : QString();
                while (serialHex.startsWith(QLatin1String("00")) && serialHex.size() > 2)
                    serialHex.remove(0, 2);
                auto found = state.certificates.constFind(serialHex);
                if (found == state.certificates.cend() && serialHex.startsWith(QLatin1Char('0')))
                    found = state.certificates.constFind(serialHex.mid(1));
                if (found != state.certificates.cend()) {
                    if (published(*found, now)) {
                        status = V_OCSP_CERTSTATUS_REVOKED;
                        reason = found->reasonCode;
                        if (auto time = asn1Time(found->revokedAt))
                            revokedAt = std::move(*time);
                    } else {
                        status = V_OCSP_CERTSTATUS_GOOD;
                        // Cached no longer than until a held-back revocation is due.
                        if (found->revoked()) {
                            const QDateTime due
                                = found->revokedAt.addSecs(m_publicationDelaySeconds);
                            if (due < now.addSecs(kNextUpdateSeconds)) {
                                if (auto time = asn1Time(wholeSecondUp(due)))
                                    certificateNextUpdate = std::move(*time);
                            }
                        }
                    }
                }
            }
        }
        if (!OCSP_basic_add1_status(
                basic.get(), id, status, reason, revokedAt.get(), thisUpdate->get(),
                certificateNextUpdate ? certificateNextUpdate.get() : nextUpdate->get())) {
            return ocspError(OCSP_RESPONSE_STATUS_INTERNALERROR);
        }
    }
    // No nonce in the request is fine (OCSP_copy_nonce returns 2); only a failure matters.
    if (OCSP_copy_nonce(basic.get(), request.get()) <= 0)
        return ocspError(OCSP_RESPONSE_STATUS_INTERNALERROR);
    if (!OCSP_basic_sign(basic.get(), m_authority->x509(), m_authority->privateKey(), EVP_sha256(),
                         nullptr, 0)) {
        return ocspError(OCSP_RESPONSE_STATUS_INTERNALERROR);
    }
    const QByteArray der = toDer(
        OcspResponsePtr(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get())));
    return der.isEmpty() ? ocspError(OCSP_RESPONSE_STATUS_INTERNALERROR) : der;
}

} // namespace rd::sim
