#include "GuiTestData.h"
#include "RequestQueueModel.h"
#include "TestDatabase.h"
#include "VerifyResult.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace rd;
using rd::test::FiledRequest;

class TestRequestQueueModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void readsNothingBeforeRefresh();
    void passesTheModelTester();
    void fetchesLazilyInPages();
    void fetchesInSmallerPages();
    void showsColumnsInOfficeTime();
    void headers();
    void sortsByFilingOrderOnly();
    void filtersByState();
    void searchesByAgendaNumber();
    void searchesByNikPrefix();
    void searchesByNameFragment();
    void searchesByShortNamePrefix();
    void combinesStateAndSearch();
    void reportsNoMatch();
    void reportsErrorOnClosedDatabase();
    void reportsErrorOnBrokenDatabase();

private:
    static constexpr int RequestCount = 230; // more than one page of 200

    // Fetches every page; returns the number of fetchMore calls that added rows.
    static int fetchAll(RequestQueueModel &model);
    const FiledRequest &filed(qint64 id) const;

    std::unique_ptr<test::TestDatabase> m_db;
    test::QueueData m_data;
};

void TestRequestQueueModel::initTestCase()
{
    RD_OPEN_DATABASE(db, test::TestDatabase::engineUnderTest());
    auto data = test::fillQueue(db->database(), RequestCount);
    RD_VERIFY_RESULT(data);
    m_data = *data;
    m_db = std::move(db);
    QCOMPARE(int(m_data.requests.size()), RequestCount);
}

void TestRequestQueueModel::cleanupTestCase()
{
    m_db.reset();
}

int TestRequestQueueModel::fetchAll(RequestQueueModel &model)
{
    int pages = 0;
    while (model.canFetchMore({})) {
        const int before = model.rowCount();
        model.fetchMore({});
        if (model.rowCount() > before)
            ++pages;
    }
    return pages;
}

const FiledRequest &TestRequestQueueModel::filed(qint64 id) const
{
    static const FiledRequest none;
    for (const FiledRequest &request : m_data.requests) {
        if (request.id == id)
            return request;
    }
    return none;
}

void TestRequestQueueModel::readsNothingBeforeRefresh()
{
    RequestQueueModel model(m_db->database());
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(RequestQueueModel::ColumnCount));
    QVERIFY(!model.canFetchMore({}));
}

void TestRequestQueueModel::passesTheModelTester()
{
    RequestQueueModel model(m_db->database());
    model.setPageSize(40);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.refresh();
    QCOMPARE(model.rowCount(), 40);
    model.fetchMore({});
    model.setStateFilter(RequestState::Submitted);
    model.setSearchText(QStringLiteral("siti"));
    model.sort(RequestQueueModel::AgendaNumber, Qt::AscendingOrder);
    fetchAll(model);
    model.setSearchText({});
    model.setStateFilter(std::nullopt);
    fetchAll(model);
    QCOMPARE(model.rowCount(), RequestCount);
}

void TestRequestQueueModel::fetchesLazilyInPages()
{
    RequestQueueModel model(m_db->database());
    QCOMPARE(model.pageSize(), RequestQueueModel::DefaultPageSize);
    QSignalSpy refreshed(&model, &RequestQueueModel::refreshed);
    model.refresh();
    QCOMPARE(refreshed.size(), 1);
    QCOMPARE(refreshed.at(0).at(0).toLongLong(), qint64(RequestCount));
    QCOMPARE(model.totalCount(), qint64(RequestCount));
    QCOMPARE(model.rowCount(), RequestQueueModel::DefaultPageSize);
    QVERIFY(model.canFetchMore({}));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), RequestCount);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), RequestQueueModel::DefaultPageSize);
    QCOMPARE(inserted.at(0).at(2).toInt(), RequestCount - 1);
    QVERIFY(!model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), RequestCount);

    // Newest first, each request once: the key of the last row continued the first page.
    QSet<qint64> seen;
    qint64 previous = std::numeric_limits<qint64>::max();
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 id = model.index(row, 0).data(RequestQueueModel::RequestIdRole).toLongLong();
        QVERIFY2(id < previous, qPrintable(QStringLiteral("row %1").arg(row)));
        previous = id;
        seen.insert(id);
    }
    QCOMPARE(seen.size(), RequestCount);
    QCOMPARE(model.totalCount(), qint64(RequestCount)); // counted once, at the refresh
}

