#include "VaultEngine.h"

#include "NameRules.h"
#include "SecretStore.h"
#include "crypto/Aead.h"
#include "crypto/Random.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <QtConcurrent/QtConcurrentMap>
#include <QtEndian>

#include <atomic>

namespace {

constexpr qint64 ApplicationId = 0x4D4E5456; // "MNTV"
constexpr char NameField = 'N';
constexpr char ValueField = 'V';

// SQLite primary result codes that Qt reports as the native error code.
constexpr int SqliteCorrupt = 11;
constexpr int SqliteNotADatabase = 26;
constexpr int SqliteConstraint = 19;

QByteArray dataKeyAssociatedData(const QByteArray& vaultId)
{
    return QByteArrayLiteral("mint-config/v1/data-key/") + vaultId;
}

QString kdfName(KdfParams::Algorithm algorithm)
{
    return algorithm == KdfParams::Algorithm::Argon2id ? u"argon2id"_qs : u"scrypt"_qs;
}

QDateTime fromMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

bool isConstraint(const QSqlError& error)
{
    return (error.nativeErrorCode().toInt() & 0xff) == SqliteConstraint;
}

// A write transaction: BEGIN IMMEDIATE when made (the write lock first, so a read-then-write
// cannot deadlock with another writer), ROLLBACK when destroyed without a successful commit().
class WriteTransaction {
public:
    explicit WriteTransaction(const QSqlDatabase& db)
        : m_db(db)
    {
        QSqlQuery begin(m_db);
        m_begun = begin.exec(u"BEGIN IMMEDIATE"_qs);
        if (!m_begun)
            m_error = begin.lastError();
    }
    ~WriteTransaction()
    {
        if (m_begun && !m_committed)
            QSqlQuery(m_db).exec(u"ROLLBACK"_qs);
    }
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    [[nodiscard]] bool begun() const { return m_begun; }
    bool commit()
    {
        QSqlQuery commit(m_db);
        m_committed = commit.exec(u"COMMIT"_qs);
        if (!m_committed)
            m_error = commit.lastError();
        return m_committed;
    }
    // Why BEGIN or COMMIT failed.
    [[nodiscard]] const QSqlError& error() const { return m_error; }

private:
    QSqlDatabase m_db;
    QSqlError m_error;
    bool m_begun = false;
    bool m_committed = false;
};

} // namespace

VaultEngine::VaultEngine(QString path)
    : m_path(std::move(path))
{
    static std::atomic<int> counter = 0;
    m_connection = u"mint-vault-%1"_qs.arg(++counter);
}

VaultEngine::~VaultEngine()
{
    lock();
}

StoreError VaultEngine::sqlError(const QSqlError& error) const
{
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric) & 0xff;
    if (numeric && code == SqliteNotADatabase)
        return StoreError(StoreError::Code::NotAVault);
    if (numeric && code == SqliteCorrupt)
        return StoreError(StoreError::Code::Corrupted);
    // SQLite's own text names the failure (disk full, read-only, locked) and never holds data.
    return StoreError(
        StoreError::Code::Io,
        tr("The vault file could not be read or written: %1.").arg(error.databaseText()));
}

StoreError VaultEngine::openConnection()
{
    if (m_connected)
        return {};
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_qs);
    m_connected = true;
    if (!db.open())
        return sqlError(db.lastError());
    // Connection settings only: nothing here writes to the file.
    for (const QString& sql : {u"PRAGMA synchronous = FULL"_qs, u"PRAGMA secure_delete = ON"_qs}) {
        if (StoreError error = execute(sql); error.isError())
            return error;
    }
    return {};
}

void VaultEngine::closeConnection()
{
    if (!m_connected)
        return;
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
    m_connected = false;
}

StoreError VaultEngine::execute(const QString& sql)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(sql))
        return sqlError(query.lastError());
    return {};
}

