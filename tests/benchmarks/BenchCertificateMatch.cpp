// bench_certificate_match: issues N holder certificates shaped like BSrE's from a test CA, then
// times what SOP step 7 does for each one: read the certificate (DER, and PEM) and compare its
// subject with the holder record (titles, RFC 4518 preparation, trusted issuer). It prints
// certificates per second and asserts no time.

#include "BenchmarkReport.h"
#include "TestCertificates.h"
#include "certificates/Certificate.h"
#include "certificates/SubjectDnMatcher.h"
#include "certificates/TrustedIssuers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <vector>

namespace {

using rd::bench::BenchmarkReport;

using namespace rd;
using namespace rd::test;

struct Sample
{
    QByteArray der;
    QByteArray pem;
    HolderIdentity holder;
    bool expectMatch = true;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Parse-and-match throughput of holder certificates."));
    parser.addHelpOption();
    const QCommandLineOption countOption(QStringLiteral("count"),
                                         QStringLiteral("Certificates to issue (default 2000)."),
                                         QStringLiteral("N"), QStringLiteral("2000"));
    const QCommandLineOption roundsOption(QStringLiteral("rounds"),
                                          QStringLiteral("Timed rounds (default 5)."),
                                          QStringLiteral("N"), QStringLiteral("5"));
    parser.addOptions({countOption, roundsOption});
    parser.process(application);
    const int count = qMax(1, parser.value(countOption).toInt());
    const int rounds = qMax(1, parser.value(roundsOption).toInt());

    auto ca = TestCertificates::certificateAuthority(
        QStringLiteral("Bench BSrE CA"), QStringLiteral("Badan Siber dan Sandi Negara"));
    auto key = TestCertificates::generateKey();
    if (!ca || !key) {
        BenchmarkReport::out() << "could not create the test CA: "
                               << (ca ? key.error().toString() : ca.error().toString()) << Qt::endl;
        return 1;
    }
    // Registers carry titles and odd spacing; certificates carry the bare name, some in
    // BMPString, some with non-ASCII letters. Every tenth holder is someone else (mismatch).
    const QStringList givenNames {QStringLiteral("Budi"),      QStringLiteral("Siti"),
                                  QStringLiteral("J\u00F6rg"), QStringLiteral("Ahmad"),
                                  QStringLiteral("Dewi"),      QStringLiteral("Made")};
    const QStringList prefixes {QString(), QStringLiteral("Dr. "), QStringLiteral("Hj. "),
                                QStringLiteral("Ir. H. ")};
    const QStringList suffixes {QString(), QStringLiteral(", S.Kom."),
                                QStringLiteral(", S.T., M.Si."), QStringLiteral(", Ph.D.")};
    QElapsedTimer timer;
    timer.start();
    std::vector<Sample> samples;
    samples.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const QString name
            = QStringLiteral("%1 Santoso %2").arg(givenNames.at(i % givenNames.size())).arg(i);
        const QString email = QStringLiteral("pegawai%1@natunakab.go.id").arg(i);
        CertificateSpec spec;
        spec.subject
            = {{QStringLiteral("C"), QStringLiteral("ID"), V_ASN1_PRINTABLESTRING},
               {QStringLiteral("ST"), QStringLiteral("Kepulauan Riau")},
               {QStringLiteral("L"), QStringLiteral("Natuna")},
               {QStringLiteral("O"), QStringLiteral("Pemerintah Kabupaten Natuna")},
               {QStringLiteral("OU"), QStringLiteral("Dinas Komunikasi dan Informatika")},
               {QStringLiteral("CN"), name, i % 3 == 0 ? V_ASN1_BMPSTRING : V_ASN1_UTF8STRING},
               {QStringLiteral("emailAddress"), email, V_ASN1_IA5STRING}};
        spec.sanEmails = {email};
        spec.ocspUrl = QStringLiteral("http://127.0.0.1:8080/ocsp");
        spec.crlUrl = QStringLiteral("http://127.0.0.1:8080/crl/ca.crl");
        auto built = TestCertificates::build(spec, &*ca, key->get());
        if (!built) {
            BenchmarkReport::out() << "could not issue: " << built.error().toString() << Qt::endl;
            return 1;
        }
        Sample sample;
        sample.der = built->der();
        sample.pem = built->pem();
        sample.expectMatch = i % 10 != 9;
        sample.holder.fullName = prefixes.at(i % prefixes.size())
            + (sample.expectMatch ? name.toUpper() : name + QStringLiteral("e"))
            + suffixes.at((i / 4) % suffixes.size());
        sample.holder.email = email;
        sample.holder.amsUsername = i % 2 ? email : QStringLiteral("2103011203850001");
        sample.holder.unit = QStringLiteral("Dinas Komunikasi dan Informatika");
        samples.push_back(std::move(sample));
    }
    const double issueSeconds = double(timer.nsecsElapsed()) / 1e9;

