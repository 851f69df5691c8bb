// The whole-session canary (DESIGN §3 rules 2 and 8): one in-process session of the real app,
// driven through the real MainWindow and dialogs on the offscreen platform, with the app's own
// settings, data and cache locations (the private XDG folders ctest gives this test), a private
// TMPDIR, the real keychain (gnome-keyring on the test's session bus) and the real
// mint-config-server. Every canary is unique to the run: the values typed, generated and
// replaced, the secret names, the vault password before and after a change, and the OAuth
// client secret.
//
// LOCAL VAULT: create the vault, add a typed secret, add a generated one (Copy in the dialog),
// rename, replace a value, delete, lock, unlock, change the password, lock. REMOTE: save a
// connection (client secret remembered in the keychain, Test connection first), switch to it
// (signed in from the keychain), add typed and generated (Copy), rename, replace, delete, F5,
// switch back to the vault (unlocked with the new password), lock, close.
//
// Then every byte the session left behind is searched, in seven encodings, for every canary:
// the test's own stdout and stderr (fds 1 and 2 redirected to files), a log of every Qt message,
// the settings file, every file under the private XDG folders and TMPDIR (vault, -wal and -shm;
// the remote metadata cache), the server's stdout, stderr, recorded request bodies, database
// (and -wal, -shm) and its .keys file, and the clipboard after the clear timeout (5 s through
// the real setting security/clipboardClearSeconds). Files that come and go (the vault's WAL, the
// server's WAL) are also read while the session runs. Expectations per location are in the
// table kRules below; the summary (files, bytes, hits per canary and location) is printed with
// qInfo, never a canary itself.

#include "AddSecretDialog.h"
#include "BackendMenu.h"
#include "ChangePasswordDialog.h"
#include "ConnectionsDialog.h"
#include "CreateVaultDialog.h"
#include "DeleteSecretDialog.h"
#include "EditSecretDialog.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"
#include "KeychainTestSupport.h"
#include "LockedPage.h"
#include "MainWindow.h"
#include "RemoteSession.h"
#include "SecretClipboard.h"
#include "SecretsPage.h"
#include "SecretsProxyModel.h"
#include "Settings.h"
#include "SignInDialog.h"
#include "StartupBackend.h"
#include "UnlockDialog.h"
#include "crypto/Random.h"
#include "crypto/SecureMemory.h"
#include "integration/ServerTestSupport.h"
// RemoteTestSupport.h needs ServerTestSupport.h first.
#include "integration/RemoteTestSupport.h"
#include "vault/LocalVaultStore.h"
#include "vault/VaultEngine.h"

#include <QApplication>
#include <QByteArrayMatcher>
#include <QClipboard>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QMimeData>
#include <QMutex>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTimer>

#include <array>
#include <cstdio>
#include <memory>

#include <csignal>
#include <fcntl.h>
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif
#include <unistd.h>

using namespace std::chrono_literals;

