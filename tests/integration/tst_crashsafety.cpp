// Crash safety of the local vault (DESIGN §3 rule 5: "a crash at any moment loses at most the
// write in flight"), proven on real files with the real VaultEngine in another process.
//
// killedWriterLosesAtMostTheWriteInFlight: mint-vault-writer writes to one vault in a random mix
// (create, batch create, big batch create, rename, replace, rename+replace, delete, WAL
// checkpoint) and acknowledges each commit on stdout. Each of 200 cycles kills it with SIGKILL:
// while it starts, right after an acknowledgement, in the middle of a big commit (its disk slowed
// down, the kill placed after the k-th write), or at a random time; then the vault is reopened
// here and checked against a model of every acknowledged write, kept across cycles: it opens,
// integrity_check is "ok", no record is damaged, every secret has exactly its acknowledged
// version, name and value (VaultEngine::matches) and its name index leads to it, nothing is
// missing, nothing exists that the writer never started; the one write in flight (BEGIN without
// ACK) is either absent or complete.
// diskFull, diskFullOnSmallTmpfs: the writer under RLIMIT_FSIZE (EFBIG), and on a small tmpfs
// (ENOSPC, where a user namespace allows mounting one), runs out of space; it must stop with a
// sentence for people (no raw SQLite text) and exit 3, the vault must hold every acknowledged write
// and nothing of the failed one, and writing must go on once there is room again.
// checkerCatchesAckBeforeCommit, checkerCatchesTornCommits: the negative controls. A writer that
// acknowledges before it commits, and commits without a journal (torn by the kill), must be
// caught, or the checks above prove nothing.
//
// MINT_CRASH_SEED=N replays a run's random choices (kill modes and points, the writer's mix); the
// seed is logged first. MINT_CRASH_CYCLES=N changes the number of kill cycles (default 200);
// MINT_CRASH_WRITER_ARGS adds writer arguments (e.g. "--unsafe-pragma journal_mode=OFF").

#include "CrashTestValue.h"
#include "TestSupport.h"
#include "vault/VaultEngine.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator64>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdlib>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

