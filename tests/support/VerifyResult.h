#pragma once

#include "core/Error.h"

#include <QTest>

namespace rd::test {

// The code first, as tests and the CLI name errors by it; the detail is what explains a failure
// in a log (driver text, OpenSSL's queue).
inline QString describeError(const Error &error)
{
    QString text = errorCodeName(error.code) + QStringLiteral(": ") + error.message;
    if (!error.detail.isEmpty())
        text += QStringLiteral(" (") + error.detail + QLatin1Char(')');
    return text;
}

} // namespace rd::test

// Fails the test with the error's code, message and detail when a Result holds an error. The
// error is read only when there is one: Qt 6.4's QVERIFY2 evaluates its description also when
// the statement holds, and error() of a value is undefined.
#define RD_VERIFY_RESULT(expr)                                                                     \
    do {                                                                                           \
        const auto &rd_result_ = (expr);                                                           \
        if (!rd_result_.has_value())                                                               \
            QFAIL(qPrintable(rd::test::describeError(rd_result_.error())));                        \
    } while (false)