namespace {

// ---------------------------------------------------------------------------------------------
// Canaries and the expectation table

// What a canary is, which decides where it may appear.
enum class Kind {
    Secret,        // a value, a vault password, the client secret: nowhere, ever
    LocalName,     // a local vault's secret name: sealed in the vault, so nowhere either
    RemoteName,    // the remote secret's current name: metadata, where docs/security.md says
    RemoteOldName, // a remote name renamed away or deleted: was sent, may linger on the server
};
constexpr int KindCount = 4;

enum class Expect {
    None, // 0 hits
    Any,  // allowed (metadata lives there by design)
    Some, // must be there (proves the search reads that location)
};

// Where captured bytes come from.
enum class Where {
    TestStdout,
    TestStderr,
    MessageLog,
    SettingsFile,
    OtherConfig,
    LocalVault,
    OtherData,
    RemoteCache,
    OtherCache,
    TempDir,
    ServerStdout,
    ServerStderr,
    RecordedBodies,
    ServerDatabase,
    ServerKeys,
    ServerOther,
    Clipboard,
    Unexpected,
};
constexpr int WhereCount = int(Where::Unexpected) + 1;

struct Rule {
    Where where;
    const char* name;
    std::array<Expect, KindCount> expect; // Secret, LocalName, RemoteName, RemoteOldName
};

constexpr Expect N = Expect::None;
constexpr Expect A = Expect::Any;
constexpr Expect S = Expect::Some;

// The expectation table. Names are not secret by design (DESIGN §2), but a local vault seals
// them, so a local name is as forbidden as a value. A remote name is metadata: it travels in
// clear inside TLS (POST and PATCH bodies carry {"name": …}; the value is a sealed blob), the
// server stores it in its database, and the offline cache keeps the current names
// (docs/security.md, "The offline cache"). Nowhere else.
// clang-format off
constexpr std::array<Rule, WhereCount> kRules{{
    //                                                        secret local  remote old-remote
    {Where::TestStdout,     "test stdout (fd 1)",                  {N,     N,     N,     N}},
    {Where::TestStderr,     "test stderr (fd 2)",                  {N,     N,     N,     N}},
    {Where::MessageLog,     "Qt message log",                      {N,     N,     N,     N}},
    {Where::SettingsFile,   "settings file",                       {N,     N,     N,     N}},
    {Where::OtherConfig,    "other files in XDG_CONFIG_HOME",      {N,     N,     N,     N}},
    {Where::LocalVault,     "local vault (file, -wal, -shm)",      {N,     N,     N,     N}},
    {Where::OtherData,      "other files in XDG_DATA_HOME",        {N,     N,     N,     N}},
    {Where::RemoteCache,    "remote metadata cache",               {N,     N,     S,     A}},
    {Where::OtherCache,     "other files in XDG_CACHE_HOME",       {N,     N,     N,     N}},
    {Where::TempDir,        "TMPDIR (test and server)",            {N,     N,     N,     N}},
    {Where::ServerStdout,   "server stdout",                       {N,     N,     N,     N}},
    {Where::ServerStderr,   "server stderr",                       {N,     N,     N,     N}},
    {Where::RecordedBodies, "recorded request bodies",             {N,     N,     S,     S}},
    {Where::ServerDatabase, "server database (db, -wal, -shm)",    {N,     N,     S,     A}},
    {Where::ServerKeys,     "server keys file (.keys)",            {N,     N,     N,     N}},
    {Where::ServerOther,    "server CA and clients files",         {N,     N,     N,     N}},
    {Where::Clipboard,      "clipboard after the clear timeout",   {N,     N,     N,     N}},
    {Where::Unexpected,     "any other file",                      {N,     N,     N,     N}},
}};
// clang-format on

const Rule& ruleOf(Where where)
{
    return kRules.at(std::size_t(where));
}

struct Canary {
    QString label;
    QByteArray bytes; // UTF-8
    Kind kind;
};

// A canary: prefix, 16 random hex digits, suffix (characters that change the percent-encoded
// and UTF-16 forms). Hex from the app's own CSPRNG wrapper.
QByteArray makeCanary(const char* prefix, const char* suffix = "")
{
    return QByteArray(prefix) + Random::bytes(8).toHex() + QByteArray(suffix);
}

// ---------------------------------------------------------------------------------------------
// Encodings

struct Form {
    QString encoding; // "base64 = base64url" when both give the same bytes
    QByteArray bytes;
};

// The part of the base64 encoding of value that does not depend on its neighbours, when value
// starts at offset shift (0, 1 or 2) of a 3-byte group: whole groups made of value bytes only.
QByteArray stableBase64(const QByteArray& value, int shift, QByteArray::Base64Options options)
{
    const QByteArray padded = QByteArray(shift, '\0') + value;
    const QByteArray encoded = padded.toBase64(options);
    const qsizetype begin = shift == 0 ? 0 : 4;
    const qsizetype end = (padded.size() / 3) * 4;
    return encoded.mid(begin, end - begin);
}

// Every form in which a canary could be written: raw UTF-8, UTF-16LE, base64 and base64url
// (without padding) at the three alignments a value can have inside a longer encoding, lower-
// and upper-case hex, percent-encoding. Identical forms are listed once, under every name.
QList<Form> formsOf(const QByteArray& utf8)
{
    QList<Form> forms;
    const auto add = [&forms](const char* encoding, const QByteArray& bytes) {
        const QString name = QString::fromLatin1(encoding);
        for (Form& form : forms) {
            if (form.bytes == bytes) {
                if (!form.encoding.split(QStringLiteral(" = ")).contains(name))
                    form.encoding += QStringLiteral(" = ") + name;
                return;
            }
        }
        forms.append({name, bytes});
    };
    add("UTF-8", utf8);
    const QString text = QString::fromUtf8(utf8);
    QByteArray utf16le;
    for (const QChar c : text) {
        utf16le.append(char(c.unicode() & 0xff));
        utf16le.append(char(c.unicode() >> 8));
    }
    add("UTF-16LE", utf16le);
    for (int shift = 0; shift < 3; ++shift)
        add("base64", stableBase64(utf8, shift, QByteArray::Base64Encoding));
    for (int shift = 0; shift < 3; ++shift)
        add("base64url",
            stableBase64(utf8, shift,
                         QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    add("hex", utf8.toHex());
    add("HEX", utf8.toHex().toUpper());
    add("percent-encoding", utf8.toPercentEncoding());
    return forms;
}

// Every encoding name formsOf uses, for the summary.
QString encodingNames()
{
    return QStringLiteral("UTF-8, UTF-16LE, base64 and base64url (3 alignments, no padding), "
                          "hex, HEX, percent-encoding");
}

// ---------------------------------------------------------------------------------------------
// Capturing the test process's output

QMutex g_logMutex;
QFile* g_messageLog = nullptr;
QtMessageHandler g_previousHandler = nullptr;
int g_savedOut = -1; // the real fds 1 and 2 while they are redirected
int g_savedErr = -1;

// Gives fds 1 and 2 back (also from the message handler before a qFatal aborts).
void restoreOutput()
{
    if (g_savedOut < 0)
        return;
    std::fflush(stdout);
    std::fflush(stderr);
    ::dup2(g_savedOut, STDOUT_FILENO);
    ::dup2(g_savedErr, STDERR_FILENO);
    ::close(g_savedOut);
    ::close(g_savedErr);
    g_savedOut = g_savedErr = -1;
}

// A crash during the session: fds 1 and 2 go back first (dup2 is async-signal-safe), then Qt
// Test's own handler reports the signal where ctest shows it.
constexpr std::array<int, 5> kFatalSignals{SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL};
std::array<struct sigaction, kFatalSignals.size()> g_previousActions{};

void onFatalSignal(int signal, siginfo_t* info, void* context)
{
    if (g_savedOut >= 0) {
        ::dup2(g_savedOut, STDOUT_FILENO);
        ::dup2(g_savedErr, STDERR_FILENO);
    }
    for (std::size_t i = 0; i < kFatalSignals.size(); ++i) {
        if (kFatalSignals[i] != signal)
            continue;
        const struct sigaction& previous = g_previousActions[i];
        ::sigaction(signal, &previous, nullptr);
        if ((previous.sa_flags & SA_SIGINFO) != 0 && previous.sa_sigaction)
            previous.sa_sigaction(signal, info, context);
        else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN)
            previous.sa_handler(signal);
        else
            ::raise(signal);
    }
}

void loggingHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        if (g_messageLog) {
            g_messageLog->write(qFormatLogMessage(type, context, message).toUtf8());
            g_messageLog->write("\n");
        }
    }
    if (type == QtFatalMsg)
        restoreOutput(); // the abort's message and stack trace must reach the real output
    if (g_previousHandler)
        g_previousHandler(type, context, message); // Qt Test's: it writes to fd 1
}

// For the session: fds 1 and 2 go to files, and every Qt message is also logged to a file.
// Restored by restore() or on destruction (a failed check returns early).
class OutputCapture final {
public:
    explicit OutputCapture(const QString& directory)
        : m_log(QDir(directory).filePath(QStringLiteral("messages.log")))
    {
        if (!m_log.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
            qFatal("cannot open the message log");
        std::fflush(stdout);
        std::fflush(stderr);
        g_savedOut = ::dup(STDOUT_FILENO);
        g_savedErr = ::dup(STDERR_FILENO);
        redirect(STDOUT_FILENO, QDir(directory).filePath(QStringLiteral("stdout.txt")));
        redirect(STDERR_FILENO, QDir(directory).filePath(QStringLiteral("stderr.txt")));
        struct sigaction action {};
        action.sa_sigaction = onFatalSignal;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < kFatalSignals.size(); ++i)
            ::sigaction(kFatalSignals[i], &action, &g_previousActions[i]);
        QMutexLocker lock(&g_logMutex);
        g_messageLog = &m_log;
        g_previousHandler = qInstallMessageHandler(loggingHandler);
    }
    ~OutputCapture() { restore(); }
    OutputCapture(const OutputCapture&) = delete;
    OutputCapture& operator=(const OutputCapture&) = delete;

