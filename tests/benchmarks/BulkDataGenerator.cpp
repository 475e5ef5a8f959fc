#include "BulkDataGenerator.h"

#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "demo/NatunaRegency.h"
#include "register/HolderRepository.h"
#include "register/IdentityNumbers.h"
#include "requests/AgendaNumberAllocator.h"
#include "requests/RequestState.h"
#include "requests/RevocationReason.h"
#include "users/UserAccounts.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSqlError>

#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>

namespace rd::bench {

namespace {

// NIK space: the regency's 15 kecamatan x 14,245 birth dates x 2 sexes x 66 sequence numbers.
constexpr int kSequences = 66;
const QDate kFirstBirth(1965, 1, 1);
const QDate kLastBirth(2003, 12, 31);
// Walks the NIK space in an order that looks random: n -> (n * kStride + kOffset) mod size is a
// permutation because kStride is prime and does not divide the size.
constexpr qint64 kStride = 1000003;
constexpr qint64 kOffset = 7919;

qint64 birthDays()
{
    return kFirstBirth.daysTo(kLastBirth) + 1;
}

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

QVariant nullId()
{
    return QVariant(QMetaType::fromType<qlonglong>());
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1.0e6;
}

const QStringList s_maleNames = {
    QStringLiteral("Agus"),       QStringLiteral("Ahmad"),      QStringLiteral("Andi"),
    QStringLiteral("Arif"),       QStringLiteral("Bambang"),    QStringLiteral("Budi"),
    QStringLiteral("Dedi"),       QStringLiteral("Eko"),        QStringLiteral("Fajar"),
    QStringLiteral("Fauzi"),      QStringLiteral("Hadi"),       QStringLiteral("Hendra"),
    QStringLiteral("Heru"),       QStringLiteral("Imam"),       QStringLiteral("Irwan"),
    QStringLiteral("Joko"),       QStringLiteral("Muhammad"),   QStringLiteral("Rahmat"),
    QStringLiteral("Rizki"),      QStringLiteral("Rudi"),       QStringLiteral("Syahrul"),
    QStringLiteral("Taufik"),     QStringLiteral("Teguh"),      QStringLiteral("Wahyu"),
    QStringLiteral("Yusuf"),      QStringLiteral("Zulkifli"),   QStringLiteral("Firman"),
    QStringLiteral("Hamdan"),     QStringLiteral("Iskandar"),   QStringLiteral("Jamaluddin"),
    QStringLiteral("Khairul"),    QStringLiteral("Lukman"),     QStringLiteral("Maulana"),
    QStringLiteral("Nasrul"),     QStringLiteral("Rizal"),      QStringLiteral("Samsul"),
    QStringLiteral("Sofyan"),     QStringLiteral("Yudi"),       QStringLiteral("Zainal"),
    QStringLiteral("Ardiansyah"), QStringLiteral("Baharuddin"), QStringLiteral("Darmawan"),
    QStringLiteral("Effendi"),    QStringLiteral("Gunawan"),    QStringLiteral("Haris"),
    QStringLiteral("Ilham"),      QStringLiteral("Junaidi"),    QStringLiteral("Kamaruddin"),
    QStringLiteral("Mahadi"),     QStringLiteral("Nurdin"),     QStringLiteral("Raja"),
    QStringLiteral("Sapri"),      QStringLiteral("Tengku"),     QStringLiteral("Wan"),
    QStringLiteral("Yandi"),      QStringLiteral("Abdul"),      QStringLiteral("Azhar"),
    QStringLiteral("Hasbi"),      QStringLiteral("Ismail"),     QStringLiteral("Syamsuddin"),
};

const QStringList s_femaleNames = {
    QStringLiteral("Siti"),     QStringLiteral("Sri"),         QStringLiteral("Nurul"),
    QStringLiteral("Dewi"),     QStringLiteral("Rina"),        QStringLiteral("Ratna"),
    QStringLiteral("Yanti"),    QStringLiteral("Fitri"),       QStringLiteral("Indah"),
    QStringLiteral("Lestari"),  QStringLiteral("Maya"),        QStringLiteral("Nia"),
    QStringLiteral("Putri"),    QStringLiteral("Rahma"),       QStringLiteral("Sari"),
    QStringLiteral("Tuti"),     QStringLiteral("Wulan"),       QStringLiteral("Yuliana"),
    QStringLiteral("Aisyah"),   QStringLiteral("Fatimah"),     QStringLiteral("Hasanah"),
    QStringLiteral("Juliana"),  QStringLiteral("Kartini"),     QStringLiteral("Linda"),
    QStringLiteral("Mega"),     QStringLiteral("Novi"),        QStringLiteral("Rosmawati"),
    QStringLiteral("Suryani"),  QStringLiteral("Umi"),         QStringLiteral("Zahara"),
    QStringLiteral("Halimah"),  QStringLiteral("Nurhayati"),   QStringLiteral("Erni"),
    QStringLiteral("Desi"),     QStringLiteral("Eka"),         QStringLiteral("Murni"),
    QStringLiteral("Wan Nora"), QStringLiteral("Raja Aminah"), QStringLiteral("Zuraidah"),
    QStringLiteral("Khadijah"), QStringLiteral("Nuraini"),     QStringLiteral("Yusnita"),
};

const QStringList s_familyNames = {
    QStringLiteral("Saputra"),   QStringLiteral("Pratama"),    QStringLiteral("Hidayat"),
    QStringLiteral("Kurniawan"), QStringLiteral("Setiawan"),   QStringLiteral("Wijaya"),
    QStringLiteral("Rahman"),    QStringLiteral("Hasan"),      QStringLiteral("Syahputra"),
    QStringLiteral("Nasution"),  QStringLiteral("Harahap"),    QStringLiteral("Siregar"),
    QStringLiteral("Lubis"),     QStringLiteral("Sinaga"),     QStringLiteral("Abdullah"),
    QStringLiteral("Ibrahim"),   QStringLiteral("Hamid"),      QStringLiteral("Mahmud"),
    QStringLiteral("Rasyid"),    QStringLiteral("Sulaiman"),   QStringLiteral("Zakaria"),
    QStringLiteral("Ramadhan"),  QStringLiteral("Firmansyah"), QStringLiteral("Kusuma"),
    QStringLiteral("Yahya"),     QStringLiteral("Idris"),      QStringLiteral("Ismail"),
    QStringLiteral("Daud"),      QStringLiteral("Syafii"),     QStringLiteral("Ariffin"),
    QStringLiteral("Junaidi"),   QStringLiteral("Hamzah"),     QStringLiteral("Effendy"),
    QStringLiteral("Anwar"),     QStringLiteral("Usman"),      QStringLiteral("Salim"),
};

const QStringList s_femaleFamilyNames = {
    QStringLiteral("Rahmawati"),   QStringLiteral("Susanti"),     QStringLiteral("Handayani"),
    QStringLiteral("Wulandari"),   QStringLiteral("Permatasari"), QStringLiteral("Puspita"),
    QStringLiteral("Anggraini"),   QStringLiteral("Maharani"),    QStringLiteral("Safitri"),
    QStringLiteral("Purnamasari"), QStringLiteral("Yuliani"),     QStringLiteral("Marlina"),
    QStringLiteral("Kurniasih"),   QStringLiteral("Novitasari"),  QStringLiteral("Hayati"),
    QStringLiteral("Mulyani"),     QStringLiteral("Herawati"),    QStringLiteral("Sulastri"),
};

// Invented names from syllables, so that the register has the long tail a real one has.
const QStringList s_syllables = {
    QStringLiteral("ra"),  QStringLiteral("hma"), QStringLiteral("wa"),  QStringLiteral("ti"),
    QStringLiteral("su"),  QStringLiteral("di"),  QStringLiteral("ja"),  QStringLiteral("ya"),
    QStringLiteral("ni"),  QStringLiteral("ko"),  QStringLiteral("har"), QStringLiteral("mat"),
    QStringLiteral("lan"), QStringLiteral("sa"),  QStringLiteral("ri"),  QStringLiteral("fa"),
    QStringLiteral("ta"),  QStringLiteral("li"),  QStringLiteral("na"),  QStringLiteral("de"),
    QStringLiteral("wi"),  QStringLiteral("ka"),  QStringLiteral("ma"),  QStringLiteral("ha"),
    QStringLiteral("nu"),  QStringLiteral("ru"),  QStringLiteral("to"),  QStringLiteral("bu"),
    QStringLiteral("si"),  QStringLiteral("an"),  QStringLiteral("dar"), QStringLiteral("yan"),
    QStringLiteral("mi"),  QStringLiteral("jo"),  QStringLiteral("se"),  QStringLiteral("pur"),
};

const QStringList s_prefixTitles = {
    QStringLiteral("H."),  QStringLiteral("Hj."), QStringLiteral("Dr."),
    QStringLiteral("Ir."), QStringLiteral("dr."), QStringLiteral("drg."),
};

const QStringList s_suffixTitles = {
    QStringLiteral("S.Kom."), QStringLiteral("S.E."),    QStringLiteral("S.Pd."),
    QStringLiteral("S.H."),   QStringLiteral("S.Sos."),  QStringLiteral("S.T."),
    QStringLiteral("A.Md."),  QStringLiteral("S.Kep."),  QStringLiteral("S.IP."),
    QStringLiteral("S.Ak."),  QStringLiteral("M.Si."),   QStringLiteral("M.M."),
    QStringLiteral("M.Pd."),  QStringLiteral("S.Pd.I."), QStringLiteral("S.Farm."),
    QStringLiteral("S.Kes."), QStringLiteral("M.Kom."),  QStringLiteral("S.STP."),
};

const QStringList s_closingReasons = {
    QStringLiteral("Surat keterangan tidak ditandatangani atasan"),
    QStringLiteral("Pemohon membatalkan permohonan"),
    QStringLiteral("Data pemegang tidak sesuai dengan sertifikat"),
    QStringLiteral("Permohonan ganda"),
    QStringLiteral("Sertifikat sudah kedaluwarsa"),
};

const QStringList s_otherReasons = {
    QStringLiteral("Perubahan nama sesuai putusan pengadilan"),
    QStringLiteral("Salah penerbitan pada unit kerja"),
    QStringLiteral("Permintaan inspektorat"),
};

struct Weighted
{
    RequestState state;
    int weight;
};

// Old requests have mostly run their course; the last two months show every state.
const std::vector<Weighted> s_oldStates = {
    {RequestState::Closed, 780},         {RequestState::Rejected, 80},
    {RequestState::Cancelled, 60},       {RequestState::Notified, 30},
    {RequestState::Revoked, 15},         {RequestState::RevocationPendingProof, 5},
    {RequestState::RevocationFailed, 5}, {RequestState::NeedsCompletion, 5},
    {RequestState::Draft, 20},
};

const std::vector<Weighted> s_recentStates = {
    {RequestState::Draft, 80},
    {RequestState::Submitted, 130},
    {RequestState::InVerification, 100},
    {RequestState::NeedsCompletion, 70},
    {RequestState::Verified, 80},
    {RequestState::CertificateMatched, 70},
    {RequestState::AwaitingApproval, 50},
    {RequestState::RevocationQueued, 20}, // sent to AMS within minutes, so few wait there
    {RequestState::RevocationPendingProof, 40},
    {RequestState::RevocationFailed, 30},
    {RequestState::Revoked, 60},
    {RequestState::Notified, 80},
    {RequestState::Closed, 120},
    {RequestState::Rejected, 40},
    {RequestState::Cancelled, 30},
};

const std::vector<std::pair<RevocationReason, int>> s_reasons = {
    {RevocationReason::Retired, 22},       {RevocationReason::Transferred, 25},
    {RevocationReason::DataChanged, 15},   {RevocationReason::Reissued, 14},
    {RevocationReason::KeyCompromised, 9}, {RevocationReason::Deceased, 5},
    {RevocationReason::Dismissed, 3},      {RevocationReason::Other, 7},
};

// A statement with many rows of bound values, prepared once for full batches and reused.
class BatchInserter
{
public:
    BatchInserter(const Database &database, const QString &head, int columns, int rowsPerStatement,
                  const QString &tail = {})
        : m_database(database)
        , m_head(head)
        , m_tail(tail)
        , m_columns(columns)
        , m_rowsPerStatement(rowsPerStatement)
    {
        m_pending.reserve(qsizetype(columns) * rowsPerStatement);
    }

