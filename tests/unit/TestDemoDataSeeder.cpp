#include "TestDatabase.h"
#include "VerifyResult.h"
#include "audit/AuditLog.h"
#include "certificates/OpenSslPointers.h"
#include "core/Clock.h"
#include "demo/DemoCertificateAuthority.h"
#include "demo/DemoDataSeeder.h"
#include "documents/Letterhead.h"
#include "register/CertificateRepository.h"
#include "register/HolderRepository.h"
#include "register/IdentityNumbers.h"
#include "requests/RequestState.h"
#include "requests/RevocationReason.h"
#include "users/OfficeSettings.h"
#include "users/UserAccounts.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QtTest>

#include <atomic>
#include <map>
#include <thread>

using namespace rd;

namespace {

const QString kIssuer
    = QStringLiteral("CN=Revocation Desk Demo CA,O=Diskominfo Kabupaten Natuna,C=ID");

// The register writes titles before the name (ending in '.') and degrees after a comma; what
// is left is the name a certificate's CN must carry.
QString withoutTitles(const QString &fullName)
{
    QStringList words = fullName.section(QStringLiteral(", "), 0, 0).split(QLatin1Char(' '));
    while (!words.isEmpty() && words.first().endsWith(QLatin1Char('.')))
        words.removeFirst();
    return words.join(QLatin1Char(' '));
}

QString escapeRfc4514(QString value)
{
    value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    value.replace(QLatin1Char(','), QStringLiteral("\\,"));
    value.replace(QLatin1Char('+'), QStringLiteral("\\+"));
    return value;
}

struct NameEntry
{
    QString text;
    int type = 0;
};

NameEntry entry(const X509_NAME *name, int nid)
{
    const int index = X509_NAME_get_index_by_NID(name, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
    return {QString::fromUtf8(reinterpret_cast<const char *>(ASN1_STRING_get0_data(data)),
                              ASN1_STRING_length(data)),
            ASN1_STRING_type(data)};
}

X509Ptr parse(const QByteArray &der)
{
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    return X509Ptr(d2i_X509(nullptr, &cursor, long(der.size())));
}

QDateTime utc(int year, int month, int day, int hour = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, 0), QTimeZone::utc());
}

qint64 countOf(const Database &database, const QString &table)
{
    auto value = database.scalar(QStringLiteral("SELECT COUNT(*) FROM ") + table);
    return value ? value->toLongLong() : -1;
}

// Everything a second seeding could have touched.
std::map<QString, QString> snapshot(const Database &database)
{
    std::map<QString, QString> state;
    for (const char *table : {"holders", "tenures", "certificates", "users", "revocation_requests",
                              "request_events", "audit_log", "agenda_counters"}) {
        const QString name = QString::fromLatin1(table);
        state[name] = QString::number(countOf(database, name));
    }
    auto head = database.execute(
        QStringLiteral("SELECT last_seq, last_hash FROM audit_checkpoint WHERE id = 1"));
    if (head && head->next())
        state[QStringLiteral("checkpoint")]
            = head->value(0).toString() + QLatin1Char(':') + head->value(1).toString();
    return state;
}

QStringList rows(const Database &database, const QString &sql)
{
    QStringList result;
    auto query = database.execute(sql);
    if (!query)
        return {query.error().toString()};
    while (query->next()) {
        QStringList fields;
        for (int i = 0; i < query->record().count(); ++i)
            fields << query->value(i).toString();
        result << fields.join(QLatin1Char('|'));
    }
    return result;
}

} // namespace

class TestDemoDataSeeder : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void summaryMatchesTheDatabase();
    void holdersAreRealistic();
    void identityNumbersAreValidAndAgree();
    void everyHolderHasATermOfOffice();
    void requestsExistInEveryState();
    void requestsFitTheirHolders();
    void certificatesParseAndMatchTheirHolders();
    void revokedRequestsRevokedTheirCertificates();
    void usersCanLogIn();
    void auditChainIsIntact();
    void secondSeedIsRefusedAndChangesNothing();
    void sameSeedGivesTheSameRegister();
    void seedingNeverMovesTheProcessClock();
    void addressesAreReservedForExamples();
    void databaseIsMarkedAsDemo();
    void authorityFolderKeepsItsMode();
    void tooFewHoldersAreRefused();
    void authorityIssuesBsreShapedCertificates();
    void authorityRejectsBadInput();
    void repositoryStoresAndKeepsRevocationsFinal();

private:
    std::unique_ptr<test::TestDatabase> m_test;
    DatabasePtr m_db;
    DemoSeedSummary m_summary;
};

void TestDemoDataSeeder::initTestCase()
{
    RD_OPEN_DATABASE(test, test::TestDatabase::Engine::Sqlite);
    m_test = std::move(test);
    m_db = m_test->database();
    // Seeded against the real clock, so that the suite covers whatever day it runs on.
    auto seeded = DemoDataSeeder::seed(m_db, Actor::commandLine(QStringLiteral("demo")));
    RD_VERIFY_RESULT(seeded);
    m_summary = *seeded;
    // The process clock was never moved.
    QVERIFY(qAbs(Clock::currentUtc().secsTo(QDateTime::currentDateTimeUtc())) < 5);
}

void TestDemoDataSeeder::summaryMatchesTheDatabase()
{
    QCOMPARE(countOf(*m_db, QStringLiteral("holders")), qint64(m_summary.holders));
    QCOMPARE(countOf(*m_db, QStringLiteral("tenures")), qint64(m_summary.tenures));
    QCOMPARE(countOf(*m_db, QStringLiteral("certificates")), qint64(m_summary.certificates));
    QCOMPARE(countOf(*m_db, QStringLiteral("revocation_requests")), qint64(m_summary.requests));
    QCOMPARE(countOf(*m_db, QStringLiteral("users")), qint64(m_summary.users));
    QCOMPARE(m_summary.holders, DemoDataSeeder::DefaultHolderCount);
    QVERIFY(m_summary.holders >= 300);
    QVERIFY(m_summary.requests >= 40);
    QCOMPARE(m_summary.userCredentials.size(), m_summary.users);
}

