#pragma once

#include "Secret.h"
#include "SecretValue.h"
#include "StoreResult.h"
#include "VaultReport.h"
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
class QSqlQuery;

// The synchronous heart of the local vault: SQL and crypto on one SQLite file. Not thread-safe;
// LocalVaultStore runs every call on its single worker thread, which owns the connection.
//
// File format (schema version 2): PRAGMA application_id = 'MNTV', user_version = 2, WAL.
//   vault:   one row: vault_id, KDF name + parameters + salt, the data key wrapped with
//            AES-256-GCM under the password-derived key, created_at.
//   secrets: id (UUID bytes), name_index (HMAC-SHA256 blind index, UNIQUE), name_sealed,
//            created_at, updated_at (ms since the epoch, UTC), version, value_sealed.
// Names and values are sealed under a sub-key of the data key, with associated data binding
// vault ID, record ID, field and version; a name's also binds created_at and updated_at, so a
// changed time makes the record damaged (see AssociatedData). Version 1 (names without the
// times) is migrated on unlock, in one transaction.
class VaultEngine final {
    Q_DECLARE_TR_FUNCTIONS(VaultEngine)

public:
    static constexpr int FormatVersion = 2;

    explicit VaultEngine(QString path);
    ~VaultEngine();
    VaultEngine(const VaultEngine&) = delete;
    VaultEngine& operator=(const VaultEngine&) = delete;

    [[nodiscard]] bool isUnlocked() const { return m_seal != nullptr; }

    StoreResult<Done> create(const SecretValue& password, const KdfParams& params);
    // Opens the file, checks its header and its structure (PRAGMA quick_check), derives the key
    // and, for a format 1 vault, migrates it (one transaction). Writes nothing before the
    // password is known to be right, and nothing at all to a damaged file.
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
    // DamagedRecord when the value or the record's name (which binds its times) fails to open.
    StoreResult<bool> matches(const QUuid& id, const SecretValue& candidate);
    // Adds many secrets in one transaction: all of them, or none (the first error is returned).
    StoreResult<QList<Secret>> addAll(const QList<QString>& names,
                                      const std::vector<SecretValue>& values);
    // Checks the whole file: PRAGMA integrity_check, then every record's name, blind index and
    // value (each value is wiped right after its check). Corrupted when the file cannot be read
    // through; otherwise the report lists what failed.
    StoreResult<VaultReport> verify();

private:
    struct Header {
        int formatVersion = 0;
        QByteArray vaultId;
        KdfParams kdf;
        QByteArray wrappedKey;
    };

    StoreError openConnection(const QString& path);
    void closeConnection();
    StoreResult<Header> readHeader();
    StoreError unwrapKeys(const Header& header, const SecretValue& password);
    // PRAGMA integrity_check's findings (quick_check's unless full: pages only, not each index
    // against its table); empty when sound, Corrupted if SQLite cannot walk the file.
    StoreResult<QStringList> checkStructure(bool full);
    // Upgrades a vault of format fromVersion to FormatVersion in one transaction (the keys must be
    // installed); on any failure nothing is written.
    StoreError migrate(int fromVersion);
    void installKeys(const SecretValue& dataKey, const QByteArray& vaultId);
    StoreError checkUnlocked() const;
    // Why a lookup of key in column (through its index) found no row: an SQL error, a damaged
    // index (Corrupted), else NotFound.
    StoreError missingRow(const QSqlQuery& query, const char* column, const QVariant& key) const;
    class IndexMac;
    QByteArray nameIndex(const QString& name) const;
    static QByteArray nameIndex(IndexMac& mac, const QString& name);
    // The associated data of a sealed field, on the stack; integers are 8 bytes, big-endian:
    //   value, and a name in format 1 (41 bytes):
    //     vault ID (16) || record ID (16) || field ('V' or 'N') || version
    //   name in format 2 (57 bytes):
    //     vault ID (16) || record ID (16) || 'N' || version || created_at || updated_at (ms)
    struct AssociatedData {
        std::array<char, 57> bytes;
        qsizetype size = 0;
        operator QByteArrayView() const { return {bytes.data(), size}; }
    };
    AssociatedData associatedData(const QUuid& id, char field, qint64 version) const;
    AssociatedData nameAssociatedData(const QUuid& id, qint64 version, qint64 createdAt,
                                      qint64 updatedAt) const;
    // Opens a record's sealed name and checks that its blind index matches; nullopt when either
    // fails (a damaged record).
    std::optional<QString> openName(Aead& aead, IndexMac& mac, const QUuid& id,
                                    QByteArrayView index, QByteArrayView sealed, qint64 version,
                                    qint64 createdAt, qint64 updatedAt) const;
    // The secret in a row that selected SecretColumns (VaultEngine.cpp); damaged when its name
    // does not open.
    Secret secretFrom(const QSqlQuery& row, Aead& aead, IndexMac& mac) const;
    // Reads and opens the secrets whose rowid is in [firstRow, lastRow] through db.
    StoreResult<QList<Secret>> readSecrets(const QSqlDatabase& db, qint64 firstRow,
                                           qint64 lastRow) const;
    StoreResult<Secret> insert(const QString& name, const SecretValue& value);
    StoreResult<Secret> fetch(const char* column, const QVariant& key);
    StoreError execute(const QString& sql);
    StoreError sqlError(const QSqlError& error) const;

    QString m_path;
    QString m_connection;
    bool m_connected = false;
    QByteArray m_vaultId;
    SecretValue m_sealKey; // for the extra Aead instances of a parallel list()
    std::unique_ptr<Aead> m_seal;
    SecretValue m_indexKey;
    std::unique_ptr<IndexMac> m_indexMac; // under m_indexKey, for this thread
};
