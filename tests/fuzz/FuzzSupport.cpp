#include "FuzzSupport.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {
std::unique_ptr<QTemporaryDir> g_scratch;

void quiet(QtMsgType type, const QMessageLogContext&, const QString& message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    static QCoreApplication app(*argc, *argv);
    if (qEnvironmentVariableIsEmpty("MINT_FUZZ_VERBOSE"))
        qInstallMessageHandler(quiet);
    // Prefer memory-backed storage: the vault target writes a file per input.
    const QString base = qEnvironmentVariable("MINT_FUZZ_SCRATCH", QStringLiteral("/dev/shm"));
    g_scratch = std::make_unique<QTemporaryDir>(base + QStringLiteral("/mint-fuzz-XXXXXX"));
    if (!g_scratch->isValid())
        g_scratch = std::make_unique<QTemporaryDir>();
    std::atexit([] { g_scratch.reset(); });
    return 0;
}

namespace FuzzSupport {

QString scratchDir()
{
    return g_scratch->path();
}

void fail(const char* condition, const char* file, int line)
{
    std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", condition, file, line);
    std::abort();
}

std::uint8_t Input::byte()
{
    if (m_rest.isEmpty())
        return 0;
    const auto value = std::uint8_t(m_rest.front());
    m_rest = m_rest.sliced(1);
    return value;
}

QByteArrayView Input::bytes(qsizetype maxSize)
{
    const qsizetype wanted = qsizetype(byte()) * qMax<qsizetype>(1, maxSize / 255);
    const qsizetype size = std::min({wanted, maxSize, m_rest.size()});
    const QByteArrayView part = m_rest.first(size);
    m_rest = m_rest.sliced(size);
    return part;
}

QByteArrayView Input::rest()
{
    const QByteArrayView all = m_rest;
    m_rest = {};
    return all;
}

} // namespace FuzzSupport
