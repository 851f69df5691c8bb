#include "LocalVaultStore.h"

#include "VaultEngine.h"
#include "crypto/Random.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QtConcurrent/QtConcurrentRun>

LocalVaultStore::LocalVaultStore(QString path, QObject* parent)
    : SecretStore(parent)
    , m_path(std::move(path))
    , m_engine(std::make_shared<VaultEngine>(m_path))
{
    m_worker.setMaxThreadCount(1);
    m_worker.setExpiryTimeout(-1);
}

LocalVaultStore::~LocalVaultStore()
{
    // The engine closes its SQL connection on the thread that opened it.
    m_worker.start([engine = std::move(m_engine)]() mutable { engine.reset(); });
    m_worker.waitForDone();
}

QString LocalVaultStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + u"/default.mintvault"_qs;
}

bool LocalVaultStore::fileExists(const QString& path)
{
    return QFileInfo(path).isFile();
}

QString LocalVaultStore::displayName() const
{
    return tr("Local vault (%1)").arg(QFileInfo(m_path).fileName());
}

Permissions LocalVaultStore::permissions() const
{
    return Permission::All; // the owner of a local vault may do everything
}

template <typename T, typename Work> QFuture<StoreResult<T>> LocalVaultStore::run(Work work)
{
    return QtConcurrent::run(&m_worker, [engine = m_engine, work = std::move(work)]() mutable {
        StoreResult<T> result(work(*engine));
        Random::releaseThreadState();
        return result;
    });
}

void LocalVaultStore::setOpen(bool open)
{
    if (m_open == open)
        return;
    m_open = open;
    emit openChanged(open);
}

QFuture<StoreResult<Done>> LocalVaultStore::initialize(SecretValue password, KdfParams params,
                                                       bool allowWeak)
{
    if (!allowWeak && !Kdf::meetsFloor(params))
        return QtFuture::makeReadyFuture(StoreResult<Done>(StoreError(StoreError::Code::WeakKdf)));
    return run<Done>([password = std::move(password), params](VaultEngine& engine) {
               return engine.create(password, params);
           })
        .then(this, [this](StoreResult<Done> result) {
            setOpen(result.ok());
            return result;
        });
}

QFuture<StoreResult<Done>> LocalVaultStore::unlock(SecretValue password)
{
    return run<Done>([password = std::move(password)](VaultEngine& engine) {
               return engine.unlock(password);
           })
        .then(this, [this](StoreResult<Done> result) {
            setOpen(result.ok());
            return result;
        });
}

void LocalVaultStore::lock()
{
    m_worker.start([engine = m_engine] { engine->lock(); });
    setOpen(false);
}

QFuture<StoreResult<Done>> LocalVaultStore::changePassword(SecretValue currentPassword,
                                                           SecretValue newPassword,
                                                           std::optional<KdfParams> params,
                                                           bool allowWeak)
{
    if (params && !allowWeak && !Kdf::meetsFloor(*params))
        return QtFuture::makeReadyFuture(StoreResult<Done>(StoreError(StoreError::Code::WeakKdf)));
    return run<Done>(
        [current = std::move(currentPassword), next = std::move(newPassword),
         params](VaultEngine& engine) { return engine.changePassword(current, next, params); });
}

QFuture<StoreResult<Secret>> LocalVaultStore::find(const QString& name)
{
    return run<Secret>([name](VaultEngine& engine) { return engine.find(name); });
}

QFuture<StoreResult<VaultReport>> LocalVaultStore::verify()
{
    return run<VaultReport>([](VaultEngine& engine) { return engine.verify(); });
}

QFuture<StoreResult<QList<Secret>>> LocalVaultStore::list()
{
    return run<QList<Secret>>([](VaultEngine& engine) { return engine.list(); })
        .then(this, [this](StoreResult<QList<Secret>> result) {
            if (result.ok())
                emit secretsReset(result.value());
            return result;
        });
}

QFuture<StoreResult<Secret>> LocalVaultStore::create(const QString& name, SecretValue value)
{
    return run<Secret>([name, value = std::move(value)](VaultEngine& engine) {
               return engine.add(name, value);
           })
        .then(this, [this](StoreResult<Secret> result) {
            if (result.ok())
                emit secretAdded(result.value());
            return result;
        });
}

QFuture<StoreResult<Secret>> LocalVaultStore::update(const QUuid& id, qint64 expectedVersion,
                                                     std::optional<QString> newName,
                                                     std::optional<SecretValue> newValue)
{
    return run<Secret>([id, expectedVersion, newName = std::move(newName),
                        newValue = std::move(newValue)](VaultEngine& engine) {
               return engine.update(id, expectedVersion, newName, newValue ? &*newValue : nullptr);
           })
        .then(this, [this](StoreResult<Secret> result) {
            if (result.ok())
                emit secretChanged(result.value());
            return result;
        });
}

QFuture<StoreResult<Done>> LocalVaultStore::remove(const QUuid& id, qint64 expectedVersion)
{
    return run<Done>([id, expectedVersion](VaultEngine& engine) {
               return engine.remove(id, expectedVersion);
           })
        .then(this, [this, id](StoreResult<Done> result) {
            if (result.ok())
                emit secretRemoved(id);
            return result;
        });
}