    // The ids that a `RETURNING id` tail gave back, in statement order.
    std::vector<qint64> &returnedIds() { return m_ids; }

    Result<void> add(QVariantList &&row)
    {
        Q_ASSERT(row.size() == m_columns);
        m_pending.append(std::move(row));
        if (m_pending.size() >= qsizetype(m_columns) * m_rowsPerStatement)
            return flush();
        return {};
    }

    Result<void> flush()
    {
        if (m_pending.isEmpty())
            return {};
        const int rows = int(m_pending.size() / m_columns);
        std::optional<QSqlQuery> partial;
        QSqlQuery *query = nullptr;
        if (rows == m_rowsPerStatement) {
            if (!m_full) {
                m_full.emplace(m_database.connection());
                if (auto ok = prepare(*m_full, rows); !ok)
                    return ok;
            }
            query = &*m_full;
        } else {
            partial.emplace(m_database.connection());
            if (auto ok = prepare(*partial, rows); !ok)
                return ok;
            query = &*partial;
        }
        for (qsizetype i = 0; i < m_pending.size(); ++i)
            query->bindValue(int(i), m_pending.at(i));
        if (!query->exec())
            return std::unexpected(m_database.errorFrom(query->lastError(), m_head));
        while (query->next())
            m_ids.push_back(query->value(0).toLongLong());
        query->finish();
        m_pending.clear();
        return {};
    }

private:
    Result<void> prepare(QSqlQuery &query, int rows) const
    {
        QString row = QStringLiteral("(?");
        for (int c = 1; c < m_columns; ++c)
            row += QStringLiteral(", ?");
        row += QLatin1Char(')');
        QString sql = m_head;
        sql.reserve(m_head.size() + rows * (row.size() + 2) + m_tail.size());
        for (int r = 0; r < rows; ++r) {
            if (r > 0)
                sql += QStringLiteral(", ");
            sql += row;
        }
        sql += m_tail;
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return std::unexpected(m_database.errorFrom(query.lastError(), m_head));
        return {};
    }