namespace {

const QByteArray Password = "crash-test-password";

// One item of a BEGIN or ACK line: uuid:version:seed:name, "-" for unknown or unchanged.
struct Item {
    QUuid id;
    qint64 version = 0;
    std::optional<quint64> seed;
    QString name;
};

struct Op {
    QByteArray kind; // create, batch, rename, replace, both, delete, checkpoint
    QList<Item> items;
};

struct Expected {
    QString name;
    qint64 version = 0;
    quint64 seed = 0;
};
using Model = QHash<QUuid, Expected>;

// A vault under test and what it must hold.
struct Vault {
    QString path;
    Model model;
    QSet<QUuid> deleted;
};

// When a cycle kills the writer (see killCycle()).
enum class KillAt { Start, AfterAck, InBigBatch, Loop };

// What one run of the writer printed, and how it ended.
struct Run {
    QList<Op> acked;
    std::optional<Op> inFlight; // BEGIN without ACK, NACK or FAIL
    std::optional<qsizetype> readyCount;
    bool failed = false; // a FAIL line
    QByteArray failLine;
    QProcess::ExitStatus exitStatus = QProcess::NormalExit;
    int exitCode = 0;
    QByteArray errors; // stderr
};

struct Stats {
    int cycles = 0;
    int beforeReady = 0;      // killed while starting or unlocking
    int inWrite = 0;          // killed between BEGIN and ACK
    int committedUnacked = 0; // ... and the write had committed
    int inBigBatch = 0;       // killed between BEGIN and ACK of a batch of 12 or more
    int bigBatchCommitted = 0;
    int bigBatchTorn = 0; // ... after its commit had begun to write, and it had not committed
    int acked = 0;        // acknowledged writes, checkpoints excluded
    int checkpoints = 0;
};

std::optional<Op> parseOp(QByteArrayView kind, QByteArrayView itemsText)
{
    Op op;
    op.kind = kind.toByteArray();
    if (op.kind == "checkpoint")
        return op;
    for (const QByteArray& text : itemsText.toByteArray().split(',')) {
        const QList<QByteArray> fields = text.split(':');
        if (fields.size() != 4)
            return std::nullopt;
        Item item;
        if (fields[0] != "-") {
            item.id = QUuid::fromString(QLatin1String(fields[0]));
            if (item.id.isNull())
                return std::nullopt;
        }
        bool ok = false;
        item.version = fields[1].toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        if (fields[2] != "-") {
            item.seed = fields[2].toULongLong(&ok);
            if (!ok)
                return std::nullopt;
        }
        if (fields[3] != "-")
            item.name = QString::fromUtf8(fields[3]);
        op.items.append(item);
    }
    return op;
}

// Reads the complete lines of out (a kill may cut the last one short: it then does not count).
QStringList parse(const QByteArray& out, Run& run)
{
    QStringList problems;
    QList<QByteArray> lines = out.split('\n');
    lines.removeLast(); // the text after the last newline: empty, or a line cut short
    for (const QByteArray& line : lines) {
        const QList<QByteArray> words = line.split(' ');
        const QByteArray& tag = words.first();
        if (tag == "READY" && words.size() == 2) {
            run.readyCount = words[1].toLongLong();
        } else if (tag == "BEGIN" && words.size() >= 2) {
            if (run.inFlight)
                problems << u"BEGIN while another write was in flight: %1"_qs.arg(
                    QString::fromUtf8(line));
            run.inFlight = parseOp(words[1], words.size() > 2 ? words[2] : QByteArrayView());
            if (!run.inFlight)
                problems << u"unreadable line: %1"_qs.arg(QString::fromUtf8(line));
        } else if (tag == "ACK" && words.size() >= 2) {
            const std::optional<Op> op =
                parseOp(words[1], words.size() > 2 ? words[2] : QByteArrayView());
            if (!op || !run.inFlight || run.inFlight->kind != op->kind)
                problems << u"ACK without its BEGIN: %1"_qs.arg(QString::fromUtf8(line));
            else
                run.acked.append(*op);
            run.inFlight.reset();
        } else if ((tag == "NACK" || tag == "FAIL") && words.size() >= 2) {
            run.inFlight.reset(); // not written: the vault must not show it
            if (tag == "FAIL") {
                run.failed = true;
                run.failLine = line;
            }
        } else {
            problems << u"unreadable line: %1"_qs.arg(QString::fromUtf8(line));
        }
    }
    return problems;
}

// Applies one acknowledged (or committed) write to the model.
QStringList apply(Vault& vault, const Op& op)
{
    QStringList problems;
    const bool create = op.kind == "create" || op.kind == "batch";
    for (const Item& item : op.items) {
        const QString id = item.id.toString(QUuid::WithoutBraces);
        if (create) {
            if (item.id.isNull() || vault.model.contains(item.id) || vault.deleted.contains(item.id)
                || !item.seed || item.name.isEmpty() || item.version != 1)
                problems << u"create of %1 does not fit the model"_qs.arg(id);
            else
                vault.model.insert(item.id, {item.name, 1, *item.seed});
            continue;
        }
        const auto it = vault.model.find(item.id);
        if (op.kind == "delete") {
            if (it == vault.model.end() || it->version != item.version) {
                problems << u"delete of %1 v%2 does not fit the model"_qs.arg(id).arg(item.version);
            } else {
                vault.model.erase(it);
                vault.deleted.insert(item.id);
            }
            continue;
        }
        if (it == vault.model.end() || it->version + 1 != item.version) {
            problems << u"%1 of %2 v%3 does not fit the model"_qs.arg(QLatin1String(op.kind), id)
                            .arg(item.version);
            continue;
        }
        it->version = item.version;
        if (!item.name.isEmpty())
            it->name = item.name;
        if (item.seed)
            it->seed = *item.seed;
    }
    return problems;
}

// Differences between what the vault holds and model; empty when they agree exactly.
QStringList compare(VaultEngine& engine, const QList<Secret>& listed, const Model& model,
                    const QSet<QUuid>& deleted)
{
    QStringList problems;
    QSet<QUuid> seen;
    for (const Secret& secret : listed) {
        const QString id = secret.id.toString(QUuid::WithoutBraces);
        seen.insert(secret.id);
        if (secret.damaged) {
            problems << u"%1: damaged record (name does not open)"_qs.arg(id);
            continue;
        }
        const auto it = model.constFind(secret.id);
        if (it == model.cend()) {
            problems << (deleted.contains(secret.id)
                             ? u"%1: deleted (acknowledged) but present"_qs.arg(id)
                             : u"%1 \"%2\": never started by the writer"_qs.arg(id, secret.name));
            continue;
        }
        if (secret.version != it->version)
            problems
                << u"%1: version %2, expected %3"_qs.arg(id).arg(secret.version).arg(it->version);
        if (secret.name != it->name)
            problems << u"%1: name \"%2\", expected \"%3\""_qs.arg(id, secret.name, it->name);
        const StoreResult<bool> same = engine.matches(secret.id, crashTestValue(it->seed));
        if (!same.ok())
            problems << u"%1: value unreadable: %2"_qs.arg(id, same.error().message());
        else if (!same.value())
            problems << u"%1: value is not the one of seed %2"_qs.arg(id).arg(it->seed);
        // The blind index must point at the same row as the sealed name.
        const StoreResult<Secret> found = engine.find(secret.name);
        if (!found.ok() || found.value().id != secret.id)
            problems << u"%1: name index does not lead to it"_qs.arg(id);
    }
    for (auto it = model.cbegin(); it != model.cend(); ++it) {
        if (!seen.contains(it.key()))
            problems << u"%1 (\"%2\" v%3): missing"_qs
                            .arg(it.key().toString(QUuid::WithoutBraces), it->name)
                            .arg(it->version);
    }
    return problems;
}

QStringList integrityCheck(const QString& path)
{
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, u"crash-integrity"_qs);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_qs);
        if (!db.open())
            return {u"integrity_check: the file does not open"_qs};
        QSqlQuery query(db);
        if (!query.exec(u"PRAGMA integrity_check"_qs))
            rows << u"integrity_check did not run"_qs;
        while (query.next())
            rows << query.value(0).toString();
    }
    QSqlDatabase::removeDatabase(u"crash-integrity"_qs);
    return rows == QStringList{u"ok"_qs} ? QStringList()
                                         : QStringList{u"integrity_check: "_qs + rows.join(u"; ")};
}

