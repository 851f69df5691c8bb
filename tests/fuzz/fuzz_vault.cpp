// A vault file from anywhere (a backup, a download, a damaged disk): the header, the key blob and
// every record through the real VaultEngine. Each input is written as a vault file, unlocked
// with the corpus password "fuzz-password", listed, searched and changed.
// Invariants: no crash, no hang, and nothing silently different: a record that is not reported
// damaged has an acceptable name, and looking that name up finds the same record.

#include "FuzzSupport.h"
#include "NameRules.h"
#include "vault/VaultEngine.h"

#include <QDir>
#include <QFile>

int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const QString path =
        QDir(FuzzSupport::scratchDir()).filePath(QStringLiteral("fuzz.mintvault"));
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly));
        file.write(reinterpret_cast<const char*>(data), qint64(size));
    }

    VaultEngine engine(path);
    if (!engine.unlock(SecretValue(QByteArrayView("fuzz-password"))).ok())
        return 0;
    StoreResult<QList<Secret>> secrets = engine.list();
    if (!secrets.ok())
        return 0;
    const SecretValue probe(QByteArrayView("fuzz-value"));
    int checked = 0;
    for (const Secret& secret : std::as_const(secrets.value())) {
        if (++checked > 8)
            break;
        (void)engine.matches(secret.id, probe);
        if (secret.damaged)
            continue;
        FUZZ_CHECK(NameRules::problem(secret.name).isEmpty());
        const StoreResult<Secret> found = engine.find(secret.name);
        if (found.ok())
            FUZZ_CHECK(NameRules::uniquenessKey(found.value().name)
                       == NameRules::uniquenessKey(secret.name));
    }
    if (!secrets.value().isEmpty()) {
        const Secret& first = secrets.value().first();
        (void)engine.update(first.id, first.version, QStringLiteral("renamed by the fuzzer"),
                            nullptr);
        const Secret& last = secrets.value().last();
        (void)engine.update(last.id, last.version, std::nullopt, &probe);
        (void)engine.remove(last.id, last.version + 1);
    }
    (void)engine.add(QStringLiteral("added by the fuzzer"), probe);
    (void)engine.list();
    return 0;
}