    void restore()
    {
        if (m_restored)
            return;
        m_restored = true;
        {
            QMutexLocker lock(&g_logMutex);
            qInstallMessageHandler(g_previousHandler);
            g_previousHandler = nullptr;
            g_messageLog = nullptr;
        }
        m_log.close();
        for (std::size_t i = 0; i < kFatalSignals.size(); ++i)
            ::sigaction(kFatalSignals[i], &g_previousActions[i], nullptr);
        restoreOutput();
    }

private:
    static void redirect(int fd, const QString& path)
    {
        const int file = ::open(QFile::encodeName(path).constData(),
                                O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (file < 0 || ::dup2(file, fd) < 0)
            qFatal("cannot redirect fd %d", fd);
        ::close(file);
    }

    QFile m_log;
    bool m_restored = false;
};

// ---------------------------------------------------------------------------------------------
// The private folders: set up in main() before Qt, OpenSSL or SQLite read the environment.

QString g_root; // holds config/, data/, cache/ (the XDG folders), tmp/, server/, capture/

QString rootPath(const char* sub)
{
    return QDir(g_root).filePath(QString::fromLatin1(sub));
}

void prepareFolders()
{
    const QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.endsWith(QLatin1String("/home/tst_sessioncanary/config"))) {
        g_root = QFileInfo(config).absolutePath(); // mint_add_test's private home
    } else {
        // Run by hand: a private home of our own (kept for inspection, like ctest's).
        QByteArray pattern = QDir::tempPath().toLocal8Bit() + "/tst_sessioncanary-XXXXXX";
        if (!::mkdtemp(pattern.data()))
            qFatal("cannot create a private folder");
        g_root = QString::fromLocal8Bit(pattern);
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(rootPath("config")));
        qputenv("XDG_DATA_HOME", QFile::encodeName(rootPath("data")));
        qputenv("XDG_CACHE_HOME", QFile::encodeName(rootPath("cache")));
    }
    // Start from nothing: no vault, settings or cache of an earlier run.
    for (const char* sub : {"config", "data", "cache", "tmp", "server", "capture"}) {
        QDir(rootPath(sub)).removeRecursively();
        if (!QDir().mkpath(rootPath(sub)))
            qFatal("cannot create %s", sub);
    }
    qputenv("TMPDIR", QFile::encodeName(rootPath("tmp"))); // inherited by the server
}

// ---------------------------------------------------------------------------------------------
// The server, its output in files

class CanaryServer final {
public:
    ~CanaryServer() { stop(); }

    // Starts mint-config-server with one client (Mint Admin) whose secret is clientSecret.
    bool start(const QByteArray& clientSecret)
    {
        const QDir dir(rootPath("server"));
        QFile clients(dir.filePath(QStringLiteral("clients.json")));
        if (!clients.open(QIODevice::WriteOnly)
            || clients.write(RemoteTestSupport::clientsJson(clientId(), clientSecret,
                                                            {QStringLiteral("Mint Admin")}))
                   < 0)
            return false;
        clients.close();
        m_stdout = dir.filePath(QStringLiteral("stdout.txt"));
        m_process.setStandardOutputFile(m_stdout);
        m_process.setStandardErrorFile(dir.filePath(QStringLiteral("stderr.txt")));
#ifdef Q_OS_LINUX
        // It goes with the test, even when the test is killed (a ctest timeout).
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        m_process.start(QStringLiteral(MINT_SERVER_PATH),
                        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--clients"),
                         clients.fileName(), QStringLiteral("--db"), databasePath(),
                         QStringLiteral("--record-bodies"),
                         dir.filePath(QStringLiteral("bodies.txt")), QStringLiteral("--ca-out"),
                         dir.filePath(QStringLiteral("ca.pem")), QStringLiteral("--test-hooks")});
        if (!m_process.waitForStarted(10'000))
            return false;
        // It prints PORT and CA once it listens.
        return QTest::qWaitFor(
                   [this] {
                       const QByteArray output = TestSupport::readAll(m_stdout);
                       for (const QByteArray& line : output.split('\n')) {
                           if (line.startsWith("PORT "))
                               m_port = line.mid(5).trimmed().toUShort();
                           else if (line.startsWith("CA "))
                               m_caPath = QString::fromLocal8Bit(line.mid(3).trimmed());
                       }
                       return (m_port != 0 && !m_caPath.isEmpty())
                              || m_process.state() == QProcess::NotRunning;
                   },
                   30'000)
               && m_port != 0 && !m_caPath.isEmpty();
    }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5'000)) {
            m_process.kill();
            m_process.waitForFinished(5'000);
        }
    }

    static QString clientId()
    {
        return QStringLiteral("canary-admin");
    }
    static QString databasePath()
    {
        return rootPath("server/mint.db");
    }
    [[nodiscard]] QString caPath() const
    {
        return m_caPath;
    }
    [[nodiscard]] QString apiUrl() const
    {
        return QStringLiteral("https://127.0.0.1:%1/mint/v1").arg(m_port);
    }

    // SHA-256 (hex) of the value the server stored for id (test hook): proves what it received.
    [[nodiscard]] QString storedDigest(const QUuid& id) const
    {
        QNetworkAccessManager network;
        QNetworkRequest request(QUrl(QStringLiteral("https://127.0.0.1:%1/_test/secrets/%2/digest")
                                         .arg(m_port)
                                         .arg(id.toString(QUuid::WithoutBraces))));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(m_caPath));
        request.setSslConfiguration(tls);
        const auto response = ServerTestSupport::send(network, request, "GET");
        return response.status == 200 ? response.json().value(QLatin1String("sha256")).toString()
                                      : QStringLiteral("HTTP %1").arg(response.status);
    }

private:
    QProcess m_process;
    QString m_stdout;
    quint16 m_port = 0;
    QString m_caPath;
};

// ---------------------------------------------------------------------------------------------
// What was captured, and the search

struct Captured {
    Where where;
    QString name; // relative to the private root, or a description
    QByteArray bytes;
};

struct Hit {
    int canary;
    Where where;
    QString name;
    QString encoding;
    qsizetype offset;
};

QString relativeName(const QString& path)
{
    return QDir(g_root).relativeFilePath(path);
}

bool isWithin(const QString& path, const QString& directory)
{
    return path.startsWith(QDir::cleanPath(directory) + QLatin1Char('/'));
}

} // namespace

