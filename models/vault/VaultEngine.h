#pragma once

#include "Secret.h"
#include "SecretValue.h"
#include "StoreResult.h"
#include "crypto/Kdf.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <array>
#include <memory>
#include <optional>
#include <vector>

class Aead;
class QSqlDatabase;
class QSqlError;

// The synchronous heart of the local vault: SQL and crypto on one SQLite file. Not thread-safe;
// LocalVaultStore runs every call on its single worker thread, which owns the connection.
//
// File format (schema version 1): PRAGMA application_id = 'MNTV', user_version = 1, WAL.
//   vault:   one row: vault_id, KDF name + parameters + salt, the data key wrapped with
//            AES-256-GCM under the password-derived key, created_at.
//   secrets: id (UUID bytes), name_index (HMAC-SHA256 blind index, UNIQUE), name_sealed,
//            created_at, updated_at (ms since the epoch, UTC), version, value_sealed.
// Names and values are sealed under a sub-key of the data key, with associated data binding
// vault ID, record ID, field and version.
class VaultEngine final {
    Q_DECLARE_TR_FUNCTIONS(VaultEngine)

public:
    static constexpr int FormatVersion = 1;

    explicit VaultEngine(QString path);
    ~VaultEngine();
    VaultEngine(const VaultEngine&) = delete;
    VaultEngine& operator=(const VaultEngine&) = delete;

    [[nodiscard]] bool isUnlocked() const { return m_seal != nullptr; }

    StoreResult<Done> create(const SecretValue& password, const KdfParams& params);
    StoreResult<Done> unlock(const SecretValue& password);
    void lock();
    StoreResult<Done> changePassword(const SecretValue& current, const SecretValue& next,
                                     const std::optional<KdfParams>& params);

    StoreResult<QList<Secret>> list();
    StoreResult<Secret> find(const QString& name);
    StoreResult<Secret> add(const QString& name, const SecretValue& value);
    StoreResult<Secret> update(const QUuid& id, qint64 expectedVersion,
                               const std::optional<QString>& newName, const SecretValue* newValue);
    StoreResult<Done> remove(const QUuid& id, qint64 expectedVersion);
    // Whether the stored value equals candidate (constant-time); nothing is revealed otherwise.
    StoreResult<bool> matches(const QUuid& id, const SecretValue& candidate);
    // Adds many secrets in one transaction: all of them, or none (the first error is returned).
    StoreResult<QList<Secret>> addAll(const QList<QString>& names,
                                      const std::vector<SecretValue>& values);

private:
    struct Header {
        QByteArray vaultId;
        KdfParams kdf;
        QByteArray wrappedKey;
    };

    StoreError openConnection();
    void closeConnection();
    StoreResult<Header> readHeader();
    StoreError unwrapKeys(const Header& header, const SecretValue& password);
    void installKeys(const SecretValue& dataKey, const QByteArray& vaultId);
    StoreError checkUnlocked() const;
    QByteArray nameIndex(const QString& name) const;
    // vault ID (16) || record ID (16) || field (1) || version (8, big-endian), on the stack.
    struct AssociatedData {
        std::array<char, 41> bytes;
        operator QByteArrayView() const { return {bytes.data(), qsizetype(bytes.size())}; }
    };
    AssociatedData associatedData(const QUuid& id, char field, qint64 version) const;
    // Reads and opens the secrets whose rowid is in [firstRow, lastRow] through db.
    StoreResult<QList<Secret>> readSecrets(const QSqlDatabase& db, qint64 firstRow,
                                           qint64 lastRow) const;
    StoreResult<Secret> insert(const QString& name, const SecretValue& value);
    StoreResult<Secret> fetch(const QString& whereClause, const QVariant& key);
    StoreError execute(const QString& sql);
    StoreError sqlError(const QSqlError& error) const;

    QString m_path;
    QString m_connection;
    bool m_connected = false;
    QByteArray m_vaultId;
    SecretValue m_sealKey; // for the extra Aead instances of a parallel list()
    std::unique_ptr<Aead> m_seal;
    SecretValue m_indexKey;
};
