#pragma once

#include "SecretValue.h"
#include "crypto/Aead.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <map>
#include <memory>
#include <optional>

// The secrets of the reference server, in memory. Values are kept encrypted at rest with
// AES-256-GCM under a random key made at start (associated data: the secret's id) and are
// never returned or logged.
class SecretRepository final {
public:
    struct Secret {
        QString id; // lower-case UUID without braces
        QString name;
        qint64 createdAt = 0; // ms since the epoch, UTC
        qint64 updatedAt = 0;
        QString createdBy;
        QString updatedBy;
        int version = 0;
    };
    enum class Sort { Name, CreatedAt, UpdatedAt };
    struct Page {
        QList<Secret> items;
        qsizetype total = 0;
    };

    SecretRepository();

    // The matches of search (case-insensitive substring of the name; empty = all) sorted by sort,
    // ties by id; items offset .. offset + limit.
    [[nodiscard]] Page list(qsizetype offset, qsizetype limit, const QString& search, Sort sort,
                            bool descending) const;
    [[nodiscard]] std::optional<Secret> find(const QString& id) const;
    // True when another secret than exceptId has a name equal to name (NFC, case-folded).
    [[nodiscard]] bool nameTaken(const QString& name, const QString& exceptId = {}) const;
    // Stores a new secret with the cleaned name; version 1.
    Secret create(const QString& name, const SecretValue& value, const QString& subject);
    // Changes the name and/or the value; the version grows by one. nullopt if there is no such id.
    std::optional<Secret> update(const QString& id, const std::optional<QString>& name,
                                 const SecretValue* value, const QString& subject);
    bool remove(const QString& id);

private:
    struct Record {
        Secret secret;
        QByteArray encryptedValue; // nonce || ciphertext || tag
    };

    std::map<QString, Record> m_records;
    std::unique_ptr<Aead> m_aead;
};
