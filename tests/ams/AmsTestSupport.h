#pragma once

#include "AwaitCall.h"
#include "core/Error.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTest>
#include <QUrl>

#include <memory>
#include <optional>

namespace rd::test {

// GET or POST on the simulator, for what the gateway does not cover (its event log, files).
inline QByteArray httpGet(QNetworkAccessManager &network, const QUrl &url)
{
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 20000))
        reply->abort();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

// How many times the simulator revoked the given AMS request (its event log).
inline int countRevocations(const QJsonArray &events, const QString &id)
{
    int count = 0;
    for (const QJsonValue &event : events) {
        if (event[QStringLiteral("kind")].toString() == QLatin1String("revoke")
            && event[QStringLiteral("subject")].toString() == id)
            ++count;
    }
    return count;
}

// The same from the simulator's state file, without waiting out an injected latency.
inline int revocationsInState(const QString &stateFile, const QString &id)
{
    QFile file(stateFile);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return countRevocations(
        QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("events")).toArray(),
        id);
}

// Whether the simulator's state file keeps the answer to this idempotency key. It writes the key
// just after the change itself, so the change alone in the file does not mean a replay is ready.
inline bool keyInState(const QString &stateFile, const QString &idempotencyKey)
{
    QFile file(stateFile);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return QJsonDocument::fromJson(file.readAll())
        .object()
        .value(QStringLiteral("idempotency"))
        .toObject()
        .contains(idempotencyKey);
}

inline int revocationsOf(QNetworkAccessManager &network, const QUrl &base, const QString &id)
{
    // Asked again when a fault injected by the test itself swallowed the question.
    QJsonObject answer;
    for (int attempt = 0; attempt < 6 && !answer.contains(QStringLiteral("events")); ++attempt) {
        answer
            = QJsonDocument::fromJson(
                  httpGet(network, base.resolved(QUrl(QStringLiteral("/api/v1/simulator/events")))))
                  .object();
    }
    const QJsonArray events = answer.value(QStringLiteral("events")).toArray();
    int count = 0;
    for (const QJsonValue &event : events) {
        if (event[QStringLiteral("kind")].toString() == QLatin1String("revoke")
            && event[QStringLiteral("subject")].toString() == id)
            ++count;
    }
    return count;
}

// Runs a program to its end; its standard output and error together.
inline QString runProgram(const QString &program, const QStringList &arguments, int *exitCode,
                          int timeoutMs = 20000)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForStarted(5000) || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(2000);
        *exitCode = -1;
        return QStringLiteral("%1 did not run: %2").arg(program, process.errorString());
    }
    *exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return QString::fromLocal8Bit(process.readAll());
}

} // namespace rd::test
