// bench_request_queue: fills SQLite and PostgreSQL with holders and revocation requests, then
// times what the operator's queue does: open the first page with its count, filter by state,
// search by NIK, NIP, agenda number and name. It prints figures and asserts no time.

#include "BenchmarkReport.h"
#include "BulkDataGenerator.h"
#include "QueryPlan.h"
#include "RequestQueueModel.h"
#include "TestDatabase.h"
#include "requests/RevocationRequestRepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTextStream>

#include <algorithm>
#include <optional>
#include <vector>

namespace {

using rd::bench::BenchmarkReport;

using rd::RequestQueueFilter;
using rd::RequestState;
using rd::test::TestDatabase;

QString ms(double value)
{
    return QString::number(value, 'f', 2);
}

struct Case
{
    QString name;
    RequestQueueFilter filter;
    // Next page by key after the first one, instead of the first page and the count.
    bool nextPage = false;
};

struct Figures
{
    QString name;
    QString search;
    qint64 pageRows = 0;
    qint64 matches = -1;
    double pageMs = 0;
    double countMs = 0;
    double totalMs = 0;
    std::optional<double> modelMs;
    QStringList plan;
};

class Table
{
public:
    explicit Table(QStringList header)
        : m_header(std::move(header))
    { }
    void add(QStringList row) { m_rows << row; }
    void print(QTextStream &stream) const
    {
        std::vector<qsizetype> widths(size_t(m_header.size()), 0);
        auto measure = [&](const QStringList &row) {
            for (qsizetype i = 0; i < row.size(); ++i)
                widths[size_t(i)] = std::max(widths[size_t(i)], row.at(i).size());
        };
        measure(m_header);
        for (const QStringList &row : m_rows)
            measure(row);
        auto line = [&](const QStringList &row) {
            QString text = QStringLiteral("|");
            for (qsizetype i = 0; i < row.size(); ++i) {
                // Names left, figures right.
                const QString cell = i < 2 ? row.at(i).leftJustified(widths[size_t(i)])
                                           : row.at(i).rightJustified(widths[size_t(i)]);
                text += QLatin1Char(' ') + cell + QStringLiteral(" |");
            }
            stream << text << '\n';
        };
        line(m_header);
        QString rule = QStringLiteral("|");
        for (qsizetype width : widths)
            rule += QString(width + 2, QLatin1Char('-')) + QLatin1Char('|');
        stream << rule << '\n';
        for (const QStringList &row : m_rows)
            line(row);
    }

private:
    QStringList m_header;
    QList<QStringList> m_rows;
};

class EngineBenchmark
{
public:
    EngineBenchmark(TestDatabase::Engine engine, const rd::bench::BulkDataOptions &options,
                    int runs, bool explain)
        : m_engine(engine)
        , m_options(options)
        , m_runs(runs)
        , m_explain(explain)
    { }

