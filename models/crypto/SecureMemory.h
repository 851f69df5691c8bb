#pragma once

#include <cstddef>

// The storage under SecretValue. Short secrets (keys, passwords, client secrets) go to OpenSSL's
// secure heap when it was set up: one mmap'd arena, mlock'ed so it never reaches swap, excluded
// from core dumps (MADV_DONTDUMP), between guard pages, and cleared by OpenSSL on every free.
// Everything else (values up to 64 KiB, thousands at once in a bulk add) comes from the ordinary
// heap. Either way release() wipes the bytes with OPENSSL_cleanse before they are freed.
//
// Not being able to lock (RLIMIT_MEMLOCK, no secure heap on the platform) is not an error: the
// secret then lives on the ordinary heap, still wiped, and only the "mint.memory" logging category
// says so (at info level, off by default).
namespace SecureMemory {

enum class Status {
    Off,      // initialize() was not called, or OpenSSL has no secure heap here
    Unlocked, // the arena exists but mlock (or MADV_DONTDUMP, or a guard page) was refused
    Locked,   // the arena is locked in RAM and excluded from core dumps
};

// What a block is for: key material may fill the whole secure heap; other short secrets only
// half of it, so that a bulk operation cannot crowd out the keys.
enum class Use { Secret, Key };

inline constexpr std::size_t DefaultHeapSize = 64 * 1024;
// Longer secrets (values) always use the ordinary heap.
inline constexpr std::size_t ShortSecretMax = 256;

// Sets up OpenSSL's secure heap of heapSize bytes (a power of two). Call once, first thing in
// main(), before any thread exists; later calls return the first call's status.
Status initialize(std::size_t heapSize = DefaultHeapSize);
[[nodiscard]] Status status();

struct Block {
    void* data = nullptr;
    bool secureHeap = false; // locked in RAM when status() is Locked
};

// size > 0 zero-filled bytes, locked when the policy above allows it. Throws std::bad_alloc when
// even the ordinary heap has no room.
[[nodiscard]] Block allocate(std::size_t size, Use use);
// Wipes all size bytes of block (as allocate() returned it) and frees it.
void release(const Block& block, std::size_t size) noexcept;

// Wipes the 16 KiB of stack below the caller's frame: the dead frames of the OpenSSL functions
// it just called. OpenSSL 3.0's X25519 code can leave a copy of a private key there.
void wipeStack() noexcept;

// Calls wipeStack() when it goes out of scope: declare it first in a function that hands key
// material to OpenSSL, so that it runs last.
class StackWipe final {
public:
    StackWipe() = default;
    ~StackWipe() { wipeStack(); }
    StackWipe(const StackWipe&) = delete;
    StackWipe& operator=(const StackWipe&) = delete;
};

} // namespace SecureMemory