// Opens the vault as the app does and checks it against the model and the write in flight. On
// success the model takes the in-flight write if it committed.
QStringList verify(Vault& vault, const std::optional<Op>& inFlight, Stats* stats,
                   bool* committed = nullptr)
{
    VaultEngine engine(vault.path);
    if (const StoreResult<Done> unlocked = engine.unlock(SecretValue(QByteArrayView(Password)));
        !unlocked.ok())
        return {u"the vault does not open: "_qs + unlocked.error().message()};
    QStringList problems = integrityCheck(vault.path);
    const StoreResult<QList<Secret>> listed = engine.list();
    if (!listed.ok())
        return problems << u"list failed: "_qs + listed.error().message();

    const QStringList before = compare(engine, listed.value(), vault.model, vault.deleted);
    if (before.isEmpty())
        return problems; // the write in flight, if any, did not commit
    if (!inFlight || inFlight->kind == "checkpoint")
        return problems + before;

    // Did the write in flight commit, completely? A create's UUID was not known yet: take it
    // from the secret of that name that the model does not know.
    Op written = *inFlight;
    for (Item& item : written.items) {
        if (!item.id.isNull())
            continue;
        for (const Secret& secret : listed.value()) {
            if (!vault.model.contains(secret.id) && secret.name == item.name)
                item.id = secret.id;
        }
        if (item.id.isNull())
            item.id = QUuid::createUuid(); // not there: reported as missing below
    }
    Vault after = vault;
    if (QStringList wrong = apply(after, written); !wrong.isEmpty())
        return problems + wrong;
    const QStringList afterProblems = compare(engine, listed.value(), after.model, after.deleted);
    if (!afterProblems.isEmpty()) {
        problems << u"neither the state before nor after the write in flight (%1):"_qs.arg(
            QLatin1String(inFlight->kind));
        return problems + before + QStringList{u"-- against the state after it:"_qs}
               + afterProblems;
    }
    if (stats)
        ++stats->committedUnacked;
    if (committed)
        *committed = true;
    vault.model = after.model;
    vault.deleted = after.deleted;
    return problems;
}

} // namespace

