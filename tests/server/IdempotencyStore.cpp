#include "IdempotencyStore.h"

#include "Database.h"

#include <QSqlQuery>

namespace {
constexpr qint64 KeepMs = qint64(24) * 60 * 60 * 1000;
}

IdempotencyStore::IdempotencyStore(Database& database)
    : m_database(database)
{
}

std::optional<IdempotencyStore::Record> IdempotencyStore::find(const QString& key, qint64 now)
{
    QSqlQuery expire(m_database.handle());
    expire.prepare(QStringLiteral("DELETE FROM idempotency WHERE stored_at < ?"));
    expire.addBindValue(now - KeepMs);
    expire.exec();

    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("SELECT body_hash, stored_at, status, mime_type, body, location,"
                                 " etag FROM idempotency WHERE store_key = ?"));
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    Record record;
    record.bodyHash = query.value(0).toByteArray();
    record.storedAt = query.value(1).toLongLong();
    record.status = query.value(2).toInt();
    record.mimeType = query.value(3).toByteArray();
    record.body = query.value(4).toByteArray();
    record.location = query.value(5).toByteArray();
    record.etag = query.value(6).toByteArray();
    return record;
}

void IdempotencyStore::store(const QString& key, const Record& record)
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO idempotency (store_key, body_hash, stored_at, status, mime_type,"
        " body, location, etag) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(key);
    query.addBindValue(record.bodyHash);
    query.addBindValue(record.storedAt);
    query.addBindValue(record.status);
    query.addBindValue(record.mimeType);
    query.addBindValue(record.body);
    query.addBindValue(record.location);
    query.addBindValue(record.etag);
    query.exec();
}
