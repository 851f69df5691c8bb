#include "SecretsProxyModel.h"

#include "SecretsTableModel.h"

#include <QRegularExpression>
#include <QtConcurrent/QtConcurrentMap>

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
    m_searchUtf8 = folded.toUtf8();
    // Reference IDs are only worth searching when the text could be part of one.
    static const QRegularExpression idFragment(u"^[0-9a-f-]{4,36}$"_qs);
    m_searchIds = idFragment.match(m_search).hasMatch();

    // A keystroke over a large vault: match every row on every core first; invalidateFilter()
    // then only looks the answers up (it runs synchronously, before the rows can change).
    constexpr int ParallelFrom = 20'000;
    const int rows = m_secrets ? m_secrets->rowCount() : 0;
    if (rows >= ParallelFrom && !m_search.isEmpty()) {
        m_accepted.assign(size_t(rows), 0);
        constexpr int SliceSize = 8192;
        QList<int> slices;
        for (int start = 0; start < rows; start += SliceSize)
            slices.append(start);
        QtConcurrent::blockingMap(slices, [this, rows](int start) {
            for (int row = start; row < std::min(rows, start + SliceSize); ++row)
                m_accepted[size_t(row)] = matches(row);
        });
    }
    invalidateFilter();
    m_accepted.clear();
}

bool SecretsProxyModel::matches(int sourceRow) const
{
    return m_search.isEmpty()
           || QByteArrayView(m_secrets->foldedNameAt(sourceRow)).contains(m_searchUtf8)
           || (m_searchIds && m_secrets->idTextAt(sourceRow).contains(m_search));
}

bool SecretsProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    return m_accepted.empty() ? matches(sourceRow) : m_accepted[size_t(sourceRow)] != 0;
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
