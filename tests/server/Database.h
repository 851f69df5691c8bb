#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// The reference server's SQLite database through Qt Sql: in memory by default, or a file (WAL).
// Holds the schema of every table (secrets, changes, idempotency, flows, flow_steps, meta).
// Single-threaded: the server uses it from its one event-loop thread.
class Database final {
public:
    Database();
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // Opens path (empty = a private in-memory database) and creates the schema; false with
    // *errorString on failure. *created is set when the file was new (or in memory).
    bool open(const QString& path, QString* errorString, bool* created = nullptr);

    [[nodiscard]] QSqlDatabase handle() const { return m_db; }

    // A value of the meta table; nullopt when absent.
    [[nodiscard]] std::optional<QByteArray> meta(const QString& key) const;
    void setMeta(const QString& key, const QByteArray& value);

    // A random 4-byte id made when the database was created (part of every changes cursor, so a
    // cursor from another database is refused).
    [[nodiscard]] QByteArray epoch() const { return m_epoch; }

    bool begin();
    bool commit();
    void rollback();

private:
    bool exec(const QString& statement, QString* errorString);

    QString m_connection;
    QSqlDatabase m_db;
    QByteArray m_epoch;
};
