#include "RequestQueueModel.h"

#include "core/Clock.h"
#include "core/OfficeCalendar.h"

#include <QLoggingCategory>
#include <QScopedValueRollback>

Q_LOGGING_CATEGORY(lcQueueModel, "rd.models", QtInfoMsg)

namespace rd {

namespace {
const QString s_dateTimeFormat = QStringLiteral("dd-MM-yyyy HH:mm");
}

RequestQueueModel::RequestQueueModel(DatabasePtr database, const QTimeZone &officeZone,
                                     QObject *parent)
    : QAbstractTableModel(parent)
    , m_database(std::move(database))
    , m_repository(m_database)
    , m_officeZone(officeZone.isValid() ? officeZone : OfficeCalendar::defaultZone())
{
    Q_ASSERT(m_database);
}

RequestQueueModel::~RequestQueueModel() = default;

int RequestQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestQueueModel::channelLabel(const QString &channel)
{
    if (channel == QLatin1String("kiosk"))
        return tr("Kiosk");
    if (channel == QLatin1String("workbench"))
        return tr("Workbench");
    if (channel == QLatin1String("risk_monitor"))
        return tr("Risk monitor");
    if (channel == QLatin1String("cli"))
        return tr("Command line");
    return channel;
}

RequestQueueModel::Row RequestQueueModel::makeRow(RequestQueueRow &&data) const
{
    Row row;
    row.filedAt = Clock::fromIsoUtc(data.filedAt);
    if (row.filedAt.isValid()) {
        row.filedAt = row.filedAt.toTimeZone(m_officeZone);
        row.filedAtText = row.filedAt.toString(s_dateTimeFormat);
    }
    if (const auto reason = RevocationReasons::fromKey(data.reason)) {
        row.reasonLabel = RevocationReasons::label(*reason);
        row.reasonExplanation = RevocationReasons::explanation(*reason);
    } else {
        row.reasonLabel = data.reason;
    }
    row.stateLabel = RequestStates::label(data.state);
    row.channelLabel = channelLabel(data.channel);
    row.data = std::move(data);
    return row;
}

QString RequestQueueModel::displayText(const Row &row, int column) const
{
    switch (Column(column)) {
    case AgendaNumber:
        // A draft has no agenda number yet; `requests show #12` finds it by id.
        return row.data.agendaNumber.isEmpty() ? QStringLiteral("#%1").arg(row.data.id)
                                               : row.data.agendaNumber;
    case HolderName:
        return row.data.holderName;
    case Nik:
        return row.data.holderNik;
    case Unit:
        return row.data.holderUnit;
    case Reason:
        return row.reasonLabel;
    case State:
        return row.stateLabel;
    case FiledAt:
        return row.filedAtText;
    case AssignedOperator:
        return row.data.assignedOperator;
    case Channel:
        return row.channelLabel;
    case ColumnCount:
        break;
    }
    return {};
}

QString RequestQueueModel::toolTip(const Row &row, int column) const
{
    switch (Column(column)) {
    case AgendaNumber:
        if (row.data.agendaNumber.isEmpty())
            return tr("Draft #%1: an agenda number is given when it is submitted.")
                .arg(row.data.id);
        return tr("Agenda number %1").arg(row.data.agendaNumber);
    case HolderName:
    case Nik:
        return tr("%1\nNIK %2\n%3")
            .arg(row.data.holderName, row.data.holderNik, row.data.holderUnit);
    case Reason:
        return row.reasonExplanation.isEmpty() ? row.reasonLabel : row.reasonExplanation;
    case FiledAt:
        if (!row.filedAt.isValid())
            return {};
        return tr("%1 office time (%2)")
            .arg(row.filedAt.toString(QStringLiteral("dd-MM-yyyy HH:mm:ss")),
                 QString::fromUtf8(m_officeZone.id()));
    case AssignedOperator:
        return row.data.assignedOperator.isEmpty()
            ? tr("No operator has claimed this request.")
            : tr("Claimed by %1").arg(row.data.assignedOperator);
    case Unit:
    case State:
    case Channel:
        return displayText(row, column);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant RequestQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(row, index.column());
    case Qt::ToolTipRole:
        return toolTip(row, index.column());
    case RequestIdRole:
        return row.data.id;
    case StateKeyRole:
        return RequestStates::key(row.data.state);
    case VersionRole:
        return row.data.version;
    default:
        return {};
    }
}

QVariant RequestQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (Column(section)) {
        case AgendaNumber:
            return tr("Agenda number");
        case HolderName:
            return tr("Holder");
        case Nik:
            return tr("NIK");
        case Unit:
            return tr("Unit");
        case Reason:
            return tr("Reason");
        case State:
            return tr("State");
        case FiledAt:
            return tr("Filed at");
        case AssignedOperator:
            return tr("Operator");
        case Channel:
            return tr("Channel");
        case ColumnCount:
            break;
        }
    } else if (role == Qt::InitialSortOrderRole && isSortable(section)) {
        // A click on the other sortable column turns the order round, as on the same one.
        return int(m_filter.newestFirst ? Qt::AscendingOrder : Qt::DescendingOrder);
    } else if (role == Qt::ToolTipRole) {
        if (section == FiledAt)
            return tr("When the request was filed, in office time (%1). Click to show the "
                      "newest or the oldest requests first.")
                .arg(QString::fromUtf8(m_officeZone.id()));
        if (isSortable(section))
            return tr("Click to show the newest or the oldest requests first.");
        return tr("The queue is ordered by filing; this column cannot be sorted. Use the "
                  "state filter and the search instead.");
    }
    return {};
}

