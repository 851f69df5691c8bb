// Remote-backend figures against mint-config-server over HTTPS on loopback, seeded with 10,000
// secrets (targets in parentheses):
//   remote_full_sync_10k_ms      sign-in (token, /me) and full sync of every page (≤ 2000 ms)
//   remote_refresh_noop_10k_ms   a refresh when nothing changed: one changes request (≤ 20 ms)
//   remote_create_10k_ms         one create round trip: seal, POST, 201, secretAdded (≤ 20 ms)
//   remote_cache_open_10k_ms     a new store showing the cached metadata (open(), offline)
// Each is the median of several runs. Usage: bench_remote [count] (default 10000).

#include "BenchSupport.h"
#include "ServerTestSupport.h"
// clang-format off
#include "RemoteTestSupport.h"
// clang-format on

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

namespace {

using BenchSupport::await;
using BenchSupport::median;
using BenchSupport::report;

const QString Admin = QStringLiteral("bench-admin");

// One refresh, until the store reports it finished.
void refreshAndWait(RemoteApiStore& store)
{
    QEventLoop loop;
    const auto connection = QObject::connect(&store, &SecretStore::statusChanged, &loop, [&] {
        if (!store.isSyncing())
            loop.quit();
    });
    store.refresh();
    if (store.isSyncing())
        loop.exec();
    QObject::disconnect(connection);
}

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 10'000;
    const QByteArray label =
        QByteArray::number(count >= 1000 ? count / 1000 : count) + (count >= 1000 ? "k" : "");

    ServerTestSupport::ServerProcess server;
    if (!server.start({QStringLiteral("--add-client"), Admin + QStringLiteral(":Mint Admin"),
                       QStringLiteral("--seed-secrets"), QString::number(count)}))
        qFatal("mint-config-server did not start");
    const RemoteProfile profile = RemoteTestSupport::profileFor(server, Admin);

    // Full sync: a new store with an empty cache each run.
    std::vector<double> syncs;
    for (int run = 0; run < 5; ++run) {
        QTemporaryDir cache;
        RemoteApiStore store(profile, cache.path());
        store.setRefreshInterval(0);
        QElapsedTimer timer;
        timer.start();
        const auto result = await(store.signIn(RemoteTestSupport::secretOf(server, Admin)));
        syncs.push_back(msSince(timer));
        if (!result.ok())
            qFatal("sign-in failed: %s", qUtf8Printable(result.error().message()));
        if (await(store.list()).value().size() != count)
            qFatal("the full sync missed secrets");
    }
    report(("remote_full_sync_" + label + "_ms").constData(), median(syncs), "ms");

    QTemporaryDir cache;
    {
        RemoteApiStore store(profile, cache.path());
        store.setRefreshInterval(0);
        if (!await(store.signIn(RemoteTestSupport::secretOf(server, Admin))).ok())
            qFatal("sign-in failed");

        std::vector<double> refreshes;
        for (int run = 0; run < 31; ++run) {
            QElapsedTimer timer;
            timer.start();
            refreshAndWait(store);
            if (run > 0) // the first one warms the connection
                refreshes.push_back(msSince(timer));
            if (store.connectivity() != SecretStore::Connectivity::Online)
                qFatal("refresh failed");
        }
        report(("remote_refresh_noop_" + label + "_ms").constData(), median(refreshes), "ms");

        std::vector<double> creates;
        for (int run = 0; run < 21; ++run) {
            SecretValue value(QByteArray(40, char('a' + run % 26)));
            QElapsedTimer timer;
            timer.start();
            const auto created =
                await(store.create(QStringLiteral("Bench create %1").arg(run), std::move(value)));
            if (run > 0) // the first one fetches the sealing key
                creates.push_back(msSince(timer));
            if (!created.ok())
                qFatal("create failed: %s", qUtf8Printable(created.error().message()));
        }
        report(("remote_create_" + label + "_ms").constData(), median(creates), "ms");
    } // the store writes its cache when destroyed

    // What the window shows at once when a connection opens: the cache, before any request.
    std::vector<double> opens;
    for (int run = 0; run < 11; ++run) {
        RemoteApiStore cached(profile, cache.path());
        qsizetype shown = 0;
        QObject::connect(&cached, &SecretStore::secretsReset,
                         [&shown](const QList<Secret>& secrets) { shown = secrets.size(); });
        QElapsedTimer timer;
        timer.start();
        cached.open();
        opens.push_back(msSince(timer));
        if (shown != count + 21)
            qFatal("the cache held %lld secrets", qlonglong(shown));
    }
    report(("remote_cache_open_" + label + "_ms").constData(), median(opens), "ms");
    return 0;
}
