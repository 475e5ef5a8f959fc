#pragma once

#include "database/Database.h"
#include "requests/RequestLifecycle.h"

#include <QCoreApplication>
#include <QList>

namespace rd {

// One kiosk filing the desk has dealt with.
struct KioskIntakeOutcome
{
    qint64 filingId = 0;
    qint64 requestId = 0; // 0 when refused
    QString agendaNumber;
    QString refusal; // why RequestLifecycle refused it, in the desk's language
};

// The desk's side of kiosk filings: turns what a kiosk filed through the database function
// (kiosk_filings, migration 7) into requests through RequestLifecycle, in the kiosk's name
// (actor kiosk:<host>) with the filing and who took it in in the audit entry. A filing the
// lifecycle refuses is marked refused, with the reason, and audited; either way it is dealt
// with once, also when two desks take in at the same moment.
class KioskIntake
{
    Q_DECLARE_TR_FUNCTIONS(KioskIntake)

public:
    // How many filings one call deals with at most; the next call takes the rest.
    static constexpr int BatchSize = 50;

    KioskIntake(DatabasePtr database, RequestLifecycle::Options options);

    // takenBy names the desk in the audit entries: "cli:alice", "workbench:desk-2".
    Result<QList<KioskIntakeOutcome>> takeIn(const QString &takenBy);
    // How many filings wait (for the workbench's status line).
    Result<int> pendingCount() const;

private:
    Result<std::optional<KioskIntakeOutcome>> takeOne(qint64 filingId, const QString &takenBy);
    Result<void> refuse(qint64 filingId, const QString &kioskHost, const QString &takenBy,
                        const Error &why);

    DatabasePtr m_database;
    RequestLifecycle m_lifecycle;
};

} // namespace rd
