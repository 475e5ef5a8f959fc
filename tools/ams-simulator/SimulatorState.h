#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>

#include <vector>

namespace rd::sim {

// An AMS account. Operators and holders log in with password and one-time code; a holder sees
// and files for its own NIK only. Esign clients (role "esign") use HTTP Basic on the Esign
// Client Service endpoints.
struct SimulatorAccount
{
    QString username;
    QString password; // a simulator's demo secret, kept in its own data folder only
    QString totpSecret; // base32
    QString role; // "operator", "holder" or "esign"
    QString nik; // the holder's own NIK (role "holder" only)

    bool isHolder() const { return role == QLatin1String("holder"); }
};

struct SimulatorHolder
{
    QString nik;
    QString fullName;
    QString email;
    QString unit;
    bool esignRegistered = true;
    QString amsUsername; // as the register knows it (holders.ams_username), when imported
};

struct SimulatorCertificate
{
    QString serialHex;
    QString nik;
    QByteArray der;
    QString subjectDn;
    QString issuerDn;
    QString indexSubject; // the one-line form openssl ca writes to index.txt
    QDateTime notBefore;
    QDateTime notAfter;
    QDateTime revokedAt; // invalid while the certificate is good
    int reasonCode = 0;

    bool revoked() const { return revokedAt.isValid(); }
};

struct SimulatorRequest
{
    QString id;
    QString nik;
    QString serialHex;
    int reasonCode = 0;
    QString reasonText;
    QString status; // pending, revoked, rejected
    QString filedBy;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime revokedAt;
    QString rejectionReason;
    QString letterFileName;
    QString letterMediaType;
    QString letterSha256;
    qint64 letterSize = 0;
};

struct SimulatorIdempotencyRecord
{
    QString fingerprint; // SHA-256 of method, path and body
    int status = 0;
    QByteArray body;
};

// What happened, in order: the tests count revocations here.
struct SimulatorEvent
{
    QDateTime at;
    QString kind; // login, file, revoke, reject
    QString subject; // request id, username
    QString idempotencyKey;
};

// Everything the simulator knows, kept in state.json in its data folder and written after each
// change (QSaveFile: a crash leaves the previous state, never half of one).
class SimulatorState
{
    Q_DECLARE_TR_FUNCTIONS(SimulatorState)

public:
    explicit SimulatorState(const QString &dataDirectory);

    Result<void> load();
    Result<void> save() const;
    QString dataDirectory() const { return m_dataDirectory; }
    QString path(const QString &fileName) const;

    quint16 port = 0;
    QString publicUrl;
    qint64 crlNumber = 0;
    qint64 nextRequestNumber = 1;
    QMap<QString, SimulatorAccount> accounts; // by username
    QMap<QString, SimulatorHolder> holders; // by NIK
    QMap<QString, SimulatorCertificate> certificates; // by serial hex
    QMap<QString, SimulatorRequest> requests; // by id
    QMap<QString, SimulatorIdempotencyRecord> idempotency; // by key
    std::vector<SimulatorEvent> events;

    std::vector<const SimulatorCertificate *> certificatesOf(const QString &nik) const;

private:
    QString m_dataDirectory;
};

} // namespace rd::sim
