#include "StartupBackend.h"

#include "RemoteSession.h"
#include "Settings.h"
#include "remote/RemoteApiStore.h"
#include "vault/LocalVaultStore.h"

#include <QDir>
#include <QFileInfo>

StartupBackend StartupBackend::choose(const Settings& settings, const QString& vaultArgument)
{
    StartupBackend backend;
    if (const QUuid active = settings.activeProfileId();
        !active.isNull() && vaultArgument.isEmpty()) {
        const QList<RemoteProfile> profiles = settings.remoteProfiles();
        for (const RemoteProfile& profile : profiles) {
            if (profile.id == active) {
                backend.m_remote = true;
                backend.m_profile = profile;
                return backend;
            }
        }
    }
    backend.m_vaultPath = vaultArgument;
    if (backend.m_vaultPath.isEmpty()) {
        const QString last = settings.lastVaultPath();
        backend.m_vaultPath =
            !last.isEmpty() && QFileInfo::exists(last) ? last : LocalVaultStore::defaultPath();
    }
    return backend;
}

SecretStore* StartupBackend::createStore() const
{
    if (m_remote)
        return new RemoteApiStore(m_profile, RemoteSession::cacheDirectory(m_profile.id));
    QDir().mkpath(QFileInfo(m_vaultPath).absolutePath());
    return new LocalVaultStore(m_vaultPath);
}
