#include "StdinReader.h"

#include <QtGlobal>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

#include <cerrno>

namespace {

// read(2) on descriptor 0, retried on EINTR; 0 at end of input, -1 on error.
qsizetype readStdin(char* buffer, qsizetype size)
{
    for (;;) {
#ifdef Q_OS_WIN
        const int n = ::_read(0, buffer, unsigned(qMin<qsizetype>(size, 1 << 30)));
#else
        const ssize_t n = ::read(0, buffer, size_t(size));
#endif
        if (n < 0 && errno == EINTR)
            continue;
        return qsizetype(n);
    }
}

} // namespace

bool StdinReader::isTerminal()
{
#ifdef Q_OS_WIN
    return ::_isatty(0) != 0;
#else
    return ::isatty(0) != 0;
#endif
}

std::optional<SecretValue> StdinReader::readLine(qsizetype maxSize)
{
    SecretValue line(maxSize + 1);
    qsizetype length = 0;
    bool any = false;
    for (;;) {
        char c = 0;
        if (readStdin(&c, 1) <= 0)
            break;
        any = true;
        if (c == '\n')
            break;
        if (length < line.size())
            line.data()[length++] = c;
    }
    if (!any)
        return std::nullopt;
    if (length > 0 && length <= maxSize && line.data()[length - 1] == '\r')
        --length;
    line.truncate(length);
    return line;
}

SecretValue StdinReader::readToEnd(qsizetype maxSize)
{
    SecretValue value(maxSize + 2);
    qsizetype length = 0;
    while (length < value.size()) {
        const qsizetype n = readStdin(value.data() + length, value.size() - length);
        if (n <= 0)
            break;
        length += n;
    }
    if (length > 0 && value.data()[length - 1] == '\n')
        --length;
    value.truncate(length);
    return value;
}
