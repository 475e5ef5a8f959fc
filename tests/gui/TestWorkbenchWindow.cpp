#include "GuiTestData.h"
#include "RequestDetailsDialog.h"
#include "RequestQueueModel.h"
#include "TestDatabase.h"
#include "VerifyResult.h"
#include "WorkbenchWindow.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace rd;
using rd::test::FiledRequest;

class TestWorkbenchWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void showsTheQueue();
    void filtersByState();
    void searchesAfterTyping();
    void entersSearchAndMovesToResults();
    void togglesOrderOnSortableColumnsOnly();
    void opensDetailsWithEnter();
    void opensDetailsWithDoubleClick();
    void showsQueryErrors();
    void followsLargerFonts();
    void takesScreenshots();

private:
    static constexpr int RequestCount = 60;

    template<typename T> T *child(const char *name) const
    {
        return m_window->findChild<T *>(QString::fromLatin1(name));
    }
    QTableView *table() const { return child<QTableView>("requestQueue"); }
    RequestQueueModel *model() const { return m_window->queueModel(); }
    RequestDetailsDialog *openDialog() const;
    void clickHeader(int column);

    std::unique_ptr<test::TestDatabase> m_db;
    test::QueueData m_data;
    std::unique_ptr<WorkbenchWindow> m_window;
    QTemporaryDir m_screenshots;
};

void TestWorkbenchWindow::initTestCase()
{
    RD_OPEN_DATABASE(db, test::TestDatabase::Engine::Sqlite);
    auto data = test::fillQueue(db->database(), RequestCount);
    RD_VERIFY_RESULT(data);
    m_data = *data;
    m_db = std::move(db);
    QVERIFY(m_screenshots.isValid());
}

