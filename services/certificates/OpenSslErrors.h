#pragma once

#include <QString>

namespace rd {

// Drains OpenSSL's thread-local error queue into one line for Error::detail ("error:...; ...")
// and leaves the queue empty, so that a stale entry never shows up under a later, unrelated
// failure. Empty when the queue held nothing.
QString openSslErrors();

} // namespace rd
