#pragma once

// What the fuzz targets share: the libFuzzer entry points, an input reader, an invariant check
// and the process set-up. A target defines only LLVMFuzzerTestOneInput: LLVMFuzzerInitialize
// (FuzzSupport.cpp) creates the QCoreApplication (Qt Sql's plug-ins and tr() want one),
// silences Qt's messages (qFatal still aborts) unless MINT_FUZZ_VERBOSE is set, and makes a
// private scratch folder.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

// A broken invariant: print it and abort, so that libFuzzer keeps the input as a crash.
#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition))                                                                          \
            FuzzSupport::fail(#condition, __FILE__, __LINE__);                                     \
    } while (false)

namespace FuzzSupport {

// A folder of this process's own, removed at exit.
QString scratchDir();
[[noreturn]] void fail(const char* condition, const char* file, int line);

// Splits one fuzz input into parts, front to back. Past the end, everything reads as empty/zero.
class Input final {
public:
    Input(const std::uint8_t* data, std::size_t size)
        : m_rest(reinterpret_cast<const char*>(data), qsizetype(size))
    {
    }
    std::uint8_t byte();
    // A part of at most maxSize bytes, its length given by the next byte (0-255) scaled up.
    QByteArrayView bytes(qsizetype maxSize);
    QString utf8(qsizetype maxSize) { return QString::fromUtf8(bytes(maxSize)); }
    QByteArrayView rest();

private:
    QByteArrayView m_rest;
};

} // namespace FuzzSupport
