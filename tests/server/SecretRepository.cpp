#include "SecretRepository.h"

#include "Database.h"
#include "NameRules.h"
#include "crypto/Random.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlQuery>
#include <QUuid>

namespace {

const QString SecretColumns =
    QStringLiteral("id, name, created_at, updated_at, created_by, updated_by, version");

// A Secret from the columns of SecretColumns starting at column first.
SecretRepository::Secret secretAt(const QSqlQuery& query, int first = 0)
{
    SecretRepository::Secret secret;
    secret.id = query.value(first).toString();
    secret.name = query.value(first + 1).toString();
    secret.createdAt = query.value(first + 2).toLongLong();
    secret.updatedAt = query.value(first + 3).toLongLong();
    secret.createdBy = query.value(first + 4).toString();
    secret.updatedBy = query.value(first + 5).toString();
    secret.version = query.value(first + 6).toInt();
    return secret;
}

} // namespace

SecretRepository::SecretRepository(Database& database, const SecretValue& atRestKey,
                                   qint64 retentionMs)
    : m_database(database)
    , m_changes(database, retentionMs)
    , m_aead(std::make_unique<Aead>(atRestKey))
{
    m_changes.load();
}

SecretRepository::Page SecretRepository::list(qsizetype offset, qsizetype limit,
                                              const QString& search, Sort sort,
                                              bool descending) const
{
    const QString needle = search.normalized(QString::NormalizationForm_C).toCaseFolded();
    const QString where =
        needle.isEmpty() ? QString() : QStringLiteral(" WHERE instr(name_key, :needle) > 0");
    // Ties by id in the same direction, so every order is an index scan (name_key is unique).
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    QString order;
    switch (sort) {
    case Sort::Name:
        order = QStringLiteral("name_key") + direction;
        break;
    case Sort::CreatedAt:
        order = QStringLiteral("created_at") + direction + QStringLiteral(", id") + direction;
        break;
    case Sort::UpdatedAt:
        order = QStringLiteral("updated_at") + direction + QStringLiteral(", id") + direction;
        break;
    case Sort::Id:
        order = QStringLiteral("id") + direction;
        break;
    }

    Page page;
    page.total = totalOf(needle, where);
    if (offset >= page.total)
        return page;

    // An index scan: SQLite skips the offset entries without reading their rows.
    QSqlQuery query(m_database.handle());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + SecretColumns + QStringLiteral(" FROM secrets")
                  + where + QStringLiteral(" ORDER BY ") + order
                  + QStringLiteral(" LIMIT :limit OFFSET :offset"));
    if (!needle.isEmpty())
        query.bindValue(QStringLiteral(":needle"), needle);
    query.bindValue(QStringLiteral(":limit"), qint64(limit));
    query.bindValue(QStringLiteral(":offset"), qint64(offset));
    if (query.exec()) {
        while (query.next())
            page.items.append(secretAt(query));
    }
    return page;
}

qsizetype SecretRepository::totalOf(const QString& needle, const QString& where) const
{
    if (needle.isEmpty() && m_count >= 0)
        return m_count;
    qsizetype total = 0;
    QSqlQuery count(m_database.handle());
    count.prepare(QStringLiteral("SELECT COUNT(*) FROM secrets") + where);
    if (!needle.isEmpty())
        count.bindValue(QStringLiteral(":needle"), needle);
    if (count.exec() && count.next())
        total = count.value(0).toLongLong();
    if (needle.isEmpty())
        m_count = total;
    return total;
}

SecretRepository::Page SecretRepository::listAfter(const QString& after, qsizetype limit,
                                                   const QString& search) const
{
    const QString needle = search.normalized(QString::NormalizationForm_C).toCaseFolded();
    const QString match =
        needle.isEmpty() ? QString() : QStringLiteral(" AND instr(name_key, :needle) > 0");
    Page page;
    page.total = totalOf(needle, needle.isEmpty() ? QString()
                                                  : QStringLiteral(" WHERE instr(name_key, "
                                                                   ":needle) > 0"));
    // A range scan of the primary key's index: deletions or renames elsewhere cannot shift it.
    QSqlQuery query(m_database.handle());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT ") + SecretColumns
                  + QStringLiteral(" FROM secrets WHERE id > :after") + match
                  + QStringLiteral(" ORDER BY id LIMIT :limit"));
    query.bindValue(QStringLiteral(":after"), after);
    if (!needle.isEmpty())
        query.bindValue(QStringLiteral(":needle"), needle);
    query.bindValue(QStringLiteral(":limit"), qint64(limit));
    if (query.exec()) {
        while (query.next())
            page.items.append(secretAt(query));
    }
    return page;
}

std::optional<QByteArray> SecretRepository::valueDigest(const QString& id) const
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("SELECT value FROM secrets WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    const std::optional<SecretValue> value =
        m_aead->open(query.value(0).toByteArray(), id.toUtf8());
    if (!value)
        return std::nullopt;
    return QCryptographicHash::hash(value->view(), QCryptographicHash::Sha256);
}

std::optional<SecretRepository::Secret> SecretRepository::find(const QString& id) const
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("SELECT ") + SecretColumns
                  + QStringLiteral(" FROM secrets WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return secretAt(query);
}

qsizetype SecretRepository::count() const
{
    QSqlQuery query(m_database.handle());
    return query.exec(QStringLiteral("SELECT COUNT(*) FROM secrets")) && query.next()
               ? query.value(0).toLongLong()
               : 0;
}