StoreResult<VaultEngine::Header> VaultEngine::readHeader()
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(u"PRAGMA application_id"_qs) || !query.next())
        return sqlError(query.lastError());
    if (query.value(0).toLongLong() != ApplicationId)
        return StoreError(StoreError::Code::NotAVault);
    if (!query.exec(u"PRAGMA user_version"_qs) || !query.next())
        return sqlError(query.lastError());
    const int version = query.value(0).toInt();
    if (version > FormatVersion)
        return StoreError(StoreError::Code::UnsupportedVersion);
    if (version < 1)
        return StoreError(StoreError::Code::Corrupted);
    // Migration hook: versions below FormatVersion would be upgraded here, in one transaction.

    // Our application ID but no usable header table (SQLite's generic error: no such table or
    // column) is a damaged vault, not an I/O problem.
    if (!query.exec(u"SELECT vault_id, kdf, kdf_n, kdf_r, kdf_p, kdf_memory_kib, kdf_iterations, "
                    "kdf_lanes, salt, wrapped_key FROM vault WHERE singleton = 1"_qs))
        return query.lastError().nativeErrorCode() == u"1" ? StoreError(StoreError::Code::Corrupted)
                                                           : sqlError(query.lastError());
    if (!query.next())
        return StoreError(StoreError::Code::Corrupted);
    Header header;
    header.vaultId = query.value(0).toByteArray();
    const QString kdf = query.value(1).toString();
    header.kdf.algorithm =
        kdf == u"argon2id" ? KdfParams::Algorithm::Argon2id : KdfParams::Algorithm::Scrypt;
    header.kdf.n = query.value(2).toULongLong();
    header.kdf.r = query.value(3).toUInt();
    header.kdf.p = query.value(4).toUInt();
    header.kdf.memoryKiB = query.value(5).toUInt();
    header.kdf.iterations = query.value(6).toUInt();
    header.kdf.lanes = query.value(7).toUInt();
    header.kdf.salt = query.value(8).toByteArray();
    header.wrappedKey = query.value(9).toByteArray();
    if (header.vaultId.size() != 16 || header.kdf.salt.size() < Kdf::SaltSize
        || header.wrappedKey.size() != Aead::KeySize + Aead::Overhead
        || (kdf != u"scrypt" && kdf != u"argon2id"))
        return StoreError(StoreError::Code::Corrupted);
    return header;
}

void VaultEngine::installKeys(const SecretValue& dataKey, const QByteArray& vaultId)
{
    m_sealKey = Kdf::hkdf(dataKey, "mint-config/v1/seal");
    m_seal = std::make_unique<Aead>(m_sealKey);
    m_indexKey = Kdf::hkdf(dataKey, "mint-config/v1/name-index");
    m_vaultId = vaultId;
}

StoreError VaultEngine::unwrapKeys(const Header& header, const SecretValue& password)
{
    const std::optional<SecretValue> kek = Kdf::derive(password, header.kdf);
    if (!kek)
        return StoreError(StoreError::Code::Corrupted,
                          tr("The vault's key derivation settings are not usable here."));
    const std::optional<SecretValue> dataKey =
        Aead(*kek).open(header.wrappedKey, dataKeyAssociatedData(header.vaultId));
    if (!dataKey || dataKey->size() != Aead::KeySize)
        return StoreError(StoreError::Code::WrongPassword);
    installKeys(*dataKey, header.vaultId);
    return {};
}

