#include "SecureMemory.h"

#include <QLoggingCategory>

#include <openssl/crypto.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <new>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#endif

namespace {
// Off by default: not being able to lock memory is worth a line for whoever looks, not a warning.
Q_LOGGING_CATEGORY(lcMemory, "mint.memory", QtWarningMsg)

// OpenSSL's smallest secure-heap block; a 32-byte key takes exactly one.
constexpr std::size_t MinBlock = 32;

std::atomic<SecureMemory::Status> g_status = SecureMemory::Status::Off;
std::atomic<std::size_t> g_heapSize = 0;
std::atomic<bool> g_reportedFull = false;

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer does not look inside the arena, which OpenSSL maps itself: memory that only the
// arena points to (OpenSSL keeps its random generators there) would look leaked at exit. So it is
// shown the arena: the page-aligned run of heapSize bytes that holds one of its blocks.
void showArenaToLeakSanitizer(std::size_t heapSize)
{
    void* block = CRYPTO_secure_malloc(MinBlock, nullptr, 0);
    if (!block)
        return;
    constexpr std::uintptr_t Page = 4096; // the arena starts on a page, which is a multiple of it
    std::uintptr_t start = reinterpret_cast<std::uintptr_t>(block) & ~(Page - 1);
    while (CRYPTO_secure_allocated(reinterpret_cast<const void*>(start - Page)))
        start -= Page;
    CRYPTO_secure_free(block, nullptr, 0);
    __lsan_register_root_region(reinterpret_cast<const void*>(start), heapSize);
}
#endif
} // namespace

namespace SecureMemory {

Status initialize(std::size_t heapSize)
{
    static std::once_flag once;
    std::call_once(once, [heapSize] {
        // 1: arena mapped, guarded, locked and excluded from dumps; 2: mapped, but one of those
        // protections was refused (typically mlock beyond RLIMIT_MEMLOCK); 0: no secure heap.
        const int result = CRYPTO_secure_malloc_init(heapSize, MinBlock);
        if (result == 0) {
            qCInfo(lcMemory, "no secure heap: short secrets use the ordinary heap (still wiped)");
            return;
        }
        g_heapSize = heapSize;
#if defined(__SANITIZE_ADDRESS__)
        showArenaToLeakSanitizer(heapSize);
#endif
        if (result == 1) {
            g_status = Status::Locked;
        } else {
            g_status = Status::Unlocked;
            qCInfo(lcMemory, "the secure heap could not be locked in memory (RLIMIT_MEMLOCK?); "
                             "short secrets are kept apart and wiped, but may be swapped out");
        }
    });
    return g_status;
}

Status status()
{
    return g_status;
}

Block allocate(std::size_t size, Use use)
{
    if (size == 0)
        return {};
    if (g_status != Status::Off) {
        const std::size_t budget = use == Use::Key ? g_heapSize.load() : g_heapSize.load() / 2;
        const bool fits = use == Use::Key || size <= ShortSecretMax;
        if (fits && CRYPTO_secure_used() + size <= budget) {
            // No file and line: a full heap is an answer here, not an error for OpenSSL's queue.
            if (void* data = CRYPTO_secure_zalloc(size, nullptr, 0))
                return {data, true};
            if (!g_reportedFull.exchange(true))
                qCInfo(lcMemory, "the secure heap is full: some secrets use the ordinary heap");
        }
    }
    void* data = ::operator new(size);
    std::memset(data, 0, size);
    return {data, false};
}

void release(const Block& block, std::size_t size) noexcept
{
    if (!block.data)
        return;
    if (block.secureHeap) {
        CRYPTO_secure_clear_free(block.data, size, nullptr, 0);
        return;
    }
    OPENSSL_cleanse(block.data, size);
    ::operator delete(block.data, size);
}

Q_NEVER_INLINE void wipeStack() noexcept
{
    unsigned char frame[16 * 1024];
    OPENSSL_cleanse(frame, sizeof frame); // through a volatile pointer: never optimised away
}

} // namespace SecureMemory
