// mint-vault-writer: a test helper for tst_crashsafety, never installed. It writes to a local
// vault through the real VaultEngine in an endless random mix of creates (one, a few, or a big
// batch of 12-24 in one transaction), renames, value replacements, rename+replace, deletes and WAL
// checkpoints, and acknowledges each committed write on stdout, so that a test can kill it at any
// moment and check the vault against the acknowledgements.
//
// Usage: mint-vault-writer VAULT [--seed N] [--ops N] [--big-batch-now] [--ack-before-commit]
//                          [--unsafe-pragma SETTING] [--slow-writes MICROSECONDS]
//   The vault password is the first line of stdin (a fixed test password).
//   --seed N              the random mix and the names (default: random); values come from seeds
//   --ops N               stop after N operations (default 0: never)
//   --big-batch-now       start with a big batch (after deletes, if needed to make room)
//   --ack-before-commit   a deliberate bug for the test's negative control: updates, renames and
//                         deletes are acknowledged before they are written
//   --slow-writes US      a slow disk (Linux): every pwrite64(2), which is how SQLite writes,
//                         first waits US microseconds, so a kill can land between the writes of
//                         one commit (this executable exports its own pwrite64, which SQLite's
//                         unix VFS then calls; it forwards to the C library's)
//   --unsafe-pragma S     another deliberate fault: runs PRAGMA S (e.g. journal_mode = OFF) on
//                         the engine's own connection after unlocking (found by its name)
//
// stdout, one write(2) per line, each shorter than PIPE_BUF (so a line is in the pipe whole or
// not at all):
//   READY <count>         unlocked; the vault holds count secrets
//   BEGIN <op> <items>    about to write
//   ACK <op> <items>      committed (flushed to the pipe before the next write starts)
//   NACK <op>             not written (a name collision, a busy checkpoint)
//   FAIL <op> <code>      the write failed with StoreError code <code>; exit code 3 follows
// <op> is create, batch, rename, replace, both, delete or checkpoint; <items> is a comma-separated
// list of uuid:version:seed:name ("-" for a UUID not known yet, or a seed or name left unchanged).
// A value is never printed: only the seed it is derived from (crashTestValue below, which
// tst_crashsafety.cpp repeats). Names never contain ' ', ',' or ':'.
//
// Exit codes: 0 after --ops operations, 2 usage or unlock failure, 3 a write failed (the
// StoreError message, written for people, on stderr), 4 stdout was closed.

#include "CrashTestValue.h"
#include "NameRules.h"
#include "SecretValue.h"
#include "vault/VaultEngine.h"

#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QRandomGenerator64>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include <cerrno>
#include <optional>
#include <vector>

#include <unistd.h>

#if defined(__linux__) && defined(__GLIBC__)
#define MINT_SLOW_WRITES 1
#include <dlfcn.h>
#endif

namespace {
int slowWritesUs = 0;
} // namespace

#ifdef MINT_SLOW_WRITES
// Interposes the C library's pwrite64 for the whole process (the executable is linked with
// ENABLE_EXPORTS, so SQLite's reference resolves here first).
extern "C" ssize_t pwrite64(int fd, const void* buffer, size_t size, off64_t offset)
{
    using Pwrite = ssize_t (*)(int, const void*, size_t, off64_t);
    static const Pwrite next = reinterpret_cast<Pwrite>(::dlsym(RTLD_NEXT, "pwrite64"));
    if (slowWritesUs > 0)
        ::usleep(useconds_t(slowWritesUs));
    return next(fd, buffer, size, offset);
}
#endif

