#pragma once

#include "SecretStore.h"
#include "remote/RemoteProfile.h"

#include <QDateTime>
#include <QFuture>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

struct ApiResponse;
class QJsonObject;

// What a successful connection test learned (RemoteApiStore::testConnection).
struct ConnectionCheck {
    QString subject;         // who the client is, from /me
    QStringList roles;       // e.g. {"Mint Editor"}
    Permissions permissions; // what those roles grant
};

// The remote backend (docs/api.md): secrets of a configuration service over verified HTTPS,
// behind the same SecretStore interface as the local vault.
//
// Lifecycle: construct with a profile and a cache directory → open() shows the last synced
// metadata at once (read-only, Offline) when a cache exists → signIn(clientSecret) fetches a
// token and /me, then syncs (incrementally from the cached cursor, else in full) and goes Online.
// While online it refreshes from the changes feed every refreshIntervalMs and on refresh().
// Losing the server turns it Offline (read-only, last sync kept); the next refresh that
// succeeds turns it Online again.
class RemoteApiStore final : public SecretStore {
    Q_OBJECT
public:
    // cacheDirectory: where the metadata cache of this profile lives (no values ever).
    RemoteApiStore(RemoteProfile profile, QString cacheDirectory, QObject* parent = nullptr);
    ~RemoteApiStore() override;

    [[nodiscard]] const RemoteProfile& profile() const;

    // Loads the cache (if any) and emits secretsReset with it; isOpen() becomes true then.
    void open();
    // Signs in with the client secret (kept in memory, wiped on destruction, for token renewal),
    // then syncs. Fails with SignInFailed, Unreachable, TlsUntrusted, … ; on failure the store
    // stays (or goes) Offline showing the cache.
    QFuture<StoreResult<Done>> signIn(SecretValue clientSecret);
    // Forgets the token and the client secret; back to the cache, Offline.
    void signOut();
    [[nodiscard]] bool isSignedIn() const;
    // Who is signed in (from /me); empty before.
    [[nodiscard]] QString subject() const;

    // Token + /me with a throwaway client, nothing kept: for the connection dialog's "Test".
    static QFuture<StoreResult<ConnectionCheck>> testConnection(const RemoteProfile& profile,
                                                                SecretValue clientSecret);

    // The periodic incremental refresh while online; 0 turns it off. Default 60 s.
    void setRefreshInterval(int milliseconds);

    // SecretStore
    [[nodiscard]] QString displayName() const override;
    [[nodiscard]] Permissions permissions() const override;
    [[nodiscard]] bool isOpen() const override;
    [[nodiscard]] bool knowsReferences() const override { return true; }
    [[nodiscard]] Connectivity connectivity() const override;
    [[nodiscard]] bool isReadOnly() const override;
    [[nodiscard]] QDateTime lastSync() const override;
    [[nodiscard]] bool isSyncing() const override;
    [[nodiscard]] StoreError lastSyncError() const override;
    [[nodiscard]] QStringList rolesGranting(Permission::Flag permission) const override;
    void refresh() override;

    QFuture<StoreResult<QList<Secret>>> list() override;
    QFuture<StoreResult<Secret>> create(const QString& name, SecretValue value) override;
    QFuture<StoreResult<Secret>> update(const QUuid& id, qint64 expectedVersion,
                                        std::optional<QString> newName,
                                        std::optional<SecretValue> newValue) override;
    QFuture<StoreResult<Done>> remove(const QUuid& id, qint64 expectedVersion) override;
    QFuture<StoreResult<QList<FlowReference>>> references(const QUuid& id) override;

private:
    void setOpen(bool open);
    void dropSession();
    QFuture<StoreResult<Done>> readMe();
    QFuture<StoreResult<Done>> syncRows();
    QFuture<StoreResult<Done>> fullSync();
    void finishSync(const StoreResult<Done>& result, const QDateTime& started);
    QFuture<StoreResult<Done>> reload(const QUuid& id);
    void applyUpsert(const Secret& secret);
    void applyRemoval(const QUuid& id, qint64 version);
    void resetRows(const QList<Secret>& secrets);
    void scheduleCacheSave();
    [[nodiscard]] StoreError writable() const;
    QFuture<StoreResult<Done>> ensurePublicKey(bool refetch);
    [[nodiscard]] std::optional<QJsonObject> sealValue(const SecretValue& value,
                                                       const QString& target) const;
    QFuture<StoreResult<Secret>>
    createAttempt(const QString& name, std::shared_ptr<const SecretValue> value, bool resealed);
    QFuture<StoreResult<Secret>> updateAttempt(const QUuid& id, qint64 expectedVersion,
                                               const std::optional<QString>& newName,
                                               std::shared_ptr<const SecretValue> value,
                                               bool resealed);
    QFuture<StoreResult<Secret>> confirmed(const QJsonObject& json);
    template <typename T>
    QFuture<StoreResult<T>> writeFailed(const QUuid& id, const ApiResponse& response);
    template <typename T> QFuture<StoreResult<T>> finishOnCancel(QFuture<StoreResult<T>> future);

    struct Private;
    std::unique_ptr<Private> d;
};