StoreResult<Done> VaultEngine::create(const SecretValue& password, const KdfParams& params)
{
    lock();
    if (QFileInfo::exists(m_path))
        return StoreError(StoreError::Code::VaultExists);
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath()))
        return StoreError(StoreError::Code::Io,
                          tr("The folder for the vault could not be created."));
    const std::optional<SecretValue> kek = Kdf::derive(password, params);
    if (!kek)
        return StoreError(StoreError::Code::WeakKdf,
                          tr("These key derivation settings are not supported."));
    const SecretValue dataKey = Random::secret(Aead::KeySize);
    const QByteArray vaultId = Random::bytes(16);
    const QByteArray wrapped = Aead(*kek).seal(dataKey.view(), dataKeyAssociatedData(vaultId));

    // The file is made here, readable by its owner only, before SQLite writes to it (SQLite
    // gives its -wal and -shm files the same permissions).
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return StoreError(StoreError::Code::Io, tr("The vault file could not be created."));
    if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        file.remove();
        return StoreError(StoreError::Code::Io, tr("The vault file could not be made private."));
    }
    file.close();
    StoreError error = openConnection();
    const auto sqlSteps = {
        u"PRAGMA journal_mode = WAL"_qs,
        u"PRAGMA application_id = %1"_qs.arg(ApplicationId),
        u"PRAGMA user_version = %1"_qs.arg(FormatVersion),
        u"BEGIN IMMEDIATE"_qs,
        u"CREATE TABLE vault (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), "
        "vault_id BLOB NOT NULL, kdf TEXT NOT NULL, kdf_n INTEGER, kdf_r INTEGER, kdf_p INTEGER, "
        "kdf_memory_kib INTEGER, kdf_iterations INTEGER, kdf_lanes INTEGER, salt BLOB NOT NULL, "
        "wrapped_key BLOB NOT NULL, created_at INTEGER NOT NULL)"_qs,
        // value_sealed comes last so that listing never reads it (nor its overflow pages).
        u"CREATE TABLE secrets (id BLOB NOT NULL UNIQUE, name_index BLOB NOT NULL UNIQUE, "
        "name_sealed BLOB NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, "
        "version INTEGER NOT NULL, value_sealed BLOB NOT NULL)"_qs,
    };
    for (const QString& sql : sqlSteps) {
        if (error.isError())
            break;
        error = execute(sql);
    }
    if (!error.isError()) {
        QSqlQuery insert(QSqlDatabase::database(m_connection, false));
        insert.prepare(u"INSERT INTO vault VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_qs);
        for (const QVariant& v :
             {QVariant(vaultId), QVariant(kdfName(params.algorithm)), QVariant(qint64(params.n)),
              QVariant(params.r), QVariant(params.p), QVariant(params.memoryKiB),
              QVariant(params.iterations), QVariant(params.lanes), QVariant(params.salt),
              QVariant(wrapped), QVariant(QDateTime::currentMSecsSinceEpoch())})
            insert.addBindValue(v);
        if (!insert.exec())
            error = sqlError(insert.lastError());
    }
    if (!error.isError())
        error = execute(u"COMMIT"_qs);
    if (error.isError()) {
        // Leave nothing half-made behind: the file did not exist before.
        closeConnection();
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(m_path + QLatin1String(suffix));
        return error;
    }
    installKeys(dataKey, vaultId);
    return Done{};
}

StoreResult<Done> VaultEngine::unlock(const SecretValue& password)
{
    lock();
    if (!QFileInfo(m_path).isFile())
        return StoreError(StoreError::Code::NotFound,
                          tr("There is no vault at %1.").arg(QDir::toNativeSeparators(m_path)));
    StoreError error = openConnection();
    StoreResult<Header> header = error.isError() ? StoreResult<Header>(error) : readHeader();
    if (header.ok())
        error = unwrapKeys(header.value(), password);
    else
        error = header.error();
    if (error.isError())
        lock();
    return error.isError() ? StoreResult<Done>(error) : StoreResult<Done>(Done{});
}

void VaultEngine::lock()
{
    m_seal.reset();
    m_sealKey.clear();
    m_indexKey.clear();
    m_vaultId.clear();
    closeConnection();
}

StoreResult<Done> VaultEngine::changePassword(const SecretValue& current, const SecretValue& next,
                                              const std::optional<KdfParams>& params)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    StoreResult<Header> header = readHeader();
    if (!header.ok())
        return header.error();
    const std::optional<SecretValue> currentKek = Kdf::derive(current, header.value().kdf);
    const std::optional<SecretValue> dataKey =
        currentKek
            ? Aead(*currentKek)
                  .open(header.value().wrappedKey, dataKeyAssociatedData(header.value().vaultId))
            : std::nullopt;
    if (!dataKey)
        return StoreError(StoreError::Code::WrongPassword);

    KdfParams kdf = params.value_or(header.value().kdf);
    kdf.salt = Random::bytes(Kdf::SaltSize);
    const std::optional<SecretValue> nextKek = Kdf::derive(next, kdf);
    if (!nextKek)
        return StoreError(StoreError::Code::WeakKdf,
                          tr("These key derivation settings are not supported."));
    const QByteArray wrapped =
        Aead(*nextKek).seal(dataKey->view(), dataKeyAssociatedData(header.value().vaultId));

    // One statement: the new salt, parameters and wrapped key land together or not at all.
    QSqlQuery update(QSqlDatabase::database(m_connection, false));
    update.prepare(
        u"UPDATE vault SET kdf = ?, kdf_n = ?, kdf_r = ?, kdf_p = ?, kdf_memory_kib = ?, "
        "kdf_iterations = ?, kdf_lanes = ?, salt = ?, wrapped_key = ? "
        "WHERE singleton = 1"_qs);
    for (const QVariant& v :
         {QVariant(kdfName(kdf.algorithm)), QVariant(qint64(kdf.n)), QVariant(kdf.r),
          QVariant(kdf.p), QVariant(kdf.memoryKiB), QVariant(kdf.iterations), QVariant(kdf.lanes),
          QVariant(kdf.salt), QVariant(wrapped)})
        update.addBindValue(v);
    if (!update.exec())
        return sqlError(update.lastError());
    return Done{};
}