    bool run()
    {
        const QString title = m_engine == TestDatabase::Engine::Sqlite
            ? QStringLiteral("SQLite")
            : QStringLiteral("PostgreSQL");
        m_test = TestDatabase::create(m_engine);
        if (!m_test || !m_test->database()) {
            BenchmarkReport::err()
                << title << ": " << (m_test ? m_test->error() : QString()) << Qt::endl;
            return false;
        }
        m_database = m_test->database();
        auto version = m_database->scalar(
            m_database->isSqlite() ? QStringLiteral("SELECT sqlite_version()")
                                   : QStringLiteral("SELECT current_setting('server_version')"));
        BenchmarkReport::out() << "\n== " << title << ' '
                               << (version ? version->toString() : QString()) << " ==\n";
        BenchmarkReport::out().flush();

        rd::bench::BulkDataGenerator generator(m_database, m_options);
        generator.setProgress([](const QString &line) {
            BenchmarkReport::out() << "  generated " << line << '\n';
            BenchmarkReport::out().flush();
        });
        auto report = generator.run();
        if (!report) {
            BenchmarkReport::err()
                << title << ": generation failed: " << report.error().toString() << Qt::endl;
            return false;
        }
        BenchmarkReport::out() << "  generation: " << report->holders << " holders + "
                               << report->requests << " requests in " << ms(report->totalMs)
                               << " ms = " << QString::number(report->rowsPerSecond(), 'f', 0)
                               << " rows/s (holders "
                               << QString::number(report->holdersPerSecond(), 'f', 0)
                               << " rows/s, requests "
                               << QString::number(report->requestsPerSecond(), 'f', 0)
                               << " rows/s, indexes " << ms(report->indexesMs) << " ms, ANALYZE "
                               << ms(report->analyzeMs) << " ms)\n";
        BenchmarkReport::out().flush();

        auto cases = buildCases();
        if (!cases) {
            BenchmarkReport::err() << title << ": " << cases.error().toString() << Qt::endl;
            return false;
        }
        Table table({QStringLiteral("query"), QStringLiteral("search"), QStringLiteral("rows"),
                     QStringLiteral("matches"), QStringLiteral("page ms"),
                     QStringLiteral("count ms"), QStringLiteral("page+count ms"),
                     QStringLiteral("model ms")});
        std::vector<Figures> all;
        for (const Case &c : *cases) {
            auto figures = measure(c);
            if (!figures) {
                BenchmarkReport::err()
                    << title << ": " << c.name << ": " << figures.error().toString() << Qt::endl;
                return false;
            }
            table.add(
                {figures->name, figures->search, QString::number(figures->pageRows),
                 figures->matches < 0 ? QStringLiteral("-") : QString::number(figures->matches),
                 ms(figures->pageMs),
                 figures->matches < 0 ? QStringLiteral("-") : ms(figures->countMs),
                 ms(figures->totalMs),
                 figures->modelMs ? ms(*figures->modelMs) : QStringLiteral("-")});
            all.push_back(*figures);
        }
        BenchmarkReport::out()
            << "  times in ms, median of " << m_runs << " runs after a warm-up run; "
            << "page = RevocationRequestRepository::queuePage (200 rows), count = queueCount, "
            << "model = a new RequestQueueModel with the filter set, until rowCount() > 0 (with "
               "state\n  and search: from the state change)\n";
        table.print(BenchmarkReport::out());
        if (m_explain) {
            for (const Figures &figures : all) {
                BenchmarkReport::out() << "  plan of " << figures.name << ":\n";
                for (const QString &line : figures.plan)
                    BenchmarkReport::out() << "    " << line << '\n';
            }
        }
        BenchmarkReport::out().flush();
        m_database.reset();
        m_test.reset(); // drops the PostgreSQL database
        return true;
    }

private:
    rd::Result<std::vector<Case>> buildCases() const
    {
        // Real values from the data: a holder with a NIP and a request, its agenda number.
        auto sample = rd::bench::BulkDataGenerator::sample(*m_database);
        if (!sample)
            return errorOf(sample);
        const QString nik = sample->nik;
        const QString nip = sample->nip;
        const QString agenda = sample->agendaNumber;

        auto withState = [](RequestState state, const QString &search = {}) {
            RequestQueueFilter filter;
            filter.state = state;
            filter.search = search;
            return filter;
        };
        auto searching = [](const QString &search) {
            RequestQueueFilter filter;
            filter.search = search;
            return filter;
        };
        std::vector<Case> cases = {
            {QStringLiteral("first page"), {}, false},
            {QStringLiteral("next page (by key)"), {}, true},
            {QStringLiteral("state submitted"), withState(RequestState::Submitted), false},
            {QStringLiteral("state in_verification"), withState(RequestState::InVerification),
             false},
            {QStringLiteral("state revocation_failed"), withState(RequestState::RevocationFailed),
             false},
            {QStringLiteral("state closed"), withState(RequestState::Closed), false},
            {QStringLiteral("NIK, full"), searching(nik), false},
            {QStringLiteral("NIK, prefix (region+birth)"), searching(nik.left(12)), false},
            {QStringLiteral("NIP, full"), searching(nip), false},
            {QStringLiteral("agenda number, full"), searching(agenda), false},
            {QStringLiteral("agenda number, month"), searching(agenda.left(10)), false},
            {QStringLiteral("name, common fragment"), searching(QStringLiteral("rahma")), false},
            {QStringLiteral("name, rare fragment"), searching(QStringLiteral("xaverius")), false},
            {QStringLiteral("name, 2-letter prefix"), searching(QStringLiteral("Yu")), false},
            {QStringLiteral("state submitted + name"),
             withState(RequestState::Submitted, QStringLiteral("rahma")), false},
            {QStringLiteral("state closed + NIK prefix"),
             withState(RequestState::Closed, nik.left(10)), false},
        };
        return cases;
    }

