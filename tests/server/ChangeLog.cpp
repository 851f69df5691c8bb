#include "ChangeLog.h"

#include "Database.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QtEndian>

namespace {
const QString PrunedThroughKey = QStringLiteral("changes_pruned_through");
constexpr qsizetype EpochSize = 4;
} // namespace

ChangeLog::ChangeLog(Database& database, qint64 retentionMs)
    : m_database(database)
    , m_retentionMs(retentionMs)
{
}

void ChangeLog::load()
{
    const auto pruned = m_database.meta(PrunedThroughKey);
    m_prunedThrough = pruned ? pruned->toLongLong() : 0;
    QSqlQuery query(m_database.handle());
    query.exec(QStringLiteral("SELECT MAX(seq) FROM changes"));
    const qint64 highest = query.next() ? query.value(0).toLongLong() : 0;
    m_lastSequence = qMax(highest, m_prunedThrough);
}

qint64 ChangeLog::record(const QString& secretId, bool deleted, qint64 at)
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO changes (seq, secret_id, deleted, at) VALUES (?, ?, ?, ?)"));
    query.addBindValue(m_lastSequence + 1);
    query.addBindValue(secretId);
    query.addBindValue(deleted ? 1 : 0);
    query.addBindValue(at);
    if (!query.exec())
        return 0;
    return ++m_lastSequence;
}

QString ChangeLog::cursor(qint64 sequence) const
{
    QByteArray raw = m_database.epoch();
    raw.resize(EpochSize + 8);
    qToBigEndian<quint64>(quint64(sequence), raw.data() + EpochSize);
    return QStringLiteral("c_")
           + QString::fromLatin1(
               raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qint64> ChangeLog::parse(const QString& cursor)
{
    if (!cursor.startsWith(QLatin1String("c_")) || cursor.size() > 64)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.mid(2).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals
                                      | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != EpochSize + 8
        || decoded.decoded.left(EpochSize) != m_database.epoch())
        return std::nullopt;
    const qint64 sequence =
        qint64(qFromBigEndian<quint64>(decoded.decoded.constData() + EpochSize));
    if (sequence < 0 || sequence > m_lastSequence)
        return std::nullopt;
    prune(QDateTime::currentMSecsSinceEpoch());
    if (sequence < m_prunedThrough)
        return std::nullopt;
    return sequence;
}

void ChangeLog::prune(qint64 now)
{
    const qint64 limit = now - m_retentionMs;
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral("SELECT MAX(seq) FROM changes WHERE at < ?"));
    query.addBindValue(limit);
    if (!query.exec() || !query.next() || query.value(0).isNull())
        return;
    const qint64 newest = query.value(0).toLongLong();
    query.finish();
    m_database.begin();
    QSqlQuery remove(m_database.handle());
    remove.prepare(QStringLiteral("DELETE FROM changes WHERE seq <= ?"));
    remove.addBindValue(newest);
    remove.exec();
    m_prunedThrough = qMax(m_prunedThrough, newest);
    m_database.setMeta(PrunedThroughKey, QByteArray::number(m_prunedThrough));
    m_database.commit();
}
