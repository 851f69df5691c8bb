// Local-vault figures at 100,000 secrets (KDF excluded: the vault uses scrypt N = 2^10):
//   vault_open_list_100k_ms     unlock + list + decrypt every name + load the table model
//   filter_keystroke_100k_ms    one keystroke in the search field (proxy refilter and sort)
//   add_commit_100k_ms          one create committed to a 100k vault
//   update_commit_100k_ms       one value replacement committed to a 100k vault
//   rss_100k_mb                 resident memory with the 100k rows loaded in model and proxy
// Each is the median of several runs. Usage: bench_vault [count] (default 100000).
//   vault_open_list_sorted_100k_ms  the same, plus the first sort by name in the proxy

#include "BenchSupport.h"
#include "SecretsProxyModel.h"
#include "SecretsTableModel.h"
#include "crypto/Random.h"
#include "vault/LocalVaultStore.h"
#include "vault/VaultEngine.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>

namespace {

using BenchSupport::await;
using BenchSupport::median;
using BenchSupport::report;

double rssMb()
{
    QFile status(u"/proc/self/status"_qs);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

const SecretValue& password()
{
    static const SecretValue pw(QByteArrayView("benchmark password"));
    return pw;
}

// Fills a new vault with count secrets of 40-byte values, in batches of one transaction each.
void fill(const QString& path, int count)
{
    KdfParams kdf;
    kdf.n = 1024;
    kdf.salt = Random::bytes(Kdf::SaltSize);
    VaultEngine engine(path);
    if (!engine.create(password(), kdf).ok())
        qFatal("could not create the benchmark vault");
    constexpr int Batch = 5000;
    for (int start = 0; start < count; start += Batch) {
        QList<QString> names;
        std::vector<SecretValue> values;
        for (int i = start; i < std::min(count, start + Batch); ++i) {
            names << u"Service %1 API key"_qs.arg(i, 6, 10, QLatin1Char('0'));
            values.push_back(Random::secret(40));
        }
        if (!engine.addAll(names, values).ok())
            qFatal("could not fill the benchmark vault");
    }
}

// What the main window holds: the unlocked vault, its model and the sorted proxy.
struct Window {
    explicit Window(const QString& path)
        : store(path)
    {
        proxy.setSourceModel(&model);
        proxy.sort(SecretsTableModel::NameColumn);
        model.setStore(&store);
        if (!await(store.unlock(password().clone())).ok() || !await(store.list()).ok())
            qFatal("could not open the benchmark vault");
    }
    LocalVaultStore store;
    SecretsTableModel model;
    SecretsProxyModel proxy;
};

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 4 || args[1] != u"--measure") {
        // Fill a vault here, then measure in a fresh process so that the memory figure is not
        // inflated by what filling allocated.
        const int count = args.size() > 1 ? args[1].toInt() : 100'000;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bench.mintvault"_qs);
        fill(path, count);
        QProcess measure;
        measure.setProcessChannelMode(QProcess::ForwardedChannels);
        measure.start(app.applicationFilePath(), {u"--measure"_qs, path, QString::number(count)});
        measure.waitForFinished(-1);
        return measure.exitCode();
    }
    const QString path = args[2];
    const int count = args[3].toInt();
    const QByteArray label =
        QByteArray::number(count >= 1000 ? count / 1000 : count) + (count >= 1000 ? "k" : "");

    // Resident memory with everything loaded into the model and the sorted proxy, measured
    // first: the timed runs below would leave freed heap behind.
    {
        const Window window(path);
        if (window.proxy.rowCount() != count)
            qFatal("the proxy did not show every secret");
        report(("rss_" + label + "_mb").constData(), rssMb(), "MB");
    }

    // Open + decrypt into the model, and into the sorted proxy the window shows.
    std::vector<double> openTimes;
    std::vector<double> sortedTimes;
    for (int run = 0; run < 7; ++run) {
        QElapsedTimer timer;
        timer.start();
        LocalVaultStore store(path);
        SecretsTableModel model;
        model.setStore(&store);
        if (!await(store.unlock(password().clone())).ok() || !await(store.list()).ok())
            qFatal("could not open the benchmark vault");
        if (model.rowCount() != count)
            qFatal("the model did not load every secret");
        openTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
        SecretsProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.sort(SecretsTableModel::NameColumn);
        sortedTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    report(("vault_open_list_" + label + "_ms").constData(), median(openTimes), "ms");
    report(("vault_open_list_sorted_" + label + "_ms").constData(), median(sortedTimes), "ms");

    Window window(path);
    LocalVaultStore& store = window.store;
    SecretsProxyModel& proxy = window.proxy;

    // Typing "api 0421" and deleting it again, one keystroke at a time.
    std::vector<double> keyTimes;
    const QString typed = u"api 0421"_qs;
    QStringList steps;
    for (qsizetype i = 1; i <= typed.size(); ++i)
        steps << typed.left(i);
    for (qsizetype i = typed.size() - 1; i >= 0; --i)
        steps << typed.left(i);
    for (int round = 0; round < 3; ++round) {
        for (const QString& text : steps) {
            QElapsedTimer timer;
            timer.start();
            proxy.setSearchText(text);
            proxy.rowCount(); // the proxy maps lazily: make it do the work
            keyTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
    }
    report(("filter_keystroke_" + label + "_ms").constData(), median(keyTimes), "ms");
    report(("filter_keystroke_" + label + "_worst_ms").constData(),
           *std::max_element(keyTimes.begin(), keyTimes.end()), "ms");

    // Commits on the full vault.
    std::vector<double> addTimes;
    std::vector<double> updateTimes;
    for (int i = 0; i < 31; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto added = await(store.create(u"bench added %1"_qs.arg(i), Random::secret(40)));
        addTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!added.ok())
            qFatal("add failed");
        timer.restart();
        const auto updated = await(store.update(added.value().id, added.value().version,
                                                std::nullopt, Random::secret(40)));
        updateTimes.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!updated.ok())
            qFatal("update failed");
    }
    report(("add_commit_" + label + "_ms").constData(), median(addTimes), "ms");
    report(("update_commit_" + label + "_ms").constData(), median(updateTimes), "ms");
    return 0;
}
