#pragma once

#include "Permissions.h"
#include "Secret.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

// The last synced metadata of one remote profile, kept in a file so the app can show it at once
// and offline. Never a value, a token or a client secret: only what /secrets and /me return.
class MetadataCache final {
public:
    struct Data {
        QUrl apiBaseUrl; // the cache belongs to this server and client; else it is ignored
        QString clientId;
        QList<Secret> secrets;
        QString cursor; // the changes-feed position the secrets are at; empty = none
        QDateTime lastSync;
        QString subject;
        QStringList roles;
        Permissions permissions;
        QHash<QString, QStringList> grantedBy;
    };

    // The cache file of the profile with this id inside directory.
    MetadataCache(const QString& directory, const QUuid& profileId);

    [[nodiscard]] const QString& path() const { return m_path; }
    // The cached data; nullopt when there is none, or it is unreadable, corrupt or from a newer
    // format (a corrupt cache is ignored, never fatal).
    [[nodiscard]] std::optional<Data> load() const;
    // Writes atomically (QSaveFile), readable by the owner only. Thread-safe for one path at a
    // time: callers serialize saves.
    bool save(const Data& data) const;
    // Deletes the cache file.
    void remove() const;

private:
    QString m_path;
};
