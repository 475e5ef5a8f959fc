#pragma once

#include "database/Database.h"
#include "documents/PaperKind.h"
#include "requests/RevocationRequest.h"

#include <QDialog>
#include <QTimeZone>

#include <vector>

class QFormLayout;
class QLabel;
class QTabWidget;
class QTableWidget;

namespace rd {

// One revocation request, read only: what was filed, the SOP steps taken so far (who, when,
// with what outcome) and each step's actual time against its standard time (Mutu Baku).
class RequestDetailsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RequestDetailsDialog(DatabasePtr database, const QTimeZone &officeZone = {},
                                  QWidget *parent = nullptr);
    ~RequestDetailsDialog() override;
    Q_DISABLE_COPY_MOVE(RequestDetailsDialog)

    // Reads the request, its events and its step timings; on an error the dialog is unchanged.
    Result<void> load(qint64 requestId);
    qint64 requestId() const { return m_requestId; }
    // The paper of the loaded request in a print preview (not yet shown), or why it cannot be
    // made (no verification on record yet).
    Result<QDialog *> openPaper(PaperKind kind);

private:
    QLabel *addField(const QString &label, const QString &objectName);
    QString formatTime(const QDateTime &time) const;
    void showRecord(const RevocationRequestRecord &record);
    void showEvents(const std::vector<RequestEvent> &events);
    void showTimings(const std::vector<StepTiming> &timings);

    DatabasePtr m_database;
    QTimeZone m_officeZone;
    qint64 m_requestId = 0;
    QString m_paperLanguage; // the applicant's: the papers are printed in it

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QTabWidget *m_tabs = nullptr;
    QFormLayout *m_form = nullptr;
    QTableWidget *m_events = nullptr;
    QTableWidget *m_timings = nullptr;
    QLabel *m_timingsSummary = nullptr;

    QLabel *m_agendaNumber = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_holder = nullptr;
    QLabel *m_nik = nullptr;
    QLabel *m_unit = nullptr;
    QLabel *m_certificate = nullptr;
    QLabel *m_reason = nullptr;
    QLabel *m_reasonText = nullptr;
    QLabel *m_effectiveDate = nullptr;
    QLabel *m_filedBy = nullptr;
    QLabel *m_channel = nullptr;
    QLabel *m_applicantEmail = nullptr;
    QLabel *m_applicantLanguage = nullptr;
    QLabel *m_amsReference = nullptr;
    QLabel *m_operator = nullptr;
    QLabel *m_closingReason = nullptr;
    QLabel *m_filedAt = nullptr;
    QLabel *m_updatedAt = nullptr;
    QLabel *m_version = nullptr;
};

} // namespace rd
