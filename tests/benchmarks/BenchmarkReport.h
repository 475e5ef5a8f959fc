#pragma once

#include <QElapsedTimer>
#include <QTextStream>

#include <vector>

namespace rd::bench {

// What every benchmark prints with: its streams and the figures it reports (medians of rounds,
// so that one slow round on a shared machine does not set the number).
class BenchmarkReport
{
public:
    static QTextStream &out();
    static QTextStream &err();
    // The middle value (the mean of the two middle ones for an even count); 0 when empty.
    static double median(std::vector<double> values);
    static double elapsedMs(const QElapsedTimer &timer);
};

} // namespace rd::bench