    const Database &m_database;
    QString m_head;
    QString m_tail;
    int m_columns;
    int m_rowsPerStatement;
    QVariantList m_pending;
    std::optional<QSqlQuery> m_full;
    std::vector<qint64> m_ids;
};

// The secondary indexes and the search triggers of one table, dropped for a bulk load and
// created again afterwards from the definitions stored in the database itself, so the end state
// is exactly what the migrations made. Constraint indexes (primary key, UNIQUE) stay: they check
// the data while it goes in.
class DeferredIndexes
{
public:
    explicit DeferredIndexes(const Database &database)
        : m_database(database)
    { }

    Result<void> drop(const QString &table)
    {
        const bool sqlite = m_database.isSqlite();
        auto query = sqlite
            ? m_database.execute(
                QStringLiteral("SELECT type, name, sql FROM sqlite_master "
                               "WHERE tbl_name = ? AND type IN ('index', 'trigger') "
                               "AND sql IS NOT NULL ORDER BY type, name"),
                {table})
            : m_database.execute(
                QStringLiteral("SELECT 'index', indexname, indexdef FROM pg_indexes "
                               "WHERE schemaname = current_schema() "
                               "AND tablename = ? AND indexname NOT IN "
                               "(SELECT conname FROM pg_constraint) "
                               "ORDER BY indexname"),
                {table});
        if (!query)
            return errorOf(query);
        std::vector<std::pair<QString, QString>> dropped; // (DROP statement, CREATE statement)
        while (query->next()) {
            const QString kind = query->value(0).toString().toUpper();
            dropped.emplace_back(QStringLiteral("DROP %1 %2").arg(kind, query->value(1).toString()),
                                 query->value(2).toString());
        }
        if (sqlite) {
            // External-content FTS tables over this table, kept in sync by the triggers.
            auto fts = m_database.execute(
                QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                               "AND sql LIKE 'CREATE VIRTUAL TABLE%' AND sql LIKE ?"),
                {QStringLiteral("%content='%1'%").arg(table)});
            if (!fts)
                return errorOf(fts);
            while (fts->next())
                m_rebuild << fts->value(0).toString();
        }
        for (const auto &[dropStatement, createStatement] : dropped) {
            if (auto ok = m_database.executeUnprepared(dropStatement); !ok)
                return errorOf(ok);
            m_create << createStatement;
        }
        return {};
    }

