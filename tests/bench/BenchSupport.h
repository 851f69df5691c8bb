#pragma once

// Shared by the benchmarks: waiting for a store's future, and the median of runs printed as one
// 'BENCH <name> <value> <unit>' line.

#include <QEventLoop>
#include <QFuture>
#include <QFutureWatcher>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace BenchSupport {

// Waits in an event loop that sleeps until the store's continuation arrives, as the app's does:
// a loop that polls would take a core from the store's worker threads.
template <typename T> T await(QFuture<T> future)
{
    QEventLoop loop;
    QFutureWatcher<T> watcher;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    return future.result();
}

inline double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

inline void report(const char* name, double value, const char* unit)
{
    std::printf("BENCH %s %.2f %s\n", name, value, unit);
    std::fflush(stdout);
}

} // namespace BenchSupport
