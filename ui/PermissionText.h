#pragma once

#include "Permissions.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// The sentences that explain permissions to people: what a set of permissions allows, and which
// role an action needs. Role names come from the backend (SecretStore::rolesGranting); the app
// never gates on them (DESIGN §2).
class PermissionText final {
    Q_DECLARE_TR_FUNCTIONS(PermissionText)
public:
    PermissionText() = delete;

    enum class Action { View, Add, Edit, Delete };

    // "can view and change secrets", "can view, change and delete secrets", "has no access to
    // secrets".
    [[nodiscard]] static QString describe(Permissions permissions);
    // "Mint Admin", "Mint Admin or Mint Editor", "Mint Admin, Mint Editor or Owner".
    [[nodiscard]] static QString alternatives(const QStringList& roles);
    // "Deleting secrets needs the Mint Admin role." or, when the roles are not known, "You do
    // not have permission to delete secrets."
    [[nodiscard]] static QString needsRole(Action action, const QStringList& roles);
    // The read-only reason: "Offline: changes are not possible."
    [[nodiscard]] static QString offline();
};
