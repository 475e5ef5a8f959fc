#include "TestFixtures.h"

#include "database/DatabaseUrl.h"

#include "register/HolderRepository.h"
#include "requests/RequestLifecycle.h"

namespace rd::test {

QString TestFixtures::nik(int n)
{
    const int day = 1 + (n / 9999) % 28;
    const int sequence = 1 + n % 9999;
    return QStringLiteral("210301%1%2%3")
        .arg(day, 2, 10, QLatin1Char('0'))
        .arg(QStringLiteral("0685"))
        .arg(sequence, 4, 10, QLatin1Char('0'));
}

qint64 TestFixtures::addHolder(const DatabasePtr &database, int n, const QString &name)
{
    Holder holder;
    holder.nik = nik(n);
    holder.fullName = name.isEmpty() ? QStringLiteral("Pemegang Uji %1").arg(n) : name;
    holder.unit = QStringLiteral("Dinas Komunikasi dan Informatika");
    holder.position = QStringLiteral("Pranata Komputer");
    holder.email = QStringLiteral("pemegang%1@natunakab.go.id").arg(n);
    HolderRepository holders(database);
    Transaction transaction(*database);
    if (!transaction.begin())
        return 0;
    auto id = holders.insert(Actor::commandLine(QStringLiteral("test")), holder);
    if (!id || !transaction.commit())
        return 0;
    return *id;
}

qint64 TestFixtures::fileRequest(const DatabasePtr &database, qint64 holderId)
{
    RequestLifecycle lifecycle(database);
    NewRevocationRequest request;
    request.holderId = holderId;
    request.reason = RevocationReason::KeyCompromised;
    request.reasonText = QStringLiteral("Laptop hilang");
    request.channel = QStringLiteral("cli");
    auto filed = lifecycle.file(Actor::commandLine(QStringLiteral("test")), request);
    return filed ? filed->requestId : 0;
}

bool TestFixtures::forceState(const Database &database, qint64 requestId, RequestState state)
{
    auto done
        = database.execute(QStringLiteral("UPDATE revocation_requests SET state = ? WHERE id = ?"),
                           {RequestStates::key(state), requestId});
    return done.has_value() && done->numRowsAffected() == 1;
}

qint64 TestFixtures::count(const Database &database, const QString &table)
{
    auto value = database.scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table);
    return value ? value->toLongLong() : -1;
}

QString TestFixtures::deskSnapshot(const QString &db)
{
    auto database = Database::open(*DatabaseUrl::parse(db));
    if (!database)
        return QStringLiteral("no database");
    QString text;
    for (const QString &sql :
         {QStringLiteral("SELECT COUNT(*) || '/' || MAX(seq) FROM audit_log"),
          QStringLiteral("SELECT username || role || active || password_hash FROM users "
                         "ORDER BY username"),
          QStringLiteral("SELECT key || value FROM office_settings ORDER BY key"),
          QStringLiteral("SELECT id || state || version FROM revocation_requests ORDER BY id"),
          QStringLiteral("SELECT id || state FROM outbox ORDER BY id"),
          QStringLiteral("SELECT id || sha256 FROM attachments ORDER BY id"),
          QStringLiteral("SELECT COUNT(*) FROM holders")}) {
        auto query = (*database)->execute(sql);
        if (!query)
            return query.error().toString();
        while (query->next())
            text += query->value(0).toString() + QLatin1Char('\n');
    }
    return text;
}

} // namespace rd::test
