#pragma once

#include "database/Database.h"

#include <QMainWindow>
#include <QTimeZone>

#include <map>
#include <memory>

class QLabel;
class QModelIndex;
class QTimer;

namespace rd {

namespace Ui {
class WorkbenchWindow;
}

class RequestQueueModel;

// The operator's workbench: the request queue from the database with a state filter and a text
// search (agenda number, NIK or name), and a read-only view of one request. The queue reads
// lazily; filtering and ordering happen in SQL.
class WorkbenchWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Typing is collected for this long before the queue is searched.
    static constexpr int SearchDelayMs = 250;
    // How often the workbench takes in what kiosks filed through the database function.
    static constexpr int KioskIntakeIntervalMs = 30000;

    explicit WorkbenchWindow(DatabasePtr database, const QTimeZone &officeZone = {},
                             QWidget *parent = nullptr);
    ~WorkbenchWindow() override;
    Q_DISABLE_COPY_MOVE(WorkbenchWindow)

    RequestQueueModel *queueModel() const { return m_model; }

    // Reads the state counts and the queue again.
    void reload();
    // Opens the read-only details of the request in the index's row.
    void showDetails(const QModelIndex &index);
    // Turns waiting kiosk filings into requests (PostgreSQL); the queue reloads when any came.
    void takeInKioskFilings();

protected:
    void changeEvent(QEvent *event) override;

private:
    void reloadStateCounts();
    void applyStateFilter();
    void applySearch();
    void searchEntered();
    void updateStatus();
    // What went wrong, by where; the banner above the table shows all that is not empty.
    enum class Problem { StateCounts, Queue, Details, KioskIntake };
    void setProblem(Problem problem, const QString &message);
    void keepSortOnSortableColumn(int section, Qt::SortOrder order);
    void updateActions();
    void adjustToFont();
    void showAbout();

    const std::unique_ptr<Ui::WorkbenchWindow> m_ui;
    DatabasePtr m_database;
    QTimeZone m_officeZone;
    RequestQueueModel *m_model = nullptr;
    QTimer *m_searchTimer = nullptr;
    QTimer *m_intakeTimer = nullptr;
    QLabel *m_countLabel = nullptr;
    QLabel *m_databaseLabel = nullptr;
    std::map<Problem, QString> m_problems;
    int m_sortSection = 0;
    bool m_columnsSized = false;
};

} // namespace rd