void TestDemoDataSeeder::holdersAreRealistic()
{
    const QStringList holders
        = rows(*m_db,
               QStringLiteral("SELECT full_name, email, phone, unit, employment_status, "
                              "ams_username, nik FROM holders"));
    QCOMPARE(holders.size(), m_summary.holders);
    static const QRegularExpression email(
        QStringLiteral("^[a-z]+(\\.[a-z]+)?[0-9]*@natunakab\\.example$"));
    static const QRegularExpression phone(QStringLiteral("^08[0-9]{9,11}$"));
    int titled = 0;
    QSet<QString> emails, units, statuses;
    for (const QString &row : holders) {
        const QStringList f = row.split(QLatin1Char('|'));
        QVERIFY2(email.match(f[1]).hasMatch(), qPrintable(f[1]));
        QVERIFY2(phone.match(f[2]).hasMatch(), qPrintable(f[2]));
        QVERIFY2(f[5] == f[1] || f[5] == f[6], qPrintable(row));
        if (withoutTitles(f[0]) != f[0])
            ++titled;
        emails.insert(f[1]);
        units.insert(f[3]);
        statuses.insert(f[4]);
    }
    QCOMPARE(emails.size(), holders.size());
    // Many with titles, and some without.
    QVERIFY2(titled > holders.size() / 2 && titled < holders.size(),
             qPrintable(QString::number(titled)));
    QVERIFY(units.size() >= 30);
    for (const char *unit : {"Dinas Komunikasi dan Informatika", "Sekretariat Daerah",
                             "Rumah Sakit Umum Daerah Natuna", "Kecamatan Bunguran Timur",
                             "Kecamatan Serasan", "Kecamatan Midai"})
        QVERIFY2(units.contains(QString::fromLatin1(unit)), unit);
    QCOMPARE(statuses,
             QSet<QString>(HolderRepository::employmentStatuses().begin(),
                           HolderRepository::employmentStatuses().end()));
    // The shapes the register uses, e.g. "Drs. H. Ahmad Syafii, M.Si." and "dr. ..., Sp.A.".
    const QStringList names = rows(*m_db, QStringLiteral("SELECT full_name FROM holders"));
    for (const char *shape :
         {"^(Drs|Dra)\\. ", "^dr\\. .*, Sp\\.", "^Ir\\. ", " (H|Hj)\\. ", ", S\\.Kom\\.",
          ", M\\.Si\\.", "^(Raja|Wan|Tengku|Encik|Said|Syarifah) "}) {
        const QRegularExpression pattern(QString::fromLatin1(shape));
        QVERIFY2(std::any_of(names.begin(), names.end(),
                             [&](const QString &n) { return pattern.match(n).hasMatch(); }),
                 shape);
    }
}

void TestDemoDataSeeder::identityNumbersAreValidAndAgree()
{
    const QStringList holders = rows(*m_db, QStringLiteral("SELECT nik, nip FROM holders"));
    int withoutNip = 0;
    for (const QString &row : holders) {
        const QString nik = row.section(QLatin1Char('|'), 0, 0);
        const QString nip = row.section(QLatin1Char('|'), 1, 1);
        QVERIFY2(IdentityNumbers::isValidNik(nik),
                 qPrintable(nik + QLatin1Char(' ') + IdentityNumbers::nikProblem(nik)));
        QVERIFY2(nik.startsWith(QLatin1String("2103")), qPrintable(nik));
        const int district = nik.mid(4, 2).toInt();
        QVERIFY2(district >= 1 && district <= 15, qPrintable(nik));
        if (nip.isEmpty()) {
            ++withoutNip;
            continue;
        }
        QVERIFY2(IdentityNumbers::isValidNip(nip),
                 qPrintable(nip + QLatin1Char(' ') + IdentityNumbers::nipProblem(nip)));
        // The NIK and the NIP tell the same birth date and sex.
        const bool female = nip.at(14) == QLatin1Char('2');
        const int day = nik.mid(6, 2).toInt();
        QCOMPARE(day > 40, female);
        QCOMPARE(QStringLiteral("%1").arg(female ? day - 40 : day, 2, 10, QLatin1Char('0')),
                 nip.mid(6, 2));
        QCOMPARE(nik.mid(8, 2), nip.mid(4, 2));
        QCOMPARE(nik.mid(10, 2), nip.mid(2, 2));
        // Appointed no earlier than the month of the 18th birthday.
        const QDate birth = QDate::fromString(nip.left(8), QStringLiteral("yyyyMMdd"));
        const QDate appointed = QDate(nip.mid(8, 4).toInt(), nip.mid(12, 2).toInt(), 1);
        QVERIFY2(appointed >= QDate(birth.year() + 18, birth.month(), 1), qPrintable(nip));
    }
    QVERIFY(withoutNip > 0);
    QVERIFY(withoutNip < holders.size() / 5);
}