    Result<void> restore()
    {
        // Indexes before triggers (sqlite_master orders "index" before "trigger"); the FTS
        // tables are rebuilt from their content table before the triggers take over again.
        for (const QString &name : std::as_const(m_rebuild)) {
            auto ok = m_database.execute(
                QStringLiteral("INSERT INTO %1 (%1) VALUES ('rebuild')").arg(name));
            if (!ok)
                return errorOf(ok);
        }
        for (const QString &statement : std::as_const(m_create)) {
            if (auto ok = m_database.executeUnprepared(statement); !ok)
                return errorOf(ok);
        }
        m_rebuild.clear();
        m_create.clear();
        return {};
    }

private:
    const Database &m_database;
    QStringList m_create;
    QStringList m_rebuild;
};

} // namespace

double BulkDataReport::rowsPerSecond() const
{
    return totalMs > 0 ? double(holders + requests) * 1000.0 / totalMs : 0.0;
}

double BulkDataReport::holdersPerSecond() const
{
    return holdersMs > 0 ? double(holders) * 1000.0 / holdersMs : 0.0;
}

double BulkDataReport::requestsPerSecond() const
{
    return requestsMs > 0 ? double(requests) * 1000.0 / requestsMs : 0.0;
}

BulkDataGenerator::BulkDataGenerator(DatabasePtr database, BulkDataOptions options)
    : m_database(std::move(database))
    , m_options(std::move(options))
    , m_random(m_options.seed)
{
    if (!m_options.end.isValid())
        m_options.end = Clock::currentUtc();
    m_options.rowsPerStatement = std::max(1, m_options.rowsPerStatement);
    m_options.months = std::max(1, m_options.months);
}

void BulkDataGenerator::setProgress(std::function<void(const QString &)> progress)
{
    m_progress = std::move(progress);
}

void BulkDataGenerator::report(const QString &line) const
{
    if (m_progress)
        m_progress(line);
}

qint64 BulkDataGenerator::maximumHolders()
{
    return qint64(NatunaRegency::kecamatanCount()) * birthDays() * 2 * kSequences;
}

BulkDataGenerator::Identity BulkDataGenerator::identity(qint64 n)
{
    const qint64 size = maximumHolders();
    Q_ASSERT(std::gcd(kStride, size) == 1);
    // 128-bit product: n * kStride overflows 64 bits for no n below the size, but keep it exact.
    qint64 rest = qint64((__int128(n) * kStride + kOffset) % size);
    Identity id;
    id.sequence = int(rest % kSequences);
    rest /= kSequences;
    id.female = rest % 2 == 1;
    rest /= 2;
    id.birth = kFirstBirth.addDays(rest % birthDays());
    id.district = int(rest / birthDays()) + 1;
    return id;
}

QString BulkDataGenerator::nik(qint64 n)
{
    const Identity id = identity(n);
    const qint64 dayIndex = kFirstBirth.daysTo(id.birth);
    // The last four digits: any number injective in the sequence for one district and day.
    const int number = 1 + id.sequence * 97 + int(dayIndex % 97);
    return NatunaRegency::nikRegion()
        + QStringLiteral("%1%2%3%4%5")
              .arg(id.district, 2, 10, QLatin1Char('0'))
              .arg(id.birth.day() + (id.female ? 40 : 0), 2, 10, QLatin1Char('0'))
              .arg(id.birth.month(), 2, 10, QLatin1Char('0'))
              .arg(id.birth.year() % 100, 2, 10, QLatin1Char('0'))
              .arg(number, 4, 10, QLatin1Char('0'));
}

QString BulkDataGenerator::nip(qint64 n)
{
    const Identity id = identity(n);
    const qint64 dayIndex = kFirstBirth.daysTo(id.birth);
    // Birth date and sex are the NIK's; the last three digits tell district and sequence apart
    // (15 x 66 = 990 of 999), so two holders never share a NIP.
    const int number = 1 + (id.district - 1) * kSequences + id.sequence;
    const int appointedYear
        = std::min(id.birth.year() + 20 + (id.sequence + id.district) % 12, 2024);
    const int appointedMonth = 1 + int((dayIndex + id.sequence) % 12);
    return QStringLiteral("%1%2%3%4%5")
        .arg(id.birth.toString(QStringLiteral("yyyyMMdd")))
        .arg(appointedYear, 4, 10, QLatin1Char('0'))
        .arg(appointedMonth, 2, 10, QLatin1Char('0'))
        .arg(id.female ? 2 : 1)
        .arg(number, 3, 10, QLatin1Char('0'));
}

QString BulkDataGenerator::personName(bool female)
{
    // Names as the personnel office writes them: one to three words, some invented from
    // syllables, some with the father's name, a few Catholic baptismal names (rare on purpose:
    // the benchmark searches a rare fragment too).
    QString name;
    if (m_random.bounded(4000) == 0) {
        name = female ? QStringLiteral("Maria Goretti") : QStringLiteral("Fransiskus Xaverius");
    } else if (chance(25)) {
        const int syllables = 2 + int(m_random.bounded(2));
        for (int i = 0; i < syllables; ++i)
            name += pick(s_syllables);
        name[0] = name.at(0).toUpper();
    } else {
        name = pick(female ? s_femaleNames : s_maleNames);
    }
    if (chance(70)) {
        name += QLatin1Char(' ') + pick(female && chance(60) ? s_femaleFamilyNames : s_familyNames);
    }
    if (chance(15)) {
        QString invented;
        for (int i = 0; i < 2; ++i)
            invented += pick(s_syllables);
        invented[0] = invented.at(0).toUpper();
        name += QLatin1Char(' ') + invented;
    }
    return name;
}

