// bench_crl: generates a DER CRL of N entries signed by the demo CA, then times loading and
// verifying it with CertificateRevocationList beside `openssl crl -inform DER -in FILE -CAfile
// ISSUER -noout` on the same file, and the per-serial lookup time. It prints figures and
// asserts no time; it fails only when something could not be done at all.

#include "BenchmarkReport.h"
#include "core/Clock.h"
#include "demo/DemoCertificateAuthority.h"
#include "status/CertificateRevocationList.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <optional>
#include <random>
#include <vector>

namespace {

using rd::bench::BenchmarkReport;

QString ms(double value)
{
    return QString::number(value, 'f', 1);
}

QByteArray randomSerial(QRandomGenerator &random)
{
    QByteArray bytes(16, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    // Positive and full length, as the demo CA's own serials.
    bytes[0] = char((bytes[0] & 0x7F) | 0x40);
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

int fail(const QString &message)
{
    BenchmarkReport::err() << "bench_crl: " << message << Qt::endl;
    return 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("CRL load, verify and lookup benchmark."));
    parser.addHelpOption();
    const QCommandLineOption entriesOption(QStringLiteral("entries"),
                                           QStringLiteral("Entries in the CRL."),
                                           QStringLiteral("N"), QStringLiteral("100000"));
    const QCommandLineOption lookupsOption(QStringLiteral("lookups"),
                                           QStringLiteral("Lookups to time (half present)."),
                                           QStringLiteral("N"), QStringLiteral("1000000"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"),
                                          QStringLiteral("Runs of each load (median)."),
                                          QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption keepOption(QStringLiteral("keep"),
                                        QStringLiteral("Write the CRL and issuer into DIR and "
                                                       "keep them."),
                                        QStringLiteral("DIR"));
    parser.addOptions({entriesOption, lookupsOption, repeatOption, keepOption});
    parser.process(application);
    const int entries = parser.value(entriesOption).toInt();
    const int lookups = parser.value(lookupsOption).toInt();
    const int repeat = parser.value(repeatOption).toInt();
    if (entries < 1 || lookups < 2 || repeat < 1)
        return fail(QStringLiteral("--entries, --lookups and --repeat need positive numbers."));

    const QDateTime now = rd::Clock::currentUtc();
    auto authority = rd::DemoCertificateAuthority::create(now.addYears(-1));
    if (!authority)
        return fail(authority.error().toString());

    QElapsedTimer timer;
    timer.start();
    QRandomGenerator random(20261126);
    std::vector<QByteArray> present;
    present.reserve(size_t(entries));
    std::vector<rd::RevokedSerial> revoked;
    revoked.reserve(size_t(entries));
    for (int i = 0; i < entries; ++i) {
        present.push_back(randomSerial(random));
        revoked.push_back({QString::fromLatin1(present.back().toHex().toUpper()),
                           now.addSecs(-qint64(i % 100000) * 60), i % 6});
    }
    auto der = authority->crl(revoked, now.addSecs(-3600), now.addDays(7), 1);
    if (!der)
        return fail(der.error().toString());
    revoked = {};
    const double generated = BenchmarkReport::elapsedMs(timer);

    QTemporaryDir temporary;
    const QDir directory(parser.isSet(keepOption) ? parser.value(keepOption) : temporary.path());
    const QString crlPath = directory.filePath(QStringLiteral("bench.crl"));
    const QString issuerPath = directory.filePath(QStringLiteral("issuer.pem"));
    if (!temporary.isValid() || !writeFile(crlPath, *der)
        || !writeFile(issuerPath, authority->certificatePem()))
        return fail(QStringLiteral("Could not write the CRL to a temporary folder."));
    BenchmarkReport::out() << "CRL: " << entries << " entries, "
                           << QString::number(double(der->size()) / 1.0e6, 'f', 1)
                           << " MB DER, generated in " << ms(generated) << " ms" << Qt::endl;

    // Ours (read the file, parse, index, verify the signature and the times) and OpenSSL's own
    // tool take turns in every round, so that a busy machine slows both alike.
    std::vector<double> oursMs;
    std::vector<double> opensslMs;
    std::optional<rd::CertificateRevocationList> list;
    for (int run = 0; run < repeat; ++run) {
        list.reset();
        timer.restart();
        auto loaded = rd::CertificateRevocationList::readFile(crlPath);
        if (!loaded)
            return fail(loaded.error().toString());
        if (auto verified = loaded->verify(authority->x509(), now); !verified)
            return fail(verified.error().toString());
        oursMs.push_back(BenchmarkReport::elapsedMs(timer));
        list.emplace(std::move(*loaded));

        QProcess openssl;
        timer.restart();
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("crl"), QStringLiteral("-inform"), QStringLiteral("DER"),
                       QStringLiteral("-in"), crlPath, QStringLiteral("-CAfile"), issuerPath,
                       QStringLiteral("-noout")});
        if (!openssl.waitForFinished(600000))
            return fail(
                QStringLiteral("openssl crl did not finish: %1").arg(openssl.errorString()));
        opensslMs.push_back(BenchmarkReport::elapsedMs(timer));
        const QByteArray said = openssl.readAllStandardError() + openssl.readAllStandardOutput();
        if (openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0
            || !said.contains("verify OK"))
            return fail(QStringLiteral("openssl crl failed: %1").arg(QString::fromUtf8(said)));
    }
    if (list->size() != entries)
        return fail(QStringLiteral("The CRL read back with %1 entries.").arg(list->size()));
    const double ours = BenchmarkReport::median(oursMs);
    const double theirs = BenchmarkReport::median(opensslMs);
    BenchmarkReport::out() << "load+verify, CertificateRevocationList: " << ms(ours)
                           << " ms (median of " << repeat << ")" << Qt::endl;
    BenchmarkReport::out() << "load+verify, openssl crl -inform DER -CAfile -noout: " << ms(theirs)
                           << " ms (median of " << repeat << ", process included)" << Qt::endl;
    BenchmarkReport::out() << "ratio ours/openssl: " << QString::number(ours / theirs, 'f', 2)
                           << " (target <= 1.50)" << Qt::endl;

    // Lookups: half serials on the list in random order, half random ones that are not, laid
    // out flat so that reading the query does not cost a cache miss of its own.
    constexpr qsizetype kSerialSize = 16;
    QByteArray queries;
    queries.reserve(qsizetype(lookups) * kSerialSize);
    {
        std::vector<QByteArray> shuffled;
        shuffled.reserve(size_t(lookups));
        for (int i = 0; i < lookups; ++i)
            shuffled.push_back(i % 2 == 0 ? present[random.bounded(quint32(entries))]
                                          : randomSerial(random));
        std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
        for (const QByteArray &serial : shuffled)
            queries.append(serial);
    }
    const auto query = [&queries](int i) {
        return QByteArrayView(queries).sliced(qsizetype(i) * kSerialSize, kSerialSize);
    };
    int hits = 0;
    timer.restart();
    for (int i = 0; i < lookups; ++i) {
        if (list->find(query(i)))
            ++hits;
    }
    const double lookupNs = double(timer.nsecsElapsed()) / double(lookups);
    if (hits < lookups / 2 - 1 || hits > lookups / 2 + 1 + lookups / 1000)
        return fail(QStringLiteral("%1 of %2 lookups found an entry; about half should.")
                        .arg(hits)
                        .arg(lookups));
    BenchmarkReport::out() << "lookup: " << QString::number(lookupNs, 'f', 0)
                           << " ns per serial over " << lookups << " lookups (" << hits
                           << " present, revocation time and reason read)"
                           << " (target < 1000 ns)" << Qt::endl;

    timer.restart();
    int listed = 0;
    for (int i = 0; i < lookups; ++i)
        listed += list->contains(query(i)) ? 1 : 0;
    BenchmarkReport::out() << "lookup, listed or not only: "
                           << QString::number(double(timer.nsecsElapsed()) / double(lookups), 'f',
                                              0)
                           << " ns per serial (" << listed << " present)" << Qt::endl;

    // For comparison: OpenSSL's own lookup, whose first call sorts the list.
    const int sample = std::min(lookups, 100000);
    std::vector<rd::Asn1IntegerPtr> integers;
    for (int i = 0; i < sample; ++i) {
        rd::BignumPtr number(BN_bin2bn(reinterpret_cast<const unsigned char *>(query(i).data()),
                                       int(kSerialSize), nullptr));
        integers.emplace_back(BN_to_ASN1_INTEGER(number.get(), nullptr));
    }
    timer.restart();
    X509_REVOKED *entry = nullptr;
    X509_CRL_get0_by_serial(list->handle(), &entry, integers.front().get());
    const double firstMs = BenchmarkReport::elapsedMs(timer);
    timer.restart();
    int opensslHits = 0;
    for (const auto &integer : integers)
        opensslHits += X509_CRL_get0_by_serial(list->handle(), &entry, integer.get()) == 1 ? 1 : 0;
    BenchmarkReport::out() << "for comparison, X509_CRL_get0_by_serial: first call " << ms(firstMs)
                           << " ms (sorts the list), then "
                           << QString::number(double(timer.nsecsElapsed()) / double(sample), 'f', 0)
                           << " ns per serial over " << sample << " lookups (" << opensslHits
                           << " present)" << Qt::endl;
    return 0;
}
