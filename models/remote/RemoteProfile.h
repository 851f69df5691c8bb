#pragma once

#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>
#include <QUuid>

// A remote configuration service the user connects to (docs/api.md). Kept in Settings; the
// client secret is not part of it: it lives in the OS keychain under keychainKey().
struct RemoteProfile {
    Q_DECLARE_TR_FUNCTIONS(RemoteProfile)

public:
    QUuid id;
    QString name;     // what the switcher shows, e.g. "Production"
    QUrl apiBaseUrl;  // e.g. https://config.example.com/mint/v1
    QUrl tokenUrl;    // e.g. https://config.example.com/auth/open/connect/token
    QString clientId; // OAuth2 client credentials
    QString caFile;   // optional PEM file of an extra CA to trust (self-hosted servers)

    // One clear sentence naming the first problem, or empty when the profile can be used:
    // a name, https URLs (http only to 127.0.0.1, ::1 or localhost), a client ID, and a CA file
    // that exists when one is named.
    [[nodiscard]] QString problem() const;
    // The CredentialStore key of this profile's client secret.
    [[nodiscard]] QString keychainKey() const;
    // A base URL's token URL by the contract's layout: scheme://host:port/auth/open/connect/token.
    [[nodiscard]] static QUrl defaultTokenUrl(const QUrl& apiBaseUrl);
    // True when url may be used: https, or http to a loopback host (DESIGN §3 rule 6).
    [[nodiscard]] static bool isAllowedUrl(const QUrl& url);

    friend bool operator==(const RemoteProfile&, const RemoteProfile&) = default;
};

Q_DECLARE_METATYPE(RemoteProfile)
