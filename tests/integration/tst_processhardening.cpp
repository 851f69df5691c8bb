// Both programs as real processes (Linux): at start they turn core dumps off and make themselves
// non-dumpable (ProcessHardening), carry on when memory cannot be locked, and refuse to run when
// the crypto fails its self-test (a real broken OpenSSL: a configuration that loads only the
// "null" provider, so no algorithm exists).
//
// How the checks see it, from outside:
// - core dumps: /proc/<pid>/limits "Max core file size". The child starts with the limit raised
//   (so 0 can only come from the program).
// - dumpable: the kernel makes /proc/<pid>/ files of a non-dumpable process owned by root
//   instead of by the process's user. So the child runs as a user other than root (nobody, when
//   the test runs as root) and the owner of /proc/<pid>/status tells. A control child (cat)
//   shows the same check seeing a dumpable process.
#include "ProcessHardening.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <grp.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr uid_t Nobody = 65534;
constexpr int SelfTestFailed = 5; // CliCommands::SelfTestFailed, as documented in the README

// What the child process gets before exec: core limit raised to the hard limit, optionally no
// lockable memory, and (when we are root) the user nobody, so that ownership of /proc/<pid>
// tells whether it is dumpable.
struct ChildSetup {
    bool noLockedMemory = false;
};

uid_t childUid()
{
    return geteuid() == 0 ? Nobody : geteuid();
}

void prepareChild(const ChildSetup& setup)
{
    ::setsid(); // no controlling terminal: the CLI never prompts
    rlimit core{};
    if (getrlimit(RLIMIT_CORE, &core) == 0) {
        if (geteuid() == 0)
            core.rlim_max = RLIM_INFINITY; // root may raise the hard limit too
        core.rlim_cur = core.rlim_max;
        setrlimit(RLIMIT_CORE, &core);
    }
    if (setup.noLockedMemory) {
        const rlimit none{0, 0};
        setrlimit(RLIMIT_MEMLOCK, &none);
    }
    if (geteuid() == 0) {
        if (setgroups(0, nullptr) != 0 || setgid(Nobody) != 0 || setuid(Nobody) != 0)
            _exit(121);
    }
}

qint64 coreLimitOf(qint64 pid)
{
    QFile limits(u"/proc/%1/limits"_s.arg(pid));
    if (!limits.open(QIODevice::ReadOnly))
        return -2;
    for (const QByteArray& line : limits.readAll().split('\n')) {
        if (!line.startsWith("Max core file size"))
            continue;
        const QByteArrayList fields = line.mid(18).simplified().split(' ');
        return fields.value(0) == "unlimited" ? -1 : fields.value(0).toLongLong();
    }
    return -2;
}

uid_t ownerOfStatus(qint64 pid)
{
    struct stat st {};
    if (stat(qPrintable(u"/proc/%1/status"_s.arg(pid)), &st) != 0)
        return uid_t(-1);
    return st.st_uid;
}

// A directory anyone may use (the child may run as nobody).
std::unique_ptr<QTemporaryDir> openDir()
{
    auto dir = std::make_unique<QTemporaryDir>();
    QFile::setPermissions(dir->path(), QFileDevice::Permissions(0x7777));
    return dir;
}

QProcessEnvironment environmentIn(const QString& dir)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, dir);
    environment.insert(u"XDG_CONFIG_HOME"_s, dir + u"/config"_s);
    environment.insert(u"XDG_DATA_HOME"_s, dir + u"/data"_s);
    environment.insert(u"XDG_CACHE_HOME"_s, dir + u"/cache"_s);
    environment.remove(u"XDG_RUNTIME_DIR"_s); // ours is not the child's (it may be nobody)
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"LANGUAGE"_s, u"en"_s);
    return environment;
}

// A configuration under which OpenSSL has no algorithms at all.
QString writeNullProviderConfig(const QString& dir)
{
    const QString path = dir + u"/openssl-null.cnf"_s;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write("openssl_conf = openssl_init\n"
               "[openssl_init]\n"
               "providers = provider_sect\n"
               "[provider_sect]\n"
               "null = null_sect\n"
               "[null_sect]\n"
               "activate = 1\n");
    file.setPermissions(QFileDevice::Permissions(0x6444));
    return path;
}

