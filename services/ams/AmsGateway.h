#pragma once

#include "core/Continuation.h"

#include <QDateTime>
#include <QObject>
#include <QString>

namespace rd {

// What AMS says of itself (GET /api/v1/health).
struct AmsHealth
{
    QString status;
    QString apiVersion;
    QString service;
    QDateTime time;
};

// BSrE's AMS, seen from the workstation: what every backend answers, its name and whether AMS
// is reachable. The portal backend is no more than this; AmsRevocationGateway adds what only a
// backend with an API can do. Calls report back through a Continuation (core/Continuation.h).
class AmsGateway : public QObject
{
    Q_OBJECT

public:
    explicit AmsGateway(QObject *parent = nullptr)
        : QObject(parent)
    { }

    virtual QString backendName() const = 0;
    virtual void ping(Continuation<AmsHealth> done) = 0;
};

} // namespace rd
