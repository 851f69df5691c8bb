#pragma once

// Finds every copy of a secret in this process's writable memory, and tells which copies sit in
// locked memory. It reads the memory through /proc/self/mem (a system call, so no address is
// dereferenced: safe under AddressSanitizer) and the mappings from /proc/self/smaps. Linux only.
//
// A Needle holds its bytes XOR-masked, so the search itself never leaves a plain copy behind.

#include "SecretValue.h"

#include <QByteArray>
#include <QFile>
#include <QList>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace MemoryScan {

inline constexpr unsigned char Mask = 0xA5;

class Needle final {
public:
    Needle() = default;
    explicit Needle(QByteArrayView bytes)
    {
        m_masked.resize(bytes.size());
        for (qsizetype i = 0; i < bytes.size(); ++i)
            m_masked[i] = char(bytes[i] ^ Mask);
    }
    explicit Needle(const SecretValue& value)
        : Needle(value.view())
    {
    }

    [[nodiscard]] qsizetype size() const { return m_masked.size(); }
    [[nodiscard]] bool isEmpty() const { return m_masked.isEmpty(); }
    // Whether haystack holds the needle at offset i (haystack has at least size() bytes there).
    [[nodiscard]] bool at(const unsigned char* haystack) const
    {
        for (qsizetype k = 0; k < m_masked.size(); ++k) {
            if (haystack[k] != (static_cast<unsigned char>(m_masked[k]) ^ Mask))
                return false;
        }
        return true;
    }
    [[nodiscard]] bool in(const unsigned char* block, std::size_t size) const
    {
        if (isEmpty() || size < std::size_t(m_masked.size()))
            return false;
        const unsigned char first = static_cast<unsigned char>(m_masked[0]) ^ Mask;
        for (std::size_t i = 0; i + std::size_t(m_masked.size()) <= size; ++i) {
            if (block[i] == first && at(block + i))
                return true;
        }
        return false;
    }

private:
    QByteArray m_masked;
};

struct Mapping {
    std::uintptr_t start = 0;
    std::uintptr_t end = 0;
    QByteArray permissions;
    QByteArray name;
    QByteArrayList flags; // VmFlags: "lo" locked, "dd" left out of core dumps
    qint64 rssKiB = 0;    // resident
    qint64 lockedKiB = 0; // resident and locked

    [[nodiscard]] bool contains(const void* p) const
    {
        const auto address = reinterpret_cast<std::uintptr_t>(p);
        return address >= start && address < end;
    }
    [[nodiscard]] bool isLocked() const { return flags.contains("lo"); }
    [[nodiscard]] bool isLeftOutOfDumps() const { return flags.contains("dd"); }
};

inline QList<Mapping> mappings()
{
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    QList<Mapping> result;
    if (!smaps.open(QIODevice::ReadOnly))
        return result;
    const QByteArray text = smaps.readAll();
    for (const QByteArray& line : text.split('\n')) {
        const QByteArrayList fields = line.simplified().split(' ');
        if (fields.isEmpty() || fields[0].isEmpty())
            continue;
        const qsizetype dash = fields[0].indexOf('-');
        if (dash > 0 && !fields[0].endsWith(':')) {
            Mapping mapping;
            mapping.start = fields[0].left(dash).toULongLong(nullptr, 16);
            mapping.end = fields[0].mid(dash + 1).toULongLong(nullptr, 16);
            mapping.permissions = fields.value(1);
            mapping.name = fields.size() > 5 ? fields[5] : QByteArray();
            result.append(mapping);
        } else if (!result.isEmpty() && fields[0] == "VmFlags:") {
            result.last().flags = fields.mid(1);
        } else if (!result.isEmpty() && fields[0] == "Rss:") {
            result.last().rssKiB = fields.value(1).toLongLong();
        } else if (!result.isEmpty() && fields[0] == "Locked:") {
            result.last().lockedKiB = fields.value(1).toLongLong();
        }
    }
    return result;
}

inline Mapping mappingOf(const void* p)
{
    for (const Mapping& mapping : mappings()) {
        if (mapping.contains(p))
            return mapping;
    }
    return {};
}

struct Occurrence {
    std::uintptr_t address = 0;
    bool locked = false;
};

// Every copy of needle in the process's readable and writable mappings (where a secret can be
// left behind; code and read-only data are not searched). Mappings over 1 GiB (sanitizer shadow
// memory) are skipped.
inline QList<Occurrence> find(const Needle& needle)
{
    constexpr std::size_t Chunk = std::size_t(1) << 20;
    constexpr std::size_t MaxMapping = std::size_t(1) << 30;
    QList<Occurrence> found;
    if (needle.isEmpty())
        return found;
    // The read buffer is a mapping of its own, skipped by the search (it holds what it read).
    void* buffer = mmap(nullptr, Chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buffer == MAP_FAILED)
        return found;
    const auto* bytes = static_cast<const unsigned char*>(buffer);
    const int fd = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
    const std::size_t overlap = std::size_t(needle.size()) - 1;
    for (const Mapping& mapping : mappings()) {
        if (fd < 0 || !mapping.permissions.startsWith("rw") || mapping.contains(buffer)
            || mapping.end - mapping.start > MaxMapping)
            continue;
        for (std::uintptr_t at = mapping.start; at < mapping.end;) {
            const std::size_t want = std::min<std::size_t>(Chunk, mapping.end - at);
            const ssize_t got = pread(fd, buffer, want, off_t(at));
            if (got <= 0)
                break;
            const std::size_t size = std::size_t(got);
            for (std::size_t i = 0; i + std::size_t(needle.size()) <= size; ++i) {
                if (needle.at(bytes + i))
                    found.append({at + i, mapping.isLocked()});
            }
            if (size <= overlap || at + size >= mapping.end)
                break;
            at += size - overlap;
        }
    }
    if (fd >= 0)
        close(fd);
    std::memset(buffer, 0, Chunk);
    munmap(buffer, Chunk);
    return found;
}

inline qsizetype countLocked(const QList<Occurrence>& occurrences, bool locked)
{
    qsizetype n = 0;
    for (const Occurrence& o : occurrences)
        n += o.locked == locked ? 1 : 0;
    return n;
}

} // namespace MemoryScan
