#include "SecretsProxyModel.h"

#include "SecretsTableModel.h"

#include <QRegularExpression>

SecretsProxyModel::SecretsProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(SecretsTableModel::SortRole);
    setDynamicSortFilter(true);
}

void SecretsProxyModel::setSourceModel(QAbstractItemModel* model)
{
    m_secrets = qobject_cast<SecretsTableModel*>(model);
    Q_ASSERT(m_secrets || !model);
    QSortFilterProxyModel::setSourceModel(model);
}

void SecretsProxyModel::setSearchText(const QString& text)
{
    const QString folded = text.trimmed().toCaseFolded();
    if (folded == m_search)
        return;
    m_search = folded;
    // Reference IDs are only worth searching when the text could be part of one.
    static const QRegularExpression idFragment(u"^[0-9a-f-]{4,36}$"_qs);
    m_searchIds = idFragment.match(m_search).hasMatch();
    invalidateFilter();
}

bool SecretsProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    return m_search.isEmpty() || m_secrets->foldedNameAt(sourceRow).contains(m_search)
           || (m_searchIds && m_secrets->idTextAt(sourceRow).contains(m_search));
}

bool SecretsProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const int l = left.row();
    const int r = right.row();
    switch (left.column()) {
    case SecretsTableModel::NameColumn:
        break;
    case SecretsTableModel::ReferenceIdColumn:
        return m_secrets->secretAt(l).id < m_secrets->secretAt(r).id;
    case SecretsTableModel::CreatedColumn:
    case SecretsTableModel::UpdatedColumn: {
        const auto time = [&](int row) {
            const Secret& s = m_secrets->secretAt(row);
            return left.column() == SecretsTableModel::CreatedColumn ? s.createdAt : s.updatedAt;
        };
        if (time(l) != time(r))
            return time(l) < time(r);
        break; // ties by name
    }
    default:
        break; // the value mask is the same for all: by name
    }
    return m_secrets->sortKeyAt(l).compare(m_secrets->sortKeyAt(r)) < 0;
}
