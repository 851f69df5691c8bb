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

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <atomic>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace {

constexpr qint64 ApplicationId = 0x4D4E5456; // "MNTV"
// The columns VaultEngine::secretFrom() reads, in its order.
constexpr QLatin1String
    SecretColumns("id, name_index, name_sealed, created_at, updated_at, version");

// The schema of format versions 1 and 2, as SQLite keeps it in sqlite_master.
constexpr const char* VaultTableSql =
    "CREATE TABLE vault (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), "
    "vault_id BLOB NOT NULL, kdf TEXT NOT NULL, kdf_n INTEGER, kdf_r INTEGER, kdf_p INTEGER, "
    "kdf_memory_kib INTEGER, kdf_iterations INTEGER, kdf_lanes INTEGER, salt BLOB NOT NULL, "
    "wrapped_key BLOB NOT NULL, created_at INTEGER NOT NULL)";
// value_sealed comes last so that listing never reads it (nor its overflow pages).
constexpr const char* SecretsTableSql =
    "CREATE TABLE secrets (id BLOB NOT NULL UNIQUE, name_index BLOB NOT NULL UNIQUE, "
    "name_sealed BLOB NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, "
    "version INTEGER NOT NULL, value_sealed BLOB NOT NULL)";
constexpr qsizetype MaxSaltSize = 64;
constexpr char NameField = 'N';
constexpr char ValueField = 'V';

// SQLite primary result codes that Qt reports as the native error code.
constexpr int SqliteError = 1;
constexpr int SqliteCorrupt = 11;
constexpr int SqliteFormat = 24;
constexpr int SqliteRange = 25;
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

// Makes a rename in folder durable (POSIX: the folder's entry is data of the folder).
void syncFolder(const QString& folder)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(folder).constData(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(folder); // NTFS journals renames
#endif
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

// HMAC-SHA256 under the index key for many names (listing checks every record's blind index):
// keyed once, then restarted per name, a fifth of the cost of a fresh Kdf::hmacSha256 each
// time, with the same result. Not thread-safe: one per thread.
class VaultEngine::IndexMac {
public:
    explicit IndexMac(const SecretValue& key)
    {
        EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
        m_keyed = mac ? EVP_MAC_CTX_new(mac) : nullptr;
        EVP_MAC_free(mac);
        char digest[] = "SHA256";
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
            OSSL_PARAM_construct_end(),
        };
        if (m_keyed
            && (key.isEmpty()
                || EVP_MAC_init(m_keyed, key.bytes(), size_t(key.size()), params) != 1)) {
            EVP_MAC_CTX_free(m_keyed);
            m_keyed = nullptr;
        }
    }
    ~IndexMac() { EVP_MAC_CTX_free(m_keyed); } // OpenSSL wipes the keyed state
    IndexMac(const IndexMac&) = delete;
    IndexMac& operator=(const IndexMac&) = delete;

    // The MAC of data; empty if OpenSSL fails (which then matches no stored index).
    [[nodiscard]] QByteArray operator()(QByteArrayView data)
    {
        QByteArray mac(32, Qt::Uninitialized);
        size_t length = 0;
        // EVP_MAC_init without a key starts a new message under the key already set.
        const bool ok =
            m_keyed && EVP_MAC_init(m_keyed, nullptr, 0, nullptr) == 1
            && EVP_MAC_update(m_keyed, reinterpret_cast<const unsigned char*>(data.data()),
                              size_t(data.size()))
                   == 1
            && EVP_MAC_final(m_keyed, reinterpret_cast<unsigned char*>(mac.data()), &length,
                             size_t(mac.size()))
                   == 1
            && length == size_t(mac.size());
        return ok ? mac : QByteArray();
    }

private:
    EVP_MAC_CTX* m_keyed = nullptr;
};

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
    // SQLITE_FULL (13): write(2) failed with ENOSPC. SQLITE_IOERR_WRITE, _TRUNCATE, _SHMSIZE
    // (extended codes of SQLITE_IOERR, 10): any other failed write, e.g. EFBIG past the file size
    // limit or EIO from a failing disk. The transaction is rolled back: nothing of the failed
    // write shows afterwards (tst_crashsafety checks it).
    constexpr int SqliteFull = 13;
    constexpr int SqliteIoErrWrite = 10 | (3 << 8);
    constexpr int SqliteIoErrTruncate = 10 | (6 << 8);
    constexpr int SqliteIoErrShmSize = 10 | (19 << 8);
    const int extended = error.nativeErrorCode().toInt();
    if (numeric && code == SqliteFull)
        return StoreError(
            StoreError::Code::Io,
            tr("The disk is full, so the vault could not be written. Free up some space and try "
               "again."));
    if (numeric
        && (extended == SqliteIoErrWrite || extended == SqliteIoErrTruncate
            || extended == SqliteIoErrShmSize))
        return StoreError(StoreError::Code::Io,
                          tr("The vault file could not be written to the disk. The disk may be "
                             "full or failing, or the file may have reached the largest size "
                             "allowed."));
    // SQLite's own text names the failure (read-only, locked, ...) and never holds data.
    return StoreError(
        StoreError::Code::Io,
        tr("The vault file could not be read or written: %1.").arg(error.databaseText()));
}

