#pragma once

#include "remote/RemoteProfile.h"

#include <QString>

class SecretStore;
class Settings;

// What the app shows at start: the remembered remote connection, or a local vault file.
// A vault named on the command line wins. A remembered connection whose profile is gone falls
// back to the last vault that still exists, else the default vault (the window then forgets the
// connection when it shows the vault).
class StartupBackend final {
public:
    // vaultArgument: the --vault path, or empty.
    [[nodiscard]] static StartupBackend choose(const Settings& settings,
                                               const QString& vaultArgument = {});

    [[nodiscard]] bool isRemote() const { return m_remote; }
    // The connection to open (isRemote()).
    [[nodiscard]] const RemoteProfile& profile() const { return m_profile; }
    // The vault file to open (!isRemote()).
    [[nodiscard]] const QString& vaultPath() const { return m_vaultPath; }

    // A new store for this choice, owned by the caller: a RemoteApiStore on the profile's cache
    // directory, or a (locked) LocalVaultStore whose folder is created if needed.
    [[nodiscard]] SecretStore* createStore() const;

private:
    bool m_remote = false;
    RemoteProfile m_profile;
    QString m_vaultPath;
};