void TestDemoDataSeeder::everyHolderHasATermOfOffice()
{
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM holders h WHERE NOT EXISTS "
                                         "(SELECT 1 FROM tenures t WHERE t.holder_id = h.id)"))
                 ->toInt(),
             0);
    QVERIFY(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT holder_id FROM tenures "
                                        "GROUP BY holder_id HAVING COUNT(*) > 1) x"))
                ->toInt()
            > 10);
    static const QRegularExpression decree(QStringLiteral("^800/[0-9]{3}/BKPSDM/[0-9]{4}$"));
    // The latest term: ended with a decree for those who left, open for the others.
    const QStringList latest
        = rows(*m_db,
               QStringLiteral("SELECT h.employment_status, t.end_date, t.decree_number, "
                              "t.unit, h.unit FROM holders h JOIN tenures t ON t.holder_id = h.id "
                              "WHERE t.start_date = (SELECT MAX(start_date) FROM tenures "
                              "WHERE holder_id = h.id)"));
    QCOMPARE(latest.size(), m_summary.holders);
    for (const QString &row : latest) {
        const QStringList f = row.split(QLatin1Char('|'));
        QCOMPARE(f[3], f[4]);
        if (f[0] == QLatin1String("active")) {
            QVERIFY2(f[1].isEmpty(), qPrintable(row));
        } else {
            QVERIFY2(QDate::fromString(f[1], Qt::ISODate).isValid(), qPrintable(row));
            QVERIFY2(decree.match(f[2]).hasMatch(), qPrintable(row));
        }
    }
}

void TestDemoDataSeeder::requestsExistInEveryState()
{
    std::map<QString, int> counted;
    for (const QString &row : rows(*m_db,
                                   QStringLiteral("SELECT state, COUNT(*) FROM "
                                                  "revocation_requests GROUP BY state")))
        counted[row.section(QLatin1Char('|'), 0, 0)] = row.section(QLatin1Char('|'), 1, 1).toInt();
    for (RequestState state : RequestStates::all())
        QVERIFY2(counted[RequestStates::key(state)] > 0, qPrintable(RequestStates::key(state)));
    QCOMPARE(counted, m_summary.requestsByState);

    static const QRegularExpression agenda(QStringLiteral("^SE/[0-9]{4}/[0-9]{2}/[0-9]{4}$"));
    // The agenda number comes with the letter's receipt: none for what never left draft.
    const QStringList numbers
        = rows(*m_db,
               QStringLiteral("SELECT r.agenda_number, (SELECT COUNT(*) FROM request_events e "
                              "WHERE e.request_id = r.id AND e.action = 'submit') "
                              "FROM revocation_requests r"));
    for (const QString &row : numbers) {
        const QString number = row.section(QLatin1Char('|'), 0, 0);
        if (row.section(QLatin1Char('|'), 1, 1) == QLatin1String("0"))
            QVERIFY2(number.isEmpty(), qPrintable(row));
        else
            QVERIFY2(agenda.match(number).hasMatch(), qPrintable(row));
    }
    // Filed over the past months, by the kiosk and at the workbench.
    QVERIFY(rows(*m_db,
                 QStringLiteral("SELECT DISTINCT substr(filed_at, 1, 7) FROM "
                                "revocation_requests"))
                .size()
            >= 4);
    QCOMPARE(rows(*m_db,
                  QStringLiteral("SELECT DISTINCT channel FROM revocation_requests "
                                 "ORDER BY channel")),
             QStringList({QStringLiteral("kiosk"), QStringLiteral("risk_monitor"),
                          QStringLiteral("workbench")}));
    QVERIFY(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM revocation_requests WHERE "
                                        "filed_at > ?"),
                         {Clock::toIsoUtc(QDateTime::currentDateTimeUtc())})
                ->toInt()
            == 0);
}

void TestDemoDataSeeder::requestsFitTheirHolders()
{
    const QStringList requests = rows(
        *m_db,
        QStringLiteral("SELECT r.id, r.reason, r.filed_by_kind, r.filed_by_nip, "
                       "h.employment_status, r.state, r.reason_text FROM revocation_requests r "
                       "JOIN holders h ON h.id = r.holder_id"));
    for (const QString &row : requests) {
        const QStringList f = row.split(QLatin1Char('|'));
        const auto reason = RevocationReasons::fromKey(f[1]);
        QVERIFY2(reason, qPrintable(row));
        QVERIFY2(!f[6].isEmpty(), qPrintable(row));
        if (RevocationReasons::officialFilesOnBehalf(*reason)) {
            // Retired, deceased and dismissed holders: their superior files, with a NIP.
            QCOMPARE(f[2], QStringLiteral("official"));
            QVERIFY2(IdentityNumbers::isValidNip(f[3]), qPrintable(row));
            QCOMPARE(f[4], f[1]);
        } else {
            QCOMPARE(f[2], QStringLiteral("holder"));
        }
        if (*reason == RevocationReason::Transferred && f[4] != QLatin1String("transferred")) {
            // Only the planned transfer that was called off.
            QCOMPARE(f[5], QStringLiteral("cancelled"));
        }
    }
    // Dual control: whoever asked for approval did not give it.
    const QStringList approvals
        = rows(*m_db,
               QStringLiteral("SELECT a.actor, b.actor FROM request_events a JOIN request_events b "
                              "ON b.request_id = a.request_id AND b.id > a.id "
                              "AND b.action IN ('revoke', 'record_pending_proof') "
                              "WHERE a.action = 'request_approval'"));
    QVERIFY(approvals.size() >= 2);
    for (const QString &row : approvals)
        QVERIFY2(row.section(QLatin1Char('|'), 0, 0) != row.section(QLatin1Char('|'), 1, 1),
                 qPrintable(row));
    // Notes in the step log where the SOP asks for a reason.
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM request_events WHERE action IN "
                                         "('reject', 'cancel', 'request_completion', "
                                         "'fail_revocation') AND (note IS NULL OR note = '')"))
                 ->toInt(),
             0);
    // Kiosk filings come from the public service mall's kiosk.
    QVERIFY(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM request_events WHERE "
                                        "actor = 'kiosk:kiosk-mpp-ranai'"))
                ->toInt()
            > 10);
}

