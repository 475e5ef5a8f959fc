#pragma once

#include "SimulatorApi.h"

#include <QHttpServer>
#include <QObject>

namespace rd::sim {

// Faults injected for the reliability tests: every Nth request of all requests counted.
struct FaultOptions
{
    int latencyMs = 0; // the answer waits this long (after the work is done)
    int failEvery = 0; // HTTP 503, nothing done
    int dropEvery = 0; // the connection is closed without an answer, nothing done
    // /api/ paths answer something a client must refuse, nothing done: "not-json" (200,
    // text/plain), "wrong-shape" (200, JSON of another shape), "html-500" (500, an HTML page).
    QString junk;
};

// The HTTP(S) face of SimulatorApi on QHttpServer: every request goes through one handler so
// that faults apply to all paths alike.
class SimulatorServer : public QObject
{
    Q_OBJECT

public:
    SimulatorServer(SimulatorApi &api, FaultOptions faults, QObject *parent = nullptr);

    // HTTPS from now on, with this certificate and key (PEM files).
    Result<void> useTls(const QString &certificateFile, const QString &keyFile);
    // The port bound on 127.0.0.1 (port 0: a free one), or an error.
    Result<quint16> listen(quint16 port);

private:
    void serve(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    SimulatorApi &m_api;
    FaultOptions m_faults;
    QHttpServer m_server;
    quint64 m_requestCount = 0;
};

} // namespace rd::sim
