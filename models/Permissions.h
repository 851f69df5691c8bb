#pragma once

#include <QFlags>
#include <QObject>

// What the current user may do (DESIGN §2). The client gates on these, never on role names.
namespace Permission {
Q_NAMESPACE
enum Flag {
    None = 0,
    SecretsRead = 0x1,   // secrets:read
    SecretsWrite = 0x2,  // secrets:write
    SecretsDelete = 0x4, // secrets:delete
    All = SecretsRead | SecretsWrite | SecretsDelete,
};
Q_DECLARE_FLAGS(Flags, Flag)
Q_FLAG_NS(Flags)
} // namespace Permission
Q_DECLARE_OPERATORS_FOR_FLAGS(Permission::Flags)

using Permissions = Permission::Flags;
