#include "PermissionText.h"

QString PermissionText::describe(Permissions permissions)
{
    const bool read = permissions & Permission::SecretsRead;
    const bool write = permissions & Permission::SecretsWrite;
    const bool remove = permissions & Permission::SecretsDelete;
    if (read && write && remove)
        return tr("can view, change and delete secrets");
    if (read && write)
        return tr("can view and change secrets");
    if (read && remove)
        return tr("can view and delete secrets");
    if (read)
        return tr("can view secrets");
    if (write || remove)
        return tr("can change secrets but not view them");
    return tr("has no access to secrets");
}

QString PermissionText::alternatives(const QStringList& roles)
{
    if (roles.isEmpty())
        return {};
    if (roles.size() == 1)
        return roles.first();
    const QString head = roles.mid(0, roles.size() - 1).join(tr(", ", "between roles"));
    return tr("%1 or %2", "the last of several roles").arg(head, roles.last());
}

QString PermissionText::needsRole(Action action, const QStringList& roles)
{
    const QString names = alternatives(roles);
    if (names.isEmpty()) {
        switch (action) {
        case Action::View:
            return tr("You do not have permission to view secrets.");
        case Action::Add:
            return tr("You do not have permission to add secrets.");
        case Action::Edit:
            return tr("You do not have permission to change secrets.");
        case Action::Delete:
            return tr("You do not have permission to delete secrets.");
        }
    }
    switch (action) {
    case Action::View:
        return tr("Viewing secrets needs the %1 role.").arg(names);
    case Action::Add:
        return tr("Adding secrets needs the %1 role.").arg(names);
    case Action::Edit:
        return tr("Changing secrets needs the %1 role.").arg(names);
    case Action::Delete:
        return tr("Deleting secrets needs the %1 role.").arg(names);
    }
    return {};
}

QString PermissionText::offline()
{
    return tr("Offline: changes are not possible.");
}
