#pragma once

#include "Secret.h"

#include <QAbstractTableModel>
#include <QCollatorSortKey>
#include <QHash>
#include <QPointer>

#include <vector>

class SecretStore;

// The secrets of one store as a table (Name, Reference ID, Value, Created, Updated). It follows
// the store's signals row by row; the Value column is a fixed mask that says nothing of the value.
class SecretsTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        ReferenceIdColumn,
        ValueColumn,
        CreatedColumn,
        UpdatedColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // QUuid
        VersionRole,               // qint64
        DamagedRole,               // bool
        SecretRole,                // Secret
        SortRole,                  // column-specific sort key (see SecretsProxyModel)
    };
    // Same for every secret, so it says nothing about the length of the value.
    static QString mask();

    explicit SecretsTableModel(QObject* parent = nullptr);

    // Follows store (nullptr: none); clears the rows until the store's next secretsReset.
    void setStore(SecretStore* store);

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

    [[nodiscard]] const Secret& secretAt(int row) const { return m_rows[size_t(row)].secret; }
    [[nodiscard]] int rowOf(const QUuid& id) const;
    // For the proxy: the case-folded name (UTF-8: half the bytes to scan per keystroke) and the
    // locale collation key of a row.
    [[nodiscard]] const QByteArray& foldedNameAt(int row) const
    {
        return m_rows[size_t(row)].folded;
    }
    [[nodiscard]] const QCollatorSortKey& sortKeyAt(int row) const
    {
        return m_rows[size_t(row)].key;
    }

    // The reference ID as shown (lower case, no braces).
    [[nodiscard]] QString idTextAt(int row) const;

    // Applied from the store's signals; public for tests and benchmarks.
    void resetSecrets(const QList<Secret>& secrets);
    void upsertSecret(const Secret& secret);
    void removeSecret(const QUuid& id);

private:
    struct Row {
        Secret secret;
        QByteArray folded;
        QCollatorSortKey key;
    };
    static Row makeRow(const Secret& secret);
    void reindexFrom(int row);

    std::vector<Row> m_rows;
    // Built on first use after a reset: opening a large vault does not wait for it.
    mutable QHash<QUuid, int> m_rowById;
    mutable bool m_indexed = false;
    QPointer<SecretStore> m_store;
};
