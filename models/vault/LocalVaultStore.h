#pragma once

#include "SecretStore.h"
#include "VaultReport.h"
#include "crypto/Kdf.h"

#include <QThreadPool>

#include <memory>

class VaultEngine;

// The offline local vault (DESIGN §3): one SQLite file, every name and value sealed with
// AES-256-GCM under a data key wrapped by a password-derived key. All SQL, KDF and crypto run on
// one private worker thread; results and change signals arrive on the store's thread.
class LocalVaultStore final : public SecretStore {
    Q_OBJECT
public:
    explicit LocalVaultStore(QString path, QObject* parent = nullptr);
    ~LocalVaultStore() override;

    // The default vault file: <AppDataLocation>/default.mintvault.
    static QString defaultPath();
    // A file exists at path (it may or may not be a vault; open() tells).
    static bool fileExists(const QString& path);

    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] Permissions permissions() const override;
    [[nodiscard]] bool isOpen() const override { return m_open; }

    // Creates a new vault file protected by password (fails with VaultExists if the file exists),
    // then leaves it unlocked. Weak parameters are refused unless allowWeak.
    QFuture<StoreResult<Done>> initialize(SecretValue password, KdfParams params = Kdf::defaults(),
                                          bool allowWeak = false);
    // Opens and unlocks an existing vault.
    QFuture<StoreResult<Done>> unlock(SecretValue password);
    // Drops every key at once (the file stays as it is); openChanged(false) follows.
    void lock();
    // Re-wraps the data key under a key derived from newPassword; records are untouched.
    QFuture<StoreResult<Done>> changePassword(SecretValue currentPassword, SecretValue newPassword,
                                              std::optional<KdfParams> params = std::nullopt,
                                              bool allowWeak = false);
    // The secret with this name (compared as NameRules::uniquenessKey), via the blind index.
    QFuture<StoreResult<Secret>> find(const QString& name);
    // Checks the whole unlocked vault: the file's structure, then every record's name, index and
    // value (VaultEngine::verify). Reads only; values are wiped right after their check.
    QFuture<StoreResult<VaultReport>> verify();

    QFuture<StoreResult<QList<Secret>>> list() override;
    QFuture<StoreResult<Secret>> create(const QString& name, SecretValue value) override;
    QFuture<StoreResult<Secret>> update(const QUuid& id, qint64 expectedVersion,
                                        std::optional<QString> newName,
                                        std::optional<SecretValue> newValue) override;
    QFuture<StoreResult<Done>> remove(const QUuid& id, qint64 expectedVersion) override;

private:
    template <typename T, typename Work> QFuture<StoreResult<T>> run(Work work);
    void setOpen(bool open);

    QString m_path;
    QThreadPool m_worker; // exactly one thread that never expires: it owns the SQL connection
    std::shared_ptr<VaultEngine> m_engine;
    bool m_open = false;
};