bool SecretRepository::nameTaken(const QString& name, const QString& exceptId) const
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("SELECT 1 FROM secrets WHERE name_key = ?")
                  + (exceptId.isEmpty() ? QString() : QStringLiteral(" AND id <> ?")));
    query.addBindValue(NameRules::uniquenessKey(name));
    if (!exceptId.isEmpty())
        query.addBindValue(exceptId);
    return query.exec() && query.next();
}

std::optional<SecretRepository::Secret> SecretRepository::insert(const QString& name,
                                                                 const SecretValue& value,
                                                                 const QString& subject, qint64 now)
{
    Secret secret;
    secret.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
    secret.name = NameRules::clean(name);
    secret.createdAt = now;
    secret.updatedAt = now;
    secret.createdBy = subject;
    secret.updatedBy = subject;
    secret.version = 1;
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral(
        "INSERT INTO secrets (id, name, name_key, created_at, updated_at, created_by, updated_by,"
        " version, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(secret.id);
    query.addBindValue(secret.name);
    query.addBindValue(NameRules::uniquenessKey(secret.name));
    query.addBindValue(secret.createdAt);
    query.addBindValue(secret.updatedAt);
    query.addBindValue(secret.createdBy);
    query.addBindValue(secret.updatedBy);
    query.addBindValue(secret.version);
    query.addBindValue(m_aead->seal(value.view(), secret.id.toUtf8()));
    if (!query.exec() || m_changes.record(secret.id, false, now) == 0)
        return std::nullopt;
    return secret;
}

std::optional<SecretRepository::Secret> SecretRepository::create(const QString& name,
                                                                 const SecretValue& value,
                                                                 const QString& subject,
                                                                 qint64 createdAt)
{
    m_database.begin();
    auto secret = insert(name, value, subject,
                         createdAt > 0 ? createdAt : QDateTime::currentMSecsSinceEpoch());
    if (!secret) {
        m_database.rollback();
        m_changes.load();
        return std::nullopt;
    }
    m_database.commit();
    m_count = -1;
    return secret;
}

void SecretRepository::seed(int count, const QString& subject)
{
    m_database.begin();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (int i = 1; i <= count; ++i) {
        QByteArray value = Random::bytes(24);
        insert(QStringLiteral("Secret %1").arg(i, 5, 10, QLatin1Char('0')), SecretValue(value),
               subject, now);
        value.fill('\0');
    }
    m_database.commit();
    m_count = -1;
}

std::optional<SecretRepository::Secret> SecretRepository::update(const QString& id,
                                                                 const std::optional<QString>& name,
                                                                 const SecretValue* value,
                                                                 const QString& subject)
{
    auto secret = find(id);
    if (!secret)
        return std::nullopt;
    if (name)
        secret->name = NameRules::clean(*name);
    secret->updatedAt = QDateTime::currentMSecsSinceEpoch();
    secret->updatedBy = subject;
    ++secret->version;

    m_database.begin();
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("UPDATE secrets SET name = ?, name_key = ?, updated_at = ?,"
                                 " updated_by = ?, version = ?")
                  + (value ? QStringLiteral(", value = ?") : QString())
                  + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(secret->name);
    query.addBindValue(NameRules::uniquenessKey(secret->name));
    query.addBindValue(secret->updatedAt);
    query.addBindValue(secret->updatedBy);
    query.addBindValue(secret->version);
    if (value)
        query.addBindValue(m_aead->seal(value->view(), id.toUtf8()));
    query.addBindValue(id);
    if (!query.exec() || query.numRowsAffected() != 1
        || m_changes.record(id, false, secret->updatedAt) == 0) {
        m_database.rollback();
        m_changes.load();
        return std::nullopt;
    }
    m_database.commit();
    return secret;
}

bool SecretRepository::remove(const QString& id)
{
    m_database.begin();
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("DELETE FROM secrets WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || query.numRowsAffected() != 1
        || m_changes.record(id, true, QDateTime::currentMSecsSinceEpoch()) == 0) {
        m_database.rollback();
        m_changes.load();
        return false;
    }
    m_database.commit();
    m_count = -1;
    return true;
}

SecretRepository::ChangePage SecretRepository::changesSince(qint64 sequence, int limit) const
{
    QSqlQuery query(m_database.handle());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT c.seq, c.secret_id, c.deleted, c.at, s.id, s.name,"
                                 " s.created_at, s.updated_at, s.created_by, s.updated_by,"
                                 " s.version FROM changes c LEFT JOIN secrets s"
                                 " ON s.id = c.secret_id WHERE c.seq > ? ORDER BY c.seq LIMIT ?"));
    query.addBindValue(sequence);
    query.addBindValue(limit + 1);
    ChangePage page;
    page.sequence = sequence;
    if (!query.exec())
        return page;
    while (query.next()) {
        if (page.changes.size() == limit) {
            page.hasMore = true;
            break;
        }
        Change change;
        change.sequence = query.value(0).toLongLong();
        change.id = query.value(1).toString();
        change.deleted = query.value(2).toInt() != 0 || query.value(4).isNull();
        if (change.deleted)
            change.deletedAt = query.value(3).toLongLong();
        else
            change.secret = secretAt(query, 4);
        page.sequence = change.sequence;
        page.changes.append(change);
    }
    if (!page.hasMore)
        page.sequence = m_changes.lastSequence();
    return page;
}
