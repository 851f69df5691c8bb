// mint-bench-fill: fills an existing local vault with generated secrets for the benchmarks.
//   mint-bench-fill --vault PATH [--count N] [--prefix entry-]   (vault password: first line of
//   stdin)
// Names are <prefix><index> (zero-padded), values 32 random bytes as hex. Not a benchmark
// itself (scripts/bench runs bench_* only); it prints progress on stderr.

#include "SecretValue.h"
#include "crypto/Random.h"
#include "vault/LocalVaultStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMetaObject>

#include <cstdio>
#include <iostream>
#include <string>

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "mint-bench-fill: %s\n", qUtf8Printable(message));
    return 1;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fills a local vault with generated secrets."));
    parser.addHelpOption();
    const QCommandLineOption vaultOption(QStringLiteral("vault"), QStringLiteral("Vault file."),
                                         QStringLiteral("path"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Secrets to add."),
                                         QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption prefixOption(QStringLiteral("prefix"), QStringLiteral("Name prefix."),
                                          QStringLiteral("text"), QStringLiteral("entry-"));
    parser.addOptions({vaultOption, countOption, prefixOption});
    parser.process(app);
    bool ok = false;
    const int count = parser.value(countOption).toInt(&ok);
    if (!parser.isSet(vaultOption) || !ok || count < 0)
        return fail(QStringLiteral("usage: mint-bench-fill --vault PATH [--count N]"));

    std::string line;
    std::getline(std::cin, line);
    SecretValue password(QByteArrayView(line.data(), qsizetype(line.size())));
    std::fill(line.begin(), line.end(), '\0');

    LocalVaultStore store(parser.value(vaultOption));
    const QString prefix = parser.value(prefixOption);
    QElapsedTimer timer;
    int done = 0;
    int exitCode = 0;

    const auto finish = [&](int code) {
        exitCode = code;
        QCoreApplication::exit(code);
    };

    QMetaObject::invokeMethod(
        &app,
        [&] {
            timer.start();
            store.unlock(std::move(password)).then(&app, [&](const StoreResult<Done>& unlocked) {
                if (!unlocked.ok())
                    return finish(fail(unlocked.error().message()));
                std::fprintf(stderr, "mint-bench-fill: unlocked in %lld ms, adding %d secrets\n",
                             qint64(timer.restart()), count);
                if (count == 0)
                    return finish(0);
                for (int i = 0; i < count; ++i) {
                    const QString name =
                        prefix + QStringLiteral("%1").arg(i, 5, 10, QLatin1Char('0'));
                    store.create(name, SecretValue(Random::bytes(32).toHex()))
                        .then(&app, [&](const StoreResult<Secret>& created) {
                            if (exitCode != 0)
                                return;
                            if (!created.ok())
                                return finish(fail(created.error().message()));
                            if (++done == count) {
                                std::fprintf(stderr, "mint-bench-fill: added %d in %lld ms\n",
                                             count, qint64(timer.elapsed()));
                                finish(0);
                            }
                        });
                }
            });
        },
        Qt::QueuedConnection);
    app.exec();
    return exitCode;
}