void TestWorkbenchWindow::init()
{
    m_window = std::make_unique<WorkbenchWindow>(m_db->database(),
                                                 QTimeZone(QByteArrayLiteral("Asia/Jakarta")));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWorkbenchWindow::cleanup()
{
    m_window.reset();
}

void TestWorkbenchWindow::cleanupTestCase()
{
    m_db.reset();
}

RequestDetailsDialog *TestWorkbenchWindow::openDialog() const
{
    const auto dialogs = m_window->findChildren<RequestDetailsDialog *>();
    for (RequestDetailsDialog *dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

void TestWorkbenchWindow::clickHeader(int column)
{
    QHeaderView *header = table()->horizontalHeader();
    const QPoint centre(header->sectionViewportPosition(column) + header->sectionSize(column) / 2,
                        header->height() / 2);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, centre);
}

void TestWorkbenchWindow::showsTheQueue()
{
    QVERIFY(table());
    QCOMPARE(table()->model(), model());
    QCOMPARE(model()->rowCount(), RequestCount);
    QCOMPARE(table()->horizontalHeader()->sortIndicatorSection(), int(RequestQueueModel::FiledAt));
    QCOMPARE(table()->horizontalHeader()->sortIndicatorOrder(), Qt::DescendingOrder);

    auto *count = child<QLabel>("requestCount");
    QVERIFY(count);
    QVERIFY2(count->text().contains(QString::number(RequestCount)), qPrintable(count->text()));
    auto *where = child<QLabel>("databaseLabel");
    QVERIFY(where);
    QVERIFY2(where->text().contains(m_db->database()->url().toDisplayString()),
             qPrintable(where->text()));
    QVERIFY(!child<QLabel>("queueError")->isVisible());

    auto *search = child<QLineEdit>("searchField");
    QVERIFY(search);
    QCOMPARE(search->placeholderText(), QStringLiteral("Agenda number, NIK or name"));
    QVERIFY(search->isClearButtonEnabled());
    QVERIFY(search->hasFocus());

    for (const char *name : {"actionQuit", "actionAbout", "actionRefresh", "actionFind"})
        QVERIFY2(child<QAction>(name), name);
}

void TestWorkbenchWindow::filtersByState()
{
    auto *states = child<QComboBox>("stateFilter");
    QVERIFY(states);
    QCOMPARE(states->count(), 1 + int(RequestStates::all().size()));
    QCOMPARE(states->itemText(0), QStringLiteral("All states"));
    const int rejected = states->findData(RequestStates::key(RequestState::Rejected));
    QVERIFY(rejected > 0);
    const int expected = m_data.inState(RequestState::Rejected);
    QCOMPARE(
        states->itemText(rejected),
        QStringLiteral("%1 (%2)").arg(RequestStates::label(RequestState::Rejected)).arg(expected));

    states->setCurrentIndex(rejected);
    QCOMPARE(model()->rowCount(), expected);
    for (int row = 0; row < model()->rowCount(); ++row)
        QCOMPARE(model()->index(row, 0).data(RequestQueueModel::StateKeyRole).toString(),
                 QStringLiteral("rejected"));
    QVERIFY(child<QLabel>("requestCount")->text().contains(QString::number(expected)));

    // By keyboard: Home goes back to all states.
    states->setFocus();
    QTest::keyClick(states, Qt::Key_Home);
    QCOMPARE(states->currentIndex(), 0);
    QCOMPARE(model()->rowCount(), RequestCount);
}

void TestWorkbenchWindow::searchesAfterTyping()
{
    auto *search = child<QLineEdit>("searchField");
    const QString fragment = QStringLiteral("Siti");
    const int expected = m_data.count(
        [&fragment](const FiledRequest &r) { return r.holderName.contains(fragment); });
    QVERIFY(expected > 0 && expected < RequestCount);

    QTest::keyClicks(search, fragment);
    // Nothing is searched while the person is typing ...
    QCOMPARE(model()->filter().search, QString());
    QCOMPARE(model()->rowCount(), RequestCount);
    // ... but once they pause.
    QTRY_COMPARE(model()->filter().search, fragment);
    QCOMPARE(model()->rowCount(), expected);
    for (int row = 0; row < model()->rowCount(); ++row)
        QVERIFY(model()
                    ->index(row, RequestQueueModel::HolderName)
                    .data()
                    .toString()
                    .contains(fragment));

    // A NIK prefix, after clearing the field.
    search->clear();
    const QString prefix = m_data.requests.at(5).nik.left(8);
    const int byNik
        = m_data.count([&prefix](const FiledRequest &r) { return r.nik.startsWith(prefix); });
    QTest::keyClicks(search, prefix);
    QTRY_COMPARE(model()->filter().search, prefix);
    QCOMPARE(model()->rowCount(), byNik);

    // An agenda number.
    search->clear();
    const FiledRequest &request = m_data.requests.at(12);
    QTest::keyClicks(search, request.agendaNumber);
    QTRY_COMPARE(model()->rowCount(), 1);
    QCOMPARE(model()->index(0, 0).data(RequestQueueModel::RequestIdRole).toLongLong(), request.id);

    // Searching and filtering together.
    search->clear();
    QTRY_COMPARE(model()->rowCount(), RequestCount);
    auto *states = child<QComboBox>("stateFilter");
    states->setCurrentIndex(states->findData(RequestStates::key(RequestState::Submitted)));
    QTest::keyClicks(search, QStringLiteral("s.kom"));
    const int both = m_data.count([](const FiledRequest &r) {
        return r.state == RequestState::Submitted && r.holderName.contains(QLatin1String("S.Kom"));
    });
    QTRY_COMPARE(model()->filter().search, QStringLiteral("s.kom"));
    QCOMPARE(model()->rowCount(), both);
}

void TestWorkbenchWindow::entersSearchAndMovesToResults()
{
    auto *search = child<QLineEdit>("searchField");
    const FiledRequest &request = m_data.requests.at(30);
    QTest::keyClicks(search, request.nik);
    QTest::keyClick(search, Qt::Key_Return); // at once, without waiting
    QCOMPARE(model()->rowCount(), 1);
    QVERIFY(table()->hasFocus());
    QCOMPARE(table()->currentIndex().row(), 0);
    QVERIFY(child<QAction>("actionShowDetails")->isEnabled());
}

void TestWorkbenchWindow::togglesOrderOnSortableColumnsOnly()
{
    const auto firstId = [this] {
        return model()->index(0, 0).data(RequestQueueModel::RequestIdRole).toLongLong();
    };
    QCOMPARE(firstId(), m_data.requests.back().id);
    QHeaderView *header = table()->horizontalHeader();

    clickHeader(RequestQueueModel::FiledAt);
    QCOMPARE(model()->sortOrder(), Qt::AscendingOrder);
    QCOMPARE(firstId(), m_data.requests.front().id);

    // Another sortable column turns the order round again.
    clickHeader(RequestQueueModel::AgendaNumber);
    QCOMPARE(model()->sortOrder(), Qt::DescendingOrder);
    QCOMPARE(header->sortIndicatorSection(), int(RequestQueueModel::AgendaNumber));
    QCOMPARE(firstId(), m_data.requests.back().id);

    // A column that cannot sort leaves order and indicator as they were.
    clickHeader(RequestQueueModel::HolderName);
    QCOMPARE(model()->sortOrder(), Qt::DescendingOrder);
    QCOMPARE(header->sortIndicatorSection(), int(RequestQueueModel::AgendaNumber));
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    QCOMPARE(firstId(), m_data.requests.back().id);
}

void TestWorkbenchWindow::opensDetailsWithEnter()
{
    // The oldest request went through claim, so it has steps and a time against standard.
    const FiledRequest &request = m_data.requests.at(6);
    QCOMPARE(request.state, RequestState::Verified);
    auto *search = child<QLineEdit>("searchField");
    QTest::keyClicks(search, request.agendaNumber);
    QTRY_COMPARE(model()->rowCount(), 1);

    table()->setFocus();
    table()->setCurrentIndex(model()->index(0, 0));
    QTest::keyClick(table(), Qt::Key_Return);
    QTRY_VERIFY(openDialog());
    QPointer<RequestDetailsDialog> dialog = openDialog();
    QCOMPARE(dialog->requestId(), request.id);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("agendaNumberValue"))->text(),
             request.agendaNumber);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("holderValue"))->text(),
             request.holderName);
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("stateValue"))->text(),
             RequestStates::label(RequestState::Verified));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("operatorValue"))->text(),
             m_data.operatorName);

    // create, submit, claim, verify
    auto *events = dialog->findChild<QTableWidget *>(QStringLiteral("eventsTable"));
    QVERIFY(events);
    QCOMPARE(events->rowCount(), 4);
    QCOMPARE(events->item(3, 3)->text(), QStringLiteral("user:") + m_data.operatorName);

    auto *timings = dialog->findChild<QTableWidget *>(QStringLiteral("timingsTable"));
    QVERIFY(timings);
    QCOMPARE(timings->rowCount(), 10); // the SOP's ten steps
    QCOMPARE(timings->item(5, 0)->text(), QStringLiteral("6"));
    QVERIFY(!timings->item(5, 3)->text().isEmpty());

    auto *tabs = dialog->findChild<QTabWidget *>(QStringLiteral("detailsTabs"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 3);

    QTest::keyClick(dialog, Qt::Key_Escape);
    QTRY_VERIFY(dialog.isNull()); // closed and deleted
}