Qt::ItemFlags RequestQueueModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> RequestQueueModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(RequestIdRole, QByteArrayLiteral("requestId"));
    names.insert(StateKeyRole, QByteArrayLiteral("stateKey"));
    names.insert(VersionRole, QByteArrayLiteral("version"));
    return names;
}

bool RequestQueueModel::canFetchMore(const QModelIndex &parent) const
{
    // Not while a page is being read or announced: a listener fetching from inside a change
    // notification would insert rows in the middle of it.
    return !parent.isValid() && !m_exhausted && !m_busy;
}

void RequestQueueModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QScopedValueRollback busy(m_busy, true);
    const std::optional<qint64> after
        = m_rows.empty() ? std::nullopt : std::optional(m_rows.back().data.id);
    auto page = m_repository.queuePage(m_filter, m_pageSize, after);
    if (!page) {
        m_exhausted = true; // a view would otherwise ask again and again
        report(page.error());
        return;
    }
    m_exhausted = int(page->size()) < m_pageSize;
    if (page->empty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size()) - 1);
    appendRows(std::move(*page));
    endInsertRows();
}

void RequestQueueModel::appendRows(std::vector<RequestQueueRow> &&rows)
{
    m_rows.reserve(m_rows.size() + rows.size());
    for (RequestQueueRow &row : rows)
        m_rows.push_back(makeRow(std::move(row)));
}

bool RequestQueueModel::isSortable(int column)
{
    return column == AgendaNumber || column == FiledAt;
}

Qt::SortOrder RequestQueueModel::sortOrder() const
{
    return m_filter.newestFirst ? Qt::DescendingOrder : Qt::AscendingOrder;
}

void RequestQueueModel::sort(int column, Qt::SortOrder order)
{
    if (isSortable(column))
        setNewestFirst(order == Qt::DescendingOrder);
}

void RequestQueueModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void RequestQueueModel::setStateFilter(std::optional<RequestState> state)
{
    if (m_filter.state == state)
        return;
    m_filter.state = state;
    refresh();
}

void RequestQueueModel::setSearchText(const QString &text)
{
    const QString search = text.simplified();
    if (m_filter.search == search)
        return;
    m_filter.search = search;
    refresh();
}

void RequestQueueModel::setNewestFirst(bool newestFirst)
{
    if (m_filter.newestFirst == newestFirst)
        return;
    m_filter.newestFirst = newestFirst;
    refresh();
}

void RequestQueueModel::refresh()
{
    auto count = m_repository.queueCount(m_filter);
    auto page = count ? m_repository.queuePage(m_filter, m_pageSize)
                      : Result<std::vector<RequestQueueRow>>(errorOf(count));
    {
        const QScopedValueRollback busy(m_busy, true);
        beginResetModel();
        m_rows.clear();
        m_total = -1;
        m_exhausted = true;
        if (page) {
            m_total = *count;
            m_exhausted = int(page->size()) < m_pageSize;
            appendRows(std::move(*page));
        }
        endResetModel();
    }
    if (!page) {
        report(page.error());
        return;
    }
    qCDebug(lcQueueModel) << "queue refreshed:" << m_total << "requests, state"
                          << (m_filter.state ? RequestStates::key(*m_filter.state) : QString())
                          << "searching" << !m_filter.search.isEmpty();
    emit refreshed(m_total);
}

void RequestQueueModel::report(const Error &error)
{
    qCWarning(lcQueueModel).noquote()
        << "queue query failed:" << errorCodeName(error.code) << error.toString();
    emit queryFailed(error.toString());
}

} // namespace rd