class Child final {
public:
    Child(const QString& program, const QStringList& arguments,
          const QProcessEnvironment& environment, ChildSetup setup = {})
    {
        m_process.setProcessEnvironment(environment);
        m_process.setChildProcessModifier([setup] { prepareChild(setup); });
        m_process.start(program, arguments);
    }
    ~Child()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10'000);
        }
    }
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    [[nodiscard]] bool started() { return m_process.waitForStarted(10'000); }
    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    QProcess& process() { return m_process; }

    // Waits until the core limit reads as expected (the program sets it first thing).
    bool waitForCoreLimit(qint64 expected)
    {
        const QDeadlineTimer deadline(15'000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            if (coreLimitOf(pid()) == expected)
                return true;
            QTest::qWait(20);
        }
        return false;
    }

private:
    QProcess m_process;
};

} // namespace

class TestProcessHardening : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void controlChildIsDumpable();
    void cliDisablesCoreDumps();
    void guiDisablesCoreDumps();
    void noLockableMemoryIsNotFatal();
    void cliRefusesBrokenCrypto();
    void guiRefusesBrokenCrypto();

private:
    void checkHardened(const QString& program, const QStringList& arguments);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestProcessHardening::initTestCase()
{
    rlimit core{};
    QVERIFY(getrlimit(RLIMIT_CORE, &core) == 0);
    if (core.rlim_max == 0 && geteuid() != 0)
        QSKIP("the hard core-file limit is 0 here: a child cannot start with it raised");
    m_dir = openDir();
    QVERIFY(m_dir->isValid());
    QVERIFY(QFileInfo(QStringLiteral(MINT_CLI_PATH)).isExecutable());
    QVERIFY(QFileInfo(QStringLiteral(MINT_GUI_PATH)).isExecutable());
}

// The check itself: a child that does nothing special keeps its raised core limit, and its
// /proc files belong to its user.
void TestProcessHardening::controlChildIsDumpable()
{
    Child cat(u"/bin/cat"_s, {}, environmentIn(m_dir->path()));
    QVERIFY(cat.started());
    QTest::qWait(200);
    QCOMPARE(cat.process().state(), QProcess::Running);
    QVERIFY(coreLimitOf(cat.pid()) != 0);
    QCOMPARE(ownerOfStatus(cat.pid()), childUid());
}

void TestProcessHardening::checkHardened(const QString& program, const QStringList& arguments)
{
    if (!ProcessHardening::enabled())
        QSKIP("built with MINT_HARDEN_PROCESS=OFF (a sanitizer or debugging build)");
    QVERIFY(childUid() != 0);
    Child child(program, arguments, environmentIn(m_dir->path()));
    QVERIFY(child.started());
    QVERIFY2(child.waitForCoreLimit(0),
             qPrintable(u"core limit %1, state %2, stderr: %3"_s.arg(coreLimitOf(child.pid()))
                            .arg(child.process().state())
                            .arg(QString::fromUtf8(child.process().readAllStandardError()))));
    QCOMPARE(child.process().state(), QProcess::Running); // still alive: it waits for us
    QCOMPARE(ownerOfStatus(child.pid()), uid_t(0));       // not dumpable
}

// The CLI waiting for the new vault's password on stdin.
void TestProcessHardening::cliDisablesCoreDumps()
{
    checkHardened(QStringLiteral(MINT_CLI_PATH), {u"--vault"_s, m_dir->filePath(u"cli.mintvault"_s),
                                                  u"--password-stdin"_s, u"init"_s});
}

// The app showing its window (offscreen) on a vault that does not exist yet.
void TestProcessHardening::guiDisablesCoreDumps()
{
    checkHardened(QStringLiteral(MINT_GUI_PATH), {u"--vault"_s, m_dir->filePath(u"gui.mintvault"_s),
                                                  u"--settings"_s, m_dir->filePath(u"gui.ini"_s)});
}