void TestRequestQueueModel::fetchesInSmallerPages()
{
    RequestQueueModel model(m_db->database());
    model.setPageSize(50);
    model.refresh();
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(fetchAll(model), 4); // 100, 150, 200, 230
    QCOMPARE(model.rowCount(), RequestCount);
}

void TestRequestQueueModel::showsColumnsInOfficeTime()
{
    RequestQueueModel model(m_db->database(), QTimeZone(QByteArrayLiteral("Asia/Jakarta")));
    model.sort(RequestQueueModel::FiledAt, Qt::AscendingOrder);
    model.refresh();
    fetchAll(model);
    QCOMPARE(model.rowCount(), RequestCount);

    const auto text = [&model](int row, int column) {
        return model.index(row, column).data(Qt::DisplayRole).toString();
    };
    // The first request: filed at 01:00 UTC, 08:00 in Natuna (WIB).
    const FiledRequest &first = m_data.requests.front();
    QCOMPARE(text(0, RequestQueueModel::AgendaNumber), QStringLiteral("SE/2025/11/0001"));
    QCOMPARE(text(0, RequestQueueModel::AgendaNumber), first.agendaNumber);
    QCOMPARE(text(0, RequestQueueModel::FiledAt), QStringLiteral("03-11-2025 08:00"));
    QVERIFY(model.index(0, RequestQueueModel::FiledAt)
                .data(Qt::ToolTipRole)
                .toString()
                .contains(QLatin1String("Asia/Jakarta")));

    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        const qint64 id = index.data(RequestQueueModel::RequestIdRole).toLongLong();
        const FiledRequest &request = filed(id);
        QCOMPARE(request.id, id);
        QCOMPARE(text(row, RequestQueueModel::AgendaNumber), request.agendaNumber);
        QCOMPARE(text(row, RequestQueueModel::HolderName), request.holderName);
        QCOMPARE(text(row, RequestQueueModel::Nik), request.nik);
        QCOMPARE(text(row, RequestQueueModel::Unit), request.unit);
        QCOMPARE(text(row, RequestQueueModel::Reason), RevocationReasons::label(request.reason));
        QCOMPARE(text(row, RequestQueueModel::State), RequestStates::label(request.state));
        QCOMPARE(text(row, RequestQueueModel::FiledAt),
                 request.filedAt.toTimeZone(QTimeZone(QByteArrayLiteral("Asia/Jakarta")))
                     .toString(QStringLiteral("dd-MM-yyyy HH:mm")));
        QCOMPARE(text(row, RequestQueueModel::AssignedOperator), request.assignedOperator);
        QCOMPARE(text(row, RequestQueueModel::Channel),
                 RequestQueueModel::channelLabel(request.channel));
        QCOMPARE(index.data(RequestQueueModel::StateKeyRole).toString(),
                 RequestStates::key(request.state));
        QVERIFY(index.data(RequestQueueModel::VersionRole).toInt() >= 2);
        for (int column = 0; column < RequestQueueModel::ColumnCount; ++column)
            QVERIFY(!model.index(row, column).data(Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(model.flags(index) & Qt::ItemIsEditable, Qt::ItemFlags());
    }
    QCOMPARE(RequestQueueModel::channelLabel(QStringLiteral("risk_monitor")),
             QStringLiteral("Risk monitor"));
}

void TestRequestQueueModel::headers()
{
    RequestQueueModel model(m_db->database());
    QSet<QString> titles;
    for (int column = 0; column < RequestQueueModel::ColumnCount; ++column) {
        const QString title = model.headerData(column, Qt::Horizontal).toString();
        QVERIFY(!title.isEmpty());
        titles.insert(title);
        QVERIFY(!model.headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        QCOMPARE(RequestQueueModel::isSortable(column),
                 column == RequestQueueModel::AgendaNumber || column == RequestQueueModel::FiledAt);
    }
    QCOMPARE(titles.size(), int(RequestQueueModel::ColumnCount));
    // The header's first click on a sortable column turns the current order round.
    QCOMPARE(
        model.headerData(RequestQueueModel::AgendaNumber, Qt::Horizontal, Qt::InitialSortOrderRole)
            .toInt(),
        int(Qt::AscendingOrder));
    QVERIFY(!model.headerData(RequestQueueModel::Nik, Qt::Horizontal, Qt::InitialSortOrderRole)
                 .isValid());
}

void TestRequestQueueModel::sortsByFilingOrderOnly()
{
    RequestQueueModel model(m_db->database());
    model.refresh();
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
    const auto firstId = [&model] {
        return model.index(0, 0).data(RequestQueueModel::RequestIdRole).toLongLong();
    };
    QCOMPARE(firstId(), m_data.requests.back().id);

    model.sort(RequestQueueModel::FiledAt, Qt::AscendingOrder);
    QVERIFY(!model.filter().newestFirst);
    QCOMPARE(firstId(), m_data.requests.front().id);
    fetchAll(model);
    QCOMPARE(model.index(RequestCount - 1, 0).data(RequestQueueModel::RequestIdRole).toLongLong(),
             m_data.requests.back().id);

    // Other columns do not sort: nothing is read again.
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.sort(RequestQueueModel::HolderName, Qt::DescendingOrder);
    model.sort(RequestQueueModel::State, Qt::AscendingOrder);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(firstId(), m_data.requests.front().id);

    model.sort(RequestQueueModel::AgendaNumber, Qt::DescendingOrder);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(firstId(), m_data.requests.back().id);
}

void TestRequestQueueModel::filtersByState()
{
    RequestQueueModel model(m_db->database());
    model.refresh();
    int states = 0;
    for (RequestState state : RequestStates::all()) {
        const int expected = m_data.inState(state);
        model.setStateFilter(state);
        QCOMPARE(model.filter().state, std::optional(state));
        QCOMPARE(model.totalCount(), qint64(expected));
        fetchAll(model);
        QCOMPARE(model.rowCount(), expected);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.index(row, 0).data(RequestQueueModel::StateKeyRole).toString(),
                     RequestStates::key(state));
        if (expected > 0)
            ++states;
    }
    QCOMPARE(states,
             6); // submitted, in verification, verified, needs completion, rejected, cancelled
    model.setStateFilter(std::nullopt);
    QCOMPARE(model.totalCount(), qint64(RequestCount));
}

void TestRequestQueueModel::searchesByAgendaNumber()
{
    RequestQueueModel model(m_db->database());
    model.refresh();
    const FiledRequest &request = m_data.requests.at(41);
    model.setSearchText(request.agendaNumber);
    QCOMPARE(model.totalCount(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data(RequestQueueModel::RequestIdRole).toLongLong(), request.id);

    // A prefix, typed in lower case with stray spaces: agenda numbers 0100 to 0199.
    model.setSearchText(QStringLiteral("  se/2025/11/01 "));
    QCOMPARE(model.totalCount(), 100);
    fetchAll(model);
    QCOMPARE(model.rowCount(), 100);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, RequestQueueModel::AgendaNumber)
                    .data()
                    .toString()
                    .startsWith(QLatin1String("SE/2025/11/01")));
}

