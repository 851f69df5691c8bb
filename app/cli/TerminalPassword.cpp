#include "TerminalPassword.h"

#include <QByteArray>

#ifdef Q_OS_WIN
#include <windows.h>
#else
#include <csignal>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>
#endif

#include <cerrno>

namespace {

#ifdef Q_OS_WIN

HANDLE openConsole(const wchar_t* name)
{
    return CreateFileW(name, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE,
                       nullptr, OPEN_EXISTING, 0, nullptr);
}

void writeConsole(const QString& text)
{
    const HANDLE out = openConsole(L"CONOUT$");
    if (out == INVALID_HANDLE_VALUE)
        return;
    DWORD written = 0;
    WriteConsoleW(out, reinterpret_cast<const wchar_t*>(text.utf16()), DWORD(text.size()), &written,
                  nullptr);
    CloseHandle(out);
}

// Reads one line of UTF-16 from the console into a wiped buffer and returns it as UTF-8.
std::optional<SecretValue> readConsoleLine(bool echo, qsizetype maxSize)
{
    const HANDLE in = openConsole(L"CONIN$");
    if (in == INVALID_HANDLE_VALUE)
        return std::nullopt;
    DWORD oldMode = 0;
    GetConsoleMode(in, &oldMode);
    DWORD mode = oldMode | ENABLE_LINE_INPUT | ENABLE_PROCESSED_INPUT;
    mode = echo ? (mode | ENABLE_ECHO_INPUT) : (mode & ~DWORD(ENABLE_ECHO_INPUT));
    SetConsoleMode(in, mode);

    // Worst case 3 UTF-8 bytes per UTF-16 unit; keep one unit more than asked to flag overflow.
    const qsizetype capacity = maxSize + 1;
    SecretValue units(capacity * qsizetype(sizeof(wchar_t)));
    auto* buffer = reinterpret_cast<wchar_t*>(units.data());
    qsizetype length = 0;
    bool complete = false;
    for (;;) {
        wchar_t c = 0;
        DWORD read = 0;
        if (!ReadConsoleW(in, &c, 1, &read, nullptr) || read == 0)
            break;
        if (c == L'\n') {
            complete = true;
            break;
        }
        if (c != L'\r' && length < capacity)
            buffer[length++] = c;
    }
    SetConsoleMode(in, oldMode);
    CloseHandle(in);
    if (!echo)
        writeConsole(QStringLiteral("\r\n"));
    if (!complete)
        return std::nullopt;
    SecretValue line =
        SecretValue::fromText(QStringView(reinterpret_cast<const char16_t*>(buffer), length));
    if (line.size() > maxSize)
        line.truncate(maxSize + 1);
    return line;
}

#else

// The terminal settings to restore if a signal arrives while echo is off.
int g_ttyFd = -1;
struct termios g_savedTermios {};
struct sigaction g_savedActions[4]{};
constexpr int HandledSignals[4] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

extern "C" void restoreTerminalAndReraise(int signal)
{
    if (g_ttyFd >= 0)
        tcsetattr(g_ttyFd, TCSAFLUSH, &g_savedTermios);
    for (int i = 0; i < 4; ++i)
        sigaction(HandledSignals[i], &g_savedActions[i], nullptr);
    raise(signal);
}

void writeAll(int fd, QByteArrayView bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        done += n;
    }
}

int openTty()
{
    return ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
}

// Reads up to a newline into line (keeping at most capacity bytes); false if input ended first.
bool readLine(int fd, SecretValue& line, qsizetype& length)
{
    const qsizetype capacity = line.size();
    length = 0;
    for (;;) {
        char c = 0;
        const ssize_t n = ::read(fd, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        if (c == '\n')
            return true;
        if (length < capacity)
            line.data()[length++] = c;
    }
}

#endif

} // namespace

bool TerminalPassword::available()
{
#ifdef Q_OS_WIN
    const HANDLE in = openConsole(L"CONIN$");
    if (in == INVALID_HANDLE_VALUE)
        return false;
    CloseHandle(in);
    return true;
#else
    const int fd = openTty();
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
#endif
}

std::optional<SecretValue> TerminalPassword::readHidden(const QString& prompt, qsizetype maxSize)
{
#ifdef Q_OS_WIN
    writeConsole(prompt);
    return readConsoleLine(false, maxSize);
#else
    const int fd = openTty();
    if (fd < 0)
        return std::nullopt;
    writeAll(fd, prompt.toUtf8());

    struct termios saved {};
    const bool isTty = tcgetattr(fd, &saved) == 0;
    if (isTty) {
        g_savedTermios = saved;
        g_ttyFd = fd;
        struct sigaction action {};
        action.sa_handler = restoreTerminalAndReraise;
        sigemptyset(&action.sa_mask);
        for (int i = 0; i < 4; ++i)
            sigaction(HandledSignals[i], &action, &g_savedActions[i]);
        struct termios hidden = saved;
        hidden.c_lflag &= ~tcflag_t(ECHO | ECHOE | ECHOK | ECHONL);
        hidden.c_lflag |= ICANON;
        tcsetattr(fd, TCSAFLUSH, &hidden);
    }

    SecretValue line(maxSize + 1);
    qsizetype length = 0;
    const bool complete = readLine(fd, line, length);

    if (isTty) {
        tcsetattr(fd, TCSAFLUSH, &saved);
        for (int i = 0; i < 4; ++i)
            sigaction(HandledSignals[i], &g_savedActions[i], nullptr);
        g_ttyFd = -1;
    }
    writeAll(fd, "\n");
    ::close(fd);
    if (!complete)
        return std::nullopt;
    line.truncate(length);
    return line;
#endif
}

std::optional<QString> TerminalPassword::ask(const QString& prompt)
{
    constexpr qsizetype MaxAnswer = 256;
#ifdef Q_OS_WIN
    writeConsole(prompt);
    const std::optional<SecretValue> line = readConsoleLine(true, MaxAnswer);
    if (!line)
        return std::nullopt;
    return QString::fromUtf8(line->view());
#else
    const int fd = openTty();
    if (fd < 0)
        return std::nullopt;
    writeAll(fd, prompt.toUtf8());
    SecretValue line(MaxAnswer);
    qsizetype length = 0;
    const bool complete = readLine(fd, line, length);
    ::close(fd);
    if (!complete)
        return std::nullopt;
    return QString::fromUtf8(line.view().first(length));
#endif
}
