#include "WorkbenchWindow.h"
#include "ui_WorkbenchWindow.h"

#include "RequestDetailsDialog.h"
#include "RequestQueueModel.h"
#include "core/OfficeCalendar.h"
#include "requests/KioskIntake.h"
#include "requests/RevocationRequestRepository.h"

#include <QApplication>
#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QLabel>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QScreen>
#include <QSignalBlocker>
#include <QSysInfo>
#include <QTimer>

#include <limits>

Q_LOGGING_CATEGORY(lcWorkbench, "rd.ui.workbench", QtInfoMsg)

namespace rd {

WorkbenchWindow::WorkbenchWindow(DatabasePtr database, const QTimeZone &officeZone, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::WorkbenchWindow>())
    , m_database(std::move(database))
    , m_officeZone(officeZone.isValid() ? officeZone : OfficeCalendar::defaultZone())
{
    m_ui->setupUi(this);
    m_ui->queueError->hide();

    m_model = new RequestQueueModel(m_database, m_officeZone, this);
    m_model->setObjectName(QStringLiteral("requestQueueModel"));
    QTableView *table = m_ui->requestQueue;
    table->setModel(m_model);

    // Only the filing order sorts, in SQL; the indicator starts on "Filed at", newest first.
    QHeaderView *header = table->horizontalHeader();
    m_sortSection = RequestQueueModel::FiledAt;
    header->setSortIndicator(m_sortSection, m_model->sortOrder());
    header->setSortIndicatorShown(true);
    // The unit's long names take what the other columns leave, elided, with the full name in
    // the tooltip.
    header->setSectionResizeMode(RequestQueueModel::Unit, QHeaderView::Stretch);
    table->setSortingEnabled(true);
    connect(header, &QHeaderView::sortIndicatorChanged, this,
            &WorkbenchWindow::keepSortOnSortableColumn);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setObjectName(QStringLiteral("searchTimer"));
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(SearchDelayMs);
    connect(m_searchTimer, &QTimer::timeout, this, &WorkbenchWindow::applySearch);
    connect(m_ui->searchField, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_ui->searchField, &QLineEdit::returnPressed, this, &WorkbenchWindow::searchEntered);
    connect(m_ui->stateFilter, &QComboBox::currentIndexChanged, this,
            &WorkbenchWindow::applyStateFilter);

    connect(table, &QAbstractItemView::activated, this, &WorkbenchWindow::showDetails);
    connect(table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WorkbenchWindow::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &WorkbenchWindow::updateActions);
    connect(m_model, &RequestQueueModel::refreshed, this, [this] {
        setProblem(Problem::Queue, {});
        updateStatus();
        if (!m_columnsSized && m_model->rowCount() > 0)
            adjustToFont();
    });
    connect(m_model, &RequestQueueModel::queryFailed, this, [this](const QString &message) {
        setProblem(Problem::Queue, tr("The request queue could not be read: %1").arg(message));
        updateStatus();
    });

    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionFind, &QAction::triggered, this, [this] {
        m_ui->searchField->setFocus(Qt::ShortcutFocusReason);
        m_ui->searchField->selectAll();
    });
    connect(m_ui->actionShowDetails, &QAction::triggered, this,
            [this] { showDetails(m_ui->requestQueue->currentIndex()); });
    connect(m_ui->actionRefresh, &QAction::triggered, this, &WorkbenchWindow::reload);
    connect(m_ui->actionAbout, &QAction::triggered, this, &WorkbenchWindow::showAbout);
    connect(m_ui->actionAboutQt, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("requestCount"));
    statusBar()->addWidget(m_countLabel, 1);
    m_databaseLabel = new QLabel(this);
    m_databaseLabel->setObjectName(QStringLiteral("databaseLabel"));
    m_databaseLabel->setTextFormat(Qt::PlainText);
    const QString where = m_database->url().toDisplayString(); // never the password
    m_databaseLabel->setText(tr("Database: %1").arg(where));
    m_databaseLabel->setToolTip(where);
    statusBar()->addPermanentWidget(m_databaseLabel);

    if (const QScreen *screen = this->screen())
        resize(size()
                   .expandedTo(screen->availableGeometry().size() * 0.9)
                   .boundedTo(screen->availableGeometry().size()));
    adjustToFont();
    // On SQLite the kiosk files directly; there is nothing to take in.
    if (!m_database->isSqlite()) {
        m_intakeTimer = new QTimer(this);
        m_intakeTimer->setObjectName(QStringLiteral("kioskIntakeTimer"));
        m_intakeTimer->setInterval(KioskIntakeIntervalMs);
        connect(m_intakeTimer, &QTimer::timeout, this, &WorkbenchWindow::takeInKioskFilings);
        m_intakeTimer->start();
        takeInKioskFilings();
    }
    reload();
    m_ui->searchField->setFocus(Qt::OtherFocusReason);
}

void WorkbenchWindow::takeInKioskFilings()
{
    KioskIntake intake(m_database, RequestLifecycle::Options {m_officeZone, false});
    auto outcomes = intake.takeIn(QStringLiteral("workbench:") + QSysInfo::machineHostName());
    if (!outcomes) {
        setProblem(Problem::KioskIntake,
                   tr("What kiosks filed could not be taken in: %1").arg(outcomes.error().message));
        return;
    }
    setProblem(Problem::KioskIntake, {});
    if (!outcomes->isEmpty()) {
        qCInfo(lcWorkbench) << "took in" << outcomes->size() << "kiosk filing(s)";
        reload();
    }
}

WorkbenchWindow::~WorkbenchWindow() = default;

