#pragma once

#include "database/Database.h"
#include "requests/RevocationRequestRepository.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QTimeZone>

#include <optional>
#include <vector>

namespace rd {

// The operator's request queue. Rows are read lazily, a page at a time by key (the last id
// shown), from RevocationRequestRepository: a view asks for more as it scrolls
// (canFetchMore/fetchMore), so a queue of 200,000 requests opens as fast as one of 200. The state
// filter, the search and the order all go to SQL; nothing is filtered or sorted here.
//
// The model reads nothing until refresh() is called, so that a caller can connect to
// queryFailed() first. A failed query empties the model (or stops fetching) and says why.
class RequestQueueModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AgendaNumber,
        HolderName,
        Nik,
        Unit,
        Reason,
        State,
        FiledAt,
        AssignedOperator,
        Channel,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        RequestIdRole = Qt::UserRole + 1, // qint64
        StateKeyRole, // "in_verification", as RequestStates::key
        VersionRole, // the row version the operator saw
    };
    Q_ENUM(Role)

    static constexpr int DefaultPageSize = 200;

    // Times show in the office's zone (AppSettings::officeTimeZone); an invalid zone means the
    // default office zone.
    explicit RequestQueueModel(DatabasePtr database, const QTimeZone &officeZone = {},
                               QObject *parent = nullptr);
    ~RequestQueueModel() override;
    Q_DISABLE_COPY_MOVE(RequestQueueModel)

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    // Only the agenda number and filing time columns sort (both follow the filing order):
    // descending shows the newest first. Other columns are ignored.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);

    const RequestQueueFilter &filter() const { return m_filter; }
    Qt::SortOrder sortOrder() const;
    // Requests matching the filter, as counted at the last refresh; -1 when that count failed.
    qint64 totalCount() const { return m_total; }
    QTimeZone officeZone() const { return m_officeZone; }
    int pageSize() const { return m_pageSize; }
    void setPageSize(int rows);

    void setStateFilter(std::optional<RequestState> state);
    void setSearchText(const QString &text);
    void setNewestFirst(bool newestFirst);
    // Reads the count and the first page again for the current filter.
    void refresh();

    static QString channelLabel(const QString &channel);

signals:
    // After every successful refresh, with the number of matching requests.
    void refreshed(qint64 totalCount);
    // A query failed; the text is for the person at the screen (message and database detail).
    void queryFailed(const QString &message);

private:
    struct Row
    {
        RequestQueueRow data;
        QDateTime filedAt; // in the office zone
        QString filedAtText;
        QString reasonLabel;
        QString reasonExplanation;
        QString stateLabel;
        QString channelLabel;
    };

    Row makeRow(RequestQueueRow &&row) const;
    void appendRows(std::vector<RequestQueueRow> &&rows);
    QString displayText(const Row &row, int column) const;
    QString toolTip(const Row &row, int column) const;
    void report(const Error &error);

    DatabasePtr m_database;
    RevocationRequestRepository m_repository;
    QTimeZone m_officeZone;
    RequestQueueFilter m_filter;
    std::vector<Row> m_rows;
    qint64 m_total = 0;
    int m_pageSize = DefaultPageSize;
    bool m_exhausted = true; // nothing more to fetch (or the last fetch failed)
    bool m_busy = false; // reading a page or announcing it
};

} // namespace rd