    rd::Result<Figures> measure(const Case &c) const
    {
        rd::RevocationRequestRepository repository(m_database);
        Figures figures;
        figures.name = c.name;
        figures.search = c.filter.search;
        std::optional<qint64> after;
        if (c.nextPage) {
            auto first = repository.queuePage(c.filter, rd::RequestQueueModel::DefaultPageSize);
            if (!first)
                return errorOf(first);
            if (!first->empty())
                after = first->back().id;
        }
        std::vector<double> pageTimes;
        std::vector<double> countTimes;
        std::vector<double> totals;
        std::vector<double> modelTimes;
        for (int run = 0; run <= m_runs; ++run) { // run 0 warms up
            QElapsedTimer timer;
            timer.start();
            auto page
                = repository.queuePage(c.filter, rd::RequestQueueModel::DefaultPageSize, after);
            const double pageMs = BenchmarkReport::elapsedMs(timer);
            if (!page)
                return errorOf(page);
            figures.pageRows = qint64(page->size());
            double countMs = 0;
            if (!c.nextPage) {
                timer.start();
                auto count = repository.queueCount(c.filter);
                countMs = BenchmarkReport::elapsedMs(timer);
                if (!count)
                    return errorOf(count);
                figures.matches = *count;
            }
            auto model = modelTime(c);
            if (!model)
                return errorOf(model);
            if (run > 0) {
                pageTimes.push_back(pageMs);
                countTimes.push_back(countMs);
                totals.push_back(pageMs + countMs);
                if (*model)
                    modelTimes.push_back(**model);
            }
        }
        figures.pageMs = BenchmarkReport::median(pageTimes);
        figures.countMs = BenchmarkReport::median(countTimes);
        figures.totalMs = BenchmarkReport::median(totals);
        if (!modelTimes.empty())
            figures.modelMs = BenchmarkReport::median(modelTimes);
        if (m_explain) {
            const auto statement = repository.queueStatement(
                c.filter, rd::RequestQueueModel::DefaultPageSize, after);
            auto plan = rd::bench::QueryPlan::explain(*m_database, statement.sql, statement.values);
            if (!plan)
                return errorOf(plan);
            figures.plan = plan->lines();
            if (!c.nextPage) {
                const auto count = repository.countStatement(c.filter);
                auto countPlan
                    = rd::bench::QueryPlan::explain(*m_database, count.sql, count.values);
                if (!countPlan)
                    return errorOf(countPlan);
                figures.plan << QStringLiteral("-- count:") << countPlan->lines();
            }
        }
        return figures;
    }

    // The model as the workbench drives it: a filter change refreshes the count and the first
    // page. With a state and a search, the search is typed first and the state change is timed.
    rd::Result<std::optional<double>> modelTime(const Case &c) const
    {
        if (c.nextPage)
            return std::optional<double>();
        QElapsedTimer timer;
        timer.start();
        rd::RequestQueueModel model(m_database);
        QString failure;
        QObject::connect(&model, &rd::RequestQueueModel::queryFailed, &model,
                         [&failure](const QString &message) { failure = message; });
        if (c.filter.state && !c.filter.search.isEmpty()) {
            model.setSearchText(c.filter.search);
            timer.start();
            model.setStateFilter(c.filter.state);
        } else if (c.filter.state) {
            model.setStateFilter(c.filter.state);
        } else if (!c.filter.search.isEmpty()) {
            model.setSearchText(c.filter.search);
        } else {
            model.refresh();
        }
        const double elapsed = BenchmarkReport::elapsedMs(timer);
        if (!failure.isEmpty())
            return rd::fail(rd::ErrorCode::DatabaseError, failure);
        if (model.rowCount() == 0 && model.totalCount() != 0)
            return rd::fail(rd::ErrorCode::Internal,
                            QStringLiteral("the model showed no rows for %1").arg(c.name));
        return std::optional<double>(elapsed);
    }

