#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

// What a full check of a local vault found (VaultEngine::verify, LocalVaultStore::verify): the
// file's structure as SQLite sees it, then every record's name, blind index and value. It never
// holds a value.
struct VaultReport {
    enum Problem {
        NameDamaged = 0x1,   // the sealed name, its ID, version or times fail authentication
        IndexMismatch = 0x2, // the name opens but the blind index does not match it
        ValueDamaged = 0x4,  // the sealed value fails authentication
    };
    struct Record {
        QUuid id;
        QString name; // empty when the name could not be opened
        int problems = 0;

        friend bool operator==(const Record&, const Record&) = default;
    };

    qsizetype checked = 0; // records read
    QList<Record> damaged; // in file order
    QStringList structure; // PRAGMA integrity_check's findings (SQLite's text: no data)

    [[nodiscard]] bool ok() const { return damaged.isEmpty() && structure.isEmpty(); }
    [[nodiscard]] QList<QUuid> damagedIds() const
    {
        QList<QUuid> ids;
        ids.reserve(damaged.size());
        for (const Record& record : damaged)
            ids.append(record.id);
        return ids;
    }
};