StoreError VaultEngine::openConnection(const QString& path)
{
    if (m_connected)
        return {};
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_qs, m_connection);
    db.setDatabaseName(path);
    db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_qs);
    m_connected = true;
    if (!db.open())
        return sqlError(db.lastError());
    // Connection settings only: nothing here writes to the file. A file from elsewhere may carry
    // a crafted schema: it may not call functions with side effects (trusted_schema).
    for (const QString& sql : {u"PRAGMA synchronous = FULL"_qs, u"PRAGMA secure_delete = ON"_qs,
                               u"PRAGMA trusted_schema = OFF"_qs}) {
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
    // SQLite's generic error here ("unsupported file format", "malformed database schema") means
    // a damaged SQLite file, not an I/O problem.
    const auto failed = [this](const QSqlError& error) {
        return error.nativeErrorCode() == u"1" ? StoreError(StoreError::Code::Corrupted)
                                               : sqlError(error);
    };
    if (!query.exec(u"PRAGMA application_id"_qs) || !query.next())
        return failed(query.lastError());
    if (query.value(0).toLongLong() != ApplicationId)
        return StoreError(StoreError::Code::NotAVault);
    if (!query.exec(u"PRAGMA user_version"_qs) || !query.next())
        return failed(query.lastError());
    const int version = query.value(0).toInt();
    if (version > FormatVersion)
        return StoreError(StoreError::Code::UnsupportedVersion);
    if (version < 1)
        return StoreError(StoreError::Code::Corrupted);
    // Older versions are migrated by unlock(), once the keys are known (migrate()).

    // Exactly the schema this format defines: a changed column name or type, or an extra
    // trigger, view or index (which would change what our statements do), is damage.
    if (!query.exec(u"SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"_qs))
        return failed(query.lastError());
    QStringList schema;
    while (query.next()) {
        schema.append(query.value(0).toString() + u'|' + query.value(1).toString() + u'|'
                      + query.value(2).toString() + u'|' + query.value(3).toString());
    }
    if (query.lastError().isValid())
        return failed(query.lastError());
    const QStringList expectedSchema{
        u"table|secrets|secrets|"_qs + QLatin1String(SecretsTableSql),
        u"index|sqlite_autoindex_secrets_1|secrets|"_qs,
        u"index|sqlite_autoindex_secrets_2|secrets|"_qs,
        u"table|vault|vault|"_qs + QLatin1String(VaultTableSql),
    };
    if (schema != expectedSchema)
        return StoreError(StoreError::Code::Corrupted);

    // Our application ID but no usable header table (SQLite's generic error: no such table or
    // column) is a damaged vault, not an I/O problem.
    if (!query.exec(u"SELECT vault_id, kdf, kdf_n, kdf_r, kdf_p, kdf_memory_kib, kdf_iterations, "
                    "kdf_lanes, salt, wrapped_key FROM vault WHERE singleton = 1"_qs))
        return query.lastError().nativeErrorCode() == u"1" ? StoreError(StoreError::Code::Corrupted)
                                                           : sqlError(query.lastError());
    if (!query.next())
        return StoreError(StoreError::Code::Corrupted);
    Header header;
    header.formatVersion = version;
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
        || header.kdf.salt.size() > MaxSaltSize
        || header.wrappedKey.size() != Aead::KeySize + Aead::Overhead
        || (kdf != u"scrypt" && kdf != u"argon2id"))
        return StoreError(StoreError::Code::Corrupted);
    // Each parameter must be exactly the integer it is read as: a negative, fractional or too
    // large number (which toUInt() would silently cut) is damage. How large a parameter may be,
    // so that a hostile header can neither hang unlocking nor make it allocate without bound, is
    // Kdf::derive()'s to refuse ("not usable here", in unwrapKeys()).
    const auto exact = [&query](int column, quint64 value) {
        return query.value(column).toString() == QString::number(value);
    };
    if (!exact(2, header.kdf.n) || !exact(3, header.kdf.r) || !exact(4, header.kdf.p)
        || !exact(5, header.kdf.memoryKiB) || !exact(6, header.kdf.iterations)
        || !exact(7, header.kdf.lanes))
        return StoreError(StoreError::Code::Corrupted,
                          tr("The vault file is damaged: its key derivation settings are out of "
                             "range. Nothing was changed."));
    return header;
}