QString BulkDataGenerator::fullName(bool female, bool civilServant)
{
    QString name = personName(female);
    if (chance(12)) {
        QString title = pick(s_prefixTitles);
        if (title == QLatin1String("H.") && female)
            title = QStringLiteral("Hj.");
        else if (title == QLatin1String("Hj.") && !female)
            title = QStringLiteral("H.");
        name = title + QLatin1Char(' ') + name;
    }
    if (civilServant && chance(55)) {
        name += QStringLiteral(", ") + pick(s_suffixTitles);
        if (chance(15))
            name += QStringLiteral(", ") + pick(s_suffixTitles);
    }
    return name;
}

Result<void> BulkDataGenerator::insertHolders(std::vector<qint64> &ids)
{
    static const QStringList statuses = {
        QStringLiteral("active"),    QStringLiteral("retired"),     QStringLiteral("deceased"),
        QStringLiteral("dismissed"), QStringLiteral("transferred"),
    };
    // Continue the NIK permutation after the holders already there (a second run adds more).
    auto existing = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM holders"));
    if (!existing)
        return errorOf(existing);
    const qint64 first = existing->toLongLong();
    if (first + m_options.holders > maximumHolders()) {
        return fail(ErrorCode::InvalidInput,
                    tr("The generator can make at most %1 holders.").arg(maximumHolders()));
    }
    BatchInserter insert(*m_database,
                         QStringLiteral("INSERT INTO holders (nik, nip, full_name, email, phone, "
                                        "unit, position, employment_status, ams_username, "
                                        "created_at, updated_at) VALUES "),
                         11, m_options.rowsPerStatement, QStringLiteral(" RETURNING id"));
    insert.returnedIds().reserve(size_t(m_options.holders));
    const QString now = Clock::toIsoUtc(m_options.end);
    for (qint64 i = 0; i < m_options.holders; ++i) {
        const qint64 n = first + i;
        const QString nik = BulkDataGenerator::nik(n);
        const bool female = nik.mid(6, 2).toInt() > 40;
        const bool civilServant = chance(75);
        const QString name = fullName(female, civilServant);
        const QString nip = civilServant ? BulkDataGenerator::nip(n) : QString();

        // e-mail from the bare name: no titles, lower case, the NIK's tail for uniqueness.
        QString local;
        for (const QChar c : name.section(QLatin1Char(','), 0, 0)) {
            if (c.isLetter())
                local += c.toLower();
            else if (c == QLatin1Char(' ') && !local.isEmpty() && !local.endsWith(QLatin1Char('.')))
                local += QLatin1Char('.');
        }
        const QString email = chance(90)
            ? local + nik.right(4) + QLatin1Char('@') + NatunaRegency::emailDomain()
            : QString();
        const QString phone = QStringLiteral("08%1%2")
                                  .arg(11 + m_random.bounded(12))
                                  .arg(m_random.bounded(100000000), 8, 10, QLatin1Char('0'));
        const int roll = int(m_random.bounded(100));
        const QString &status = roll < 85 ? statuses.at(0)
            : roll < 92                   ? statuses.at(1)
            : roll < 94                   ? statuses.at(2)
            : roll < 95                   ? statuses.at(3)
                                          : statuses.at(4);
        auto ok = insert.add({nik, civilServant ? QVariant(nip) : nullText(), name,
                              email.isEmpty() ? nullText() : QVariant(email), phone,
                              pick(NatunaRegency::unitNames()),
                              civilServant ? QVariant(pick(NatunaRegency::posts())) : nullText(),
                              status, civilServant ? QVariant(nip) : QVariant(nik), now, now});
        if (!ok)
            return ok;
    }
    if (auto ok = insert.flush(); !ok)
        return ok;
    ids = std::move(insert.returnedIds());
    return {};
}

Result<std::vector<qint64>> BulkDataGenerator::ensureOperators()
{
    // A handful of operators to assign requests to, made the ordinary way (audited, Argon2id).
    UserAccounts accounts(m_database);
    std::vector<qint64> ids;
    const QStringList names = {QStringLiteral("Rahmat Hidayat"),   QStringLiteral("Siti Rahmawati"),
                               QStringLiteral("Andi Saputra"),     QStringLiteral("Nurul Hasanah"),
                               QStringLiteral("Zulkifli Ibrahim"), QStringLiteral("Dewi Lestari")};
    for (int i = 0; i < names.size(); ++i) {
        const QString username = QStringLiteral("operator%1").arg(i + 1);
        if (auto found = accounts.find(username)) {
            ids.push_back(found->id);
            continue;
        }
        QString password;
        for (int c = 0; c < 20; ++c)
            password += QChar(u'a' + QRandomGenerator::system()->bounded(26));
        auto id = accounts.add(
            Actor::user(QStringLiteral("bulk-data-generator"), Actor::Role::Administrator),
            username, names.at(i), Actor::Role::Operator, password);
        if (!id)
            return errorOf(id);
        ids.push_back(*id);
    }
    return ids;
}

