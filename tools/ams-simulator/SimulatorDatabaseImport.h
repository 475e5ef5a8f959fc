#pragma once

#include "SimulatorAuthority.h"
#include "SimulatorState.h"

namespace rd::sim {

struct SimulatorImportSummary
{
    int imported = 0; // certificates new to the simulator
    int alreadyKnown = 0; // by serial; left as the simulator has them
    int otherAuthority = 0; // issued by another CA, or without DER: skipped
    int holders = 0; // holders new to the simulator
};

// Takes over the certificates of Revocation Desk's register (its `certificates` and `holders`
// tables) that the simulator's CA issued, as `demo seed --authority-dir` makes them: each with its
// holder, revoked with the register's time and reason code where the register says revoked. A
// certificate the simulator knows already (by serial) keeps the simulator's status, so importing
// again changes nothing. Reads only; the caller publishes the CRL and saves the state.
class SimulatorDatabaseImport
{
    Q_DECLARE_TR_FUNCTIONS(SimulatorDatabaseImport)

public:
    static Result<SimulatorImportSummary>
    run(SimulatorState &state, const SimulatorAuthority &authority, const QString &databaseUrl);
};

} // namespace rd::sim