void VaultEngine::installKeys(const SecretValue& dataKey, const QByteArray& vaultId)
{
    m_sealKey = Kdf::hkdf(dataKey, "mint-config/v1/seal");
    m_seal = std::make_unique<Aead>(m_sealKey);
    m_indexKey = Kdf::hkdf(dataKey, "mint-config/v1/name-index");
    m_indexMac = std::make_unique<IndexMac>(m_indexKey);
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

    // The vault is made under a temporary name in its folder and renamed into place once
    // complete, so a crash while creating never leaves a half-made vault at the path. The file
    // is made here, readable by its owner only, before SQLite writes to it (SQLite gives its
    // -wal and -shm files the same permissions).
    const QString making =
        m_path + u".creating-"_qs + QString::fromLatin1(Random::bytes(6).toHex());
    const auto removeMaking = [&making] {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            QFile::remove(making + QLatin1String(suffix));
    };
    QFile file(making);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
        return StoreError(StoreError::Code::Io, tr("The vault file could not be created."));
    if (!file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        file.remove();
        return StoreError(StoreError::Code::Io, tr("The vault file could not be made private."));
    }
    file.close();
    StoreError error = openConnection(making);
    const auto sqlSteps = {
        u"PRAGMA journal_mode = WAL"_qs,
        u"PRAGMA application_id = %1"_qs.arg(ApplicationId),
        u"PRAGMA user_version = %1"_qs.arg(FormatVersion),
        u"BEGIN IMMEDIATE"_qs,
        QString::fromLatin1(VaultTableSql),
        QString::fromLatin1(SecretsTableSql),
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
    closeConnection(); // the last connection: SQLite moves the WAL into the file and removes it
    if (!error.isError() && !QFile::rename(making, m_path)) // never over an existing file
        error = QFileInfo::exists(m_path)
                    ? StoreError(StoreError::Code::VaultExists)
                    : StoreError(StoreError::Code::Io, tr("The vault file could not be created."));
    if (error.isError()) {
        removeMaking(); // leave nothing half-made behind
        return error;
    }
    syncFolder(QFileInfo(m_path).absolutePath());
    error = openConnection(m_path);
    if (error.isError())
        return error;
    installKeys(dataKey, vaultId);
    return Done{};
}

StoreResult<Done> VaultEngine::unlock(const SecretValue& password)
{
    lock();
    if (!QFileInfo(m_path).isFile())
        return StoreError(StoreError::Code::NotFound,
                          tr("There is no vault at %1.").arg(QDir::toNativeSeparators(m_path)));
    StoreError error = openConnection(m_path);
    if (error.code() == StoreError::Code::Io) {
        // SQLite reads the schema for the first statement, so a damaged one already fails the
        // connection's settings: readHeader() tells damage from I/O (it only reads).
        const StoreResult<Header> probe = readHeader();
        if (!probe.ok() && probe.error().code() != StoreError::Code::Io)
            error = probe.error();
    }
    StoreResult<Header> header = error.isError() ? StoreResult<Header>(error) : readHeader();
    if (!header.ok())
        error = header.error();
    // The file's structure is checked before it is used: damage SQLite does not notice while
    // reading (a page in two places, a cell lost from a page) would otherwise hide or repeat
    // records silently. The quick check reads every page once (about 90 ms for 100,000 records);
    // comparing each index with its table too (verify()) costs ten times as much, so a damaged
    // index is caught where it is used instead (missingRow(), and a row found through an index
    // is checked against the key).
    if (!error.isError()) {
        const StoreResult<QStringList> findings = checkStructure(false);
        if (!findings.ok())
            error = findings.error();
        else if (!findings.value().isEmpty())
            error = StoreError(StoreError::Code::Corrupted,
                               tr("The vault file is damaged: SQLite's integrity check found "
                                  "problems in its structure. Nothing was changed; restore the "
                                  "file from a backup."));
    }
    if (!error.isError())
        error = unwrapKeys(header.value(), password);
    if (!error.isError() && header.value().formatVersion < FormatVersion)
        error = migrate(header.value().formatVersion);
    if (error.isError())
        lock();
    return error.isError() ? StoreResult<Done>(error) : StoreResult<Done>(Done{});
}

StoreError VaultEngine::migrate(int fromVersion)
{
    Q_ASSERT(fromVersion == 1 && FormatVersion == 2); // the only step so far
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const auto failed = [](const QSqlError& error) {
        // SQLite's text names why (read-only file, disk full, locked) and never holds data.
        return StoreError(StoreError::Code::Io,
                          tr("This vault was made by an older version of Mint Config and must be "
                             "upgraded, but the file could not be written (%1). Nothing was "
                             "changed.")
                              .arg(error.databaseText()));
    };
    WriteTransaction transaction(db);
    if (!transaction.begun())
        return failed(transaction.error());
    QSqlQuery query(db);
    // Another window or process may have migrated the file since the header was read.
    if (!query.exec(u"PRAGMA user_version"_qs) || !query.next())
        return sqlError(query.lastError());
    const int version = query.value(0).toInt();
    if (version == FormatVersion)
        return {};
    if (version != fromVersion)
        return StoreError(StoreError::Code::Corrupted);

    // Format 2 binds each name to the record's times: every name that opens under format 1 is
    // sealed again with the new associated data. A name that does not open stays as it is (the
    // record is damaged either way); a name that opens only under format 2 means the version
    // number in the file was changed: refused, nothing written.
    query.setForwardOnly(true);
    if (!query.exec(
            u"SELECT rowid, id, name_sealed, created_at, updated_at, version FROM secrets"_qs))
        return sqlError(query.lastError());
    QList<std::pair<qint64, QByteArray>> resealed;
    while (query.next()) {
        const QUuid id = QUuid::fromRfc4122(query.value(1).toByteArray());
        const QByteArray sealed = query.value(2).toByteArray();
        const qint64 createdAt = query.value(3).toLongLong();
        const qint64 updatedAt = query.value(4).toLongLong();
        const qint64 recordVersion = query.value(5).toLongLong();
        const AssociatedData next = nameAssociatedData(id, recordVersion, createdAt, updatedAt);
        if (const std::optional<SecretValue> name =
                m_seal->open(sealed, associatedData(id, NameField, recordVersion)))
            resealed.append({query.value(0).toLongLong(), m_seal->seal(name->view(), next)});
        else if (m_seal->open(sealed, next))
            return StoreError(StoreError::Code::Corrupted);
    }
    if (query.lastError().isValid())
        return sqlError(query.lastError());
    query.finish();
    QSqlQuery write(db);
    write.prepare(u"UPDATE secrets SET name_sealed = ? WHERE rowid = ?"_qs);
    for (const auto& [rowid, sealed] : resealed) {
        write.addBindValue(sealed);
        write.addBindValue(rowid);
        if (!write.exec())
            return failed(write.lastError());
    }
    if (!write.exec(u"PRAGMA user_version = %1"_qs.arg(FormatVersion)))
        return failed(write.lastError());
    if (!transaction.commit())
        return failed(transaction.error());
    return {};
}

void VaultEngine::lock()
{
    m_seal.reset();
    m_sealKey.clear();
    m_indexMac.reset();
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

StoreError VaultEngine::missingRow(const QSqlQuery& query, const char* column,
                                   const QVariant& key) const
{
    if (query.lastError().isValid())
        return sqlError(query.lastError());
    // The lookup went through the column's UNIQUE index. A damaged index (which unlock's quick
    // check does not compare with the table) would hide a record that exists: the table itself,
    // read without the index, tells.
    QSqlQuery scan(QSqlDatabase::database(m_connection, false));
    scan.prepare(u"SELECT 1 FROM secrets NOT INDEXED WHERE %1 = ?"_qs.arg(QLatin1String(column)));
    scan.addBindValue(key);
    if (!scan.exec())
        return sqlError(scan.lastError());
    if (scan.next())
        return StoreError(StoreError::Code::Corrupted);
    return scan.lastError().isValid() ? sqlError(scan.lastError())
                                      : StoreError(StoreError::Code::NotFound);
}

StoreError VaultEngine::checkUnlocked() const
{
    return isUnlocked() ? StoreError{} : StoreError(StoreError::Code::Locked);
}

QByteArray VaultEngine::nameIndex(const QString& name) const
{
    return nameIndex(*m_indexMac, name);
}

QByteArray VaultEngine::nameIndex(IndexMac& mac, const QString& name)
{
    return mac(NameRules::uniquenessKey(name).toUtf8());
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
    ad.size = 41;
    return ad;
}

VaultEngine::AssociatedData VaultEngine::nameAssociatedData(const QUuid& id, qint64 version,
                                                            qint64 createdAt,
                                                            qint64 updatedAt) const
{
    AssociatedData ad = associatedData(id, NameField, version);
    qToBigEndian(createdAt, ad.bytes.data() + 41);
    qToBigEndian(updatedAt, ad.bytes.data() + 49);
    ad.size = 57;
    return ad;
}

std::optional<QString> VaultEngine::openName(Aead& aead, IndexMac& mac, const QUuid& id,
                                             QByteArrayView index, QByteArrayView sealed,
                                             qint64 version, qint64 createdAt,
                                             qint64 updatedAt) const
{
    const std::optional<SecretValue> name =
        aead.open(sealed, nameAssociatedData(id, version, createdAt, updatedAt));
    if (!name)
        return std::nullopt;
    QString text = QString::fromUtf8(name->view());
    // A changed index would hide the record from find() and from the uniqueness check.
    if (nameIndex(mac, text) != index)
        return std::nullopt;
    return text;
}

Secret VaultEngine::secretFrom(const QSqlQuery& row, Aead& aead, IndexMac& mac) const
{
    Secret secret;
    secret.id = QUuid::fromRfc4122(row.value(0).toByteArray());
    const qint64 createdAt = row.value(3).toLongLong();
    const qint64 updatedAt = row.value(4).toLongLong();
    secret.createdAt = fromMs(createdAt);
    secret.updatedAt = fromMs(updatedAt);
    secret.version = row.value(5).toLongLong();
    std::optional<QString> name =
        openName(aead, mac, secret.id, row.value(1).toByteArray(), row.value(2).toByteArray(),
                 secret.version, createdAt, updatedAt);
    if (name)
        secret.name = std::move(*name);
    else
        secret.damaged = true;
    return secret;
}

StoreResult<QList<Secret>> VaultEngine::readSecrets(const QSqlDatabase& db, qint64 firstRow,
                                                    qint64 lastRow) const
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT %1 FROM secrets WHERE rowid BETWEEN ? AND ?"_qs.arg(SecretColumns));
    query.addBindValue(firstRow);
    query.addBindValue(lastRow);
    if (!query.exec())
        return sqlError(query.lastError());
    Aead aead(m_sealKey); // one of each per thread: neither is thread-safe
    IndexMac mac(m_indexKey);
    QList<Secret> secrets;
    while (query.next())
        secrets.append(secretFrom(query, aead, mac));
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
    if (!bounds.exec(u"SELECT min(rowid), max(rowid), count(*) FROM secrets"_qs) || !bounds.next())
        return sqlError(bounds.lastError());
    if (bounds.value(0).isNull())
        return QList<Secret>{};
    const qint64 first = bounds.value(0).toLongLong();
    const qint64 last = bounds.value(1).toLongLong();
    const qint64 count = bounds.value(2).toLongLong();
    bounds.finish();
    // Rowids come from the file: a damaged or hostile one may spread a few rows over the whole
    // 64-bit range. The row count, not the rowid span, sizes the work.
    constexpr qint64 ParallelFrom = 8192;
    const int parts = count < ParallelFrom ? 1 : QThread::idealThreadCount();
    if (parts <= 1)
        return readSecrets(db, first, last);

    // A large vault: reading rows through Qt Sql is the bulk of the work, so each core reads and
    // opens one part of the rowid range through a read-only connection of its own (WAL lets
    // readers run side by side).
    QList<std::pair<qint64, qint64>> ranges;
    const quint64 width = quint64(last) - quint64(first); // unsigned: no overflow
    const quint64 span = width / quint64(parts) + 1;
    for (quint64 offset = 0;; offset += span) {
        const quint64 room = width - offset;
        ranges.append({qint64(quint64(first) + offset),
                       qint64(quint64(first) + offset + std::min(room, span - 1))});
        if (room < span)
            break;
    }
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
        Random::releaseThreadState(); // this may be a pool thread (see Random.h)
        return part;
    };
    auto read = QtConcurrent::blockingMapped<QList<StoreResult<QList<Secret>>>>(ranges, readPart);
    QList<Secret> secrets;
    secrets.reserve(count);
    for (StoreResult<QList<Secret>>& part : read) {
        if (!part.ok())
            return part.error();
        std::move(part.value().begin(), part.value().end(), std::back_inserter(secrets));
    }
    return secrets;
}