Result<void> BulkDataGenerator::insertRequests(const std::vector<qint64> &holderIds,
                                               const std::vector<qint64> &operatorIds)
{
    if (m_options.requests <= 0)
        return {};
    if (holderIds.empty())
        return fail(ErrorCode::InvalidInput, tr("Requests need holders."));
    const QTimeZone office = OfficeCalendar::defaultZone();

    // Agenda numbers continue from the counters already there, and the counters are left at
    // the last number given, so the next real filing continues the sequence.
    std::map<QString, int> counters;
    {
        auto query = m_database->execute(
            QStringLiteral("SELECT period, last_number FROM agenda_counters"));
        if (!query)
            return errorOf(query);
        while (query->next())
            counters[query->value(0).toString()] = query->value(1).toInt();
    }

    BatchInserter insert(
        *m_database,
        QStringLiteral("INSERT INTO revocation_requests (agenda_number, holder_id, certificate_id, "
                       "reason, reason_text, effective_date, filed_by_kind, filed_by_name, "
                       "filed_by_nip, filed_by_position, channel, applicant_email, "
                       "applicant_language, state, ams_reference, assigned_operator_id, "
                       "closing_reason, filed_at, updated_at, version) VALUES "),
        20, m_options.rowsPerStatement);

    int reasonTotal = 0;
    for (const auto &[reason, weight] : s_reasons)
        reasonTotal += weight;
    auto weightedState = [this](const std::vector<Weighted> &table) {
        int total = 0;
        for (const Weighted &w : table)
            total += w.weight;
        int roll = int(m_random.bounded(total));
        for (const Weighted &w : table) {
            if (roll < w.weight)
                return w.state;
            roll -= w.weight;
        }
        return table.back().state;
    };

    const QDateTime end = m_options.end.toUTC();
    const QDateTime start = end.addMonths(-m_options.months);
    const QDateTime recent = end.addMonths(-2);
    const double slotMs = double(start.msecsTo(end)) / double(m_options.requests);
    for (qint64 i = 0; i < m_options.requests; ++i) {
        // Filed in id order, one request per time slot, at a random moment inside it.
        const QDateTime filed = start.addMSecs(
            qint64(slotMs * (double(i) + double(m_random.bounded(1000)) / 1000.0)));
        const RequestState state = weightedState(filed < recent ? s_oldStates : s_recentStates);
        const qint64 holderId = holderIds.at(size_t(m_random.bounded(quint64(holderIds.size()))));

        int roll = int(m_random.bounded(reasonTotal));
        RevocationReason reason = RevocationReason::Other;
        for (const auto &[candidate, weight] : s_reasons) {
            if (roll < weight) {
                reason = candidate;
                break;
            }
            roll -= weight;
        }
        const bool official = RevocationReasons::officialFilesOnBehalf(reason)
            || (reason == RevocationReason::Transferred && chance(30));
        QVariant agenda = nullText();
        if (state != RequestState::Draft) {
            const QString period = AgendaNumberAllocator::period(filed, office);
            agenda = AgendaNumberAllocator::format(period, ++counters[period]);
        }
        const bool claimed = state != RequestState::Draft && state != RequestState::Submitted;
        const bool pastRevocation
            = RequestStates::isPastRevocation(state) || state == RequestState::RevocationFailed;
        const bool closedEarly
            = state == RequestState::Rejected || state == RequestState::Cancelled;
        const int channelRoll = int(m_random.bounded(100));
        const QString channel = channelRoll < 55 ? QStringLiteral("kiosk")
            : channelRoll < 85                   ? QStringLiteral("workbench")
            : channelRoll < 95                   ? QStringLiteral("risk_monitor")
                                                 : QStringLiteral("cli");
        QDateTime updated = filed.addSecs(claimed ? 600 + qint64(m_random.bounded(7 * 86400)) : 0);
        if (updated > end)
            updated = end;
        const QString filedText = Clock::toIsoUtc(filed);

        auto ok = insert.add({
            agenda,
            holderId,
            nullId(),
            RevocationReasons::key(reason),
            reason == RevocationReason::Other ? QVariant(pick(s_otherReasons))
                : chance(20) ? QVariant(QStringLiteral("Sesuai surat keterangan terlampir"))
                             : nullText(),
            chance(60) ? QVariant(filed.toTimeZone(office).date().toString(Qt::ISODate))
                       : nullText(),
            official ? QStringLiteral("official") : QStringLiteral("holder"),
            official ? QVariant(fullName(chance(40), true)) : nullText(),
            official ? QVariant(nip(qint64(m_random.bounded(quint64(maximumHolders())))))
                     : nullText(),
            official ? QVariant(pick(NatunaRegency::headPosts())) : nullText(),
            channel,
            chance(80) ? QVariant(QStringLiteral("pemohon%1@").arg(holderId)
                                  + NatunaRegency::emailDomain())
                       : nullText(),
            chance(90) ? QStringLiteral("id") : QStringLiteral("en"),
            RequestStates::key(state),
            pastRevocation ? QVariant(QStringLiteral("AMS-%1-%2")
                                          .arg(filed.date().year())
                                          .arg(i + 1, 7, 10, QLatin1Char('0')))
                           : nullText(),
            claimed && !operatorIds.empty()
                ? QVariant(operatorIds.at(size_t(m_random.bounded(quint64(operatorIds.size())))))
                : nullId(),
            closedEarly ? QVariant(pick(s_closingReasons)) : nullText(),
            filedText,
            Clock::toIsoUtc(updated),
            1,
        });
        if (!ok)
            return ok;
    }
    if (auto ok = insert.flush(); !ok)
        return ok;

    for (const auto &[period, last] : counters) {
        auto ok = m_database->execute(
            QStringLiteral("INSERT INTO agenda_counters (period, last_number) VALUES (?, ?) "
                           "ON CONFLICT (period) DO UPDATE SET last_number = CASE WHEN "
                           "excluded.last_number > agenda_counters.last_number THEN "
                           "excluded.last_number ELSE agenda_counters.last_number END"),
            {period, last});
        if (!ok)
            return errorOf(ok);
    }
    return {};
}

