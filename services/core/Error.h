#pragma once

#include <QString>

#include <expected>

namespace rd {

// Error codes are stable identifiers: the CLI prints them and tests assert them, never the
// translated prose.
enum class ErrorCode {
    Usage,
    InvalidInput,
    NotFound,
    Conflict,
    InvalidTransition,
    DatabaseUnavailable,
    DatabaseError,
    MigrationFailed,
    PermissionDenied,
    AuthenticationFailed,
    Io,
    Crypto,
    Internal,
};

QString errorCodeName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message; // for people, translated
    QString detail; // for the log: driver text, OpenSSL queue, ...

    QString toString() const;
};

template<typename T> using Result = std::expected<T, Error>;

// Passes the error of a step that failed up as the caller's own, in one short line:
//     if (!ok)
//         return errorOf(ok);
// (what qt-creator's ResultError does by converting; std::expected has no such conversion).
template<typename T, typename E> std::unexpected<E> errorOf(const std::expected<T, E> &failed)
{
    return std::unexpected(failed.error());
}

inline std::unexpected<Error> fail(ErrorCode code, const QString &message,
                                   const QString &detail = {})
{
    return std::unexpected(Error {code, message, detail});
}

} // namespace rd