void TestDemoDataSeeder::certificatesParseAndMatchTheirHolders()
{
    auto query = m_db->execute(QStringLiteral(
        "SELECT c.serial_hex, c.issuer_dn, c.subject_dn, c.not_before, c.not_after, "
        "c.sha256_fingerprint, c.der, c.status, h.full_name, h.email, h.id FROM certificates c "
        "JOIN holders h ON h.id = c.holder_id"));
    RD_VERIFY_RESULT(query);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int parsed = 0;
    QSet<qint64> holdersWithCertificates;
    std::map<QString, int> statuses;
    while (query->next()) {
        const QByteArray der = query->value(6).toByteArray();
        X509Ptr certificate = parse(der);
        QVERIFY2(certificate, qPrintable(query->value(0).toString()));
        ++parsed;
        holdersWithCertificates.insert(query->value(10).toLongLong());
        ++statuses[query->value(7).toString()];

        const X509_NAME *subject = X509_get_subject_name(certificate.get());
        const NameEntry cn = entry(subject, NID_commonName);
        static const QRegularExpression bare(QStringLiteral("^[A-Za-z' ]+$"));
        QVERIFY2(bare.match(cn.text).hasMatch(), qPrintable(cn.text));
        QCOMPARE(cn.text, withoutTitles(query->value(8).toString()));
        QCOMPARE(cn.type, V_ASN1_UTF8STRING);
        const NameEntry ou = entry(subject, NID_organizationalUnitName);
        QCOMPARE(ou.type, V_ASN1_UTF8STRING);
        QCOMPARE(entry(subject, NID_organizationName).text,
                 QStringLiteral("Pemerintah Kabupaten Natuna"));
        QCOMPARE(entry(subject, NID_localityName).text, QStringLiteral("Natuna"));
        QCOMPARE(entry(subject, NID_stateOrProvinceName).text, QStringLiteral("Kepulauan Riau"));
        QCOMPARE(entry(subject, NID_countryName).text, QStringLiteral("ID"));
        QCOMPARE(entry(subject, NID_pkcs9_emailAddress).text, query->value(9).toString());
        // The unit the holder served in when it was issued.
        QVERIFY2(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM tenures WHERE holder_id = ? "
                                             "AND unit = ?"),
                              {query->value(10), ou.text})
                         ->toInt()
                     > 0,
                 qPrintable(ou.text));

        const QString expectedSubject
            = QStringLiteral("emailAddress=%1,CN=%2,OU=%3,O=Pemerintah Kabupaten Natuna,L=Natuna,"
                             "ST=Kepulauan Riau,C=ID")
                  .arg(query->value(9).toString(), cn.text, escapeRfc4514(ou.text));
        QCOMPARE(query->value(2).toString(), expectedSubject);
        QCOMPARE(query->value(1).toString(), kIssuer);

        QCOMPARE(query->value(5).toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex().toUpper()));
        BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate.get()), nullptr));
        OpenSslStringPtr serialHex(BN_bn2hex(serial.get()));
        QCOMPARE(query->value(0).toString(), QString::fromLatin1(serialHex.get()));
        QCOMPARE(query->value(0).toString().size(), 32);

        const QDateTime notBefore = Clock::fromIsoUtc(query->value(3).toString());
        const QDateTime notAfter = Clock::fromIsoUtc(query->value(4).toString());
        QCOMPARE(notAfter, notBefore.addYears(2));
        QCOMPARE(ASN1_TIME_cmp_time_t(X509_get0_notAfter(certificate.get()),
                                      time_t(notAfter.toSecsSinceEpoch())),
                 0);
        const QString status = query->value(7).toString();
        if (status == QLatin1String("expired"))
            QVERIFY(notAfter < now);
        if (status == QLatin1String("active"))
            QVERIFY(notAfter > now);

        QCOMPARE(X509_get_key_usage(certificate.get()),
                 quint32(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION));
        const int keyUsage = X509_get_ext_by_NID(certificate.get(), NID_key_usage, -1);
        QVERIFY(keyUsage >= 0);
        QCOMPARE(X509_EXTENSION_get_critical(X509_get_ext(certificate.get(), keyUsage)), 1);
        QVERIFY(der.contains("http://127.0.0.1:8080/"));
    }
    QCOMPARE(parsed, m_summary.certificates);
    QVERIFY(holdersWithCertificates.size() > m_summary.holders * 3 / 4);
    QVERIFY(statuses[QStringLiteral("active")] > m_summary.holders / 2);
    QVERIFY(statuses[QStringLiteral("expired")] > 5);
    QVERIFY(statuses[QStringLiteral("revoked")] > 5);
    QCOMPARE(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM certificates WHERE status = "
                                         "'revoked' AND (revoked_at IS NULL OR "
                                         "revocation_reason_code IS NULL)"))
                 ->toInt(),
             0);
}

void TestDemoDataSeeder::revokedRequestsRevokedTheirCertificates()
{
    const QStringList done = rows(
        *m_db,
        QStringLiteral("SELECT r.reason, c.status, c.revocation_reason_code FROM "
                       "revocation_requests r JOIN certificates c ON c.id = r.certificate_id "
                       "WHERE r.state IN ('revoked', 'notified', 'closed')"));
    QVERIFY(done.size() >= 10);
    for (const QString &row : done) {
        const QStringList f = row.split(QLatin1Char('|'));
        QCOMPARE(f[1], QStringLiteral("revoked"));
        QCOMPARE(f[2].toInt(), RevocationReasons::crlReasonCode(*RevocationReasons::fromKey(f[0])));
    }
    // Requests still in the desk's hands name a certificate that still works.
    const QStringList open
        = rows(*m_db,
               QStringLiteral("SELECT c.status FROM revocation_requests r JOIN certificates c "
                              "ON c.id = r.certificate_id WHERE r.state IN ('submitted', "
                              "'in_verification', 'verified', 'certificate_matched', "
                              "'awaiting_approval', 'revocation_failed')"));
    QVERIFY(!open.isEmpty());
    for (const QString &status : open)
        QCOMPARE(status, QStringLiteral("active"));
    // The SOP's warning made visible: people who left and still hold a working certificate.
    QVERIFY(m_db->scalar(QStringLiteral("SELECT COUNT(*) FROM holders h JOIN certificates c ON "
                                        "c.holder_id = h.id WHERE h.employment_status <> 'active' "
                                        "AND c.status = 'active'"))
                ->toInt()
            > 5);
}

