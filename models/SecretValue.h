#pragma once

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <memory>

// The only home of secret bytes (a value, a password, a key). Move-only; the bytes are wiped with
// OPENSSL_cleanse when destroyed, moved from, resized or cleared. There is deliberately no implicit
// conversion to QString and no QDebug or stream operator.
class SecretValue final {
public:
    SecretValue() = default;
    explicit SecretValue(QByteArrayView bytes);
    explicit SecretValue(qsizetype size); // zero-filled, to be written through data()
    // UTF-8 of text; the temporary encoding buffer is wiped.
    static SecretValue fromText(QStringView text);

    SecretValue(SecretValue&& other) noexcept;
    SecretValue& operator=(SecretValue&& other) noexcept;
    SecretValue(const SecretValue&) = delete;
    SecretValue& operator=(const SecretValue&) = delete;
    ~SecretValue();

    [[nodiscard]] SecretValue clone() const { return SecretValue(view()); }

    [[nodiscard]] const char* data() const { return m_data.get(); }
    [[nodiscard]] char* data() { return m_data.get(); }
    [[nodiscard]] const unsigned char* bytes() const
    {
        return reinterpret_cast<const unsigned char*>(m_data.get());
    }
    [[nodiscard]] unsigned char* bytes() { return reinterpret_cast<unsigned char*>(m_data.get()); }
    [[nodiscard]] qsizetype size() const { return m_size; }
    [[nodiscard]] bool isEmpty() const { return m_size == 0; }
    [[nodiscard]] QByteArrayView view() const { return {m_data.get(), m_size}; }

    // Keeps the first n bytes (n <= size()), wiping the rest.
    void truncate(qsizetype n);
    void clear();

    // Constant-time comparison of contents.
    [[nodiscard]] bool equals(const SecretValue& other) const;

private:
    std::unique_ptr<char[]> m_data;
    qsizetype m_size = 0;
};
