#pragma once

// The keys of a vault file, recomputed independently from its header and the password
// (docs/security.md "Keys"), as MemoryScan needles: what the memory tests look for.

#include "MemoryScan.h"
#include "SecretValue.h"
#include "crypto/Aead.h"
#include "crypto/Kdf.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QUuid>

struct VaultKeys {
    MemoryScan::Needle keyEncryptionKey;
    MemoryScan::Needle dataKey;
    MemoryScan::Needle sealKey;
    MemoryScan::Needle indexKey;

    [[nodiscard]] bool isValid() const
    {
        return keyEncryptionKey.size() == 32 && dataKey.size() == 32 && sealKey.size() == 32
               && indexKey.size() == 32;
    }

    // Reads the scrypt header of the vault at path (read-only) and derives its keys.
    static VaultKeys read(const QString& path, const SecretValue& password)
    {
        VaultKeys keys;
        const QString connection = QUuid::createUuid().toString();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
            QSqlQuery query(db);
            if (db.open()
                && query.exec(QStringLiteral(
                    "SELECT vault_id, kdf_n, kdf_r, kdf_p, salt, wrapped_key FROM vault"))
                && query.next()) {
                const QByteArray vaultId = query.value(0).toByteArray();
                KdfParams params;
                params.algorithm = KdfParams::Algorithm::Scrypt;
                params.n = query.value(1).toULongLong();
                params.r = query.value(2).toUInt();
                params.p = query.value(3).toUInt();
                params.salt = query.value(4).toByteArray();
                const QByteArray wrapped = query.value(5).toByteArray();
                if (const std::optional<SecretValue> kek = Kdf::derive(password, params)) {
                    keys.keyEncryptionKey = MemoryScan::Needle(*kek);
                    const std::optional<SecretValue> dataKey = Aead(*kek).open(
                        wrapped, QByteArrayLiteral("mint-config/v1/data-key/") + vaultId);
                    if (dataKey) {
                        keys.dataKey = MemoryScan::Needle(*dataKey);
                        keys.sealKey =
                            MemoryScan::Needle(Kdf::hkdf(*dataKey, "mint-config/v1/seal"));
                        keys.indexKey =
                            MemoryScan::Needle(Kdf::hkdf(*dataKey, "mint-config/v1/name-index"));
                    }
                }
            }
        }
        QSqlDatabase::removeDatabase(connection);
        return keys;
    }
};