void TestDemoDataSeeder::usersCanLogIn()
{
    std::map<QString, int> roles;
    for (const QString &row : rows(*m_db, QStringLiteral("SELECT role FROM users")))
        ++roles[row];
    QVERIFY(roles[QStringLiteral("operator")] >= 2);
    QVERIFY(roles[QStringLiteral("supervisor")] >= 1);
    QVERIFY(roles[QStringLiteral("administrator")] >= 1);

    UserAccounts accounts(m_db);
    static const QRegularExpression line(QStringLiteral("^(\\S+) / (\\S+) \\((.+)\\)$"));
    for (const QString &credential : m_summary.userCredentials) {
        const auto match = line.match(credential);
        QVERIFY2(match.hasMatch(), qPrintable(credential));
        QVERIFY(match.captured(2).size() >= 10);
        auto actor = accounts.authenticate(match.captured(1), match.captured(2));
        RD_VERIFY_RESULT(actor);
        --roles[Actor::roleKey(actor->role())];
    }
    // Every account's password is in the lines shown once.
    for (const auto &[role, unaccounted] : roles)
        QVERIFY2(unaccounted == 0, qPrintable(role));
}

void TestDemoDataSeeder::auditChainIsIntact()
{
    auto verified = AuditLog::verify(*m_db);
    RD_VERIFY_RESULT(verified);
    QVERIFY2(verified->intact(), qPrintable(verified->explanation));
    QVERIFY(verified->entries > m_summary.holders + m_summary.certificates);
    // Written in the order of time, as an office would have.
    const QStringList times = rows(*m_db,
                                   QStringLiteral("SELECT recorded_at FROM audit_log "
                                                  "ORDER BY seq"));
    QVERIFY(std::is_sorted(times.begin(), times.end()));
}

void TestDemoDataSeeder::secondSeedIsRefusedAndChangesNothing()
{
    const auto before = snapshot(*m_db);
    // The database has accounts now: more demo accounts are an administrator's to add.
    auto anonymous = DemoDataSeeder::seed(m_db, Actor::commandLine(QStringLiteral("demo")));
    QVERIFY(!anonymous);
    QCOMPARE(anonymous.error().code, ErrorCode::PermissionDenied);
    auto again = DemoDataSeeder::seed(
        m_db, Actor::user(QStringLiteral("root"), Actor::Role::Administrator));
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::Conflict);
    QVERIFY(!again.error().message.isEmpty());
    QCOMPARE(snapshot(*m_db), before);
}

void TestDemoDataSeeder::sameSeedGivesTheSameRegister()
{
    // A Sunday evening: the office hours of the past week decide the filing times.
    const QDateTime pinned = utc(2026, 3, 15, 12);
    auto seedAt = [&pinned](const DatabasePtr &database, quint32 seed) {
        Clock::setFixedUtc(pinned);
        return DemoDataSeeder::seed(database, Actor::commandLine(QStringLiteral("demo")), seed,
                                    DemoDataSeeder::MinimumHolderCount);
    };
    RD_OPEN_DATABASE(first, test::TestDatabase::Engine::Sqlite);
    RD_OPEN_DATABASE(second, test::TestDatabase::Engine::Sqlite);
    RD_OPEN_DATABASE(other, test::TestDatabase::Engine::Sqlite);
    RD_VERIFY_RESULT(seedAt(first->database(), 7));
    RD_VERIFY_RESULT(seedAt(second->database(), 7));
    RD_VERIFY_RESULT(seedAt(other->database(), 8));
    // The seeder kept its own time: the process clock is where the test pinned it.
    QCOMPARE(Clock::currentUtc(), pinned);
    Clock::setFixedUtc({});

    const QString holders = QStringLiteral(
        "SELECT nik, nip, full_name, email, phone, unit, position, employment_status, "
        "ams_username FROM holders ORDER BY id");
    const QString tenures = QStringLiteral(
        "SELECT holder_id, position, unit, start_date, end_date, decree_number FROM tenures "
        "ORDER BY id");
    const QString requests = QStringLiteral(
        "SELECT agenda_number, holder_id, reason, reason_text, state, filed_at, filed_by_name "
        "FROM revocation_requests ORDER BY id");
    const QString certificates = QStringLiteral(
        "SELECT holder_id, subject_dn, not_before, status FROM certificates ORDER BY id");
    for (const QString &sql : {holders, tenures, requests, certificates}) {
        const QStringList a = rows(*first->database(), sql);
        QVERIFY(!a.isEmpty());
        QCOMPARE(a, rows(*second->database(), sql));
    }
    QVERIFY(rows(*first->database(), holders) != rows(*other->database(), holders));
    // Every filing lies before the pinned "now", in office hours (08:00-16:00 WIB, Mon-Fri).
    const QTimeZone office(QByteArrayLiteral("Asia/Jakarta"));
    for (const QString &filed :
         rows(*first->database(), QStringLiteral("SELECT filed_at FROM revocation_requests"))) {
        const QDateTime at = Clock::fromIsoUtc(filed).toTimeZone(office);
        QVERIFY2(at < pinned, qPrintable(filed));
        QVERIFY2(at.date().dayOfWeek() <= 5, qPrintable(filed));
        QVERIFY2(at.time() >= QTime(8, 0) && at.time() <= QTime(16, 0), qPrintable(filed));
    }
}