// With RLIMIT_MEMLOCK = 0 (and, under root, without CAP_IPC_LOCK) the secure heap cannot be
// locked: the CLI still creates a vault and lists it, and says nothing about it.
void TestProcessHardening::noLockableMemoryIsNotFatal()
{
    const QString vault = m_dir->filePath(u"nolock.mintvault"_s);
    const auto run = [&](const QStringList& arguments, const QByteArray& input) {
        Child child(QStringLiteral(MINT_CLI_PATH),
                    QStringList{u"--vault"_s, vault, u"--password-stdin"_s} + arguments,
                    environmentIn(m_dir->path()), ChildSetup{true});
        if (!child.started())
            return std::pair(-1, QByteArray("did not start"));
        child.process().write(input);
        child.process().closeWriteChannel();
        if (!child.process().waitForFinished(60'000))
            return std::pair(-1, QByteArray("did not finish"));
        return std::pair(child.process().exitCode(), child.process().readAllStandardError());
    };
    const auto [initCode, initErr] =
        run({u"init"_s, u"--kdf-time-ms"_s, u"1"_s, u"--allow-weak-kdf"_s}, "pw-nolock\n");
    QVERIFY2(initCode == 0, initErr.constData());
    QCOMPARE(initErr, QByteArray());
    const auto [listCode, listErr] = run({u"list"_s}, "pw-nolock\n");
    QVERIFY2(listCode == 0, listErr.constData());
    QCOMPARE(listErr, QByteArray());
}

// OpenSSL without algorithms: one clear line on stderr, exit code 5, nothing written.
void TestProcessHardening::cliRefusesBrokenCrypto()
{
    QProcessEnvironment environment = environmentIn(m_dir->path());
    const QString config = writeNullProviderConfig(m_dir->path());
    QVERIFY(!config.isEmpty());
    environment.insert(u"OPENSSL_CONF"_s, config);
    const QString vault = m_dir->filePath(u"broken.mintvault"_s);
    Child child(QStringLiteral(MINT_CLI_PATH),
                {u"--vault"_s, vault, u"--password-stdin"_s, u"init"_s, u"--kdf-time-ms"_s, u"1"_s,
                 u"--allow-weak-kdf"_s},
                environment);
    QVERIFY(child.started());
    child.process().write("password\n");
    child.process().closeWriteChannel();
    QVERIFY(child.process().waitForFinished(30'000));
    QCOMPARE(child.process().exitStatus(), QProcess::NormalExit);
    QCOMPARE(child.process().exitCode(), SelfTestFailed);
    const QByteArray err = child.process().readAllStandardError();
    QCOMPARE(err.count('\n'), 1);
    QCOMPARE(QString::fromUtf8(err),
             u"mint-config-cli: The encryption library failed its start-up self-test "
             "(AES-256-GCM), so Mint Config will not run. Reinstall Mint Config or repair its "
             "OpenSSL library.\n"_s);
    QVERIFY(child.process().readAllStandardOutput().isEmpty());
    QVERIFY(!QFileInfo::exists(vault));
}

// The app says the same in a message box (and on stderr), and opens nothing.
void TestProcessHardening::guiRefusesBrokenCrypto()
{
    QProcessEnvironment environment = environmentIn(m_dir->path());
    environment.insert(u"OPENSSL_CONF"_s, writeNullProviderConfig(m_dir->path()));
    const QString vault = m_dir->filePath(u"broken-gui.mintvault"_s);
    Child child(QStringLiteral(MINT_GUI_PATH),
                {u"--vault"_s, vault, u"--settings"_s, m_dir->filePath(u"broken.ini"_s)},
                environment);
    QVERIFY(child.started());
    QByteArray err;
    const QDeadlineTimer deadline(20'000);
    while (!deadline.hasExpired() && !err.contains("self-test")) {
        child.process().waitForReadyRead(100);
        err += child.process().readAllStandardError();
    }
    QVERIFY2(err.contains("The encryption library failed its start-up self-test (AES-256-GCM)"),
             err.constData());
    QCOMPARE(child.process().state(), QProcess::Running); // the message box waits for the user
    QVERIFY(!QFileInfo::exists(vault));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(u"broken.ini"_s)));
}

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "tst_processhardening.moc"
