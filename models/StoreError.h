#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>

// A failed store operation: a code for programs and one clear, translated sentence for people.
// Messages never contain a secret value, a password or a token.
class StoreError final {
    Q_DECLARE_TR_FUNCTIONS(StoreError)

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
        // Remote backends (docs/api.md):
        SignInFailed,   // the token endpoint refused the client ID or secret
        Unreachable,    // no connection, DNS failure, refused, dropped or timed out
        TlsUntrusted,   // the server's certificate or host name could not be verified
        RateLimited,    // 429/503 outlasted the retry policy
        ServerError,    // 5xx or a response that breaks the contract
        ReadOnly,       // offline: showing the last synced copy, changes are not possible
        OutcomeUnknown, // a write's response was lost; the secret was reloaded
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
