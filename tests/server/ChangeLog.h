#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class Database;

// The changes feed's log (docs/api.md §4, changes) in the changes table: one row per secret with
// the sequence number of its latest change (an upsert, or a tombstone for a deletion). Rows older
// than the retention are pruned; a cursor from before the newest pruned row has expired.
// Cursors are "c_" + base64url(database epoch (4 bytes) ‖ sequence number (8 bytes, big-endian)).
class ChangeLog final {
public:
    ChangeLog(Database& database, qint64 retentionMs);

    // Reads the position from the database (after Database::open).
    void load();
    // Records a change of secretId made at time at (ms); call inside the writer's transaction.
    // Returns its sequence number.
    qint64 record(const QString& secretId, bool deleted, qint64 at);
    // The sequence number of the latest change (0 before any).
    [[nodiscard]] qint64 lastSequence() const { return m_lastSequence; }
    [[nodiscard]] QString cursor(qint64 sequence) const;
    [[nodiscard]] QString currentCursor() const { return cursor(m_lastSequence); }
    // The sequence number of a cursor this database issued and still serves: nullopt when it is
    // garbage, from another database, not issued yet, or older than the retention.
    [[nodiscard]] std::optional<qint64> parse(const QString& cursor);
    // Drops rows older than the retention (relative to now, ms since the epoch).
    void prune(qint64 now);

private:
    Database& m_database;
    qint64 m_retentionMs;
    qint64 m_lastSequence = 0;
    qint64 m_prunedThrough = 0; // every change up to here may be gone
};
