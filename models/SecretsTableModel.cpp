#include "SecretsTableModel.h"

#include "SecretStore.h"

#include <QCollator>
#include <QLocale>
#include <QtConcurrent/QtConcurrentMap>

namespace {

QCollator& nameCollator()
{
    // Locale-aware, case-insensitive, "item 2" before "item 10". The C locale (servers, CI,
    // LANG unset) has no collation of its own: sort as English there rather than by code point.
    static thread_local QCollator collator = [] {
        const QLocale system;
        QCollator c(system.language() == QLocale::C ? QLocale(QLocale::English) : system);
        c.setCaseSensitivity(Qt::CaseInsensitive);
        c.setNumericMode(true);
        return c;
    }();
    return collator;
}

// The case-folded text as UTF-8. Folding ASCII is lower-casing; only other text needs Unicode's
// tables (and two conversions).
QByteArray foldedUtf8(const QString& text)
{
    QByteArray folded(text.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x80)
            return text.toCaseFolded().toUtf8();
        folded[i] = char(c >= u'A' && c <= u'Z' ? c + (u'a' - u'A') : c);
    }
    return folded;
}

QString shortDate(const QDateTime& time)
{
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

} // namespace

QString SecretsTableModel::idTextAt(int row) const
{
    return m_rows[size_t(row)].secret.id.toString(QUuid::WithoutBraces);
}

QString SecretsTableModel::mask()
{
    return QString(8, QChar(0x2022)); // ••••••••
}

SecretsTableModel::SecretsTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void SecretsTableModel::setStore(SecretStore* store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    resetSecrets({});
    if (!store)
        return;
    connect(store, &SecretStore::secretsReset, this, &SecretsTableModel::resetSecrets);
    connect(store, &SecretStore::secretAdded, this, &SecretsTableModel::upsertSecret);
    connect(store, &SecretStore::secretChanged, this, &SecretsTableModel::upsertSecret);
    connect(store, &SecretStore::secretRemoved, this, &SecretsTableModel::removeSecret);
    connect(store, &SecretStore::openChanged, this, [this](bool open) {
        if (!open)
            resetSecrets({});
    });
}

SecretsTableModel::Row SecretsTableModel::makeRow(const Secret& secret)
{
    const QString shownName = secret.damaged ? tr("Damaged record") : secret.name;
    return Row{secret, foldedUtf8(shownName), nameCollator().sortKey(shownName)};
}

int SecretsTableModel::rowOf(const QUuid& id) const
{
    if (!m_indexed) {
        m_rowById.reserve(qsizetype(m_rows.size()));
        for (size_t i = 0; i < m_rows.size(); ++i)
            m_rowById.insert(m_rows[i].secret.id, int(i));
        m_indexed = true;
    }
    return m_rowById.value(id, -1);
}

void SecretsTableModel::reindexFrom(int row)
{
    for (int i = row; i < int(m_rows.size()); ++i)
        m_rowById.insert(m_rows[size_t(i)].secret.id, i);
}

int SecretsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SecretsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SecretsTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[size_t(index.row())];
    const Secret& secret = row.secret;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return secret.damaged ? tr("Damaged record") : secret.name;
        case ReferenceIdColumn:
            return idTextAt(index.row());
        case ValueColumn:
            return mask();
        case CreatedColumn:
            return shortDate(secret.createdAt);
        case UpdatedColumn:
            return shortDate(secret.updatedAt);
        }
        break;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return secret.damaged ? tr("This record failed its integrity check: it was damaged or "
                                       "tampered with. It can only be deleted.")
                                  : secret.name;
        case ReferenceIdColumn:
            return tr("Flows import the secret by this ID, so renaming it breaks nothing.");
        case ValueColumn:
            return tr(
                "The value is hidden: it cannot be shown after it was created, only replaced.");
        case CreatedColumn:
            return QLocale().toString(secret.createdAt.toLocalTime(), QLocale::LongFormat);
        case UpdatedColumn:
            return QLocale().toString(secret.updatedAt.toLocalTime(), QLocale::LongFormat);
        }
        break;
    case Qt::AccessibleTextRole:
        if (index.column() == ValueColumn)
            return tr("hidden value");
        break;
    case IdRole:
        return secret.id;
    case VersionRole:
        return secret.version;
    case DamagedRole:
        return secret.damaged;
    case SecretRole:
        return QVariant::fromValue(secret);
    case SortRole:
        switch (index.column()) {
        case CreatedColumn:
            return secret.createdAt;
        case UpdatedColumn:
            return secret.updatedAt;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    return {};
}

QVariant SecretsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case ReferenceIdColumn:
        return tr("Reference ID");
    case ValueColumn:
        return tr("Value");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}

void SecretsTableModel::resetSecrets(const QList<Secret>& secrets)
{
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_indexed = false;
    // Collation keys cost microseconds each: for a large vault, compute them on every core.
    constexpr qsizetype ParallelFrom = 2000;
    if (secrets.size() >= ParallelFrom) {
        m_rows =
            QtConcurrent::blockingMapped<std::vector<Row>>(secrets, &SecretsTableModel::makeRow);
    } else {
        m_rows.reserve(size_t(secrets.size()));
        for (const Secret& secret : secrets)
            m_rows.push_back(makeRow(secret));
    }
    endResetModel();
}

void SecretsTableModel::upsertSecret(const Secret& secret)
{
    const int row = rowOf(secret.id);
    if (row < 0) {
        const int end = int(m_rows.size());
        beginInsertRows({}, end, end);
        m_rows.push_back(makeRow(secret));
        m_rowById.insert(secret.id, end);
        endInsertRows();
        return;
    }
    m_rows[size_t(row)] = makeRow(secret);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SecretsTableModel::removeSecret(const QUuid& id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    m_rowById.remove(id);
    reindexFrom(row);
    endRemoveRows();
}