class TestCrashSafety final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    quint64 m_seed = 0;
    QRandomGenerator64 m_random;
    Vault m_vault;

    static QByteArray readLimited(QByteArray text, qsizetype max = 2000)
    {
        return text.size() > max ? text.left(max) + "..." : text;
    }

    // Starts the writer on vault; rlimitFsize > 0 sets RLIMIT_FSIZE in the child.
    static void start(QProcess& writer, const Vault& vault, quint64 seed,
                      const QStringList& extra = {}, rlim_t rlimitFsize = 0)
    {
        writer.setProgram(QStringLiteral(MINT_VAULT_WRITER_PATH));
        writer.setArguments(QStringList{vault.path, u"--seed"_qs, QString::number(seed)} + extra);
        if (rlimitFsize > 0) {
            writer.setChildProcessModifier([rlimitFsize] {
                // Between fork and exec: async-signal-safe calls only. SIGXFSZ ignored, so a
                // write past the limit fails with EFBIG instead of killing the writer.
                struct sigaction ignore;
                std::memset(&ignore, 0, sizeof ignore);
                ignore.sa_handler = SIG_IGN;
                ::sigaction(SIGXFSZ, &ignore, nullptr);
                const struct rlimit limit = {rlimitFsize, rlimitFsize};
                ::setrlimit(RLIMIT_FSIZE, &limit);
            });
        }
        writer.start();
        if (!writer.waitForStarted(30'000))
            qFatal("mint-vault-writer did not start");
        writer.write(Password + '\n');
        writer.closeWriteChannel();
    }

    // Reads the writer's stdout into out until until() holds, it exits, or ms have passed.
    template <typename Until>
    static void pump(QProcess& writer, QByteArray& out, int ms, Until until)
    {
        QDeadlineTimer deadline(ms);
        while (!until() && writer.state() != QProcess::NotRunning && !deadline.hasExpired()) {
            writer.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
            out += writer.readAllStandardOutput();
        }
    }

    static Run finish(QProcess& writer, QByteArray& out, QStringList& problems)
    {
        // (waitForFinished() is false for a process that has already ended.)
        if (writer.state() != QProcess::NotRunning && !writer.waitForFinished(30'000))
            qFatal("mint-vault-writer did not end");
        out += writer.readAllStandardOutput();
        Run run;
        problems += parse(out, run);
        run.exitStatus = writer.exitStatus();
        run.exitCode = writer.exitCode();
        run.errors = writer.readAllStandardError();
        return run;
    }

    // One kill cycle on vault; returns the problems found (empty: all is well).
    QStringList killCycle(Vault& vault, Stats* stats, const QStringList& extra = {},
                          std::optional<KillAt> force = std::nullopt)
    {
        const quint64 writerSeed = m_random.generate();
        // When to kill: one cycle in ten while the writer starts, unlocks and recovers the WAL
        // (0-39 ms after the start); one in five right after it acknowledges an update, rename or
        // delete (the moment an acknowledgement given too early would show); one in five
        // after it begins a big batch (12 or more creates in one transaction: the commit writes
        // many pages, and a kill between them would tear it), in the middle of its commit; else
        // 5-150 ms into the write loop.
        const quint32 mode = m_random.bounded(10u);
        const KillAt killAt = force.value_or(mode == 0                ? KillAt::Start
                                             : mode == 1 || mode == 2 ? KillAt::AfterAck
                                             : mode == 3 || mode == 4 ? KillAt::InBigBatch
                                                                      : KillAt::Loop);
        const bool early = killAt == KillAt::Start;
        const bool afterAck = killAt == KillAt::AfterAck;
        const bool inBigBatch = killAt == KillAt::InBigBatch;
        const int delayMs = early ? int(m_random.bounded(40u)) : 5 + int(m_random.bounded(146u));
        // In a big batch: after the k-th write(2) of its commit (Linux: /proc/PID/io counts them;
        // a WAL frame is two writes), else (no /proc) 0-4 ms after BEGIN. A commit writes its
        // frames within microseconds, too fast to land between them from outside, so on Linux
        // the writer's disk is slowed down (--slow-writes: 100-300 µs before each write).
        const int killAtWrite = 1 + int(m_random.bounded(40u));
        const int slowWritesUs = 100 + int(m_random.bounded(201u));
        const int batchDelayUs = int(m_random.bounded(4000u));
        int writesSeen = -1;

        QProcess writer;
        QStringList arguments = extra;
        if (inBigBatch) {
            arguments << u"--big-batch-now"_qs;
#ifdef Q_OS_LINUX
            arguments << u"--slow-writes"_qs << QString::number(slowWritesUs);
#endif
        }
        start(writer, vault, writerSeed, arguments);
        QByteArray out;
        if (!early)
            pump(writer, out, 60'000, [&out] { return out.contains('\n'); }); // READY
        qsizetype scanned = 0;
        if (afterAck) {
            pump(writer, out, 10'000, [&out, &scanned] {
                for (const char* ack :
                     {"\nACK rename ", "\nACK replace ", "\nACK both ", "\nACK delete "}) {
                    if (out.indexOf(ack, qMax<qsizetype>(0, scanned - 16)) >= 0)
                        return true;
                }
                scanned = out.size();
                return false;
            });
        } else if (inBigBatch) {
            // A BEGIN batch line with 12 or more items (11 or more commas), complete.
            const auto bigBatchBegun = [&out, &scanned] {
                for (qsizetype at = out.indexOf("\nBEGIN batch ", qMax<qsizetype>(0, scanned - 16));
                     at >= 0; at = out.indexOf("\nBEGIN batch ", at + 1)) {
                    const qsizetype end = out.indexOf('\n', at + 1);
                    if (end < 0)
                        return false; // not complete yet: look again from here
                    if (QByteArrayView(out).sliced(at, end - at).count(',') >= 11)
                        return true;
                    scanned = end;
                }
                scanned = qMax(scanned, out.size());
                return false;
            };
            pump(writer, out, 3'000, bigBatchBegun);
            if (bigBatchBegun())
                writesSeen = spinUntilWrites(writer.processId(), killAtWrite, batchDelayUs);
        } else {
            pump(writer, out, delayMs, [] { return false; });
        }
        writer.kill(); // SIGKILL
        QStringList problems;
        const Run run = finish(writer, out, problems);
        const QString where =
            afterAck ? u"writer seed %1, killed after its first update ACK"_qs.arg(writerSeed)
            : inBigBatch
                ? u"writer seed %1, killed in a big batch after %2 of its writes"_qs.arg(writerSeed)
                      .arg(writesSeen)
                : u"writer seed %1, killed %2 ms after %3"_qs.arg(writerSeed)
                      .arg(delayMs)
                      .arg(early ? u"start"_qs : u"READY"_qs);
        if (run.exitStatus != QProcess::CrashExit)
            problems << u"the writer ended by itself (exit %1): %2"_qs.arg(run.exitCode)
                            .arg(QString::fromUtf8(readLimited(run.errors)));
        if (run.readyCount && *run.readyCount != vault.model.size())
            problems << u"the writer found %1 secrets, the model has %2"_qs.arg(*run.readyCount)
                            .arg(vault.model.size());
        for (const Op& op : run.acked) {
            problems += apply(vault, op);
            if (stats)
                (op.kind == "checkpoint" ? stats->checkpoints : stats->acked) += 1;
        }
        if (stats) {
            ++stats->cycles;
            stats->beforeReady += run.readyCount ? 0 : 1;
            stats->inWrite += run.inFlight && run.inFlight->kind != "checkpoint" ? 1 : 0;
        }
        bool committed = false;
        problems += verify(vault, run.inFlight, stats, &committed);
        const bool bigBatchInFlight = run.inFlight && run.inFlight->items.size() >= 12;
        if (stats && bigBatchInFlight) {
            ++stats->inBigBatch;
            stats->bigBatchCommitted += committed ? 1 : 0;
        }
        if (stats && bigBatchInFlight && writesSeen > 0 && !committed)
            ++stats->bigBatchTorn;
        if (!problems.isEmpty())
            problems.prepend(where);
        return problems;
    }

    static Vault createVault(const QString& path)
    {
        Vault vault;
        vault.path = path;
        VaultEngine engine(path);
        const StoreResult<Done> created =
            engine.create(SecretValue(QByteArrayView(Password)), TestSupport::fastKdf());
        if (!created.ok())
            qFatal("the test vault could not be created: %s",
                   qUtf8Printable(created.error().message()));
        return vault;
    }

    // The number of write(2) calls of process pid (syscw in /proc/PID/io), or -1.
    static qint64 writeCalls(int fd)
    {
        char text[512];
        const ssize_t n = ::pread(fd, text, sizeof text - 1, 0);
        if (n <= 0)
            return -1;
        text[n] = '\0';
        const char* at = std::strstr(text, "syscw: ");
        return at ? std::strtoll(at + 7, nullptr, 10) : -1;
    }

    // Spins until process pid has made `count` more write(2) calls (at most 200 ms); returns how
    // many it saw. Without /proc/PID/io, spins fallbackUs and returns -1.
    static int spinUntilWrites(qint64 pid, int count, int fallbackUs)
    {
        QElapsedTimer spin; // busy-wait: finer than any sleep
        spin.start();
        const int fd = ::open(QByteArray("/proc/" + QByteArray::number(pid) + "/io").constData(),
                              O_RDONLY | O_CLOEXEC);
        const qint64 start = fd >= 0 ? writeCalls(fd) : -1;
        if (start < 0) {
            if (fd >= 0)
                ::close(fd);
            while (spin.nsecsElapsed() < qint64(fallbackUs) * 1000) {
            }
            return -1;
        }
        qint64 now = start;
        while (now - start < count && spin.elapsed() < 200)
            now = qMax(now, writeCalls(fd));
        ::close(fd);
        return int(now - start);
    }

    // Waits for a writer that runs until a write fails (at most 120 s).
    static Run runToEnd(QProcess& writer)
    {
        QByteArray out;
        pump(writer, out, 120'000, [] { return false; });
        if (writer.state() != QProcess::NotRunning) {
            writer.kill();
            writer.waitForFinished();
            qFatal("the writer did not run out of space within 120 s");
        }
        QStringList problems;
        Run run = finish(writer, out, problems);
        if (!problems.isEmpty())
            qFatal("%s", qPrintable(problems.join(u"\n  ")));
        return run;
    }

    // A writer that ran out of space: it said so in a sentence for people and exited with 3, and
    // the vault holds every acknowledged write and nothing of the failed one.
    void checkFailedRun(const Run& run)
    {
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.failed, "no FAIL line");
        // Not SQLite's own English ("disk I/O error"), nor "could not be read or written".
        const QString message = QString::fromUtf8(run.errors).trimmed();
        const QStringList expected = {
            u"mint-vault-writer: The disk is full, so the vault could not be written. Free up some "
            "space and try again."_qs,
            u"mint-vault-writer: The vault file could not be written to the disk. The disk may be "
            "full or failing, or the file may have reached the largest size allowed."_qs};
        QVERIFY2(expected.contains(message), qPrintable(message));
        QCOMPARE(run.failLine.split(' ').value(2).toInt(), int(StoreError::Code::Io));

        QStringList problems;
        for (const Op& op : run.acked)
            problems += apply(m_vault, op);
        problems += verify(m_vault, std::nullopt, nullptr); // the failed write must not show
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n  ")));
    }

    // With room again, writing simply goes on.
    void writeOnWithRoomAgain()
    {
        QProcess writer;
        start(writer, m_vault, m_random.generate(), {u"--ops"_qs, u"25"_qs});
        QByteArray out;
        pump(writer, out, 60'000, [] { return false; });
        QStringList problems;
        const Run run = finish(writer, out, problems);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QVERIFY2(run.exitCode == 0, run.errors.constData());
        QCOMPARE(run.acked.size(), 25);
        for (const Op& op : run.acked)
            problems += apply(m_vault, op);
        problems += verify(m_vault, std::nullopt, nullptr);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"\n  ")));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QFileInfo(QStringLiteral(MINT_VAULT_WRITER_PATH)).isExecutable());
        bool fromEnv = false;
        m_seed = qEnvironmentVariable("MINT_CRASH_SEED").toULongLong(&fromEnv);
        if (!fromEnv)
            m_seed = QRandomGenerator::system()->generate64();
        m_random.seed(m_seed);
        qInfo("seed %llu (replay with MINT_CRASH_SEED=%llu)", m_seed, m_seed);
        m_vault = createVault(m_dir.filePath(u"crash.mintvault"_qs));
    }

    void killedWriterLosesAtMostTheWriteInFlight()
    {
        bool set = false;
        int cycles = qEnvironmentVariableIntValue("MINT_CRASH_CYCLES", &set);
        if (!set || cycles < 1)
            cycles = 200;
        // Extra writer arguments, for experiments: e.g. "--unsafe-pragma journal_mode=OFF".
        const QStringList extra =
            qEnvironmentVariable("MINT_CRASH_WRITER_ARGS").split(u' ', Qt::SkipEmptyParts);
        Stats stats;
        QElapsedTimer timer;
        timer.start();
        for (int cycle = 1; cycle <= cycles; ++cycle) {
            const QStringList problems = killCycle(m_vault, &stats, extra);
            if (!problems.isEmpty())
                QFAIL(qPrintable(u"cycle %1 of %2 (MINT_CRASH_SEED=%3): %4"_qs.arg(cycle)
                                     .arg(cycles)
                                     .arg(m_seed)
                                     .arg(problems.mid(0, 25).join(u"\n  "))));
        }
        qInfo("%d kill cycles in %.1f s: %d acknowledged writes and %d checkpoints checked; "
              "%d kills landed inside a write (between BEGIN and ACK), of which %d had "
              "committed and %d had not; %d of them inside a big batch (%d committed); %d kills "
              "landed before the writer was ready; %lld secrets at the end; %d kills landed inside "
              "the writes of a big commit (after the first, before it was complete)",
              stats.cycles, double(timer.elapsed()) / 1000.0, stats.acked, stats.checkpoints,
              stats.inWrite, stats.committedUnacked, stats.inWrite - stats.committedUnacked,
              stats.inBigBatch, stats.bigBatchCommitted, stats.beforeReady,
              qint64(m_vault.model.size()), stats.bigBatchTorn);
        // Not a pass criterion (timing decides), but a run in which no kill ever lands inside a
        // write would prove little: make it visible.
        if (cycles >= 50 && stats.inWrite == 0)
            QFAIL("no kill landed inside a write: the cycles prove nothing");
    }

    // A vault is made under a temporary name and renamed into place: `init` killed at any moment
    // leaves either nothing at the vault's path (and a new init works) or a whole vault.
    void killedCreateLeavesNoHalfVault()
    {
        const SecretValue password(QByteArrayView("create-kill password"));
        int whole = 0;
        int nothing = 0;
        int killedRunning = 0;
        // How long one init takes here, so that the kills spread over all of it.
        const auto runInit = [&password](const QStringList& arguments) {
            QProcess cli;
            cli.start(QStringLiteral(MINT_CLI_PATH), arguments);
            cli.write(password.view().toByteArray() + '\n');
            cli.closeWriteChannel();
            return cli.waitForFinished(60'000) && cli.exitCode() == 0;
        };
        QElapsedTimer clock;
        clock.start();
        QVERIFY(runInit({u"--vault"_qs, m_dir.filePath(u"create-timing.mintvault"_qs),
                         u"--password-stdin"_qs, u"init"_qs, u"--kdf-time-ms"_qs, u"1"_qs,
                         u"--allow-weak-kdf"_qs}));
        const quint64 spanUs = quint64(clock.nsecsElapsed() / 1000);
        for (int cycle = 1; cycle <= 40; ++cycle) {
            const QString folder = m_dir.filePath(u"create-%1"_qs.arg(cycle));
            QVERIFY(QDir().mkpath(folder));
            const QString path = QDir(folder).filePath(u"new.mintvault"_qs);
            const QStringList init{u"--vault"_qs,       path,    u"--password-stdin"_qs, u"init"_qs,
                                   u"--kdf-time-ms"_qs, u"1"_qs, u"--allow-weak-kdf"_qs};
            QProcess cli;
            cli.start(QStringLiteral(MINT_CLI_PATH), init);
            QVERIFY(cli.waitForStarted(10'000));
            cli.write(password.view().toByteArray() + '\n');
            QVERIFY(cli.waitForBytesWritten(10'000)); // now: the sleep below runs no event loop
            cli.closeWriteChannel();
            QThread::usleep(m_random.bounded(spanUs + spanUs / 4)); // start-up, KDF, writes
            if (cli.state() == QProcess::Running)
                ++killedRunning;
            cli.kill(); // SIGKILL
            QVERIFY(cli.waitForFinished(10'000));
            if (QFileInfo::exists(path)) {
                VaultEngine engine(path);
                const StoreResult<Done> unlocked = engine.unlock(password);
                QVERIFY2(
                    unlocked.ok(),
                    qPrintable(u"cycle %1: a half-made vault at the path: %2"_qs.arg(cycle).arg(
                        unlocked.error().message())));
                ++whole;
            } else {
                QVERIFY2(runInit(init),
                         qPrintable(u"cycle %1: init failed after a kill"_qs.arg(cycle)));
                ++nothing;
            }
        }
        qInfo("40 killed inits (one takes %.0f ms here): %d left a whole vault, %d nothing at "
              "the path (a new init then worked); %d kills landed while init ran",
              double(spanUs) / 1000, whole, nothing, killedRunning);
        QVERIFY2(killedRunning > 0, "no kill landed while init ran: the cycles prove nothing");
    }

    void diskFull_data()
    {
        QTest::addColumn<qint64>("headroom"); // bytes past the main file's current size
        QTest::newRow("a little room") << qint64(48 * 1024);
        QTest::newRow("more room") << qint64(256 * 1024);
        QTest::newRow("below the file's size") << qint64(-1);
    }

    void diskFull()
    {
        QFETCH(qint64, headroom);
        const qint64 size = QFileInfo(m_vault.path).size();
        // -1: half the file's size (at least the 32 KiB of the -shm file), so the main file
        // cannot grow at all and the WAL stops early.
        const qint64 limit = headroom < 0 ? qMax<qint64>(size / 2, 40 * 1024) : size + headroom;

        QProcess writer;
        start(writer, m_vault, m_random.generate(), {}, rlim_t(limit));
        const Run run = runToEnd(writer);
        qInfo("limit %lld bytes (file %lld): %lld writes acknowledged, then %s; stderr: %s", limit,
              size, qint64(run.acked.size()), run.failLine.constData(),
              readLimited(run.errors).trimmed().constData());
        checkFailedRun(run);
        if (QTest::currentTestFailed())
            return;
        writeOnWithRoomAgain();
    }

    // A real full file system: a small tmpfs, mounted in a user namespace of our own (no root
    // needed where unprivileged user namespaces are allowed; skipped elsewhere). write(2) fails
    // with ENOSPC there, which SQLite reports as SQLITE_FULL.
    void diskFullOnSmallTmpfs()
    {
        const QString unshare = QStandardPaths::findExecutable(u"unshare"_qs);
        if (unshare.isEmpty())
            QSKIP("unshare (util-linux) is not installed");
        const QString mountPoint = m_dir.filePath(u"tmpfs"_qs);
        QVERIFY(QDir().mkpath(mountPoint));
        // $1 size, $2 mount point, $3 vault, $4 writer, $5 seed. The vault is copied in, written
        // until the file system is full, and copied back out (vault and WAL) for the checks.
        const QString script = uR"(mount -t tmpfs -o "size=$1" tmpfs "$2" || exit 100
[ -n "$3" ] || exit 0
cp "$3" "$2/v" || exit 101
"$4" "$2/v" --seed "$5"
rc=$?
rm -f "$3-wal" "$3-shm"
cp "$2/v" "$3" || exit 102
if [ -e "$2/v-wal" ]; then cp "$2/v-wal" "$3-wal" || exit 103; fi
exit $rc
)"_qs;
        const auto arguments = [&](qint64 size, const QString& vault, quint64 seed) {
            return QStringList{u"--user"_qs,
                               u"--map-root-user"_qs,
                               u"--mount"_qs,
                               u"sh"_qs,
                               u"-c"_qs,
                               script,
                               u"sh"_qs,
                               QString::number(size),
                               mountPoint,
                               vault,
                               QStringLiteral(MINT_VAULT_WRITER_PATH),
                               QString::number(seed)};
        };
        {
            QProcess probe;
            probe.start(unshare, arguments(64 * 1024, {}, 0));
            if (!probe.waitForFinished(30'000) || probe.exitStatus() != QProcess::NormalExit
                || probe.exitCode() != 0)
                QSKIP("no tmpfs can be mounted in a user namespace here");
        }
        QVERIFY(!QFileInfo::exists(m_vault.path + u"-wal"_qs)); // checkpointed by the last close

        const qint64 size = QFileInfo(m_vault.path).size();
        const qint64 tmpfsSize = (size + 160 * 1024 + 4095) / 4096 * 4096;
        QProcess writer;
        writer.setProgram(unshare);
        writer.setArguments(arguments(tmpfsSize, m_vault.path, m_random.generate()));
        writer.start();
        QVERIFY(writer.waitForStarted(30'000));
        writer.write(Password + '\n');
        writer.closeWriteChannel();
        const Run run = runToEnd(writer);
        qInfo("tmpfs of %lld bytes (file %lld): %lld writes acknowledged, then %s; stderr: %s",
              tmpfsSize, size, qint64(run.acked.size()), run.failLine.constData(),
              readLimited(run.errors).trimmed().constData());
        QVERIFY2(run.exitCode < 100, "the tmpfs could not be set up or the vault copied");
        checkFailedRun(run);
        if (QTest::currentTestFailed())
            return;
        writeOnWithRoomAgain();
    }

    // The negative control: a writer that acknowledges updates before it commits them must be
    // caught within a few cycles.
    void checkerCatchesAckBeforeCommit()
    {
        Vault control = createVault(m_dir.filePath(u"control.mintvault"_qs));
        QStringList caught;
        int cycle = 0;
        // Killed right after an early acknowledgement, the write is usually not in the WAL yet:
        // caught in one or two cycles as a rule.
        for (cycle = 1; cycle <= 50 && caught.isEmpty(); ++cycle)
            caught = killCycle(control, nullptr, {u"--ack-before-commit"_qs}, KillAt::AfterAck);
        QVERIFY2(!caught.isEmpty(), "50 cycles of a writer that acknowledges before it commits "
                                    "went unnoticed");
        QVERIFY2(caught.filter(u"ended by itself"_qs).isEmpty(), qPrintable(caught.join(u'\n')));
        qInfo("caught after %d cycles: %s", cycle - 1, qPrintable(caught.mid(0, 3).join(u" | ")));
    }

#ifdef Q_OS_LINUX
    // The second negative control: with its rollback journal off (SQLite then writes pages in
    // place, unprotected), a commit killed halfway leaves a torn file. The kills inside big
    // batches must find that, or they prove nothing about torn commits.
    void checkerCatchesTornCommits()
    {
        Vault control = createVault(m_dir.filePath(u"torn.mintvault"_qs));
        QStringList caught;
        int cycle = 0;
        for (cycle = 1; cycle <= 60 && caught.isEmpty(); ++cycle)
            caught = killCycle(control, nullptr, {u"--unsafe-pragma"_qs, u"journal_mode=OFF"_qs},
                               KillAt::InBigBatch);
        QVERIFY2(!caught.isEmpty(), "60 commits killed halfway without a journal went unnoticed");
        // (The writer failing to turn the journal off would be no catch.)
        QVERIFY2(caught.filter(u"ended by itself"_qs).isEmpty(), qPrintable(caught.join(u'\n')));
        qInfo("caught after %d cycles: %s", cycle - 1, qPrintable(caught.mid(0, 3).join(u" | ")));
    }
#endif
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
