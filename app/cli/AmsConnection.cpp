#include "cli/AmsConnection.h"

namespace rd::cli {

Result<void> AmsConnection::prepare()
{
    auto configured = RestAmsGateway::configured(network);
    if (!configured)
        return errorOf(configured);
    gateway = std::move(*configured);
    return {};
}

} // namespace rd::cli