void TestRequestQueueModel::searchesByNikPrefix()
{
    RequestQueueModel model(m_db->database());
    model.refresh();
    const FiledRequest &request = m_data.requests.at(17);
    model.setSearchText(request.nik);
    QCOMPARE(model.totalCount(), 1);
    QCOMPARE(model.index(0, RequestQueueModel::Nik).data().toString(), request.nik);

    const QString prefix = QStringLiteral("210303");
    const int expected
        = m_data.count([&prefix](const FiledRequest &r) { return r.nik.startsWith(prefix); });
    QVERIFY(expected > 0 && expected < RequestCount);
    model.setSearchText(prefix);
    QCOMPARE(model.totalCount(), qint64(expected));
    fetchAll(model);
    QCOMPARE(model.rowCount(), expected);
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(model.index(row, RequestQueueModel::Nik).data().toString().startsWith(prefix));
}

void TestRequestQueueModel::searchesByNameFragment()
{
    RequestQueueModel model(m_db->database());
    model.refresh();
    // Three characters and more go through the engine's trigram index (FTS5 on SQLite, pg_trgm
    // on PostgreSQL), in any case, anywhere in the name (also after a title such as "Dr.").
    const QStringList fragments = {QStringLiteral("ahmawat"), QStringLiteral("SITI"),
                                   QStringLiteral("i Wahy"), QStringLiteral("S.Kom")};
    for (const QString &fragment : fragments) {
        const int expected = m_data.count([&fragment](const FiledRequest &r) {
            return r.holderName.contains(fragment, Qt::CaseInsensitive);
        });
        QVERIFY2(expected > 0, qPrintable(fragment));
        model.setSearchText(fragment);
        QCOMPARE(model.totalCount(), qint64(expected));
        fetchAll(model);
        QCOMPARE(model.rowCount(), expected);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY2(model.index(row, RequestQueueModel::HolderName)
                         .data()
                         .toString()
                         .contains(fragment, Qt::CaseInsensitive),
                     qPrintable(fragment));
    }
}