StoreError VaultEngine::checkUnlocked() const
{
    return isUnlocked() ? StoreError{} : StoreError(StoreError::Code::Locked);
}

QByteArray VaultEngine::nameIndex(const QString& name) const
{
    return Kdf::hmacSha256(m_indexKey, NameRules::uniquenessKey(name).toUtf8());
}

VaultEngine::AssociatedData VaultEngine::associatedData(const QUuid& id, char field,
                                                        qint64 version) const
{
    AssociatedData ad;
    Q_ASSERT(m_vaultId.size() == 16); // checked when the header was read
    char* out = std::copy(m_vaultId.cbegin(), m_vaultId.cend(), ad.bytes.begin());
    const QByteArray rawId = id.toRfc4122();
    out = std::copy(rawId.cbegin(), rawId.cend(), out);
    *out++ = field;
    qToBigEndian(version, out);
    return ad;
}

StoreResult<QList<Secret>> VaultEngine::readSecrets(const QSqlDatabase& db, qint64 firstRow,
                                                    qint64 lastRow) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT id, name_sealed, created_at, updated_at, version FROM secrets "
                  "WHERE rowid BETWEEN ? AND ?"_qs);
    query.addBindValue(firstRow);
    query.addBindValue(lastRow);
    if (!query.exec())
        return sqlError(query.lastError());
    Aead aead(m_sealKey); // one per thread: an Aead is not thread-safe
    QList<Secret> secrets;
    while (query.next()) {
        Secret& secret = secrets.emplace_back();
        secret.id = QUuid::fromRfc4122(query.value(0).toByteArray());
        secret.createdAt = fromMs(query.value(2).toLongLong());
        secret.updatedAt = fromMs(query.value(3).toLongLong());
        secret.version = query.value(4).toLongLong();
        const std::optional<SecretValue> name = aead.open(
            query.value(1).toByteArray(), associatedData(secret.id, NameField, secret.version));
        if (name)
            secret.name = QString::fromUtf8(name->view());
        else
            secret.damaged = true;
    }
    if (query.lastError().isValid())
        return sqlError(query.lastError());
    return secrets;
}

StoreResult<QList<Secret>> VaultEngine::list()
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery bounds(db);
    if (!bounds.exec(u"SELECT min(rowid), max(rowid) FROM secrets"_qs) || !bounds.next())
        return sqlError(bounds.lastError());
    if (bounds.value(0).isNull())
        return QList<Secret>{};
    const qint64 first = bounds.value(0).toLongLong();
    const qint64 last = bounds.value(1).toLongLong();
    bounds.finish();
    constexpr qint64 ParallelFrom = 8192;
    const int parts = last - first < ParallelFrom ? 1 : QThread::idealThreadCount();
    if (parts <= 1)
        return readSecrets(db, first, last);

    // A large vault: reading rows through Qt Sql is the bulk of the work, so each core reads and
    // opens one part of the rowid range through a read-only connection of its own (WAL lets
    // readers run side by side).
    QList<std::pair<qint64, qint64>> ranges;
    const qint64 span = (last - first) / parts + 1;
    for (qint64 from = first; from <= last; from += span)
        ranges.append({from, std::min(last, from + span - 1)});
    const auto readPart = [this](const std::pair<qint64, qint64>& range) {
        static std::atomic<int> readers = 0;
        const QString name = m_connection + u"-reader-%1"_qs.arg(++readers);
        StoreResult<QList<Secret>> part;
        {
            QSqlDatabase reader = QSqlDatabase::addDatabase(u"QSQLITE"_qs, name);
            reader.setDatabaseName(m_path);
            reader.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000;QSQLITE_OPEN_READONLY"_qs);
            part = reader.open() ? readSecrets(reader, range.first, range.second)
                                 : StoreResult<QList<Secret>>(sqlError(reader.lastError()));
            reader.close();
        }
        QSqlDatabase::removeDatabase(name);
        return part;
    };
    auto read = QtConcurrent::blockingMapped<QList<StoreResult<QList<Secret>>>>(ranges, readPart);
    QList<Secret> secrets;
    secrets.reserve(last - first + 1);
    for (StoreResult<QList<Secret>>& part : read) {
        if (!part.ok())
            return part.error();
        std::move(part.value().begin(), part.value().end(), std::back_inserter(secrets));
    }
    return secrets;
}

