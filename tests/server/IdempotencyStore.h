#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class Database;

// The stored outcomes of POST /secrets by Idempotency-Key (docs/api.md §4), table idempotency,
// kept 24 hours. A record holds the response (metadata only, never a value) and a hash of the
// request body.
class IdempotencyStore final {
public:
    struct Record {
        QByteArray bodyHash; // SHA-256 of the request body
        qint64 storedAt = 0;
        int status = 0;
        QByteArray mimeType;
        QByteArray body;
        QByteArray location;
        QByteArray etag;
    };

    explicit IdempotencyStore(Database& database);

    // The record of key (subject + '\n' + Idempotency-Key) if it is younger than 24 hours.
    [[nodiscard]] std::optional<Record> find(const QString& key, qint64 now);
    void store(const QString& key, const Record& record);

private:
    Database& m_database;
};