namespace {

constexpr int MaxSecrets = 60;
// tst_crashsafety recognises a batch of BigBatchMin or more and may kill inside its commit.
constexpr quint32 BigBatchMin = 12;
constexpr quint32 BigBatchMax = 24;

void writeLine(const QByteArray& line)
{
    const QByteArray out = line + '\n';
    qsizetype done = 0;
    while (done < out.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, out.constData() + done, size_t(out.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            ::_exit(4); // the test went away
        done += n;
    }
}

struct Entry {
    QUuid id;
    qint64 version = 0;
    QString name;
};

struct Item {
    QUuid id; // null: not known yet
    qint64 version = 0;
    std::optional<quint64> seed;
    QString name; // empty: unchanged
};

QByteArray itemsText(const QList<Item>& items)
{
    QByteArray out;
    for (const Item& item : items) {
        if (!out.isEmpty())
            out += ',';
        out += item.id.isNull() ? QByteArray("-") : item.id.toByteArray(QUuid::WithoutBraces);
        out += ':' + QByteArray::number(item.version) + ':';
        out += item.seed ? QByteArray::number(*item.seed) : QByteArray("-");
        out += ':';
        out += item.name.isEmpty() ? QByteArray("-") : item.name.toUtf8();
    }
    return out;
}

class Writer {
public:
    Writer(const QString& path, quint64 seed, bool ackBeforeCommit)
        : m_path(path)
        , m_engine(path)
        , m_random(seed)
        , m_ackBeforeCommit(ackBeforeCommit)
    {
    }

    ~Writer()
    {
        if (!m_checkpointConnection.isEmpty()) {
            QSqlDatabase::database(m_checkpointConnection, false).close();
            QSqlDatabase::removeDatabase(m_checkpointConnection);
        }
    }

    StoreError open(const SecretValue& password, const QString& unsafePragma)
    {
        if (StoreResult<Done> unlocked = m_engine.unlock(password); !unlocked.ok())
            return unlocked.error();
        if (!unsafePragma.isEmpty()) {
            // VaultEngine names its connection "mint-vault-<n>"; this process has one engine.
            const QStringList names =
                QSqlDatabase::connectionNames().filter(QRegularExpression(u"^mint-vault-\\d+$"_qs));
            QSqlQuery query(QSqlDatabase::database(names.value(0), false));
            if (names.size() != 1 || !query.exec(u"PRAGMA "_qs + unsafePragma))
                return StoreError(StoreError::Code::Io, u"--unsafe-pragma failed"_qs);
        }
        const StoreResult<QList<Secret>> listed = m_engine.list();
        if (!listed.ok())
            return listed.error();
        for (const Secret& secret : listed.value()) {
            if (secret.damaged)
                return StoreError(StoreError::Code::DamagedRecord);
            m_secrets.append({secret.id, secret.version, secret.name});
            m_names.insert(NameRules::uniquenessKey(secret.name));
        }
        writeLine("READY " + QByteArray::number(m_secrets.size()));
        return {};
    }

    // One random operation; an error when a write failed.
    StoreError step()
    {
        const qsizetype count = m_secrets.size();
        const bool roomForBigBatch = count + qsizetype(BigBatchMax) <= MaxSecrets;
        if (m_bigBatchNow) { // make room (deletes), then the big batch
            if (!roomForBigBatch)
                return remove();
            m_bigBatchNow = false;
            return create(BigBatchMin + int(m_random.bounded(BigBatchMax - BigBatchMin + 1)));
        }
        const quint32 roll = m_random.bounded(100u);
        if (count == 0)
            return create(1);
        // Above 40 secrets deletes take over, so the size hovers around 40 and big batches
        // still find room now and then.
        if (count > 40 && roll < 40)
            return remove();
        if (count < MaxSecrets && roll < 20)
            return create(1);
        if (count + 4 <= MaxSecrets && roll < 24)
            return create(2 + int(m_random.bounded(3u)));
        // A big transaction: many pages written at commit, so a kill can land between them.
        if (roomForBigBatch && roll < 28)
            return create(BigBatchMin + int(m_random.bounded(BigBatchMax - BigBatchMin + 1)));
        if (roll < 30)
            return checkpoint();
        if (roll < 47)
            return update("rename", true, false);
        if (roll < 65)
            return update("replace", false, true);
        if (roll < 83)
            return update("both", true, true);
        return remove();
    }

    // The next operation is a big batch (after deletes that make room for it).
    void bigBatchNow() { m_bigBatchNow = true; }

private:
    QString freshName()
    {
        for (;;) {
            const quint32 n = quint32(m_random.generate());
            const QString name =
                (n % 4 == 0 ? u"nøkkel-%1"_qs : u"s-%1"_qs).arg(n >> 2, 8, 16, QLatin1Char('0'));
            if (!m_names.contains(NameRules::uniquenessKey(name)))
                return name;
        }
    }

    StoreError failed(const char* op, const StoreError& error)
    {
        writeLine("FAIL " + QByteArray(op) + ' ' + QByteArray::number(int(error.code())));
        return error;
    }

    StoreError create(int count)
    {
        const char* op = count == 1 ? "create" : "batch";
        QList<Item> items;
        QList<QString> names;
        std::vector<SecretValue> values;
        for (int i = 0; i < count; ++i) {
            Item item{{}, 1, m_random.generate(), freshName()};
            names.append(item.name);
            values.push_back(crashTestValue(*item.seed));
            m_names.insert(NameRules::uniquenessKey(item.name)); // no duplicate inside a batch
            items.append(item);
        }
        writeLine("BEGIN " + QByteArray(op) + ' ' + itemsText(items));
        StoreResult<QList<Secret>> added;
        if (count == 1) {
            StoreResult<Secret> one = m_engine.add(names.first(), values.front());
            added = one.ok() ? StoreResult<QList<Secret>>(QList<Secret>{one.value()})
                             : StoreResult<QList<Secret>>(one.error());
        } else {
            added = m_engine.addAll(names, values);
        }
        if (!added.ok()) {
            for (const QString& name : names)
                m_names.remove(NameRules::uniquenessKey(name));
            if (added.error().code() == StoreError::Code::NameTaken) {
                writeLine("NACK " + QByteArray(op));
                return {};
            }
            return failed(op, added.error());
        }
        for (qsizetype i = 0; i < items.size(); ++i) {
            const Secret& secret = added.value().at(i);
            items[i].id = secret.id;
            m_secrets.append({secret.id, secret.version, secret.name});
        }
        writeLine("ACK " + QByteArray(op) + ' ' + itemsText(items));
        return {};
    }

    StoreError update(const char* op, bool rename, bool replace)
    {
        Entry& entry = m_secrets[qsizetype(m_random.bounded(quint32(m_secrets.size())))];
        Item item{entry.id, entry.version + 1, std::nullopt, {}};
        if (rename)
            item.name = freshName();
        std::optional<SecretValue> value;
        if (replace) {
            item.seed = m_random.generate();
            value = crashTestValue(*item.seed);
        }
        const QByteArray text = QByteArray(op) + ' ' + itemsText({item});
        writeLine("BEGIN " + text);
        if (m_ackBeforeCommit)
            writeLine("ACK " + text);
        const StoreResult<Secret> updated = m_engine.update(
            entry.id, entry.version, rename ? std::optional<QString>(item.name) : std::nullopt,
            value ? &*value : nullptr);
        if (!updated.ok()) {
            if (updated.error().code() == StoreError::Code::NameTaken) {
                writeLine("NACK " + QByteArray(op));
                return {};
            }
            return failed(op, updated.error());
        }
        if (rename) {
            m_names.remove(NameRules::uniquenessKey(entry.name));
            m_names.insert(NameRules::uniquenessKey(item.name));
            entry.name = item.name;
        }
        entry.version = updated.value().version;
        if (!m_ackBeforeCommit)
            writeLine("ACK " + text);
        return {};
    }

    StoreError remove()
    {
        const qsizetype index = qsizetype(m_random.bounded(quint32(m_secrets.size())));
        const Entry entry = m_secrets.at(index);
        const QByteArray text = "delete " + itemsText({{entry.id, entry.version, {}, {}}});
        writeLine("BEGIN " + text);
        if (m_ackBeforeCommit)
            writeLine("ACK " + text);
        if (const StoreResult<Done> removed = m_engine.remove(entry.id, entry.version);
            !removed.ok())
            return failed("delete", removed.error());
        m_names.remove(NameRules::uniquenessKey(entry.name));
        m_secrets.removeAt(index);
        if (!m_ackBeforeCommit)
            writeLine("ACK " + text);
        return {};
    }

    // A full checkpoint that also truncates the WAL, through a second connection, as SQLite's
    // automatic checkpoints do now and then: a kill may land while pages move into the main file.
    StoreError checkpoint()
    {
        if (m_checkpointConnection.isEmpty()) {
            m_checkpointConnection = u"mint-vault-writer-checkpoint"_qs;
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, m_checkpointConnection);
            db.setDatabaseName(m_path);
            db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_qs);
            db.open();
        }
        writeLine("BEGIN checkpoint");
        QSqlQuery query(QSqlDatabase::database(m_checkpointConnection, false));
        // Row (busy, log, checkpointed); it changes no content, so a failure is only noted.
        if (!query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_qs) || !query.next()
            || query.value(0).toInt() != 0) {
            writeLine("NACK checkpoint");
            return {};
        }
        writeLine("ACK checkpoint");
        return {};
    }

    QString m_path;
    VaultEngine m_engine;
    QRandomGenerator64 m_random;
    bool m_ackBeforeCommit = false;
    bool m_bigBatchNow = false;
    QList<Entry> m_secrets;
    QSet<QString> m_names; // uniqueness keys
    QString m_checkpointConnection;
};

