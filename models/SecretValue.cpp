#include "SecretValue.h"

#include <openssl/crypto.h>

#include <cstring>
#include <utility>

SecretValue::SecretValue(QByteArrayView bytes)
    : SecretValue(bytes.size())
{
    if (!bytes.isEmpty())
        std::memcpy(m_data.get(), bytes.data(), size_t(bytes.size()));
}

SecretValue::SecretValue(qsizetype size)
    : m_data(size > 0 ? std::make_unique<char[]>(size_t(size)) : nullptr)
    , m_size(size > 0 ? size : 0)
{
}

SecretValue SecretValue::fromText(QStringView text)
{
    QByteArray utf8 = text.toUtf8();
    SecretValue value{QByteArrayView(utf8)};
    OPENSSL_cleanse(utf8.data(), size_t(utf8.size()));
    return value;
}

SecretValue::SecretValue(SecretValue&& other) noexcept
    : m_data(std::move(other.m_data))
    , m_size(std::exchange(other.m_size, 0))
{
}

SecretValue& SecretValue::operator=(SecretValue&& other) noexcept
{
    if (this != &other) {
        clear();
        m_data = std::move(other.m_data);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

SecretValue::~SecretValue()
{
    clear();
}

void SecretValue::truncate(qsizetype n)
{
    if (n >= m_size)
        return;
    if (n <= 0) {
        clear();
        return;
    }
    OPENSSL_cleanse(m_data.get() + n, size_t(m_size - n));
    m_size = n;
}

void SecretValue::clear()
{
    if (m_data)
        OPENSSL_cleanse(m_data.get(), size_t(m_size));
    m_data.reset();
    m_size = 0;
}

bool SecretValue::equals(const SecretValue& other) const
{
    return m_size == other.m_size
           && (m_size == 0 || CRYPTO_memcmp(m_data.get(), other.m_data.get(), size_t(m_size)) == 0);
}
