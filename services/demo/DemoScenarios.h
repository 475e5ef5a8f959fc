#pragma once

#include "demo/DemoDice.h"
#include "requests/RequestState.h"
#include "requests/RevocationReason.h"

#include <utility>
#include <vector>

namespace rd {

// The demo's revocation requests: one scenario per request, together reaching every state of
// the SOP, some through its detours (completion asked for, AMS failing, dual control). Each
// names the holder it needs, how it was filed, who works it and the steps it takes; the seeder
// picks the holder and the times and drives the steps through RequestLifecycle.
//
// The notes are what the desk's staff would type: Indonesian data, not translated.
class DemoScenarios
{
public:
    // The holders a scenario's request can be about.
    enum class Pool { Retired, Deceased, Dismissed, Transferred, Active, ActiveExpired };
    enum class Filing { Kiosk, Workbench, RiskMonitor, Draft };
    // Which desk user works the request (Supervisor1 asks the other supervisor to approve).
    enum class Handler { Operator1, Operator2, Supervisor1 };

    struct Move
    {
        RequestAction action;
        const char *note = nullptr;
    };

    struct Scenario
    {
        RequestState finalState;
        RevocationReason reason;
        Pool pool;
        Filing filing;
        Handler handler;
        bool dualControl;
        std::vector<Move> moves; // after the filing
    };

    static const std::vector<Scenario> &all();

    // How long ago requests that ended in `state` were filed, in days (youngest, oldest).
    static std::pair<int, int> filingAge(RequestState state);
    // Office minutes before a step, around the SOP's standard times.
    static int stepDelay(DemoDice &dice, RequestAction action, bool afterApproval);

    // The rejection note when a small register has no holder whose only certificate expired.
    static const char *missingLetterNote();
};

} // namespace rd