void TestDemoDataSeeder::seedingNeverMovesTheProcessClock()
{
    // Another thread reads the process clock all through the seeding, as the GUI's workers
    // would; it must never see the seeder's past months.
    RD_OPEN_DATABASE(test, test::TestDatabase::Engine::Sqlite);
    const QDateTime pinned = utc(2026, 6, 10, 5);
    Clock::setFixedUtc(pinned);
    std::atomic<bool> seeding {true};
    std::atomic<int> samples {0};
    std::atomic<int> moved {0};
    std::thread watcher([&] {
        while (seeding) {
            if (Clock::currentUtc() != pinned)
                ++moved;
            ++samples;
            std::this_thread::yield();
        }
    });
    auto seeded = DemoDataSeeder::seed(test->database(), Actor::commandLine(QStringLiteral("demo")),
                                       3, DemoDataSeeder::MinimumHolderCount);
    seeding = false;
    watcher.join();
    const QDateTime after = Clock::currentUtc();
    Clock::setFixedUtc({});
    RD_VERIFY_RESULT(seeded);
    QVERIFY(samples > 0);
    QCOMPARE(moved.load(), 0);
    QCOMPARE(after, pinned);

    // The history it wrote still reads as the office lived it: from the register's take-over
    // seven months before "today" up to today.
    const QStringList span = rows(*test->database(),
                                  QStringLiteral("SELECT MIN(recorded_at), MAX(recorded_at) "
                                                 "FROM audit_log"))
                                 .first()
                                 .split(QLatin1Char('|'));
    QCOMPARE(span.size(), 2);
    QVERIFY2(Clock::fromIsoUtc(span[0]) < pinned.addDays(-200), qPrintable(span[0]));
    QVERIFY2(Clock::fromIsoUtc(span[1]) <= pinned, qPrintable(span[1]));
    for (const QString &sql : {QStringLiteral("SELECT MIN(created_at) FROM holders"),
                               QStringLiteral("SELECT MIN(created_at) FROM users"),
                               QStringLiteral("SELECT MIN(created_at) FROM outbox")}) {
        const QString oldest = rows(*test->database(), sql).first();
        QVERIFY2(Clock::fromIsoUtc(oldest) < pinned.addDays(-30), qPrintable(sql + oldest));
    }
}

void TestDemoDataSeeder::addressesAreReservedForExamples()
{
    // RFC 2606: no demo e-mail can reach a real person, whatever server it is sent to.
    int addresses = 0;
    for (const QString &sql : {QStringLiteral("SELECT email FROM holders"),
                               QStringLiteral("SELECT applicant_email FROM revocation_requests"),
                               QStringLiteral("SELECT recipient FROM outbox")}) {
        for (const QString &address : rows(*m_db, sql)) {
            if (address.isEmpty())
                continue;
            ++addresses;
            QVERIFY2(address.endsWith(QLatin1String("@natunakab.example")), qPrintable(address));
        }
    }
    QVERIFY(addresses > m_summary.holders);
    QVERIFY(countOf(*m_db, QStringLiteral("outbox")) > 0);
    // The bytes that would go out name the same reserved addresses.
    static const QRegularExpression to(
        QStringLiteral("\r\nTo: (?:[^\r]*\r\n )?[^\r]*<[^>]+@natunakab\\.example>\r\n"));
    for (const QString &mail : rows(*m_db, QStringLiteral("SELECT message FROM outbox")))
        QVERIFY2(to.match(mail).hasMatch(), qPrintable(mail.left(600)));
}

void TestDemoDataSeeder::databaseIsMarkedAsDemo()
{
    auto demo = OfficeSettings(m_db).isDemoDatabase();
    RD_VERIFY_RESULT(demo);
    QVERIFY(*demo);
    QCOMPARE(
        rows(*m_db,
             QStringLiteral("SELECT entity_id, actor FROM audit_log "
                            "WHERE action = 'office.setting' AND entity_id = 'demo_database'")),
        QStringList {QStringLiteral("demo_database|")
                     + Actor::commandLine(QStringLiteral("demo")).toString()});
    // The demo prints with a letterhead of its own: the neutral emblem and example addresses.
    auto letterhead = Letterhead::load(OfficeSettings(m_db));
    RD_VERIFY_RESULT(letterhead);
    QVERIFY(!letterhead->emblem.isNull());
    QCOMPARE(letterhead->place, QStringLiteral("Ranai"));
    QVERIFY(letterhead->email.endsWith(QLatin1String(".example")));

    RD_OPEN_DATABASE(empty, test::TestDatabase::Engine::Sqlite);
    auto notDemo = OfficeSettings(empty->database()).isDemoDatabase();
    RD_VERIFY_RESULT(notDemo);
    QVERIFY(!*notDemo);
}

void TestDemoDataSeeder::authorityFolderKeepsItsMode()
{
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
        | QFileDevice::ExeOther;
    const QFileDevice::Permissions owner
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());

    // `demo seed --authority-dir` on a folder someone made readable for others on purpose.
    const QString shared = dir.filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkdir(shared));
    const QFileDevice::Permissions open = owner | QFileDevice::ReadGroup | QFileDevice::ExeGroup
        | QFileDevice::ReadOther | QFileDevice::ExeOther; // 0755
    QVERIFY(QFile::setPermissions(shared, open));
    auto kept = DemoCertificateAuthority::openOrCreate(shared, utc(2020, 1, 1));
    RD_VERIFY_RESULT(kept);
    QCOMPARE(QFile::permissions(shared) & (owner | others), open);
    // The key is private whatever the folder.
    QCOMPARE(QFile::permissions(QDir(shared).filePath(QStringLiteral("ca-key.pem"))) & others,
             QFileDevice::Permissions());
    auto again = DemoCertificateAuthority::openOrCreate(shared, utc(2020, 1, 1));
    RD_VERIFY_RESULT(again);
    QCOMPARE(again->certificate().serialHex, kept->certificate().serialHex);
    QCOMPARE(QFile::permissions(shared) & (owner | others), open);

    // A folder that does not exist yet is created private (0700).
    const QString fresh = dir.filePath(QStringLiteral("new/ca"));
    RD_VERIFY_RESULT(DemoCertificateAuthority::openOrCreate(fresh, utc(2020, 1, 1)));
    QCOMPARE(QFile::permissions(fresh) & (owner | others), owner);

    // A file where the folder should be: a clear error, the file untouched.
    const QString file = dir.filePath(QStringLiteral("file"));
    {
        QFile plain(file);
        QVERIFY(plain.open(QIODevice::WriteOnly));
        plain.write("x");
    }
    auto refused = DemoCertificateAuthority::openOrCreate(file, utc(2020, 1, 1));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::Io);
    QVERIFY2(refused.error().message.contains(file), qPrintable(refused.error().message));
    QCOMPARE(QFileInfo(file).size(), qint64(1));
}

