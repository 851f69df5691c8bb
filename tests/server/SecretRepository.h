#pragma once

#include "ChangeLog.h"
#include "SecretValue.h"
#include "crypto/Aead.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

class Database;

// The secrets of the reference server in SQLite (table secrets) with their changes feed
// (ChangeLog). Values are kept encrypted at rest with AES-256-GCM under the server's at-rest key
// (associated data: the secret's id) and are never returned or logged.
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
    enum class Sort { Name, CreatedAt, UpdatedAt, Id };
    struct Page {
        QList<Secret> items;
        qsizetype total = 0;
    };
    // One entry of the changes feed: the secret's latest state, or its deletion.
    struct Change {
        qint64 sequence = 0;
        bool deleted = false;
        QString id;
        qint64 deletedAt = 0; // when deleted
        Secret secret;        // when not deleted
    };
    struct ChangePage {
        QList<Change> changes;
        qint64 sequence = 0; // the position after these changes
        bool hasMore = false;
    };

    SecretRepository(Database& database, const SecretValue& atRestKey, qint64 retentionMs);

    // The matches of search (case-insensitive substring of the name; empty = all) sorted by sort,
    // ties by id in the same direction; items offset .. offset + limit.
    [[nodiscard]] Page list(qsizetype offset, qsizetype limit, const QString& search, Sort sort,
                            bool descending) const;
    // Keyset paging: the first limit matches of search whose id is greater than after (text
    // order), ordered by id (an index range scan); total counts every match of search.
    [[nodiscard]] Page listAfter(const QString& after, qsizetype limit,
                                 const QString& search) const;
    [[nodiscard]] std::optional<Secret> find(const QString& id) const;
    [[nodiscard]] qsizetype count() const;
    // SHA-256 of the opened stored value of id (for the digest test hook); nullopt when there is
    // no such secret or it does not open. The value itself never leaves this function.
    [[nodiscard]] std::optional<QByteArray> valueDigest(const QString& id) const;
    // True when another secret than exceptId has a name equal to name (NFC, case-folded).
    [[nodiscard]] bool nameTaken(const QString& name, const QString& exceptId = {}) const;
    // Stores a new secret with the cleaned name; version 1. nullopt if the database refuses.
    // createdAt: ms since the epoch (demo data made in the past); 0 = now.
    std::optional<Secret> create(const QString& name, const SecretValue& value,
                                 const QString& subject, qint64 createdAt = 0);
    // Changes the name and/or the value; the version grows by one. nullopt if there is no such id.
    std::optional<Secret> update(const QString& id, const std::optional<QString>& name,
                                 const SecretValue* value, const QString& subject);
    bool remove(const QString& id);
    // Creates count secrets "Secret 00001"… with random values in one transaction.
    void seed(int count, const QString& subject);

    // The changes after sequence, each secret once in its latest state, in commit order.
    [[nodiscard]] ChangePage changesSince(qint64 sequence, int limit) const;
    [[nodiscard]] ChangeLog& changeLog() { return m_changes; }

private:
    [[nodiscard]] qsizetype totalOf(const QString& needle, const QString& where) const;
    std::optional<Secret> insert(const QString& name, const SecretValue& value,
                                 const QString& subject, qint64 now);

    Database& m_database;
    ChangeLog m_changes;
    std::unique_ptr<Aead> m_aead;
    mutable qsizetype m_count = -1; // COUNT(*) of all secrets; -1 = unknown
};
