#pragma once

#include "core/Continuation.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSslCertificate>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace rd {

struct AmsHttpCall
{
    QByteArray method = QByteArrayLiteral("GET");
    QUrl url;
    QByteArray body;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;
    // Safe to send again after a timeout or a lost connection: a read, or a change that
    // carries an idempotency key. Anything else is sent once.
    bool repeatable = false;
    // A change the workstation keeps in its queue: errors then say it will be sent again.
    bool kept = false;
};

struct AmsHttpAnswer
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    int attempts = 0;
};

// One HTTP(S) exchange with AMS or the Esign Client Service, asynchronous: a timeout per
// attempt, TLS verified against the system's CAs plus an optional bundle, and a bounded retry
// with back-off for repeatable calls when the network fails or the server answers 502/503/504.
// Any HTTP answer is returned as it came (the caller reads its status); an error means no
// answer at all: unreachable, timed out, a TLS failure, or one of the refusals that keep the
// credentials and the workstation safe: plain http:// to a host that is not this computer, a
// redirect to another origin (the Authorization header would go with it), an answer larger
// than MaximumAnswerSize.
class AmsHttpClient : public QObject
{
    Q_OBJECT

public:
    // AMS and Esign answer with small JSON documents; anything larger is not an answer of theirs
    // and is not held in memory.
    static constexpr qint64 MaximumAnswerSize = 1024 * 1024;

    struct Policy
    {
        int timeoutMs = 20000;
        int maxAttempts = 3;
        int backoffMs = 500; // doubled after each attempt
    };

    // serviceName goes into messages ("AMS", "Esign").
    AmsHttpClient(QNetworkAccessManager &network, const QString &serviceName,
                  QObject *parent = nullptr);

    Result<void> setCaFile(const QString &path);
    void setPolicy(const Policy &policy) { m_policy = policy; }
    Policy policy() const { return m_policy; }

    void send(const AmsHttpCall &call, Continuation<AmsHttpAnswer> done);

    // The error for "no answer", worded for people; `kept` adds that the request is kept and
    // will be sent again.
    Error unreachable(const QString &detail, bool kept) const;

private:
    void attempt(const AmsHttpCall &call, int number, Continuation<AmsHttpAnswer> done);

    QNetworkAccessManager &m_network;
    QString m_serviceName;
    QList<QSslCertificate> m_extraCas;
    Policy m_policy;
};

} // namespace rd