void TestDemoDataSeeder::tooFewHoldersAreRefused()
{
    RD_OPEN_DATABASE(test, test::TestDatabase::Engine::Sqlite);
    const auto before = snapshot(*test->database());
    auto seeded = DemoDataSeeder::seed(test->database(), Actor::commandLine(QStringLiteral("demo")),
                                       1, DemoDataSeeder::MinimumHolderCount - 1);
    QVERIFY(!seeded);
    QCOMPARE(seeded.error().code, ErrorCode::InvalidInput);
    QCOMPARE(snapshot(*test->database()), before);
}

void TestDemoDataSeeder::authorityIssuesBsreShapedCertificates()
{
    auto authority = DemoCertificateAuthority::create(utc(2020, 1, 1));
    RD_VERIFY_RESULT(authority);
    const IssuedCertificate ca = authority->certificate();
    QCOMPARE(ca.subjectDn, kIssuer);
    QCOMPARE(ca.issuerDn, kIssuer);

    // A comma to escape and a character beyond ASCII that must stay readable.
    const CertificateSubject subject {QStringLiteral("siti.nuraini@natunakab.example"),
                                      QStringLiteral("Siti Nur'aini Hasanah"),
                                      QStringLiteral("Bidang Aplikasi, Informatika – Natuna")};
    auto issued = authority->issue(subject, utc(2026, 1, 5, 2));
    RD_VERIFY_RESULT(issued);
    QCOMPARE(issued->subjectDn,
             QStringLiteral("emailAddress=siti.nuraini@natunakab.example,CN=Siti Nur'aini Hasanah,"
                            "OU=Bidang Aplikasi\\, Informatika – Natuna,"
                            "O=Pemerintah Kabupaten Natuna,L=Natuna,ST=Kepulauan Riau,C=ID"));
    QCOMPARE(issued->issuerDn, kIssuer);
    QCOMPARE(issued->notBefore, utc(2026, 1, 5, 2));
    QCOMPARE(issued->notAfter, utc(2028, 1, 5, 2));
    static const QRegularExpression serial(QStringLiteral("^[4-7][0-9A-F]{31}$"));
    QVERIFY2(serial.match(issued->serialHex).hasMatch(), qPrintable(issued->serialHex));
    QCOMPARE(
        issued->sha256Fingerprint,
        QString::fromLatin1(
            QCryptographicHash::hash(issued->der, QCryptographicHash::Sha256).toHex().toUpper()));
    auto again = authority->issue(subject, utc(2026, 1, 5, 2));
    RD_VERIFY_RESULT(again);
    QVERIFY(again->serialHex != issued->serialHex);

    X509Ptr caCertificate = parse(ca.der);
    X509Ptr certificate = parse(issued->der);
    QVERIFY(caCertificate && certificate);
    QCOMPARE(X509_verify(certificate.get(), X509_get0_pubkey(caCertificate.get())), 1);
    QVERIFY(X509_check_ca(caCertificate.get()) > 0);
    QCOMPARE(X509_check_ca(certificate.get()), 0);
    QCOMPARE(X509_check_issued(caCertificate.get(), certificate.get()), X509_V_OK);
    QCOMPARE(X509_get_key_usage(certificate.get()),
             quint32(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION));
    for (int nid : {NID_key_usage, NID_basic_constraints}) {
        const int index = X509_get_ext_by_NID(certificate.get(), nid, -1);
        QVERIFY(index >= 0);
        QCOMPARE(X509_EXTENSION_get_critical(X509_get_ext(certificate.get(), index)), 1);
    }
    for (int nid : {NID_crl_distribution_points, NID_info_access, NID_subject_alt_name,
                    NID_authority_key_identifier, NID_subject_key_identifier})
        QVERIFY2(X509_get_ext_by_NID(certificate.get(), nid, -1) >= 0, OBJ_nid2sn(nid));
    QVERIFY(issued->der.contains(DemoCertificateAuthority::crlDistributionPointUrl().toLatin1()));
    QVERIFY(issued->der.contains(DemoCertificateAuthority::ocspUrl().toLatin1()));
    QVERIFY(issued->der.contains(DemoCertificateAuthority::caIssuersUrl().toLatin1()));
    // The subject's strings are UTF8String, as BSrE writes them.
    const X509_NAME *name = X509_get_subject_name(certificate.get());
    for (int nid : {NID_commonName, NID_organizationalUnitName, NID_organizationName,
                    NID_localityName, NID_stateOrProvinceName})
        QCOMPARE(entry(name, nid).type, V_ASN1_UTF8STRING);

    auto described = DemoCertificateAuthority::describe(issued->der);
    RD_VERIFY_RESULT(described);
    QCOMPARE(described->serialHex, issued->serialHex);
    QCOMPARE(described->subjectDn, issued->subjectDn);
}