void TestRequestQueueModel::searchesByShortNamePrefix()
{
    RequestQueueModel model(m_db->database());
    model.refresh();
    // Below three characters, names are searched by their beginning.
    const int expected = m_data.count(
        [](const FiledRequest &r) { return r.holderName.startsWith(QLatin1String("Ag")); });
    QVERIFY(expected > 0);
    model.setSearchText(QStringLiteral("ag"));
    QCOMPARE(model.totalCount(), qint64(expected));
}

void TestRequestQueueModel::combinesStateAndSearch()
{
    RequestQueueModel model(m_db->database());
    model.refresh();
    const QString fragment = QStringLiteral("Lestari");
    const int expected = m_data.count([&fragment](const FiledRequest &r) {
        return r.state == RequestState::Submitted && r.holderName.contains(fragment);
    });
    QVERIFY(expected > 0);
    model.setStateFilter(RequestState::Submitted);
    model.setSearchText(fragment);
    QCOMPARE(model.totalCount(), qint64(expected));
    fetchAll(model);
    QCOMPARE(model.rowCount(), expected);
}

void TestRequestQueueModel::reportsNoMatch()
{
    RequestQueueModel model(m_db->database());
    QSignalSpy failed(&model, &RequestQueueModel::queryFailed);
    model.refresh();
    model.setSearchText(QStringLiteral("Zzyzx"));
    QCOMPARE(model.totalCount(), 0);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
    model.setSearchText(QStringLiteral("9999"));
    QCOMPARE(model.totalCount(), 0);
    QCOMPARE(failed.size(), 0);
}

void TestRequestQueueModel::reportsErrorOnClosedDatabase()
{
    RD_OPEN_DATABASE(db, test::TestDatabase::engineUnderTest());
    RD_VERIFY_RESULT(test::fillQueue(db->database(), 3));
    RequestQueueModel model(db->database());
    QSignalSpy failed(&model, &RequestQueueModel::queryFailed);
    QSignalSpy refreshed(&model, &RequestQueueModel::refreshed);
    model.refresh();
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(failed.size(), 0);

    db->database()->connection().close();
    model.setSearchText(QStringLiteral("Siti"));
    QCOMPARE(failed.size(), 1);
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QCOMPARE(refreshed.size(), 1);
    QCOMPARE(model.rowCount(), 0); // no stale rows under a new filter
    QCOMPARE(model.totalCount(), -1);
    QVERIFY(!model.canFetchMore({}));
}

void TestRequestQueueModel::reportsErrorOnBrokenDatabase()
{
    RD_OPEN_DATABASE(db, test::TestDatabase::engineUnderTest());
    RD_VERIFY_RESULT(test::fillQueue(db->database(), 5));
    RequestQueueModel model(db->database());
    model.setPageSize(2);
    QSignalSpy failed(&model, &RequestQueueModel::queryFailed);
    model.refresh();
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.canFetchMore({}));

    QVERIFY(test::runDirectly(
        *db->database(),
        QStringLiteral("ALTER TABLE revocation_requests RENAME TO revocation_requests_moved")));
    model.fetchMore({});
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(QLatin1String("revocation_requests")),
             qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(model.rowCount(), 2); // what was read stays
    QVERIFY(!model.canFetchMore({})); // and a view does not ask again and again

    model.refresh();
    QCOMPARE(failed.size(), 2);
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestRequestQueueModel)
#include "TestRequestQueueModel.moc"