StoreResult<Secret> VaultEngine::fetch(const QString& whereClause, const QVariant& key)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"SELECT id, name_sealed, created_at, updated_at, version FROM secrets WHERE "_qs
                  + whereClause);
    query.addBindValue(key);
    if (!query.exec())
        return sqlError(query.lastError());
    if (!query.next())
        return StoreError(StoreError::Code::NotFound);
    Secret secret;
    secret.id = QUuid::fromRfc4122(query.value(0).toByteArray());
    secret.createdAt = fromMs(query.value(2).toLongLong());
    secret.updatedAt = fromMs(query.value(3).toLongLong());
    secret.version = query.value(4).toLongLong();
    const std::optional<SecretValue> name = m_seal->open(
        query.value(1).toByteArray(), associatedData(secret.id, NameField, secret.version));
    if (!name)
        return StoreError(StoreError::Code::DamagedRecord);
    secret.name = QString::fromUtf8(name->view());
    return secret;
}

StoreResult<Secret> VaultEngine::find(const QString& name)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    StoreResult<Secret> found = fetch(u"name_index = ?"_qs, nameIndex(name));
    if (!found.ok() && found.error().code() == StoreError::Code::NotFound)
        return StoreError(StoreError::Code::NotFound, tr("There is no secret with this name."));
    return found;
}

StoreResult<Secret> VaultEngine::add(const QString& name, const SecretValue& value)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    return insert(name, value);
}

StoreResult<QList<Secret>> VaultEngine::addAll(const QList<QString>& names,
                                               const std::vector<SecretValue>& values)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    Q_ASSERT(size_t(names.size()) == values.size());
    WriteTransaction transaction(QSqlDatabase::database(m_connection, false));
    if (!transaction.begun())
        return sqlError(transaction.error());
    QList<Secret> added;
    added.reserve(names.size());
    for (qsizetype i = 0; i < names.size(); ++i) {
        StoreResult<Secret> secret = insert(names[i], values[size_t(i)]);
        if (!secret.ok())
            return secret.error();
        added.append(std::move(secret.value()));
    }
    if (!transaction.commit())
        return sqlError(transaction.error());
    return added;
}

StoreResult<Secret> VaultEngine::insert(const QString& name, const SecretValue& value)
{
    if (StoreError error = SecretStore::checkName(name); error.isError())
        return error;
    if (StoreError error = SecretStore::checkValue(value); error.isError())
        return error;

    Secret secret;
    secret.id = QUuid::createUuid();
    secret.name = NameRules::clean(name);
    secret.createdAt = secret.updatedAt = fromMs(QDateTime::currentMSecsSinceEpoch());
    secret.version = 1;
    QSqlQuery insert(QSqlDatabase::database(m_connection, false));
    insert.prepare(u"INSERT INTO secrets (id, name_index, name_sealed, created_at, updated_at, "
                   "version, value_sealed) VALUES (?, ?, ?, ?, ?, ?, ?)"_qs);
    insert.addBindValue(secret.id.toRfc4122());
    insert.addBindValue(nameIndex(secret.name));
    insert.addBindValue(
        m_seal->seal(secret.name.toUtf8(), associatedData(secret.id, NameField, secret.version)));
    insert.addBindValue(secret.createdAt.toMSecsSinceEpoch());
    insert.addBindValue(secret.updatedAt.toMSecsSinceEpoch());
    insert.addBindValue(secret.version);
    insert.addBindValue(
        m_seal->seal(value.view(), associatedData(secret.id, ValueField, secret.version)));
    if (!insert.exec())
        return isConstraint(insert.lastError()) ? StoreError(StoreError::Code::NameTaken)
                                                : sqlError(insert.lastError());
    return secret;
}

