#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <memory> // kept for includers that relied on it

// The only home of secret bytes (a value, a password, a key). Move-only; the bytes are wiped with
// OPENSSL_cleanse when destroyed, replaced by a move, truncated or cleared, and a moved-from
// value holds nothing. There is deliberately no implicit conversion to QString and no QDebug or
// stream operator.
//
// Short secrets (at most SecureMemory::ShortSecretMax bytes: keys, passwords, client secrets)
// live in locked memory that core dumps leave out when the process set it up
// (SecureMemory::initialize()); key() asks for that with priority over other short secrets.
class SecretValue final {
public:
    SecretValue() = default;
    explicit SecretValue(QByteArrayView bytes);
    explicit SecretValue(qsizetype size); // zero-filled, to be written through data()
    // UTF-8 of text; the temporary encoding buffer is wiped.
    static SecretValue fromText(QStringView text);
    // Zero-filled storage for key material (a key, a shared secret, a private key).
    static SecretValue key(qsizetype size);

    SecretValue(SecretValue&& other) noexcept;
    SecretValue& operator=(SecretValue&& other) noexcept;
    SecretValue(const SecretValue&) = delete;
    SecretValue& operator=(const SecretValue&) = delete;
    ~SecretValue();

    // An independent copy in the same kind of storage.
    [[nodiscard]] SecretValue clone() const;

    [[nodiscard]] const char* data() const { return m_data; }
    [[nodiscard]] char* data() { return m_data; }
    [[nodiscard]] const unsigned char* bytes() const
    {
        return reinterpret_cast<const unsigned char*>(m_data);
    }
    [[nodiscard]] unsigned char* bytes() { return reinterpret_cast<unsigned char*>(m_data); }
    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    [[nodiscard]] QByteArrayView view() const { return {m_data, m_size}; }
    // Whether the bytes are in locked memory (never swapped out, left out of core dumps).
    [[nodiscard]] bool isLocked() const;

    // Keeps the first n bytes (n <= size()), wiping the rest.
    void truncate(qsizetype n);
    void clear();

    // Constant-time comparison of contents.
    [[nodiscard]] bool equals(const SecretValue& other) const;

private:
    SecretValue(qsizetype size, bool key);
    void release() noexcept;

    char* m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_capacity = 0; // what was allocated: truncate() keeps the block
    bool m_secureHeap = false;
    bool m_key = false;
};