void TestWorkbenchWindow::opensDetailsWithDoubleClick()
{
    const QModelIndex index = model()->index(2, RequestQueueModel::HolderName);
    const qint64 id = index.data(RequestQueueModel::RequestIdRole).toLongLong();
    const QPoint centre = table()->visualRect(index).center();
    // What a mouse sends: press and release, then the double click and its release.
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, centre);
    QTest::mouseRelease(table()->viewport(), Qt::LeftButton, {}, centre);
    QTRY_VERIFY(openDialog());
    QCOMPARE(openDialog()->requestId(), id);
    openDialog()->close();
    QTRY_VERIFY(!openDialog());

    // And from the menu, for the current row.
    table()->setCurrentIndex(model()->index(3, 0));
    auto *showDetails = child<QAction>("actionShowDetails");
    QVERIFY(showDetails->isEnabled());
    showDetails->trigger();
    QTRY_VERIFY(openDialog());
    QCOMPARE(openDialog()->requestId(),
             model()->index(3, 0).data(RequestQueueModel::RequestIdRole).toLongLong());
    openDialog()->close();
}

void TestWorkbenchWindow::showsQueryErrors()
{
    RD_OPEN_DATABASE(db, test::TestDatabase::Engine::Sqlite);
    RD_VERIFY_RESULT(test::fillQueue(db->database(), 2));
    WorkbenchWindow window(db->database());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *banner = window.findChild<QLabel *>(QStringLiteral("queueError"));
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());

    QVERIFY(test::runDirectly(
        *db->database(),
        QStringLiteral("ALTER TABLE revocation_requests RENAME TO revocation_requests_moved")));
    window.findChild<QAction *>(QStringLiteral("actionRefresh"))->trigger();
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QLatin1String("revocation_requests")),
             qPrintable(banner->text()));
    QCOMPARE(window.queueModel()->rowCount(), 0);
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("requestCount"))->text(),
             QStringLiteral("The queue is unavailable"));

    QVERIFY(test::runDirectly(
        *db->database(),
        QStringLiteral("ALTER TABLE revocation_requests_moved RENAME TO revocation_requests")));
    window.findChild<QAction *>(QStringLiteral("actionRefresh"))->trigger();
    QVERIFY(!banner->isVisible());
    QCOMPARE(window.queueModel()->rowCount(), 2);
}

void TestWorkbenchWindow::followsLargerFonts()
{
    QHeaderView *rows = table()->verticalHeader();
    const int before = rows->defaultSectionSize();
    QFont font = m_window->font();
    font.setPointSizeF(font.pointSizeF() * 2);
    m_window->setFont(font);
    QTRY_VERIFY(rows->defaultSectionSize() > before);
    QVERIFY(rows->defaultSectionSize() >= QFontMetrics(table()->font()).height());
}

void TestWorkbenchWindow::takesScreenshots()
{
    const QString window = m_screenshots.filePath(QStringLiteral("workbench.png"));
    QVERIFY(m_window->grab().save(window));
    QVERIFY(QImage(window).width() > 0);

    table()->setCurrentIndex(model()->index(0, 0));
    m_window->showDetails(table()->currentIndex());
    QTRY_VERIFY(openDialog());
    const QString details = m_screenshots.filePath(QStringLiteral("details.png"));
    QVERIFY(openDialog()->grab().save(details));
    QVERIFY(QImage(details).width() > 0);
    openDialog()->close();
}

QTEST_MAIN(TestWorkbenchWindow)
#include "TestWorkbenchWindow.moc"
