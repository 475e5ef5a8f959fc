#pragma once

#include "SimulatorState.h"
#include "demo/DemoCertificateAuthority.h"

#include <optional>

namespace rd::sim {

// The simulator's certification authority: its key and certificate in the data folder (created
// on first start), the holder certificates it issues, its CRL, its OCSP answers, and the
// OpenSSL `ca`-style index.txt that lets `openssl ocsp -index` serve the same CA.
class SimulatorAuthority
{
    Q_DECLARE_TR_FUNCTIONS(SimulatorAuthority)

public:
    // Loads ca.pem and ca-key.pem from the state's folder, or creates and saves them.
    static Result<SimulatorAuthority> open(SimulatorState &state);

    const DemoCertificateAuthority &authority() const { return *m_authority; }
    QByteArray certificatePem() const { return m_authority->certificatePem(); }
    QByteArray certificateDer() const { return m_authority->certificate().der; }

    // The URLs put into every holder certificate, under the public base URL.
    static CertificateUrls urls(const QString &publicUrl);

    // Issues a certificate to the holder and records it in the state (not saved here).
    Result<SimulatorCertificate> issue(SimulatorState &state, const SimulatorHolder &holder,
                                       const QDateTime &notBefore);

    // A certificate this CA issued (issuer name and signature checked) as the state records it,
    // good and owned by `nik`; InvalidInput for another CA's certificate or one that cannot be
    // read. Not added to the state.
    Result<SimulatorCertificate> recognise(const QByteArray &der, const QString &nik) const;

    // A real CA's status services lag behind AMS: a revocation reaches the CRL, index.txt and
    // the OCSP answers only this long after its revocation time (0, the default: at once).
    void setPublicationDelaySeconds(qint64 seconds) { m_publicationDelaySeconds = seconds; }
    qint64 publicationDelaySeconds() const { return m_publicationDelaySeconds; }
    // Whether the status services say revoked for the certificate at `now`.
    bool published(const SimulatorCertificate &certificate, const QDateTime &now) const;

    // Regenerates crl.der and index.txt from the state; called after every revocation.
    Result<void> publish(SimulatorState &state, const QDateTime &now);
    // publish() when a revocation held back by the delay has come due since the last one, so
    // that it appears without another revocation; true when it did (the CRL number moved on).
    Result<bool> publishIfDue(SimulatorState &state, const QDateTime &now);
    QByteArray crlDer() const { return m_crlDer; }

    // An OCSP response (DER) to a DER OCSP request, signed by the CA, the request's nonce
    // copied. A request that cannot be parsed gets a malformedRequest response, not an error.
    QByteArray ocspResponse(const SimulatorState &state, const QByteArray &requestDer,
                            const QDateTime &now) const;

    // "YYMMDDHHMMSSZ" as index.txt writes times (UTCTime).
    static QString indexTime(const QDateTime &time);

private:
    explicit SimulatorAuthority(DemoCertificateAuthority authority);

    std::optional<DemoCertificateAuthority> m_authority;
    QByteArray m_crlDer;
    qint64 m_publicationDelaySeconds = 0;
    QDateTime m_nextDue; // when the earliest held-back revocation is due; invalid when none is
};

} // namespace rd::sim
