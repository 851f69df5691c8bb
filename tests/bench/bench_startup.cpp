// bench_startup: process start to the first painted main window of mint-config on the offscreen
// platform, over an existing (locked) vault, so the unlock dialog start is what is measured; the
// KDF is not part of it. Prints the median of 7 runs after one warm-up, in English, then with the
// Norwegian translation loaded (the _nb figures):
//   BENCH startup_first_paint_ms <ms> ms          (seen from outside: spawn to "FIRST_PAINT")
//   BENCH startup_first_paint_inprocess_ms <ms> ms (main() to the first paint, from inside)

#include "TestSupport.h"
#include "vault/LocalVaultStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

namespace {

double median(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? 0 : values[values.size() / 2];
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    const QString exe =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(MINT_CONFIG_EXE);
    QTemporaryDir dir;
    const QString vault = dir.filePath(QStringLiteral("bench.mintvault"));
    {
        LocalVaultStore store(vault);
        const auto created = TestSupport::await(store.initialize(
            SecretValue::fromText(QStringLiteral("bench password")), TestSupport::fastKdf(), true));
        if (!created.ok()) {
            std::fprintf(stderr, "cannot create the vault\n");
            return 1;
        }
    }

    const QStringList args{QStringLiteral("--vault"), vault, QStringLiteral("--settings"),
                           dir.filePath(QStringLiteral("bench.ini"))};
    // Medians (outside, inside) of 7 runs after a warm-up, in the user interface language given.
    const auto measure = [&](const QString& language) -> std::pair<double, double> {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("MINT_BENCH_FIRST_PAINT"), QStringLiteral("1"));
        env.insert(QStringLiteral("LANGUAGE"), language);
        QList<double> outside;
        QList<double> inside;
        for (int run = 0; run < 8; ++run) {
            QProcess process;
            process.setProcessEnvironment(env);
            QElapsedTimer timer;
            timer.start();
            process.start(exe, args);
            QByteArray out;
            double seen = -1;
            while (seen < 0 && process.waitForReadyRead(30'000)) {
                out += process.readAllStandardOutput();
                if (out.contains("FIRST_PAINT") && out.endsWith('\n'))
                    seen = double(timer.nsecsElapsed()) / 1e6;
            }
            process.waitForFinished(30'000);
            out += process.readAllStandardOutput();
            const qsizetype at = out.indexOf("FIRST_PAINT ");
            if (seen < 0 || at < 0) {
                std::fprintf(stderr, "mint-config did not report its first paint: %s\n",
                             process.readAllStandardError().constData());
                std::exit(1);
            }
            if (run == 0)
                continue; // warm-up: page cache, font cache
            outside << seen;
            inside << out.mid(at + 12).split('\n').first().toDouble();
        }
        return {median(outside), median(inside)};
    };
    const auto [english, englishInside] = measure(QStringLiteral("en"));
    std::printf("BENCH startup_first_paint_ms %.1f ms\n", english);
    std::printf("BENCH startup_first_paint_inprocess_ms %.1f ms\n", englishInside);
    // The same with the Norwegian translation and Qt's own nb strings loaded.
    const auto [norwegian, norwegianInside] = measure(QStringLiteral("nb"));
    std::printf("BENCH startup_first_paint_nb_ms %.1f ms\n", norwegian);
    std::printf("BENCH startup_first_paint_nb_inprocess_ms %.1f ms\n", norwegianInside);
    return 0;
}