Result<void> BulkDataGenerator::analyze()
{
    if (m_database->isSqlite()) {
        return m_database->executeUnprepared(QStringLiteral("ANALYZE"));
    }
    // VACUUM as well as ANALYZE: it sets the visibility map that index-only scans rely on, as
    // autovacuum would do shortly after a load like this in normal use.
    for (const QString &table : {QStringLiteral("holders"), QStringLiteral("revocation_requests"),
                                 QStringLiteral("users"), QStringLiteral("agenda_counters")}) {
        auto ok = m_database->executeUnprepared(QStringLiteral("VACUUM (ANALYZE) ") + table);
        if (!ok)
            return errorOf(ok);
    }
    return {};
}

Result<BulkDataSample> BulkDataGenerator::sample(const Database &database)
{
    auto requests = database.scalar(QStringLiteral("SELECT COUNT(*) FROM revocation_requests"));
    if (!requests)
        return errorOf(requests);
    auto query = database.execute(
        QStringLiteral("SELECT h.nik, h.nip, r.agenda_number FROM revocation_requests r "
                       "JOIN holders h ON h.id = r.holder_id WHERE h.nip IS NOT NULL "
                       "AND r.agenda_number IS NOT NULL AND r.id >= "
                       "(SELECT MIN(id) FROM revocation_requests) + ? ORDER BY r.id LIMIT 1"),
        {requests->toLongLong() / 2});
    if (!query)
        return errorOf(query);
    if (!query->next())
        return fail(ErrorCode::NotFound,
                    tr("There is no request with an agenda number to search for."));
    return BulkDataSample {query->value(0).toString(), query->value(1).toString(),
                           query->value(2).toString()};
}

Result<void> BulkDataGenerator::verify(const Database &database)
{
    auto holders = database.execute(QStringLiteral(
        "SELECT id, nik, nip, full_name, email, unit, employment_status FROM holders"));
    if (!holders)
        return errorOf(holders);
    while (holders->next()) {
        Holder holder;
        holder.nik = holders->value(1).toString();
        holder.nip = holders->value(2).toString();
        holder.fullName = holders->value(3).toString();
        holder.email = holders->value(4).toString();
        holder.unit = holders->value(5).toString();
        holder.employmentStatus = holders->value(6).toString();
        if (const QString problem = HolderRepository::problem(holder); !problem.isEmpty()) {
            return fail(ErrorCode::InvalidInput,
                        tr("Holder %1: %2").arg(holders->value(0).toLongLong()).arg(problem));
        }
    }

    static const QRegularExpression agendaPattern(QStringLiteral("^SE/(\\d{4}/\\d{2})/(\\d{4,})$"));
    static const QStringList channels = {QStringLiteral("kiosk"), QStringLiteral("workbench"),
                                         QStringLiteral("risk_monitor"), QStringLiteral("cli")};
    std::map<QString, int> highest;
    std::set<QString> states;
    auto requests = database.execute(
        QStringLiteral("SELECT id, agenda_number, state, reason, filed_at, version, filed_by_kind, "
                       "filed_by_nip, channel FROM revocation_requests"));
    if (!requests)
        return errorOf(requests);
    while (requests->next()) {
        const qint64 id = requests->value(0).toLongLong();
        auto problem = [id](const QString &what) {
            return fail(ErrorCode::InvalidInput, tr("Request %1: %2").arg(id).arg(what));
        };
        const QString agenda = requests->value(1).toString();
        const QString stateKey = requests->value(2).toString();
        const auto state = RequestStates::fromKey(stateKey);
        if (!state)
            return problem(tr("unknown state %1").arg(stateKey));
        states.insert(stateKey);
        if (!RevocationReasons::fromKey(requests->value(3).toString()))
            return problem(tr("unknown reason %1").arg(requests->value(3).toString()));
        if (agenda.isEmpty() != (*state == RequestState::Draft))
            return problem(tr("a draft has no agenda number, every other state has one"));
        if (!agenda.isEmpty()) {
            const auto match = agendaPattern.match(agenda);
            if (!match.hasMatch())
                return problem(tr("agenda number %1 is not SE/YYYY/MM/NNNN").arg(agenda));
            int &last = highest[match.captured(1)];
            last = std::max(last, match.captured(2).toInt());
        }
        const QString filedAt = requests->value(4).toString();
        if (Clock::toIsoUtc(Clock::fromIsoUtc(filedAt)) != filedAt)
            return problem(tr("filing time %1 is not ISO 8601 UTC").arg(filedAt));
        if (requests->value(5).toInt() != 1)
            return problem(tr("version %1 instead of 1").arg(requests->value(5).toInt()));
        if (requests->value(6).toString() == QLatin1String("official")
            && !IdentityNumbers::isValidNip(requests->value(7).toString()))
            return problem(
                tr("the official's NIP %1 is not valid").arg(requests->value(7).toString()));
        if (!channels.contains(requests->value(8).toString()))
            return problem(tr("unknown channel %1").arg(requests->value(8).toString()));
    }
    if (states.size() != RequestStates::all().size()) {
        return fail(ErrorCode::InvalidInput,
                    tr("Only %1 of the %2 states occur.")
                        .arg(states.size())
                        .arg(RequestStates::all().size()));
    }
    for (const auto &[period, last] : highest) {
        auto counter = database.scalar(
            QStringLiteral("SELECT last_number FROM agenda_counters WHERE period = ?"), {period});
        if (!counter)
            return errorOf(counter);
        if (counter->toInt() != last) {
            return fail(ErrorCode::InvalidInput,
                        tr("The agenda counter of %1 is %2, the highest number given %3.")
                            .arg(period)
                            .arg(counter->toInt())
                            .arg(last));
        }
    }
    return {};
}

