#include "BenchmarkReport.h"

#include <algorithm>

namespace rd::bench {

QTextStream &BenchmarkReport::out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &BenchmarkReport::err()
{
    static QTextStream stream(stderr);
    return stream;
}

double BenchmarkReport::median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

double BenchmarkReport::elapsedMs(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1.0e6;
}

} // namespace rd::bench