StoreResult<Secret> VaultEngine::fetch(const char* column, const QVariant& key)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(
        u"SELECT %1 FROM secrets WHERE %2 = ?"_qs.arg(SecretColumns, QLatin1String(column)));
    query.addBindValue(key);
    if (!query.exec())
        return sqlError(query.lastError());
    if (!query.next())
        return missingRow(query, column, key);
    if (query.value(qstrcmp(column, "id") == 0 ? 0 : 1) != key)
        return StoreError(StoreError::Code::Corrupted); // the index led to another row
    Secret secret = secretFrom(query, *m_seal, *m_indexMac);
    if (secret.damaged)
        return StoreError(StoreError::Code::DamagedRecord);
    return secret;
}

StoreResult<Secret> VaultEngine::find(const QString& name)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    StoreResult<Secret> found = fetch("name_index", nameIndex(name));
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
    insert.addBindValue(m_seal->seal(secret.name.toUtf8(),
                                     nameAssociatedData(secret.id, secret.version,
                                                        secret.createdAt.toMSecsSinceEpoch(),
                                                        secret.updatedAt.toMSecsSinceEpoch())));
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
    query.prepare(u"SELECT name_index, name_sealed, created_at, updated_at, version, "
                  "value_sealed, id FROM secrets WHERE id = ?"_qs);
    query.addBindValue(id.toRfc4122());
    if (!query.exec())
        return sqlError(query.lastError());
    if (!query.next())
        return missingRow(query, "id", id.toRfc4122());
    if (query.value(6).toByteArray() != id.toRfc4122())
        return StoreError(StoreError::Code::Corrupted); // the index led to another row
    const qint64 createdAt = query.value(2).toLongLong();
    const qint64 version = query.value(4).toLongLong();
    if (version != expectedVersion)
        return StoreError(StoreError::Code::StaleVersion);

    Secret secret;
    secret.id = id;
    secret.createdAt = fromMs(createdAt);
    secret.updatedAt = fromMs(QDateTime::currentMSecsSinceEpoch());
    secret.version = version + 1;
    if (newName) {
        // A rename also repairs a damaged name (its times are then taken as they are).
        secret.name = NameRules::clean(*newName);
    } else {
        std::optional<QString> name =
            openName(*m_seal, *m_indexMac, id, query.value(0).toByteArray(),
                     query.value(1).toByteArray(), version, createdAt, query.value(3).toLongLong());
        if (!name)
            return StoreError(StoreError::Code::DamagedRecord);
        secret.name = std::move(*name);
    }
    std::optional<SecretValue> oldValue;
    if (!newValue) {
        oldValue =
            m_seal->open(query.value(5).toByteArray(), associatedData(id, ValueField, version));
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
    write.addBindValue(m_seal->seal(
        secret.name.toUtf8(),
        nameAssociatedData(id, secret.version, createdAt, secret.updatedAt.toMSecsSinceEpoch())));
    write.addBindValue(secret.updatedAt.toMSecsSinceEpoch());
    write.addBindValue(secret.version);
    write.addBindValue(m_seal->seal(value.view(), associatedData(id, ValueField, secret.version)));
    write.addBindValue(id.toRfc4122());
    write.addBindValue(version);
    if (!write.exec())
        return isConstraint(write.lastError()) ? StoreError(StoreError::Code::NameTaken)
                                               : sqlError(write.lastError());
    // The row was read in this transaction: only a version stored as something other than an
    // integer (a changed file) can make the update miss it.
    if (write.numRowsAffected() != 1)
        return StoreError(StoreError::Code::DamagedRecord);
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
    query.prepare(u"SELECT version, id FROM secrets WHERE id = ?"_qs);
    query.addBindValue(id.toRfc4122());
    if (!query.exec())
        return sqlError(query.lastError());
    if (!query.next())
        return missingRow(query, "id", id.toRfc4122());
    if (query.value(1).toByteArray() != id.toRfc4122())
        return StoreError(StoreError::Code::Corrupted); // the index led to another row
    if (query.value(0).toLongLong() != expectedVersion)
        return StoreError(StoreError::Code::StaleVersion);
    query.finish();
    QSqlQuery erase(db);
    erase.prepare(u"DELETE FROM secrets WHERE id = ?"_qs);
    erase.addBindValue(id.toRfc4122());
    if (!erase.exec())
        return sqlError(erase.lastError());
    if (erase.numRowsAffected() != 1)
        return StoreError(StoreError::Code::DamagedRecord);
    if (!transaction.commit())
        return sqlError(transaction.error());
    return Done{};
}