void usage()
{
    std::fputs("usage: mint-vault-writer VAULT [--seed N] [--ops N] [--big-batch-now]\n"
               "                         [--ack-before-commit] [--unsafe-pragma SETTING]\n"
               "                         [--slow-writes MICROSECONDS]\n"
               "       (the vault password is the first line of stdin)\n",
               stderr);
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = QCoreApplication::arguments().mid(1);
    QString path;
    quint64 seed = QRandomGenerator::system()->generate64();
    qint64 ops = 0;
    bool ackBeforeCommit = false;
    bool bigBatchNow = false;
    QString unsafePragma;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        bool ok = true;
        if (arg == u"--seed" && i + 1 < args.size())
            seed = args.at(++i).toULongLong(&ok);
        else if (arg == u"--ops" && i + 1 < args.size())
            ops = args.at(++i).toLongLong(&ok);
        else if (arg == u"--ack-before-commit")
            ackBeforeCommit = true;
        else if (arg == u"--big-batch-now")
            bigBatchNow = true;
#ifdef MINT_SLOW_WRITES
        else if (arg == u"--slow-writes" && i + 1 < args.size())
            slowWritesUs = args.at(++i).toInt(&ok);
#endif
        else if (arg == u"--unsafe-pragma" && i + 1 < args.size())
            unsafePragma = args.at(++i);
        else if (path.isEmpty() && !arg.startsWith(u'-'))
            path = arg;
        else
            ok = false;
        if (!ok) {
            usage();
            return 2;
        }
    }
    if (path.isEmpty()) {
        usage();
        return 2;
    }

    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        usage();
        return 2;
    }
    QByteArray line = input.readLine(4096);
    if (line.endsWith('\n'))
        line.chop(1);
    const SecretValue password{QByteArrayView(line)};
    line.fill('\0');

    Writer writer(path, seed, ackBeforeCommit);
    if (bigBatchNow)
        writer.bigBatchNow();
    if (StoreError error = writer.open(password, unsafePragma); error.isError()) {
        std::fprintf(stderr, "mint-vault-writer: %s\n", qUtf8Printable(error.message()));
        return 2;
    }
    for (qint64 done = 0; ops == 0 || done < ops; ++done) {
        if (StoreError error = writer.step(); error.isError()) {
            std::fprintf(stderr, "mint-vault-writer: %s\n", qUtf8Printable(error.message()));
            return 3;
        }
    }
    return 0;
}
