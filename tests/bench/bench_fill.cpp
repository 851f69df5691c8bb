// mint-bench-fill: fills an existing local vault with generated secrets for the benchmarks.
//   mint-bench-fill --vault PATH [--count N] [--prefix entry-]   (vault password: first line of
//   stdin)
// Names are <prefix><index> (zero-padded), values 32 random bytes as hex, added in one
// transaction. Not a benchmark itself (scripts/bench runs bench_* only).

#include "SecretValue.h"
#include "crypto/Random.h"
#include "vault/VaultEngine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

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
    const SecretValue password(QByteArrayView(line.data(), qsizetype(line.size())));
    std::fill(line.begin(), line.end(), '\0');

    QElapsedTimer timer;
    timer.start();
    VaultEngine engine(parser.value(vaultOption));
    if (const auto unlocked = engine.unlock(password); !unlocked.ok())
        return fail(unlocked.error().message());
    QList<QString> names;
    std::vector<SecretValue> values;
    const QString prefix = parser.value(prefixOption);
    for (int i = 0; i < count; ++i) {
        names << prefix + QStringLiteral("%1").arg(i, 5, 10, QLatin1Char('0'));
        values.emplace_back(Random::bytes(32).toHex());
    }
    if (const auto added = engine.addAll(names, values); !added.ok())
        return fail(added.error().message());
    std::fprintf(stderr, "mint-bench-fill: added %d secrets in %lld ms\n", count,
                 qint64(timer.elapsed()));
    return 0;
}