StoreResult<bool> VaultEngine::matches(const QUuid& id, const SecretValue& candidate)
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(u"SELECT name_index, name_sealed, created_at, updated_at, version, "
                  "value_sealed FROM secrets WHERE id = ?"_qs);
    query.addBindValue(id.toRfc4122());
    if (!query.exec())
        return sqlError(query.lastError());
    if (!query.next())
        return missingRow(query, "id", id.toRfc4122());
    // The value's associated data binds ID and version only: the name, which also binds the
    // times, must open too, or an older value replayed with its version would pass.
    const qint64 version = query.value(4).toLongLong();
    if (!openName(*m_seal, *m_indexMac, id, query.value(0).toByteArray(),
                  query.value(1).toByteArray(), version, query.value(2).toLongLong(),
                  query.value(3).toLongLong()))
        return StoreError(StoreError::Code::DamagedRecord);
    const std::optional<SecretValue> value =
        m_seal->open(query.value(5).toByteArray(), associatedData(id, ValueField, version));
    if (!value)
        return StoreError(StoreError::Code::DamagedRecord);
    return value->equals(candidate);
}

StoreResult<QStringList> VaultEngine::checkStructure(bool full)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    // The file's header and the vault table have been read: SQLite failing to walk the rest means
    // the file is damaged, unless it names another cause (I/O, locking, memory).
    const auto failed = [this](const QSqlError& error) {
        bool numeric = false;
        const int code = error.nativeErrorCode().toInt(&numeric) & 0xff;
        if (numeric
            && (code == SqliteError || code == SqliteCorrupt || code == SqliteNotADatabase
                || code == SqliteFormat || code == SqliteRange))
            return StoreError(StoreError::Code::Corrupted);
        return sqlError(error);
    };
    if (!query.exec(full ? u"PRAGMA integrity_check"_qs : u"PRAGMA quick_check"_qs))
        return failed(query.lastError());
    QStringList findings;
    while (query.next()) {
        const QString finding = query.value(0).toString();
        if (finding != u"ok")
            findings.append(finding);
    }
    if (query.lastError().isValid())
        return failed(query.lastError());
    return findings;
}