Result<QStringList> BulkDataGenerator::schemaDefinition(const Database &database)
{
    auto query = database.isSqlite()
        ? database.execute(QStringLiteral("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                          "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name"))
        : database.execute(
            QStringLiteral("SELECT 'index', indexname, tablename, indexdef FROM pg_indexes "
                           "WHERE schemaname = current_schema() UNION ALL "
                           "SELECT 'trigger', trigger_name || ' ' || event_manipulation, "
                           "event_object_table, action_timing || ' ' || action_statement "
                           "FROM information_schema.triggers "
                           "WHERE trigger_schema = current_schema() UNION ALL "
                           "SELECT 'column', table_name || '.' || column_name, table_name, "
                           "data_type || ' ' || is_nullable || ' ' || "
                           "COALESCE(column_default, '') FROM information_schema.columns "
                           "WHERE table_schema = current_schema() ORDER BY 1, 2"));
    if (!query)
        return errorOf(query);
    QStringList objects;
    while (query->next()) {
        objects << QStringLiteral("%1 %2 on %3: %4")
                       .arg(query->value(0).toString(), query->value(1).toString(),
                            query->value(2).toString(), query->value(3).toString());
    }
    return objects;
}

Result<BulkDataReport> BulkDataGenerator::run()
{
    BulkDataReport result;
    QElapsedTimer total;
    total.start();

    auto operators = ensureOperators();
    if (!operators)
        return errorOf(operators);
    result.operators = qint64(operators->size());

    // Settings of this connection for the load only, restored afterwards: a bigger page cache
    // on SQLite (the unique NIK and NIP indexes grow in random order), memory for the index
    // builds on PostgreSQL.
    QString restore;
    if (m_database->isSqlite()) {
        auto current = m_database->scalar(QStringLiteral("PRAGMA cache_size"));
        if (!current)
            return errorOf(current);
        restore = QStringLiteral("PRAGMA cache_size = ") + current->toString();
        if (auto ok = m_database->executeUnprepared(QStringLiteral("PRAGMA cache_size = -262144"));
            !ok)
            return errorOf(ok);
    } else {
        restore = QStringLiteral("RESET maintenance_work_mem");
        if (auto ok
            = m_database->executeUnprepared(QStringLiteral("SET maintenance_work_mem = '256MB'"));
            !ok)
            return errorOf(ok);
    }
    auto restoreSettings = qScopeGuard([&] { (void)m_database->executeUnprepared(restore); });

    Transaction transaction(*m_database);
    if (auto ok = transaction.begin(); !ok)
        return errorOf(ok);
    DeferredIndexes holderIndexes(*m_database);
    DeferredIndexes requestIndexes(*m_database);
    if (m_options.deferIndexes) {
        if (auto ok = holderIndexes.drop(QStringLiteral("holders")); !ok)
            return errorOf(ok);
        if (auto ok = requestIndexes.drop(QStringLiteral("revocation_requests")); !ok)
            return errorOf(ok);
    }

    QElapsedTimer phase;
    phase.start();
    std::vector<qint64> holderIds;
    if (auto ok = insertHolders(holderIds); !ok)
        return errorOf(ok);
    result.holders = qint64(holderIds.size());
    result.holdersMs = msSince(phase);
    report(tr("holders: %1 rows in %2 ms (%3 rows/s)")
               .arg(result.holders)
               .arg(result.holdersMs, 0, 'f', 0)
               .arg(result.holdersPerSecond(), 0, 'f', 0));

    if (holderIds.empty() && m_options.requests > 0) {
        // Requests for holders that were there before.
        auto query = m_database->execute(QStringLiteral("SELECT id FROM holders"));
        if (!query)
            return errorOf(query);
        while (query->next())
            holderIds.push_back(query->value(0).toLongLong());
    }
    phase.start();
    if (auto ok = insertRequests(holderIds, *operators); !ok)
        return errorOf(ok);
    result.requests = m_options.requests;
    result.requestsMs = msSince(phase);
    report(tr("requests: %1 rows in %2 ms (%3 rows/s)")
               .arg(result.requests)
               .arg(result.requestsMs, 0, 'f', 0)
               .arg(result.requestsPerSecond(), 0, 'f', 0));

    phase.start();
    if (auto ok = holderIndexes.restore(); !ok)
        return errorOf(ok);
    if (auto ok = requestIndexes.restore(); !ok)
        return errorOf(ok);
    if (auto ok = transaction.commit(); !ok)
        return errorOf(ok);
    result.indexesMs = msSince(phase);
    report(tr("indexes and name search index: %1 ms").arg(result.indexesMs, 0, 'f', 0));

    phase.start();
    if (auto ok = analyze(); !ok)
        return errorOf(ok);
    result.analyzeMs = msSince(phase);
    report(tr("ANALYZE: %1 ms").arg(result.analyzeMs, 0, 'f', 0));

    result.totalMs = msSince(total);
    return result;
}

} // namespace rd::bench
