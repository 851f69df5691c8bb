#include "Database.h"

#include "crypto/Random.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace {

const char* const Schema[] = {
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
    // value: AES-256-GCM under the at-rest key, associated data = id.
    "CREATE TABLE IF NOT EXISTS secrets (id TEXT PRIMARY KEY, name TEXT NOT NULL,"
    " name_key TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,"
    " created_by TEXT NOT NULL, updated_by TEXT NOT NULL, version INTEGER NOT NULL,"
    " value BLOB NOT NULL)",
    "CREATE INDEX IF NOT EXISTS secrets_created ON secrets (created_at, id)",
    "CREATE INDEX IF NOT EXISTS secrets_updated ON secrets (updated_at, id)",
    // One row per secret: its latest change (an upsert or a tombstone).
    "CREATE TABLE IF NOT EXISTS changes (seq INTEGER PRIMARY KEY, secret_id TEXT NOT NULL UNIQUE,"
    " deleted INTEGER NOT NULL, at INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS changes_at ON changes (at)",
    "CREATE TABLE IF NOT EXISTS idempotency (store_key TEXT PRIMARY KEY, body_hash BLOB NOT NULL,"
    " stored_at INTEGER NOT NULL, status INTEGER NOT NULL, mime_type BLOB NOT NULL,"
    " body BLOB NOT NULL, location BLOB NOT NULL, etag BLOB NOT NULL)",
    "CREATE INDEX IF NOT EXISTS idempotency_stored ON idempotency (stored_at)",
    "CREATE TABLE IF NOT EXISTS flows (flow_id TEXT PRIMARY KEY, flow_name TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS flow_steps (flow_id TEXT NOT NULL, position INTEGER NOT NULL,"
    " step_id TEXT NOT NULL, step_name TEXT NOT NULL, step_type TEXT NOT NULL,"
    " field TEXT NOT NULL, secret_id TEXT NOT NULL, PRIMARY KEY (flow_id, position))",
    "CREATE INDEX IF NOT EXISTS flow_steps_secret ON flow_steps (secret_id)",
};

} // namespace

Database::Database()
    : m_connection(QStringLiteral("mint-server-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

Database::~Database()
{
    if (m_db.isOpen())
        m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

bool Database::exec(const QString& statement, QString* errorString)
{
    QSqlQuery query(handle());
    if (query.exec(statement))
        return true;
    *errorString = QStringLiteral("database error: %1").arg(query.lastError().text());
    return false;
}

bool Database::open(const QString& path, QString* errorString, bool* created)
{
    const bool inMemory = path.isEmpty();
    const bool isNew = inMemory || !QFileInfo::exists(path) || QFileInfo(path).size() == 0;
    if (created)
        *created = isNew;
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(inMemory ? QStringLiteral(":memory:") : path);
    if (!m_db.open()) {
        *errorString = QStringLiteral("cannot open the database: %1").arg(m_db.lastError().text());
        return false;
    }
    // A file: WAL, and commits without a sync each (a crash of the test server may lose the
    // last writes, never corrupt the file).
    if (!inMemory
        && (!exec(QStringLiteral("PRAGMA journal_mode=WAL"), errorString)
            || !exec(QStringLiteral("PRAGMA synchronous=NORMAL"), errorString)))
        return false;
    for (const char* statement : Schema) {
        if (!exec(QString::fromLatin1(statement), errorString))
            return false;
    }
    const auto epoch = meta(QStringLiteral("epoch"));
    if (epoch && epoch->size() == 4) {
        m_epoch = *epoch;
    } else {
        m_epoch = Random::bytes(4);
        setMeta(QStringLiteral("epoch"), m_epoch);
    }
    return true;
}

std::optional<QByteArray> Database::meta(const QString& key) const
{
    QSqlQuery query(handle());
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toByteArray();
}

void Database::setMeta(const QString& key, const QByteArray& value)
{
    QSqlQuery query(handle());
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    query.exec();
}

bool Database::begin()
{
    return m_db.transaction();
}

bool Database::commit()
{
    return m_db.commit();
}

void Database::rollback()
{
    m_db.rollback();
}
