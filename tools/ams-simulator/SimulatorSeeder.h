#pragma once

#include "SimulatorAuthority.h"
#include "SimulatorState.h"

namespace rd::sim {

// Fills the simulator with accounts and holders: from a seed file (an object with "accounts"
// and "holders", or a plain array of holders as `revocation-desk-cli holders list --json`
// prints them), with one operator and one Esign client account when it has none, and (for
// --demo) with an account for each holder that has an AMS username. A holder already known is
// left as it is, so seeding again after a restart changes nothing.
class SimulatorSeeder
{
    Q_DECLARE_TR_FUNCTIONS(SimulatorSeeder)

public:
    static Result<void> seedFile(SimulatorState &state, SimulatorAuthority &authority,
                                 const QString &path);
    static void ensureAccounts(SimulatorState &state);
    // A holder account (random password, fresh TOTP secret) for every holder with an AMS
    // username (holders.ams_username of the register) that has none yet, under that username
    // unless another account has it. Returns how many it made.
    static int ensureHolderAccounts(SimulatorState &state);
};

} // namespace rd::sim
