#pragma once

#include "core/Error.h"
#include "status/RevocationStatus.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <openssl/types.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

namespace rd {

class Certificate;

// An X.509 v2 CRL: read from DER or PEM, checked against its issuer, and indexed once so that a
// serial is found in constant time even among a million entries (X509_CRL_get0_by_serial sorts
// the whole list on its first call and then searches it entry by entry through pointers).
class CertificateRevocationList
{
    Q_DECLARE_TR_FUNCTIONS(CertificateRevocationList)

public:
    // A national CA's CRL with a million entries is about 40 MB; anything far larger is refused
    // before it is read.
    static constexpr qint64 MaximumSize = 512LL * 1024 * 1024;
    // Over the network, from a URL a certificate (perhaps a hostile one) names, far less is
    // taken: BSrE's CRL is a few hundred KiB, and a larger national one is given as a file.
    static constexpr qint64 MaximumDownloadSize = 20LL * 1024 * 1024;
    // Clocks differ: an answer dated a few minutes ahead of ours is still accepted.
    static constexpr int ClockLeewaySeconds = 300;

    struct Revocation
    {
        QDateTime revokedAt; // UTC
        int reasonCode = RevocationStatus::NoReason;
    };

    // DER or PEM. Parsing only: nothing is trusted before verify().
    static Result<CertificateRevocationList> fromBytes(const QByteArray &bytes);
    static Result<CertificateRevocationList> readFile(const QString &path);

    CertificateRevocationList(CertificateRevocationList &&) noexcept = default;
    CertificateRevocationList &operator=(CertificateRevocationList &&) noexcept = default;
    ~CertificateRevocationList() = default;
    Q_DISABLE_COPY(CertificateRevocationList)

    // Signed with the issuer's key, issued under the issuer's name (by a key allowed to sign
    // CRLs), a complete and direct CRL, current at `now` (thisUpdate not ahead, nextUpdate
    // present and not past).
    Result<void> verify(X509 *issuer, const QDateTime &now) const;

    // Lookup by the serial's magnitude in big-endian bytes (leading zero bytes ignored).
    std::optional<Revocation> find(QByteArrayView magnitude, bool negative = false) const;
    std::optional<Revocation> find(const ASN1_INTEGER *serial) const;
    // Whether the serial is listed, without reading the entry's time and reason.
    bool contains(QByteArrayView magnitude, bool negative = false) const
    {
        return recordOffset(magnitude, negative).has_value();
    }
    // Hex as Certificate::serialHex(); nullopt for text that is not hex as well.
    std::optional<Revocation> findHex(const QString &serialHex) const;

    // Whether this CRL speaks for the certificate at all (RFC 5280 section 6.3.3 (b)(2)): an
    // issuing distribution point that limits it to CA certificates (an ARL), to end-entity
    // certificates, or to one distribution point (a partition) the certificate does not name,
    // leaves the certificate out; its absence from such a list proves nothing.
    Result<void> covers(const Certificate &certificate) const;

    // verify() at `now`, that the certificate is the issuer's, covers(), then the lookup.
    Result<RevocationStatus> statusOf(const Certificate &certificate, const Certificate &issuer,
                                      const QString &location, const QDateTime &now) const;

    qsizetype size() const { return m_entryCount; }
    QString issuerDn() const;
    QDateTime thisUpdate() const;
    QDateTime nextUpdate() const; // invalid when absent
    qint64 crlNumber() const; // -1 when absent
    X509_CRL *handle() const { return m_crl.get(); }

    // UTC; invalid for a null or malformed time. Shared with the OCSP client.
    static QDateTime timeOf(const ASN1_TIME *time);

private:
    // One slot of the open-addressing table: the serial's hash, the entry's position in the
    // CRL, and where its record sits in m_serials (a length byte with the sign in bit 7, the
    // magnitude, the revocation time, the reason), so that a lookup touches the table and one
    // short run of bytes, never OpenSSL's objects.
    struct Slot
    {
        std::uint64_t hash = 0;
        std::uint32_t entry = 0; // position + 1; 0 is an empty slot
        std::uint32_t offset = 0;
    };

    // X509_CRL_free, called in the .cpp: this header needs only OpenSSL's type names.
    struct X509CrlRelease
    {
        void operator()(X509_CRL *crl) const noexcept;
    };
    using Handle = std::unique_ptr<X509_CRL, X509CrlRelease>;

    explicit CertificateRevocationList(Handle crl);
    Result<void> buildIndex();
    std::optional<std::uint32_t> recordOffset(QByteArrayView magnitude, bool negative) const;
    Revocation revocationAt(std::uint32_t offset) const;

    Handle m_crl;
    std::vector<Slot> m_slots;
    std::vector<unsigned char> m_serials; // the records
    std::uint64_t m_mask = 0;
    qsizetype m_entryCount = 0;
};

} // namespace rd
