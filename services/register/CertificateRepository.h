#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>

#include <optional>
#include <vector>

namespace rd {

// A holder's electronic certificate as the register keeps it.
struct CertificateRecord
{
    qint64 id = 0;
    qint64 holderId = 0; // 0: not (yet) linked to a holder
    QString serialHex; // upper-case hex, no separators
    QString issuerDn; // RFC 4514 text
    QString subjectDn;
    QDateTime notBefore; // UTC
    QDateTime notAfter;
    QString sha256Fingerprint; // of the DER, upper-case hex
    QByteArray der;
    QString status = QStringLiteral("active"); // active, revoked, expired, unknown
    QDateTime revokedAt; // set when revoked
    std::optional<int> revocationReasonCode; // RFC 5280 CRLReason, set when revoked
};

class CertificateRepository
{
    Q_DECLARE_TR_FUNCTIONS(CertificateRepository)

public:
    // What it writes is stamped with clock's "now".
    explicit CertificateRepository(DatabasePtr database, Clock clock = Clock());

    static const QStringList &statuses();
    // RFC 5280 CRLReason codes: 0-6 and 8-10 (7 is unused).
    static bool isCrlReasonCode(int code);
    // Empty when the record can be stored, otherwise what is wrong.
    static QString problem(const CertificateRecord &record);

    // Inside the caller's transaction when there is one; audited.
    Result<qint64> insert(const Actor &actor, const CertificateRecord &record);
    // Revoked needs revokedAt (default: now) and a reason code (default: unspecified, 0). A
    // revoked certificate stays revoked, unless it was only on hold (certificateHold, 6).
    Result<void> updateStatus(const Actor &actor, qint64 id, const QString &status,
                              const QDateTime &revokedAt = {},
                              std::optional<int> reasonCode = std::nullopt);

    Result<CertificateRecord> findById(qint64 id) const;
    // Oldest first.
    Result<std::vector<CertificateRecord>> listForHolder(qint64 holderId) const;

private:
    DatabasePtr m_database;
    Clock m_clock;
};

} // namespace rd
