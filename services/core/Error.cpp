#include "core/Error.h"

namespace rd {

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::Usage:
        return QStringLiteral("usage");
    case ErrorCode::InvalidInput:
        return QStringLiteral("invalid_input");
    case ErrorCode::NotFound:
        return QStringLiteral("not_found");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::InvalidTransition:
        return QStringLiteral("invalid_transition");
    case ErrorCode::DatabaseUnavailable:
        return QStringLiteral("database_unavailable");
    case ErrorCode::DatabaseError:
        return QStringLiteral("database_error");
    case ErrorCode::MigrationFailed:
        return QStringLiteral("migration_failed");
    case ErrorCode::PermissionDenied:
        return QStringLiteral("permission_denied");
    case ErrorCode::AuthenticationFailed:
        return QStringLiteral("authentication_failed");
    case ErrorCode::Io:
        return QStringLiteral("io");
    case ErrorCode::Crypto:
        return QStringLiteral("crypto");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    }
    return QStringLiteral("internal");
}

QString Error::toString() const
{
    if (detail.isEmpty())
        return message;
    return message + QStringLiteral(" (") + detail + QLatin1Char(')');
}

} // namespace rd
