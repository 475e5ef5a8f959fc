#pragma once

#include "database/Database.h"
#include "requests/RevocationRequest.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>

#include <optional>

namespace rd {

// What the kiosk may learn about a holder: enough to say "is this you?" and nothing more.
struct KioskHolder
{
    struct Certificate
    {
        qint64 id = 0;
        QString serialHex;
        QString subjectDn;
        QDateTime notBefore;
        QDateTime notAfter;
    };

    qint64 holderId = 0;
    QString fullName; // as written, titles included
    QString unit;
    QList<Certificate> certificates; // the active ones, newest expiry first
};

// The kiosk's side of filing on PostgreSQL, where its database role may not read the register
// or the queue: it looks a holder up and files through the two SECURITY DEFINER functions of
// migration 7, and gets a filing number; the desk makes the request of it (KioskIntake).
class KioskFilings
{
    Q_DECLARE_TR_FUNCTIONS(KioskFilings)

public:
    explicit KioskFilings(DatabasePtr database);

    // True when this connection may not write requests but may call the filing function: the
    // kiosk's role. False on SQLite and for the desk's roles, which file directly.
    static Result<bool> onlyThroughFunctions(const Database &database);

    // Nothing when the NIK is unknown or the e-mail is not the one in the register.
    Result<std::optional<KioskHolder>> lookUp(const QString &nik, const QString &email) const;
    // Files the request of the holder with this NIK and e-mail; returns the filing's id.
    Result<qint64> file(const QString &nik, const QString &email,
                        const NewRevocationRequest &request, const QString &kioskHost) const;

    // How a person reads a filing's id: K-000123.
    static QString filingNumber(qint64 id);

private:
    DatabasePtr m_database;
};

} // namespace rd
