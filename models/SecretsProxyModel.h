#pragma once

#include <QSortFilterProxyModel>

#include <vector>

class SecretsTableModel;

// Filters SecretsTableModel rows by a case-insensitive substring of the name or reference ID, and
// sorts names with the locale's collation (precomputed keys, so a keystroke stays cheap).
class SecretsProxyModel final : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit SecretsProxyModel(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;
    void setSearchText(const QString& text);
    [[nodiscard]] const QString& searchText() const { return m_search; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    bool matches(int sourceRow) const;

    SecretsTableModel* m_secrets = nullptr;
    QString m_search;        // case-folded
    QByteArray m_searchUtf8; // the same, as the model keeps folded names
    bool m_searchIds = false;
    // Filled in parallel just before a large refilter, read by filterAcceptsRow, then dropped.
    std::vector<char> m_accepted;
};
