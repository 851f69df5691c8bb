#include "SecretValue.h"

#include "crypto/SecureMemory.h"

#include <openssl/crypto.h>

#include <cstring>
#include <utility>

SecretValue::SecretValue(qsizetype size, bool key)
    : m_key(key)
{
    if (size <= 0)
        return;
    const SecureMemory::Block block = SecureMemory::allocate(
        size_t(size), key ? SecureMemory::Use::Key : SecureMemory::Use::Secret);
    m_data = static_cast<char*>(block.data);
    m_size = size;
    m_capacity = size;
    m_secureHeap = block.secureHeap;
}

SecretValue::SecretValue(qsizetype size)
    : SecretValue(size, false)
{
}

SecretValue::SecretValue(QByteArrayView bytes)
    : SecretValue(bytes.size(), false)
{
    if (!bytes.isEmpty())
        std::memcpy(m_data, bytes.data(), size_t(bytes.size()));
}

SecretValue SecretValue::key(qsizetype size)
{
    return SecretValue(size, true);
}

SecretValue SecretValue::fromText(QStringView text)
{
    QByteArray utf8 = text.toUtf8();
    SecretValue value{QByteArrayView(utf8)};
    OPENSSL_cleanse(utf8.data(), size_t(utf8.size()));
    return value;
}

SecretValue SecretValue::clone() const
{
    SecretValue copy(m_size, m_key);
    if (m_size > 0)
        std::memcpy(copy.m_data, m_data, size_t(m_size));
    return copy;
}

SecretValue::SecretValue(SecretValue&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_capacity(std::exchange(other.m_capacity, 0))
    , m_secureHeap(std::exchange(other.m_secureHeap, false))
    , m_key(other.m_key)
{
}

SecretValue& SecretValue::operator=(SecretValue&& other) noexcept
{
    if (this != &other) {
        release(); // the bytes this held are wiped, not just forgotten
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
        m_secureHeap = std::exchange(other.m_secureHeap, false);
        m_key = other.m_key;
    }
    return *this;
}

SecretValue::~SecretValue()
{
    release();
}

void SecretValue::release() noexcept
{
    SecureMemory::release({m_data, m_secureHeap}, size_t(m_capacity));
    m_data = nullptr;
    m_size = 0;
    m_capacity = 0;
    m_secureHeap = false;
}

bool SecretValue::isLocked() const
{
    return m_secureHeap && SecureMemory::status() == SecureMemory::Status::Locked;
}

void SecretValue::truncate(qsizetype n)
{
    if (n >= m_size)
        return;
    if (n <= 0) {
        clear();
        return;
    }
    // The block stays (release() frees all of it later); the tail is wiped now.
    OPENSSL_cleanse(m_data + n, size_t(m_size - n));
    m_size = n;
}

void SecretValue::clear()
{
    release();
}

bool SecretValue::equals(const SecretValue& other) const
{
    return m_size == other.m_size
           && (m_size == 0 || CRYPTO_memcmp(m_data, other.m_data, size_t(m_size)) == 0);
}