void TestDemoDataSeeder::authorityRejectsBadInput()
{
    // OpenSSL's own reason reaches the error's detail, and the queue is left empty.
    auto garbage = DemoCertificateAuthority::describe(QByteArrayLiteral("not a certificate"));
    QVERIFY(!garbage);
    QCOMPARE(garbage.error().code, ErrorCode::Crypto);
    QVERIFY2(!garbage.error().detail.isEmpty(), qPrintable(garbage.error().toString()));
    QCOMPARE(ERR_peek_error(), 0UL);
    QVERIFY(openSslErrors().isEmpty());

    auto authority = DemoCertificateAuthority::create(utc(2020, 1, 1));
    RD_VERIFY_RESULT(authority);
    auto trailing = DemoCertificateAuthority::describe(authority->certificate().der + "x");
    QVERIFY(!trailing);
    QCOMPARE(trailing.error().code, ErrorCode::InvalidInput);

    auto badEmail = authority->issue({QStringLiteral("a,b@natunakab.example"),
                                      QStringLiteral("Rahmat"), QStringLiteral("Diskominfo")},
                                     utc(2026, 1, 1));
    QVERIFY(!badEmail);
    QCOMPARE(badEmail.error().code, ErrorCode::InvalidInput);
    // X.520 limits a CN to 64 characters: OpenSSL refuses, and says why.
    auto tooLong = authority->issue({QStringLiteral("rahmat@natunakab.example"),
                                     QString(65, QLatin1Char('A')), QStringLiteral("Diskominfo")},
                                    utc(2026, 1, 1));
    QVERIFY(!tooLong);
    QCOMPARE(tooLong.error().code, ErrorCode::Crypto);
    QVERIFY2(!tooLong.error().detail.isEmpty(), qPrintable(tooLong.error().toString()));
}

void TestDemoDataSeeder::repositoryStoresAndKeepsRevocationsFinal()
{
    RD_OPEN_DATABASE(test, test::TestDatabase::Engine::Sqlite);
    const DatabasePtr db = test->database();
    const Actor actor = Actor::commandLine(QStringLiteral("test"));
    Holder holder;
    holder.nik = QStringLiteral("2103014506900001");
    holder.fullName = QStringLiteral("Hj. Siti Aminah, S.Pd.");
    holder.unit = QStringLiteral("Dinas Pendidikan");
    holder.email = QStringLiteral("siti.aminah@natunakab.example");
    auto holderId = HolderRepository(db).insert(actor, holder);
    RD_VERIFY_RESULT(holderId);

    auto authority = DemoCertificateAuthority::create(utc(2020, 1, 1));
    RD_VERIFY_RESULT(authority);
    auto issued = authority->issue({holder.email, QStringLiteral("Siti Aminah"), holder.unit},
                                   utc(2026, 2, 2, 3));
    RD_VERIFY_RESULT(issued);
    CertificateRecord record;
    record.holderId = *holderId;
    record.serialHex = issued->serialHex;
    record.issuerDn = issued->issuerDn;
    record.subjectDn = issued->subjectDn;
    record.notBefore = issued->notBefore;
    record.notAfter = issued->notAfter;
    record.sha256Fingerprint = issued->sha256Fingerprint;
    record.der = issued->der;

    CertificateRepository repository(db);
    auto id = repository.insert(actor, record);
    RD_VERIFY_RESULT(id);
    auto duplicate = repository.insert(actor, record);
    QVERIFY(!duplicate);
    QCOMPARE(duplicate.error().code, ErrorCode::Conflict);

    auto found = repository.findById(*id);
    RD_VERIFY_RESULT(found);
    QCOMPARE(found->holderId, *holderId);
    QCOMPARE(found->serialHex, record.serialHex);
    QCOMPARE(found->subjectDn, record.subjectDn);
    QCOMPARE(found->notBefore, record.notBefore);
    QCOMPARE(found->notAfter, record.notAfter);
    QCOMPARE(found->der, record.der);
    QCOMPARE(found->status, QStringLiteral("active"));
    QVERIFY(!found->revokedAt.isValid());
    QVERIFY(!found->revocationReasonCode);

    CertificateRecord revokedWithoutTime = record;
    revokedWithoutTime.status = QStringLiteral("revoked");
    QVERIFY(!CertificateRepository::problem(revokedWithoutTime).isEmpty());
    QCOMPARE(repository.updateStatus(actor, *id, QStringLiteral("revoked"), {}, 7).error().code,
             ErrorCode::InvalidInput);

    RD_VERIFY_RESULT(
        repository.updateStatus(actor, *id, QStringLiteral("revoked"), utc(2026, 5, 1, 4), 1));
    auto reverted = repository.updateStatus(actor, *id, QStringLiteral("active"));
    QVERIFY(!reverted);
    QCOMPARE(reverted.error().code, ErrorCode::InvalidTransition);
    auto listed = repository.listForHolder(*holderId);
    RD_VERIFY_RESULT(listed);
    QCOMPARE(listed->size(), size_t(1));
    QCOMPARE(listed->front().status, QStringLiteral("revoked"));
    QCOMPARE(listed->front().revokedAt, utc(2026, 5, 1, 4));
    QCOMPARE(listed->front().revocationReasonCode, std::optional<int>(1));
    QCOMPARE(repository.findById(*id + 100).error().code, ErrorCode::NotFound);

    QCOMPARE(
        rows(*db,
             QStringLiteral("SELECT action FROM audit_log WHERE entity_type = "
                            "'certificate' ORDER BY seq")),
        QStringList({QStringLiteral("certificate.create"), QStringLiteral("certificate.status")}));
    auto verified = AuditLog::verify(*db);
    RD_VERIFY_RESULT(verified);
    QVERIFY(verified->intact());
}

QTEST_GUILESS_MAIN(TestDemoDataSeeder)
#include "TestDemoDataSeeder.moc"
