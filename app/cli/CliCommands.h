#pragma once

#include "SecretValue.h"
#include "StoreError.h"
#include "vault/LocalVaultStore.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QCommandLineParser;

// The commands of mint-config-cli on a LocalVaultStore. run() parses the arguments and starts one
// command; it continues through the store's futures on this object's thread and ends the event
// loop with the command's exit code (QCoreApplication::exit). Secret bytes are read straight into
// SecretValue buffers and never printed.
class CliCommands final : public QObject {
    Q_OBJECT
public:
    // Exit codes, one per class of failure.
    enum ExitCode {
        Success = 0,
        UsageError = 1,     // bad arguments, no terminal to ask on, cancelled
        AuthError = 2,      // wrong password
        RejectedError = 3,  // not found, name taken, invalid name or value, weak KDF
        FileError = 4,      // no vault, not a vault, damaged file, I/O
        SelfTestFailed = 5, // the crypto library failed its start-up self-test (main.cpp)
    };

    explicit CliCommands(QObject* parent = nullptr);
    ~CliCommands() override;

    // Parses arguments (the first is the program) and starts the command. Call it from the
    // running event loop: it may finish at once.
    void run(const QStringList& arguments);

    [[nodiscard]] static int exitCodeFor(StoreError::Code code);

private:
    struct Options {
        QString vaultPath;
        bool passwordStdin = false;
        bool json = false;
        std::optional<int> kdfTimeMs;
        bool allowWeakKdf = false;
    };

    void init();
    void list();
    void add(const QString& name);
    void setValue(const QString& name);
    void rename(const QString& name, const QString& newName);
    void remove(const QString& name);
    void passwd();
    void verify();

    bool requireVault();
    // Unlocks with the vault password (read before by the command, else now), then calls next.
    void unlockThen(std::function<void()> next);
    // Looks up a secret by name in the unlocked vault, then calls next with it.
    void findThen(const QString& name, std::function<void(const Secret&)> next);
    std::optional<SecretValue> readPassword(const QString& prompt);
    std::optional<SecretValue> readNewPassword(const QString& prompt, const QString& repeatPrompt);
    std::optional<SecretValue> readValue(const QString& name);
    // The vault password, then the value (both in that order on stdin); false after a failure.
    bool readPasswordAndValue(const QString& name);
    // Calibrates the KDF to --kdf-time-ms off this thread, refuses parameters below the floor
    // without --allow-weak-kdf, then calls next (with nullopt when no time was asked for).
    void kdfParamsThen(std::function<void(std::optional<KdfParams>)> next);

    void print(const QString& text);
    void fail(const StoreError& error);
    void fail(int exitCode, const QString& message);
    void finish(int exitCode = Success);

    Options m_options;
    std::unique_ptr<LocalVaultStore> m_store;
    SecretValue m_value;
    SecretValue m_password;
    bool m_havePassword = false; // m_password was read and is waiting for unlockThen()
    SecretValue m_newPassword;
    bool m_finished = false;
};