class TestSessionCanary final : public QObject {
    Q_OBJECT

private:
    // The canaries of this run (m_canaries is filled as they become known).
    QList<Canary> m_canaries;
    QByteArray m_password = makeCanary("cnry-pass-", " +/\xc3\xa9"); // é
    QByteArray m_newPassword = makeCanary("cnry-newpass-", " +/\xc3\xa9");
    QByteArray m_clientSecret = makeCanary("cnry-client-", "+/=");
    QByteArray m_localValue = makeCanary("cnry-value-", " +/\xc3\xa9 local");
    QByteArray m_localReplacement = makeCanary("cnry-value-", " +/\xc3\xa9 replaced");
    QByteArray m_remoteValue = makeCanary("cnry-value-", " +/\xc3\xa9 remote");
    QByteArray m_remoteReplacement = makeCanary("cnry-value-", " +/\xc3\xa9 remote replaced");
    QByteArray m_localName = makeCanary("cnry name ", " \xc3\xa9");
    QByteArray m_localRenamed = makeCanary("cnry renamed ", " \xc3\xa9");
    QByteArray m_localGeneratedName = makeCanary("cnry gen name ", " \xc3\xa9");
    QByteArray m_remoteName = makeCanary("cnry remote name ", " \xc3\xa9");
    QByteArray m_remoteRenamed = makeCanary("cnry remote renamed ", " \xc3\xa9");
    QByteArray m_remoteGeneratedName = makeCanary("cnry remote gen name ", " \xc3\xa9");

    // The session.
    CanaryServer m_server;
    std::unique_ptr<Settings> m_settings;
    CredentialStore m_credentials{KeychainTestSupport::service()};
    std::unique_ptr<MainWindow> m_window;
    QString m_vaultPath;
    QString m_settingsPath;
    QString m_remoteCacheDir;
    QUuid m_profileId;
    QUuid m_localSecretId;
    QUuid m_remoteSecretId;
    QElapsedTimer m_copiedAt;
    qint64 m_clearedAfterMs = -1;
    QStringList m_clearTimes;    // for the summary
    QList<Captured> m_snapshots; // read while the session runs

    void addCanary(const QString& label, const QByteArray& bytes, Kind kind)
    {
        m_canaries.append({label, bytes, kind});
    }

    static QString text(const QByteArray& utf8) { return QString::fromUtf8(utf8); }

    // --- driving the window ---------------------------------------------------------------------

    SecretsPage* page() const { return m_window->secretsPage(); }