    auto issuers = TrustedIssuers::fromList(
        TrustedIssuers::defaultIssuers()
        << QStringLiteral("CN=Bench BSrE CA,O=Badan Siber dan Sandi Negara,C=ID"));
    if (!issuers) {
        BenchmarkReport::out() << issuers.error().toString() << Qt::endl;
        return 1;
    }
    const SubjectDnMatcher matcher(*issuers);
    const QDateTime now = QDateTime::currentDateTimeUtc();

    // One timed pass: returns certificates per second, and counts wrong answers.
    int wrong = 0;
    const auto pass = [&](bool pem, bool doMatch) {
        QElapsedTimer clock;
        clock.start();
        int bad = 0;
        for (const Sample &sample : samples) {
            auto read = Certificate::readAll(pem ? sample.pem : sample.der);
            if (!read) {
                ++bad;
                continue;
            }
            if (!doMatch)
                continue;
            const DnMatchReport report = matcher.match(read->front(), sample.holder, now);
            const bool matched = report.verdict == MatchVerdict::Match;
            if (matched != sample.expectMatch)
                ++bad;
        }
        wrong += bad;
        return double(samples.size()) / (double(clock.nsecsElapsed()) / 1e9);
    };
    struct Row
    {
        QString name;
        bool pem;
        bool doMatch;
    };
    const std::vector<Row> rows {{QStringLiteral("parse DER"), false, false},
                                 {QStringLiteral("parse PEM"), true, false},
                                 {QStringLiteral("parse DER + match"), false, true},
                                 {QStringLiteral("parse PEM + match"), true, true}};
    BenchmarkReport::out()
        << QStringLiteral("bench_certificate_match: %1 certificates issued in %2 s; %3 rounds")
               .arg(count)
               .arg(issueSeconds, 0, 'f', 2)
               .arg(rounds)
        << Qt::endl;
    pass(false, true); // warm-up: ICU data, OpenSSL tables
    for (const Row &row : rows) {
        std::vector<double> rates;
        for (int round = 0; round < rounds; ++round)
            rates.push_back(pass(row.pem, row.doMatch));
        const double rate = BenchmarkReport::median(rates);
        BenchmarkReport::out() << QStringLiteral(
                                      "  %1 %2 certificates/s  (%3 us each, median of %4)")
                                      .arg(row.name.leftJustified(20))
                                      .arg(rate, 10, 'f', 0)
                                      .arg(1e6 / rate, 0, 'f', 1)
                                      .arg(rounds)
                               << Qt::endl;
    }
    if (wrong) {
        BenchmarkReport::out()
            << QStringLiteral("  %1 certificates got the wrong answer").arg(wrong) << Qt::endl;
        return 1;
    }
    BenchmarkReport::out() << "  every verdict as expected (" << (count - count / 10) << " match, "
                           << count / 10 << " mismatch per pass)" << Qt::endl;
    return 0;
}
