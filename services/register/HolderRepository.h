#pragma once

#include "audit/Actor.h"
#include "core/Clock.h"
#include "database/Database.h"
#include "register/Holder.h"

#include <QCoreApplication>

#include <vector>

namespace rd {

class HolderRepository
{
    Q_DECLARE_TR_FUNCTIONS(HolderRepository)

public:
    // What it writes is stamped with clock's "now".
    explicit HolderRepository(DatabasePtr database, Clock clock = Clock());

    static const QStringList &employmentStatuses();
    // Empty when the holder can be stored, otherwise what is wrong.
    static QString problem(const Holder &holder);

    // Inside the caller's transaction when there is one; audited.
    Result<qint64> insert(const Actor &actor, const Holder &holder);
    Result<qint64> insertTenure(const Actor &actor, const Tenure &tenure);

    Result<Holder> findByNik(const QString &nik) const;
    Result<Holder> findById(qint64 id) const;
    // Search: digits look up NIK/NIP by prefix, anything else the name by fragment.
    Result<std::vector<Holder>> list(const QString &search, int limit, int offset) const;
    Result<std::vector<Tenure>> tenures(qint64 holderId) const;
    Result<qint64> count() const;

private:
    DatabasePtr m_database;
    Clock m_clock;
};

} // namespace rd