    template <typename D> D* visibleDialog() const
    {
        for (D* dialog : m_window->findChildren<D*>()) {
            if (dialog->isVisible())
                return dialog;
        }
        return nullptr;
    }
    // The visible dialog of type D (waits up to 30 s), or null.
    template <typename D> D* waitForDialog() const
    {
        D* dialog = nullptr;
        [[maybe_unused]] const bool shown =
            QTest::qWaitFor([&] { return (dialog = visibleDialog<D>()) != nullptr; }, 30'000);
        return dialog;
    }
    static QPushButton* acceptButton(QWidget* dialog)
    {
        return GuiTestSupport::child<QPushButton>(*dialog, "acceptButton");
    }
    static QString errorOf(QWidget* dialog)
    {
        const auto* error = dialog->findChild<FormMessage*>(QStringLiteral("errorMessage"));
        return error ? error->text() : QString();
    }
    // Clicks the dialog's accept button and waits until it is gone (deleted on close).
    void acceptAndWait(QWidget* dialog, int timeoutMs = 60'000)
    {
        QPointer<QWidget> closing = dialog;
        QVERIFY(acceptButton(dialog)->isEnabled());
        QTest::mouseClick(acceptButton(dialog), Qt::LeftButton);
        if (!QTest::qWaitFor([&] { return !closing || !closing->isVisible(); }, timeoutMs))
            QFAIL(qPrintable(
                QStringLiteral("%1 stayed open: %2").arg(dialog->objectName(), errorOf(dialog))));
    }
    // Key clicks for every character, as a keyboard would send them (QTest::keyClicks takes
    // ASCII only: é goes as a key event carrying its text).
    static void typeText(QWidget* widget, const QString& characters)
    {
        for (const QChar c : characters) {
            if (c.unicode() < 0x80)
                QTest::keyClick(widget, char(c.unicode()));
            else
                QTest::sendKeyEvent(QTest::Click, widget, Qt::Key(c.toUpper().unicode()),
                                    QString(c), Qt::NoModifier);
        }
    }
    // Types into a field and checks that it holds exactly what was typed.
    static void type(QWidget* dialog, const char* field, const QByteArray& utf8)
    {
        auto* edit = GuiTestSupport::child<QLineEdit>(*dialog, field);
        edit->setFocus();
        typeText(edit, text(utf8));
        QVERIFY2(edit->text() == text(utf8), field); // never print the canary itself
    }
    static void typeValue(QWidget* dialog, const QByteArray& utf8)
    {
        auto* edit = GuiTestSupport::child<QPlainTextEdit>(*dialog, "valueEdit");
        edit->setFocus();
        typeText(edit, text(utf8));
        QVERIFY2(edit->toPlainText() == text(utf8), "the value field holds what was typed");
    }
    QStringList names() const
    {
        QStringList result;
        for (int row = 0; row < page()->proxy()->rowCount(); ++row)
            result << page()->proxy()->index(row, 0).data().toString();
        return result;
    }
    bool namesAre(const QList<QByteArray>& expected) const
    {
        QStringList wanted;
        for (const QByteArray& name : expected)
            wanted << text(name);
        QStringList shown = names();
        wanted.sort();
        shown.sort();
        return wanted == shown;
    }
    void select(const QByteArray& name) const
    {
        QTRY_VERIFY_WITH_TIMEOUT(names().contains(text(name)), 30'000);
        const QModelIndexList hits = page()->proxy()->match(
            page()->proxy()->index(0, 0), Qt::DisplayRole, text(name), 1, Qt::MatchExactly);
        QVERIFY(!hits.isEmpty());
        page()->table()->setFocus();
        page()->table()->selectionModel()->setCurrentIndex(
            hits.first(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(page()->selectedSecret());
    }
    void clickPage(const char* button) const
    {
        auto* widget = GuiTestSupport::child<QPushButton>(*page(), button);
        QTRY_VERIFY_WITH_TIMEOUT(widget->isEnabled(), 30'000);
        QTest::mouseClick(widget, Qt::LeftButton);
    }
    QAction* windowAction(const char* name) const
    {
        auto* action = m_window->findChild<QAction*>(QString::fromLatin1(name));
        if (!action)
            qFatal("no action %s", name);
        return action;
    }
    bool activate() const
    {
        m_window->activateWindow();
        return QTest::qWaitForWindowActive(m_window.get());
    }
    bool waitOnline() const
    {
        return QTest::qWaitFor(
            [this] {
                return m_window->store()->connectivity() == SecretStore::Connectivity::Online
                       && !m_window->store()->isSyncing();
            },
            60'000);
    }

    // Add: name and a typed value, "Save secret".
    void addTyped(const QByteArray& name, const QByteArray& value)
    {
        clickPage("addSecretButton");
        auto* dialog = waitForDialog<AddSecretDialog>();
        QVERIFY(dialog);
        type(dialog, "nameEdit", name);
        typeValue(dialog, value);
        if (QTest::currentTestFailed())
            return;
        acceptAndWait(dialog);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(names().contains(text(name)), 30'000);
    }

    // Add: name, Generate, read the value the user sees, Copy, "Save secret". Returns the value.
    QByteArray addGenerated(const QByteArray& name)
    {
        clickPage("addSecretButton");
        auto* dialog = waitForDialog<AddSecretDialog>();
        if (!dialog)
            return {};
        type(dialog, "nameEdit", name);
        QTest::mouseClick(GuiTestSupport::child<QPushButton>(*dialog, "generateButton"),
                          Qt::LeftButton);
        const QByteArray generated =
            GuiTestSupport::child<QPlainTextEdit>(*dialog, "valueEdit")->toPlainText().toUtf8();
        if (generated.size() < 24) {
            qWarning("the generator produced %d bytes", int(generated.size()));
            return {};
        }
        QTest::mouseClick(GuiTestSupport::child<QPushButton>(*dialog, "copyButton"),
                          Qt::LeftButton);
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        if (!mime || mime->text().toUtf8() != generated
            || !mime->hasFormat(QStringLiteral("x-kde-passwordManagerHint"))) {
            qWarning("Copy did not put the generated value on the clipboard, marked secret");
            return {};
        }
        m_copiedAt.start();
        m_clearedAfterMs = -1;
        acceptAndWait(dialog);
        if (QTest::currentTestFailed())
            return {};
        if (!QTest::qWaitFor([&] { return names().contains(text(name)); }, 30'000))
            return {};
        return generated;
    }

    void rename(const QByteArray& from, const QByteArray& to)
    {
        select(from);
        if (QTest::currentTestFailed())
            return;
        clickPage("editButton");
        auto* dialog = waitForDialog<EditSecretDialog>();
        QVERIFY(dialog);
        auto* name = GuiTestSupport::child<QLineEdit>(*dialog, "nameEdit");
        name->setFocus();
        name->selectAll();
        type(dialog, "nameEdit", to);
        acceptAndWait(dialog);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(names().contains(text(to)), 30'000);
        QVERIFY(!names().contains(text(from)));
    }

    // Replaces the value of name; returns its id.
    QUuid replace(const QByteArray& name, const QByteArray& value)
    {
        select(name);
        if (QTest::currentTestFailed())
            return {};
        const Secret before = *page()->selectedSecret();
        clickPage("editButton");
        auto* dialog = waitForDialog<EditSecretDialog>();
        if (!dialog)
            return {};
        typeValue(dialog, value);
        acceptAndWait(dialog);
        if (QTest::currentTestFailed())
            return {};
        const bool newVersion = QTest::qWaitFor(
            [&] {
                const auto now = page()->selectedSecret();
                return now && now->id == before.id && now->version > before.version;
            },
            30'000);
        return newVersion ? before.id : QUuid();
    }

    void remove(const QByteArray& name, bool typeName)
    {
        select(name);
        if (QTest::currentTestFailed())
            return;
        clickPage("deleteButton");
        auto* dialog = waitForDialog<DeleteSecretDialog>();
        QVERIFY(dialog);
        QVERIFY(dialog->needsTypedName() == typeName);
        if (typeName) {
            QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30'000); // references loaded
            type(dialog, "confirmEdit", name);
        }
        acceptAndWait(dialog);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(!names().contains(text(name)), 30'000);
    }

    // Waits until the copy made in the creating dialog is cleared by the timeout.
    void waitForClipboardClear(const QString& backend)
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_clearedAfterMs >= 0, 30'000);
        // Cleared by the timer (5 s through the setting; a coarse timer may fire 5 % early), not
        // by anything else.
        m_clearTimes << QStringLiteral("%1 ms").arg(m_clearedAfterMs);
        QVERIFY2(m_clearedAfterMs >= 4'500,
                 qPrintable(QStringLiteral("cleared after %1 ms").arg(m_clearedAfterMs)));
        QVERIFY(!m_window->clipboard()->holdsSecretCopy());
        snapshotClipboard(QStringLiteral("clipboard after the clear timeout (%1)").arg(backend));
    }

    void unlockWith(const QByteArray& password)
    {
        auto* dialog = waitForDialog<UnlockDialog>();
        QVERIFY(dialog);
        type(dialog, "passwordEdit", password);
        acceptAndWait(dialog);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(m_window->store()->isOpen(), 60'000);
    }

    void lock()
    {
        QAction* lockAction = windowAction("lockAction"); // File → Lock
        QVERIFY(lockAction->isEnabled());
        lockAction->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->store()->isOpen(), 30'000);
        QCOMPARE(
            qobject_cast<QStackedWidget*>(m_window->lockedPage()->parentWidget())->currentWidget(),
            m_window->lockedPage());
    }

    // No secret-class canary in any widget text, tooltip, title or model role now.
    void expectNothingOnScreen()
    {
        for (const Canary& canary : std::as_const(m_canaries)) {
            if (canary.kind == Kind::Secret)
                QVERIFY2(GuiTestSupport::findLeak(text(canary.bytes)).isEmpty(),
                         qPrintable(canary.label));
        }
    }

    // --- snapshots of files that come and go ----------------------------------------------------

    void snapshotFiles(const QString& directory, const QString& when)
    {
        QDirIterator it(directory, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            m_snapshots.append({classify(path),
                                relativeName(path) + QStringLiteral(" (") + when + QLatin1Char(')'),
                                TestSupport::readAll(path)});
        }
    }
    void snapshotClipboard(const QString& when)
    {
        QByteArray bytes;
        if (const QMimeData* mime = QGuiApplication::clipboard()->mimeData()) {
            for (const QString& format : mime->formats())
                bytes += format.toUtf8() + '\n' + mime->data(format) + '\n';
            bytes += mime->text().toUtf8();
        }
        m_snapshots.append({Where::Clipboard, when, bytes});
    }

    // --- where a file belongs --------------------------------------------------------------------

    Where classify(const QString& path) const
    {
        const QString clean = QDir::cleanPath(path);
        if (clean == rootPath("capture/stdout.txt"))
            return Where::TestStdout;
        if (clean == rootPath("capture/stderr.txt"))
            return Where::TestStderr;
        if (clean == rootPath("capture/messages.log"))
            return Where::MessageLog;
        if (clean == m_settingsPath)
            return Where::SettingsFile;
        if (isWithin(clean, rootPath("config")))
            return Where::OtherConfig;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            if (clean == m_vaultPath + QLatin1String(suffix))
                return Where::LocalVault;
        }
        if (isWithin(clean, rootPath("data")))
            return Where::OtherData;
        if (isWithin(clean, m_remoteCacheDir))
            return Where::RemoteCache;
        if (isWithin(clean, rootPath("cache")))
            return Where::OtherCache;
        if (isWithin(clean, rootPath("tmp")))
            return Where::TempDir;
        if (clean == rootPath("server/stdout.txt"))
            return Where::ServerStdout;
        if (clean == rootPath("server/stderr.txt"))
            return Where::ServerStderr;
        if (clean == rootPath("server/bodies.txt"))
            return Where::RecordedBodies;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            if (clean == CanaryServer::databasePath() + QLatin1String(suffix))
                return Where::ServerDatabase;
        }
        if (clean == CanaryServer::databasePath() + QLatin1String(".keys"))
            return Where::ServerKeys;
        if (isWithin(clean, rootPath("server")))
            return Where::ServerOther;
        return Where::Unexpected;
    }

    // --- the session ----------------------------------------------------------------------------

    void localSession()
    {
        // The app's start: the remembered backend (none yet: the default vault, which does not
        // exist), the window, then requestUnlock() on the first event loop turn: "Create vault".
        const StartupBackend backend = StartupBackend::choose(*m_settings);
        QVERIFY(!backend.isRemote());
        m_vaultPath = QDir::cleanPath(backend.vaultPath());
        QVERIFY2(isWithin(m_vaultPath, rootPath("data")), qPrintable(m_vaultPath));
        m_window = std::make_unique<MainWindow>(*m_settings, backend.createStore(), &m_credentials);
        connect(m_window->clipboard(), &SecretClipboard::cleared, this, [this] {
            if (m_copiedAt.isValid() && m_clearedAfterMs < 0)
                m_clearedAfterMs = m_copiedAt.elapsed();
        });
        QCOMPARE(m_window->clipboard()->clearAfterSeconds(), 5);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTimer::singleShot(0, m_window.get(), &MainWindow::requestUnlock);

        auto* create = waitForDialog<CreateVaultDialog>();
        QVERIFY(create);
        type(create, "passwordEdit", m_password);
        type(create, "confirmEdit", m_password);
        acceptAndWait(create); // the real KDF (scrypt N = 2^17)
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(m_window->store()->isOpen(), 60'000);
        QVERIFY(QFileInfo::exists(m_vaultPath));

        addTyped(m_localName, m_localValue);
        if (QTest::currentTestFailed())
            return;
        const QByteArray generated = addGenerated(m_localGeneratedName);
        QVERIFY2(!generated.isEmpty(), "generate, copy and save in the Add dialog");
        addCanary(QStringLiteral("local generated value"), generated, Kind::Secret);
        rename(m_localName, m_localRenamed);
        if (QTest::currentTestFailed())
            return;
        m_localSecretId = replace(m_localRenamed, m_localReplacement);
        QVERIFY2(!m_localSecretId.isNull(), "the value was replaced");
        remove(m_localGeneratedName, false);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(namesAre({m_localRenamed}));
        waitForClipboardClear(QStringLiteral("local vault"));
        if (QTest::currentTestFailed())
            return;
        snapshotFiles(QFileInfo(m_vaultPath).absolutePath(), QStringLiteral("while unlocked"));
        expectNothingOnScreen();

        lock();
        if (QTest::currentTestFailed())
            return;
        QTest::mouseClick(m_window->lockedPage()->unlockButton(), Qt::LeftButton);
        unlockWith(m_password);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(namesAre({m_localRenamed}), 30'000);

        // File → Change password…
        QAction* change = windowAction("changePasswordAction");
        QVERIFY(change->isEnabled());
        change->trigger();
        auto* dialog = waitForDialog<ChangePasswordDialog>();
        QVERIFY(dialog);
        type(dialog, "currentEdit", m_password);
        type(dialog, "passwordEdit", m_newPassword);
        type(dialog, "confirmEdit", m_newPassword);
        acceptAndWait(dialog);
        if (QTest::currentTestFailed())
            return;
        snapshotFiles(QFileInfo(m_vaultPath).absolutePath(),
                      QStringLiteral("after the password change"));
        lock();
        expectNothingOnScreen();
    }

    void remoteSession()
    {
        // Backend → Manage connections…: a new connection, tested, saved (secret → keychain).
        m_window->backendMenu()->manageAction()->trigger();
        auto* connections = waitForDialog<ConnectionsDialog>();
        QVERIFY(connections);
        QTest::mouseClick(GuiTestSupport::child<QPushButton>(*connections, "addProfileButton"),
                          Qt::LeftButton);
        const auto field = [connections](const char* name, const QByteArray& value) {
            type(connections, name, value);
            QMetaObject::invokeMethod(GuiTestSupport::child<QLineEdit>(*connections, name),
                                      "editingFinished");
        };
        field("nameEdit", "Canary server");
        field("apiUrlEdit", m_server.apiUrl().toUtf8());
        field("clientIdEdit", CanaryServer::clientId().toUtf8());
        field("clientSecretEdit", m_clientSecret);
        field("caFileEdit", m_server.caPath().toUtf8());
        if (QTest::currentTestFailed())
            return;
        QTest::mouseClick(GuiTestSupport::child<QPushButton>(*connections, "testConnectionButton"),
                          Qt::LeftButton);
        auto* result = GuiTestSupport::child<FormMessage>(*connections, "testResult");
        QTRY_VERIFY_WITH_TIMEOUT(
            result->kind() == FormMessage::Kind::Success && !connections->isBusy(), 30'000);
        acceptAndWait(connections);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_settings->remoteProfiles().size(), 1);
        const RemoteProfile profile = m_settings->remoteProfiles().constFirst();
        m_profileId = profile.id;
        const CredentialResult stored =
            KeychainTestSupport::await(m_credentials.read(profile.keychainKey()));
        QVERIFY2(stored.ok() && stored.value
                     && stored.value->view() == QByteArrayView(m_clientSecret),
                 "the client secret is remembered in the keychain");

        // Backend → Canary server: signed in with the secret from the keychain.
        QAction* switchTo = m_window->backendMenu()->profileAction(profile.id);
        QVERIFY(switchTo);
        switchTo->trigger();
        QVERIFY(qobject_cast<RemoteApiStore*>(m_window->store()));
        QVERIFY2(waitOnline(), "signed in from the keychain");
        QVERIFY(!visibleDialog<SignInDialog>());
        QTRY_VERIFY_WITH_TIMEOUT(page()->addSecretAction()->isEnabled(), 30'000);

        addTyped(m_remoteName, m_remoteValue);
        if (QTest::currentTestFailed())
            return;
        const QByteArray generated = addGenerated(m_remoteGeneratedName);
        QVERIFY2(!generated.isEmpty(), "generate, copy and save in the Add dialog");
        addCanary(QStringLiteral("remote generated value"), generated, Kind::Secret);
        rename(m_remoteName, m_remoteRenamed);
        if (QTest::currentTestFailed())
            return;
        m_remoteSecretId = replace(m_remoteRenamed, m_remoteReplacement);
        QVERIFY2(!m_remoteSecretId.isNull(), "the value was replaced");
        // The server opened exactly the replacement value.
        QCOMPARE(m_server.storedDigest(m_remoteSecretId),
                 RemoteTestSupport::sha256Hex(m_remoteReplacement));
        remove(m_remoteGeneratedName, true);
        if (QTest::currentTestFailed())
            return;

        // F5: sync.
        QVERIFY(activate());
        QVERIFY(waitOnline());
        QTest::keyClick(m_window.get(), Qt::Key_F5);
        QVERIFY(waitOnline());
        QVERIFY(namesAre({m_remoteRenamed}));
        waitForClipboardClear(QStringLiteral("remote"));
        if (QTest::currentTestFailed())
            return;
        m_remoteCacheDir =
            QDir::cleanPath(QFileInfo(RemoteSession::cacheDirectory(profile.id)).absolutePath());
        QVERIFY2(isWithin(m_remoteCacheDir, rootPath("cache")), qPrintable(m_remoteCacheDir));
        snapshotFiles(m_remoteCacheDir, QStringLiteral("while signed in"));
        snapshotFiles(rootPath("server"), QStringLiteral("while the server runs"));
        snapshotFiles(rootPath("tmp"), QStringLiteral("while signed in"));
        expectNothingOnScreen();

        // Backend → Local vault: locked, unlocked with the new password.
        m_window->backendMenu()->localVaultAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<LocalVaultStore*>(m_window->store()), 30'000);
        unlockWith(m_newPassword);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY_WITH_TIMEOUT(namesAre({m_localRenamed}), 30'000);
        lock();
        expectNothingOnScreen();
    }

    // --- the search ------------------------------------------------------------------------------

    QList<Captured> collect() const
    {
        QList<Captured> all;
        QDirIterator it(g_root, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            all.append({classify(path), relativeName(path), TestSupport::readAll(path)});
        }
        all += m_snapshots;
        return all;
    }

    QList<Hit> search(const QList<Captured>& captured) const
    {
        struct Needle {
            int canary;
            QString encoding;
            QByteArrayMatcher matcher;
            qsizetype length;
        };
        QList<Needle> needles;
        for (int i = 0; i < m_canaries.size(); ++i) {
            for (const Form& form : formsOf(m_canaries.at(i).bytes))
                needles.append(
                    {i, form.encoding, QByteArrayMatcher(form.bytes), form.bytes.size()});
        }
        QList<Hit> hits;
        for (const Captured& item : captured) {
            for (const Needle& needle : std::as_const(needles)) {
                for (qsizetype at = needle.matcher.indexIn(item.bytes); at >= 0;
                     at = needle.matcher.indexIn(item.bytes, at + 1))
                    hits.append({needle.canary, item.where, item.name, needle.encoding, at});
            }
        }
        return hits;
    }

    // Replaces every form of every canary in bytes by its label (for replaying output).
    QByteArray redacted(QByteArray bytes) const
    {
        for (const Canary& canary : m_canaries) {
            for (const Form& form : formsOf(canary.bytes))
                bytes.replace(form.bytes, "<canary: " + canary.label.toUtf8() + '>');
        }
        return bytes;
    }

    // Checks every hit against kRules and prints the summary; returns the number of problems.
    int judge(const QList<Captured>& captured, const QList<Hit>& hits) const
    {
        std::array<int, WhereCount> files{};
        std::array<qint64, WhereCount> bytes{};
        std::array<QStringList, WhereCount> fileNames{}; // with their sizes
        qint64 totalBytes = 0;
        for (const Captured& item : captured) {
            ++files[std::size_t(item.where)];
            fileNames[std::size_t(item.where)]
                << QStringLiteral("%1: %2 bytes").arg(item.name).arg(item.bytes.size());
            bytes[std::size_t(item.where)] += item.bytes.size();
            totalBytes += item.bytes.size();
        }
        // counts[canary][where]
        QList<std::array<int, WhereCount>> counts(m_canaries.size());
        for (const Hit& hit : hits)
            ++counts[hit.canary][std::size_t(hit.where)];

        int problems = 0;
        for (const Hit& hit : hits) {
            const Canary& canary = m_canaries.at(hit.canary);
            if (ruleOf(hit.where).expect.at(std::size_t(canary.kind)) != Expect::None)
                continue;
            ++problems;
            qWarning().noquote() << QStringLiteral("LEAK: %1 found in %2: %3, as %4 at offset %5")
                                        .arg(canary.label,
                                             QString::fromLatin1(ruleOf(hit.where).name), hit.name,
                                             hit.encoding)
                                        .arg(hit.offset);
        }
        for (int i = 0; i < m_canaries.size(); ++i) {
            for (const Rule& rule : kRules) {
                if (rule.expect.at(std::size_t(m_canaries.at(i).kind)) == Expect::Some
                    && counts[i][std::size_t(rule.where)] == 0) {
                    ++problems;
                    qWarning("MISSING: %s was expected in %s but is not there (the session or "
                             "the search did not work)",
                             qPrintable(m_canaries.at(i).label), rule.name);
                }
            }
        }

        qInfo("session canary: %d canaries, each searched as %s", int(m_canaries.size()),
              qPrintable(encodingNames()));
        qInfo("searched %d files and snapshots, %lld bytes:", int(captured.size()), totalBytes);
        for (const Rule& rule : kRules) {
            qInfo("  %-36s %3d files %10lld bytes", rule.name, files[std::size_t(rule.where)],
                  bytes[std::size_t(rule.where)]);
            for (const QString& name : std::as_const(fileNames[std::size_t(rule.where)]))
                qInfo("      %s", qPrintable(name));
        }
        qInfo("hits per canary and location (files and snapshots; any location not named: 0):");
        for (int i = 0; i < m_canaries.size(); ++i) {
            QStringList places;
            for (const Rule& rule : kRules) {
                if (const int n = counts[i][std::size_t(rule.where)]; n > 0)
                    places << QStringLiteral("%1 %2").arg(QString::fromLatin1(rule.name)).arg(n);
            }
            qInfo("  %-30s %s", qPrintable(m_canaries.at(i).label),
                  places.isEmpty() ? "0 hits" : qPrintable(places.join(QStringLiteral(", "))));
        }
        qInfo("the clipboard was cleared %s after Copy (security/clipboardClearSeconds = 5)",
              qPrintable(m_clearTimes.join(QStringLiteral(" and "))));
        qInfo("problems: %d", problems);
        return problems;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(!g_root.isEmpty());
        addCanary(QStringLiteral("vault password"), m_password, Kind::Secret);
        addCanary(QStringLiteral("new vault password"), m_newPassword, Kind::Secret);
        addCanary(QStringLiteral("client secret"), m_clientSecret, Kind::Secret);
        addCanary(QStringLiteral("local typed value"), m_localValue, Kind::Secret);
        addCanary(QStringLiteral("local replacement value"), m_localReplacement, Kind::Secret);
        addCanary(QStringLiteral("remote typed value"), m_remoteValue, Kind::Secret);
        addCanary(QStringLiteral("remote replacement value"), m_remoteReplacement, Kind::Secret);
        addCanary(QStringLiteral("local name"), m_localName, Kind::LocalName);
        addCanary(QStringLiteral("local renamed name"), m_localRenamed, Kind::LocalName);
        addCanary(QStringLiteral("local generated's name"), m_localGeneratedName, Kind::LocalName);
        addCanary(QStringLiteral("remote renamed name"), m_remoteRenamed, Kind::RemoteName);
        addCanary(QStringLiteral("remote name"), m_remoteName, Kind::RemoteOldName);
        addCanary(QStringLiteral("remote generated's name"), m_remoteGeneratedName,
                  Kind::RemoteOldName);
    }

    // The search itself: every encoding of a canary is found inside noise, at every alignment,
    // and a near miss is not.
    void searchFindsEveryEncoding()
    {
        const QByteArray canary = makeCanary("cnry-selftest-", " +/\xc3\xa9");
        const QList<Form> forms = formsOf(canary);
        const auto found = [&forms](const QByteArray& haystack) {
            QStringList encodings;
            for (const Form& form : forms) {
                if (haystack.contains(form.bytes))
                    encodings << form.encoding.split(QStringLiteral(" = "));
            }
            return encodings;
        };
        const QByteArray noise = Random::bytes(37);
        for (int shift = 0; shift < 3; ++shift) {
            const QByteArray around = QByteArray(shift, 'q') + canary + "tail";
            QVERIFY(found(noise + around.toBase64() + noise).contains(QStringLiteral("base64")));
            QVERIFY(found(noise
                          + around.toBase64(QByteArray::Base64UrlEncoding
                                            | QByteArray::OmitTrailingEquals)
                          + noise)
                        .contains(QStringLiteral("base64url")));
        }
        QVERIFY(found(noise + canary + noise).contains(QStringLiteral("UTF-8")));
        const QString text = QString::fromUtf8(canary);
        const QByteArray utf16(reinterpret_cast<const char*>(text.utf16()), text.size() * 2);
        QVERIFY(found(noise + utf16 + noise).contains(QStringLiteral("UTF-16LE")));
        QVERIFY(found(noise + canary.toHex() + noise).contains(QStringLiteral("hex")));
        QVERIFY(found(noise + canary.toHex().toUpper() + noise).contains(QStringLiteral("HEX")));
        QVERIFY(found(noise + canary.toPercentEncoding() + noise)
                    .contains(QStringLiteral("percent-encoding")));
        QVERIFY(found(noise + canary.chopped(1) + noise).isEmpty());
    }

    void wholeSession()
    {
        QElapsedTimer elapsed;
        elapsed.start();
        MINT_REQUIRE_KEYCHAIN_OR_SKIP(m_credentials);

        // The clipboard is cleared after security/clipboardClearSeconds (30 s by default; 5 is
        // the smallest the app accepts). Settings has no setter for it: a user edits the file.
        {
            QSettings raw;
            raw.setValue(QStringLiteral("security/clipboardClearSeconds"), 5);
        }
        m_settings = std::make_unique<Settings>(); // the app's own settings location
        m_settingsPath = QDir::cleanPath(m_settings->fileName());
        QVERIFY2(isWithin(m_settingsPath, rootPath("config")), qPrintable(m_settingsPath));
        QCOMPARE(m_settings->clipboardClearSeconds(), 5);
        m_remoteCacheDir =
            QDir::cleanPath(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)
                            + QStringLiteral("/remote"));
        QVERIFY(m_server.start(m_clientSecret));

        {
            OutputCapture capture(rootPath("capture"));
            localSession();
            if (!QTest::currentTestFailed())
                remoteSession();
            if (m_window) {
                m_window->close(); // saves geometry and state to the settings
                m_window.reset();
            }
            m_settings->sync();
            capture.restore();
        }
        if (QTest::currentTestFailed()) {
            // What Qt Test wrote during the session (its FAIL line) went to the capture.
            for (const char* file : {"capture/stdout.txt", "capture/stderr.txt"}) {
                const QByteArray replay = redacted(TestSupport::readAll(rootPath(file)));
                std::fwrite(replay.constData(), 1, std::size_t(replay.size()), stdout);
            }
            std::fflush(stdout);
        }
        m_server.stop();
        if (!m_profileId.isNull()) {
            RemoteProfile profile;
            profile.id = m_profileId;
            KeychainTestSupport::await(m_credentials.remove(profile.keychainKey()));
        }
        m_settings.reset();

        // The local vault holds the replacement value under the new password.
        if (!QTest::currentTestFailed()) {
            VaultEngine engine(m_vaultPath);
            QVERIFY(engine.unlock(SecretValue(m_newPassword)).ok());
            const auto matches = engine.matches(m_localSecretId, SecretValue(m_localReplacement));
            QVERIFY(matches.ok() && matches.value());
        }

        const QList<Captured> captured = collect();
        const int problems = judge(captured, search(captured));
        qInfo("session and search took %lld ms", elapsed.elapsed());
        QCOMPARE(problems, 0);
    }
};

int main(int argc, char* argv[])
{
    // Before Qt, OpenSSL or SQLite read TMPDIR or the XDG folders.
    prepareFolders();
    SecureMemory::initialize();                                      // as the app does, first thing
    QLoggingCategory::setFilterRules(QStringLiteral("mint.*=true")); // the app's own categories
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    // The app's names: its settings file, data and cache folders.
    QApplication::setOrganizationName(QStringLiteral("MintConfig"));
    QApplication::setApplicationName(QStringLiteral("mint-config"));
    TestSessionCanary test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sessioncanary.moc"
