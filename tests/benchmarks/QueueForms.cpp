#include "QueueForms.h"

#include "requests/RequestState.h"

#include <QDebug>
#include <QTest>

#include <vector>

namespace rd::bench {

Result<BulkDataSample> QueueForms::fill(const DatabasePtr &database)
{
    BulkDataOptions options;
    options.holders = Holders;
    options.requests = Requests;
    BulkDataGenerator generator(database, options);
    generator.setProgress([](const QString &line) { qInfo().noquote() << line; });
    const auto report = generator.run();
    if (!report)
        return errorOf(report);
    return BulkDataGenerator::sample(*database);
}

void QueueForms::addRows(const BulkDataSample &sample, const IndexRoles &indexes,
                         const QStringList &readAlongKey)
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("search");
    QTest::addColumn<QString>("statement");
    QTest::addColumn<QStringList>("indexes");

    const auto role = [&](const char *name) {
        const auto found = indexes.find(QLatin1String(name));
        return found == indexes.end() ? QStringList() : found->second;
    };
    const QString nik = sample.nik;
    const QString agenda = sample.agendaNumber;
    const QStringList none;
    const QStringList state = role("state");
    const QStringList agendaIndex = role("agenda");
    const QStringList nikIndex = role("nik");
    const QStringList trigram = role("name trigram");

    struct Form
    {
        const char *name;
        QString state;
        QString search;
        QStringList indexes;
    };
    const std::vector<Form> forms = {
        {"no filter", {}, {}, none},
        {"state submitted", QStringLiteral("submitted"), {}, state},
        {"state closed", QStringLiteral("closed"), {}, state},
        {"agenda number", {}, agenda, agendaIndex},
        {"agenda prefix (month)", {}, agenda.left(10), agendaIndex},
        {"NIK exact", {}, nik, nikIndex},
        {"NIK prefix (region and birth date)", {}, nik.left(12), nikIndex},
        {"NIP exact", {}, sample.nip, role("nip")},
        {"name fragment, common", {}, QStringLiteral("rahma"), trigram},
        {"name fragment, rare", {}, QStringLiteral("xaverius"), trigram},
        {"name prefix, 2 letters", {}, QStringLiteral("Yu"), role("name prefix")},
        {"state + name fragment", QStringLiteral("submitted"), QStringLiteral("rahma"),
         state + trigram},
        {"state + NIK prefix", QStringLiteral("closed"), nik.left(10), state + nikIndex},
        {"state + agenda prefix", QStringLiteral("closed"), agenda.left(10), state + agendaIndex},
    };
    for (const Form &form : forms) {
        for (const QString &statement :
             {QStringLiteral("page"), QStringLiteral("next page"), QStringLiteral("count")}) {
            const QStringList answering = form.indexes.isEmpty() && readAlongKey.contains(statement)
                ? role("id")
                : form.indexes;
            QTest::addRow("%s: %s", form.name, qPrintable(statement))
                << form.state << form.search << statement << answering;
        }
    }
}

RequestQueueFilter QueueForms::filter(const QString &state, const QString &search)
{
    RequestQueueFilter filter;
    if (!state.isEmpty())
        filter.state = RequestStates::fromKey(state);
    filter.search = search;
    return filter;
}

Result<RevocationRequestRepository::Statement>
QueueForms::statement(const RevocationRequestRepository &repository,
                      const RequestQueueFilter &filter, const QString &statement)
{
    if (statement == QLatin1String("count"))
        return repository.countStatement(filter);
    std::optional<qint64> after;
    if (statement == QLatin1String("next page")) {
        auto first = repository.queuePage(filter, 200);
        if (!first)
            return errorOf(first);
        if (first->empty())
            return fail(ErrorCode::NotFound,
                        QStringLiteral("the filter matches nothing; choose another sample"));
        after = first->back().id;
    }
    return repository.queueStatement(filter, 200, after);
}

} // namespace rd::bench
