#pragma once

#include "Permissions.h"
#include "Secret.h"
#include "SecretValue.h"
#include "StoreResult.h"

#include <QDateTime>
#include <QFuture>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QUuid>

#include <optional>

// A flow that imports a secret by its reference ID (known to remote backends only).
struct FlowReference {
    QString flowId;
    QString flowName;
    QString stepName;
    QString field; // where the step uses it, e.g. "body.client_secret"; may be empty
};

// The one interface the UI talks to, whatever the backend (DESIGN §1). Every operation is
// asynchronous: it returns a QFuture whose StoreResult carries the value or a StoreError, and
// finishes on the thread the store lives on, after the matching change signal was emitted.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // A short human name for the title and status bar, e.g. "Local vault (personal.mintvault)".
    [[nodiscard]] virtual QString displayName() const = 0;
    [[nodiscard]] virtual Permissions permissions() const = 0;
    // False while a local vault is locked (or a remote store has no usable session).
    [[nodiscard]] virtual bool isOpen() const = 0;
    // Whether the backend can list the flows that reference a secret.
    [[nodiscard]] virtual bool knowsReferences() const { return false; }

    // How the backend is reached, for the title and status bar.
    enum class Connectivity {
        Local,      // a local vault: always "online"
        Connecting, // signing in or syncing for the first time
        Online,     // the last request reached the server
        Offline,    // showing the last synced copy (read-only)
    };
    [[nodiscard]] virtual Connectivity connectivity() const { return Connectivity::Local; }
    // True when nothing can be changed right now (offline cache); writes fail with ReadOnly.
    [[nodiscard]] virtual bool isReadOnly() const { return false; }
    // When the shown data was last confirmed by the backend; invalid for a local vault.
    [[nodiscard]] virtual QDateTime lastSync() const { return {}; }
    // True while a sync (full or incremental) runs.
    [[nodiscard]] virtual bool isSyncing() const { return false; }
    // Why the store went offline or the last background sync failed; no error otherwise.
    [[nodiscard]] virtual StoreError lastSyncError() const { return {}; }
    // The roles that grant permission, to name them to a user who lacks it (e.g. a disabled
    // action's tooltip). Empty when the backend does not say (a local vault grants everything).
    [[nodiscard]] virtual QStringList rolesGranting(Permission::Flag permission) const
    {
        Q_UNUSED(permission);
        return {};
    }
    // Fetches what changed since the last sync; a no-op for a local vault. Emits the usual
    // change signals row by row and statusChanged.
    virtual void refresh() {}

    // Reads the metadata of every secret; emits secretsReset with them.
    virtual QFuture<StoreResult<QList<Secret>>> list() = 0;
    // name is cleaned per NameRules; the value is sealed before it is stored.
    virtual QFuture<StoreResult<Secret>> create(const QString& name, SecretValue value) = 0;
    // Renames and/or replaces the value; fails with StaleVersion when expectedVersion is old.
    virtual QFuture<StoreResult<Secret>> update(const QUuid& id, qint64 expectedVersion,
                                                std::optional<QString> newName,
                                                std::optional<SecretValue> newValue) = 0;
    virtual QFuture<StoreResult<Done>> remove(const QUuid& id, qint64 expectedVersion) = 0;
    virtual QFuture<StoreResult<QList<FlowReference>>> references(const QUuid& id);

    // The largest value accepted, in bytes (DESIGN §2).
    static constexpr qsizetype MaxValueSize = 64 * 1024;
    // The standard checks every backend makes before writing; an error or none.
    static StoreError checkName(const QString& name);
    static StoreError checkValue(const SecretValue& value);

signals:
    void secretsReset(const QList<Secret>& secrets);
    void secretAdded(const Secret& secret);
    void secretChanged(const Secret& secret);
    void secretRemoved(const QUuid& id);
    // isOpen() changed (a vault was unlocked or locked).
    void openChanged(bool open);
    // connectivity(), isReadOnly(), lastSync(), isSyncing(), lastSyncError() or permissions()
    // changed.
    void statusChanged();
};
