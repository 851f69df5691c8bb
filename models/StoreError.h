#pragma once

#include <QMetaType>
#include <QString>

// A failed store operation: a code for programs and one clear, translated sentence for people.
// Messages never contain a secret value, a password or a token.
class StoreError final {
public:
    enum class Code {
        None,
        WrongPassword,
        NotAVault,
        UnsupportedVersion,
        Corrupted,     // the file is truncated or damaged as a whole
        DamagedRecord, // one record failed authentication
        VaultExists,
        Locked,
        NameTaken,
        NameInvalid,
        ValueEmpty,
        ValueTooLarge,
        StaleVersion, // changed by someone else since it was read
        NotFound,
        WeakKdf,
        PermissionDenied,
        Io,
    };

    StoreError() = default;
    // message empty: the standard sentence for the code.
    explicit StoreError(Code code, QString message = {});

    [[nodiscard]] Code code() const { return m_code; }
    [[nodiscard]] const QString& message() const { return m_message; }
    [[nodiscard]] bool isError() const { return m_code != Code::None; }

    static QString standardMessage(Code code);

private:
    Code m_code = Code::None;
    QString m_message;
};

Q_DECLARE_METATYPE(StoreError)