StoreResult<Secret> VaultEngine::update(const QUuid& id, qint64 expectedVersion,
                                        const std::optional<QString>& newName,
                                        const SecretValue* newValue)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    if (newName) {
        if (StoreError error = SecretStore::checkName(*newName); error.isError())
            return error;
    }
    if (newValue) {
        if (StoreError error = SecretStore::checkValue(*newValue); error.isError())
            return error;
    }

    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    WriteTransaction transaction(db);
    if (!transaction.begun())
        return sqlError(transaction.error());

    QSqlQuery query(db);
    query.prepare(u"SELECT name_sealed, created_at, version, value_sealed FROM secrets "
                  "WHERE id = ?"_qs);
    query.addBindValue(id.toRfc4122());
    if (!query.exec())
        return sqlError(query.lastError());
    if (!query.next())
        return StoreError(StoreError::Code::NotFound);
    const qint64 version = query.value(2).toLongLong();
    if (version != expectedVersion)
        return StoreError(StoreError::Code::StaleVersion);

    Secret secret;
    secret.id = id;
    secret.createdAt = fromMs(query.value(1).toLongLong());
    secret.updatedAt = fromMs(QDateTime::currentMSecsSinceEpoch());
    secret.version = version + 1;
    if (newName) {
        secret.name = NameRules::clean(*newName);
    } else {
        const std::optional<SecretValue> name =
            m_seal->open(query.value(0).toByteArray(), associatedData(id, NameField, version));
        if (!name)
            return StoreError(StoreError::Code::DamagedRecord);
        secret.name = QString::fromUtf8(name->view());
    }
    std::optional<SecretValue> oldValue;
    if (!newValue) {
        oldValue =
            m_seal->open(query.value(3).toByteArray(), associatedData(id, ValueField, version));
        if (!oldValue)
            return StoreError(StoreError::Code::DamagedRecord);
    }
    const SecretValue& value = newValue ? *newValue : *oldValue;
    query.finish();

    QSqlQuery write(db);
    write.prepare(
        u"UPDATE secrets SET name_index = ?, name_sealed = ?, updated_at = ?, version = ?, "
        "value_sealed = ? WHERE id = ? AND version = ?"_qs);
    write.addBindValue(nameIndex(secret.name));
    write.addBindValue(
        m_seal->seal(secret.name.toUtf8(), associatedData(id, NameField, secret.version)));
    write.addBindValue(secret.updatedAt.toMSecsSinceEpoch());
    write.addBindValue(secret.version);
    write.addBindValue(m_seal->seal(value.view(), associatedData(id, ValueField, secret.version)));
    write.addBindValue(id.toRfc4122());
    write.addBindValue(version);
    if (!write.exec())
        return isConstraint(write.lastError()) ? StoreError(StoreError::Code::NameTaken)
                                               : sqlError(write.lastError());
    if (!transaction.commit())
        return sqlError(transaction.error());
    return secret;
}

StoreResult<Done> VaultEngine::remove(const QUuid& id, qint64 expectedVersion)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    WriteTransaction transaction(db);
    if (!transaction.begun())
        return sqlError(transaction.error());
    QSqlQuery query(db);
    query.prepare(u"SELECT version FROM secrets WHERE id = ?"_qs);
    query.addBindValue(id.toRfc4122());
    if (!query.exec())
        return sqlError(query.lastError());
    if (!query.next())
        return StoreError(StoreError::Code::NotFound);
    if (query.value(0).toLongLong() != expectedVersion)
        return StoreError(StoreError::Code::StaleVersion);
    query.finish();
    QSqlQuery erase(db);
    erase.prepare(u"DELETE FROM secrets WHERE id = ?"_qs);
    erase.addBindValue(id.toRfc4122());
    if (!erase.exec())
        return sqlError(erase.lastError());
    if (!transaction.commit())
        return sqlError(transaction.error());
    return Done{};
}

StoreResult<bool> VaultEngine::matches(const QUuid& id, const SecretValue& candidate)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"SELECT version, value_sealed FROM secrets WHERE id = ?"_qs);
    query.addBindValue(id.toRfc4122());
    if (!query.exec())
        return sqlError(query.lastError());
    if (!query.next())
        return StoreError(StoreError::Code::NotFound);
    const std::optional<SecretValue> value = m_seal->open(
        query.value(1).toByteArray(), associatedData(id, ValueField, query.value(0).toLongLong()));
    if (!value)
        return StoreError(StoreError::Code::DamagedRecord);
    return value->equals(candidate);
}