void WorkbenchWindow::reload()
{
    reloadStateCounts();
    m_model->refresh();
}

void WorkbenchWindow::reloadStateCounts()
{
    QComboBox *combo = m_ui->stateFilter;
    const QVariant selected = combo->currentData();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(tr("All states"));
    const RevocationRequestRepository repository(m_database);
    auto counts = repository.countsByState();
    setProblem(Problem::StateCounts,
               counts ? QString()
                      : tr("The number of requests per state could not be read: %1")
                            .arg(counts.error().toString()));
    for (RequestState state : RequestStates::all()) {
        const QString key = RequestStates::key(state);
        QString text = RequestStates::label(state);
        if (counts) {
            const auto found = counts->find(key);
            text = tr("%1 (%L2)").arg(text).arg(found == counts->end() ? 0 : found->second);
        }
        combo->addItem(text, key);
    }
    combo->setCurrentIndex(qMax(0, combo->findData(selected)));
}

void WorkbenchWindow::applyStateFilter()
{
    const QString key = m_ui->stateFilter->currentData().toString();
    m_model->setStateFilter(key.isEmpty() ? std::nullopt : RequestStates::fromKey(key));
}

void WorkbenchWindow::applySearch()
{
    m_searchTimer->stop();
    m_model->setSearchText(m_ui->searchField->text());
}

void WorkbenchWindow::searchEntered()
{
    // Enter searches at once and hands the keyboard to the results.
    applySearch();
    QTableView *table = m_ui->requestQueue;
    if (m_model->rowCount() == 0)
        return;
    if (!table->currentIndex().isValid())
        table->setCurrentIndex(m_model->index(0, 0));
    table->setFocus(Qt::OtherFocusReason);
}

void WorkbenchWindow::updateStatus()
{
    const qint64 total = m_model->totalCount();
    const RequestQueueFilter &filter = m_model->filter();
    const bool filtered = filter.state.has_value() || !filter.search.isEmpty();
    if (total < 0)
        m_countLabel->setText(tr("The queue is unavailable"));
    else if (total == 0)
        m_countLabel->setText(filtered ? tr("No request matches") : tr("No requests yet"));
    else
        m_countLabel->setText(tr("%Ln request(s)", nullptr,
                                 int(qMin<qint64>(total, std::numeric_limits<int>::max()))));
}

void WorkbenchWindow::setProblem(Problem problem, const QString &message)
{
    QString &current = m_problems[problem];
    if (current == message)
        return;
    current = message;
    if (!message.isEmpty())
        qCWarning(lcWorkbench).noquote() << message;
    QStringList messages;
    for (const auto &[where, text] : m_problems) {
        if (!text.isEmpty())
            messages << text;
    }
    m_ui->queueError->setText(messages.join(u'\n'));
    m_ui->queueError->setVisible(!messages.isEmpty());
}

void WorkbenchWindow::keepSortOnSortableColumn(int section, Qt::SortOrder order)
{
    Q_UNUSED(order)
    if (RequestQueueModel::isSortable(section)) {
        m_sortSection = section;
        return;
    }
    // Other columns cannot sort (their tooltip says so): put the indicator back.
    m_ui->requestQueue->horizontalHeader()->setSortIndicator(m_sortSection, m_model->sortOrder());
}

void WorkbenchWindow::updateActions()
{
    m_ui->actionShowDetails->setEnabled(m_ui->requestQueue->currentIndex().isValid());
}

void WorkbenchWindow::showDetails(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 id = index.data(RequestQueueModel::RequestIdRole).toLongLong();
    auto *dialog = new RequestDetailsDialog(m_database, m_officeZone, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (auto loaded = dialog->load(id); !loaded) {
        delete dialog;
        setProblem(Problem::Details,
                   tr("The request could not be read: %1").arg(loaded.error().toString()));
        return;
    }
    setProblem(Problem::Details, {});
    dialog->open();
}

void WorkbenchWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        adjustToFont();
}

void WorkbenchWindow::adjustToFont()
{
    // Row heights and column widths follow the font, so large fonts are never cut off.
    QTableView *table = m_ui->requestQueue;
    const QFontMetrics metrics(table->font());
    QHeaderView *rows = table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setMinimumSectionSize(metrics.height());
    rows->setDefaultSectionSize(metrics.height() * 3 / 2 + 2);
    if (m_model->rowCount() == 0)
        return;
    table->resizeColumnsToContents();
    // Long names and reasons are elided (the tooltip has them whole), so that the unit column
    // keeps some room on a 1280-pixel screen.
    for (int column = 0; column < RequestQueueModel::ColumnCount; ++column) {
        // The state is what an operator scans the queue for: it is never cut off.
        if (column == RequestQueueModel::State)
            continue;
        const int characters = column == RequestQueueModel::HolderName ? 30
            : column == RequestQueueModel::Reason                      ? 20
                                                                       : 24;
        const int widest = metrics.averageCharWidth() * characters;
        if (table->columnWidth(column) > widest)
            table->setColumnWidth(column, widest);
    }
    m_columnsSized = true;
}

void WorkbenchWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Revocation Desk"),
        tr("<h3>Revocation Desk %1</h3>"
           "<p>Layanan Pencabutan Sertifikat Elektronik: the regency's procedure for revoking an "
           "electronic certificate, from the applicant's request to the notice that it was "
           "revoked.</p><p>Database: %2</p>")
            .arg(QApplication::applicationVersion().toHtmlEscaped(),
                 m_database->url().toDisplayString().toHtmlEscaped()));
}

} // namespace rd
