#pragma once

#include "remote/RemoteApiStore.h"

#include <QObject>
#include <QPointer>
#include <QUuid>

class CredentialStore;
class SignInDialog;
class QWidget;

// Brings one remote backend to life: opens its cache (shown at once), reads the client secret
// from the keychain and signs in with it, or asks for it with a SignInDialog when the keychain
// has none, is unavailable or holds one the server refuses. Retry signs in again or refreshes.
class RemoteSession final : public QObject {
    Q_OBJECT
public:
    RemoteSession(RemoteApiStore* store, CredentialStore* credentials, QWidget* dialogParent);

    [[nodiscard]] RemoteApiStore* store() const { return m_store; }
    [[nodiscard]] bool keychainAvailable() const { return m_keychainAvailable; }
    [[nodiscard]] SignInDialog* signInDialog() const;

    // open(), then sign in with the secret from the keychain (or ask for it) unless the store
    // is signed in already.
    void start();
    // Signed in: refresh. Otherwise: sign in again (keychain first).
    void retry();
    // Shows the sign-in dialog (once); error explains why, may be empty.
    void askForSecret(const QString& error = {});

    // Where the metadata cache of profile id lives (no values ever): <cache>/remote/<id>.
    [[nodiscard]] static QString cacheDirectory(const QUuid& profileId);

signals:
    // A short, non-secret note for the status bar.
    void message(const QString& text);

private:
    void signInFromKeychain();

    QPointer<RemoteApiStore> m_store;
    CredentialStore* m_credentials;
    QWidget* m_dialogParent;
    QPointer<SignInDialog> m_dialog;
    bool m_keychainAvailable = true;
    bool m_signingIn = false;
};
