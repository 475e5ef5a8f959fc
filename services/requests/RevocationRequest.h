#pragma once

#include "requests/RequestState.h"
#include "requests/RevocationReason.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <optional>

namespace rd {

// What an applicant (or an official on the holder's behalf) files.
struct NewRevocationRequest
{
    enum class FiledBy { Holder, Official };

    qint64 holderId = 0;
    std::optional<qint64> certificateId;
    RevocationReason reason = RevocationReason::Other;
    QString reasonText;
    QDate effectiveDate;
    FiledBy filedBy = FiledBy::Holder;
    QString officialName; // pejabat yang mengajukan atas nama pemegang
    QString officialNip;
    QString officialPosition;
    // How the official stands to the holder (hubungan dengan pemegang): "direct superior", "head
    // of the unit", as they say it.
    QString officialRelationship;
    QString channel = QStringLiteral("workbench"); // kiosk, workbench, risk_monitor, cli
    QString applicantEmail;
    QString applicantLanguage = QStringLiteral("id");
};

// One request as the queue and `requests show` see it.
struct RevocationRequestRecord
{
    qint64 id = 0;
    QString agendaNumber;
    qint64 holderId = 0;
    QString holderName;
    QString holderNik;
    QString holderUnit;
    std::optional<qint64> certificateId;
    QString certificateSerial;
    RevocationReason reason = RevocationReason::Other;
    QString reasonText;
    QDate effectiveDate;
    QString filedByKind;
    QString officialName;
    QString officialNip;
    QString officialPosition;
    QString officialRelationship;
    QString channel;
    QString applicantEmail;
    QString applicantLanguage;
    RequestState state = RequestState::Draft;
    QString amsReference;
    QString assignedOperator;
    QString closingReason;
    QDateTime filedAt;
    QDateTime updatedAt;
    int version = 0;
};

struct RequestEvent
{
    qint64 id = 0;
    int step = 0;
    QString action;
    QString fromState;
    QString toState;
    QString actor;
    QDateTime startedAt;
    QDateTime finishedAt;
    QString outcome;
    QString note;
};

// Actual against standard (Mutu Baku) for one SOP step of one request.
struct StepTiming
{
    int step = 0;
    QString activity;
    int standardMinutes = 0;
    double actualMinutes = 0;
    bool recorded = false;
};

} // namespace rd
