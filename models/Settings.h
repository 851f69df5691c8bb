#pragma once

#include "remote/RemoteProfile.h"

#include <QByteArray>
#include <QList>
#include <QSettings>
#include <QString>

// Every persistent setting of the app, typed, with its key and default in one place. Nothing
// secret is ever stored here (DESIGN §3 rule 2).
class Settings final {
public:
    Settings(); // the application's QSettings (organisation and application names)
    explicit Settings(const QString& fileName); // an INI file, for tests and --settings

    [[nodiscard]] QString fileName() const { return m_settings.fileName(); }

    // Minutes of inactivity after which an unlocked vault locks itself; 0 = never.
    [[nodiscard]] int autoLockMinutes() const;
    void setAutoLockMinutes(int minutes);

    [[nodiscard]] QString lastVaultPath() const;
    void setLastVaultPath(const QString& path);

    [[nodiscard]] QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray& geometry);
    [[nodiscard]] QByteArray mainWindowState() const;
    void setMainWindowState(const QByteArray& state);
    [[nodiscard]] QByteArray secretsTableHeader() const;
    void setSecretsTableHeader(const QByteArray& state);

    // The remote connections, in the user's order. Entries that cannot be read are skipped.
    [[nodiscard]] QList<RemoteProfile> remoteProfiles() const;
    void setRemoteProfiles(const QList<RemoteProfile>& profiles);
    // The backend shown at start: the id of a remote profile, or null for the local vault.
    [[nodiscard]] QUuid activeProfileId() const;
    void setActiveProfileId(const QUuid& id);

    // Seconds after which a value copied to the clipboard is cleared (DESIGN §3 rule 8).
    [[nodiscard]] int clipboardClearSeconds() const;

    void sync() { m_settings.sync(); }

private:
    mutable QSettings m_settings; // mutable: reading an array is not const in QSettings
};