StoreResult<VaultReport> VaultEngine::verify()
{
    if (StoreError error = checkUnlocked(); error.isError())
        return error;
    VaultReport report;
    // The structure first: every page, every index against its table (a row missing from an
    // index would hide it from lookups by name or ID).
    StoreResult<QStringList> structure = checkStructure(true);
    if (!structure.ok())
        return structure.error();
    report.structure = std::move(structure.value());

    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);

    if (!query.exec(u"SELECT id, name_index, name_sealed, created_at, updated_at, version, "
                    "value_sealed FROM secrets"_qs))
        return sqlError(query.lastError());
    while (query.next()) {
        ++report.checked;
        VaultReport::Record record;
        record.id = QUuid::fromRfc4122(query.value(0).toByteArray());
        const qint64 version = query.value(5).toLongLong();
        if (const std::optional<SecretValue> name =
                m_seal->open(query.value(2).toByteArray(),
                             nameAssociatedData(record.id, version, query.value(3).toLongLong(),
                                                query.value(4).toLongLong()))) {
            record.name = QString::fromUtf8(name->view());
            if (nameIndex(*m_indexMac, record.name) != query.value(1).toByteArray())
                record.problems |= VaultReport::IndexMismatch;
        } else {
            record.problems |= VaultReport::NameDamaged;
        }
        // The value is opened only to check it, and wiped when this scope ends.
        if (!m_seal->open(query.value(6).toByteArray(),
                          associatedData(record.id, ValueField, version)))
            record.problems |= VaultReport::ValueDamaged;
        if (record.problems != 0)
            report.damaged.append(std::move(record));
    }
    if (query.lastError().isValid())
        return sqlError(query.lastError());
    return report;
}
