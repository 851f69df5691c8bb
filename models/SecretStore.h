#pragma once

#include "Permissions.h"
#include "Secret.h"
#include "SecretValue.h"
#include "StoreResult.h"

#include <QFuture>
#include <QList>
#include <QObject>
#include <QUuid>

#include <optional>

// A flow that imports a secret by its reference ID (known to remote backends only).
struct FlowReference {
    QString flowId;
    QString flowName;
    QString stepName;
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
};