    TestDatabase::Engine m_engine;
    rd::bench::BulkDataOptions m_options;
    int m_runs;
    bool m_explain;
    std::unique_ptr<TestDatabase> m_test;
    rd::DatabasePtr m_database;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bench_request_queue"));
    // The figures, not the services' progress chatter (QT_LOGGING_RULES can turn it back on).
    QLoggingCategory::setFilterRules(QStringLiteral("rd.*.debug=false\nrd.*.info=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fills SQLite and PostgreSQL with generated holders and revocation requests and times "
        "the request queue: first page, state filters and searches. PostgreSQL runs on a fresh "
        "database of the server in REVOCATION_DESK_TEST_POSTGRES_URL."));
    parser.addHelpOption();
    const QCommandLineOption holders(QStringLiteral("holders"),
                                     QStringLiteral("Holders to generate (default 20000)."),
                                     QStringLiteral("N"), QStringLiteral("20000"));
    const QCommandLineOption requests(QStringLiteral("requests"),
                                      QStringLiteral("Requests to generate (default 4000)."),
                                      QStringLiteral("M"), QStringLiteral("4000"));
    const QCommandLineOption engine(QStringLiteral("engine"),
                                    QStringLiteral("sqlite, postgres or both (default both)."),
                                    QStringLiteral("ENGINE"), QStringLiteral("both"));
    const QCommandLineOption runs(QStringLiteral("runs"),
                                  QStringLiteral("Timed runs per query, after one warm-up "
                                                 "(default 7)."),
                                  QStringLiteral("K"), QStringLiteral("7"));
    const QCommandLineOption explain(QStringLiteral("explain"),
                                     QStringLiteral("Also print the plan of every query."));
    parser.addOptions({holders, requests, engine, runs, explain});
    parser.process(app);

    bool ok = false;
    rd::bench::BulkDataOptions options;
    options.holders = parser.value(holders).toLongLong(&ok);
    if (!ok || options.holders < 1
        || options.holders > rd::bench::BulkDataGenerator::maximumHolders()) {
        BenchmarkReport::err() << "--holders must be a number from 1 to "
                               << rd::bench::BulkDataGenerator::maximumHolders() << Qt::endl;
        return 2;
    }
    options.requests = parser.value(requests).toLongLong(&ok);
    if (!ok || options.requests < 1) {
        BenchmarkReport::err() << "--requests must be a positive number" << Qt::endl;
        return 2;
    }
    const int timedRuns = parser.value(runs).toInt(&ok);
    if (!ok || timedRuns < 1) {
        BenchmarkReport::err() << "--runs must be a positive number" << Qt::endl;
        return 2;
    }
    const QString engineName = parser.value(engine);
    std::vector<TestDatabase::Engine> engines;
    if (engineName == QLatin1String("sqlite") || engineName == QLatin1String("both"))
        engines.push_back(TestDatabase::Engine::Sqlite);
    if (engineName == QLatin1String("postgres") || engineName == QLatin1String("both"))
        engines.push_back(TestDatabase::Engine::Postgres);
    if (engines.empty()) {
        BenchmarkReport::err() << "--engine must be sqlite, postgres or both" << Qt::endl;
        return 2;
    }
    if (engines.back() == TestDatabase::Engine::Postgres) {
        QString why;
        if (TestDatabase::postgresServerUrl(&why).isEmpty()) {
            BenchmarkReport::err()
                << "bench_request_queue: PostgreSQL requested but " << why << Qt::endl;
            return 1;
        }
    }

    BenchmarkReport::out() << "Revocation Desk request queue benchmark: " << options.holders
                           << " holders, " << options.requests << " requests\n";
    for (const TestDatabase::Engine e : engines) {
        EngineBenchmark benchmark(e, options, timedRuns, parser.isSet(explain));
        if (!benchmark.run())
            return 1;
    }
    BenchmarkReport::out().flush();
    return 0;
}
