#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QUuid>

class AccessPage;
class AutoLocker;
class BackendMenu;
class ConnectionStatus;
class CredentialStore;
class LockedPage;
class LocalVaultStore;
class OfflineBanner;
class QLabel;
class QStackedWidget;
class RemoteApiStore;
class RemoteSession;
class SecretClipboard;
class SecretStore;
class SecretsPage;
class Settings;

// The window around the Secrets page: menus, status bar (count and backend state), the locked,
// sign-in and no-access pages, the offline banner, switching between the local vault and remote
// connections, and auto-lock. It owns the store it shows; a RemoteSession signs a remote store in.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    // credentials: the keychain to use; null means the app's own (service "mint-config").
    MainWindow(Settings& settings, SecretStore* store, CredentialStore* credentials = nullptr,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] SecretStore* store() const { return m_store; }
    [[nodiscard]] SecretsPage* secretsPage() const { return m_secretsPage; }
    [[nodiscard]] LockedPage* lockedPage() const { return m_lockedPage; }
    [[nodiscard]] AccessPage* accessPage() const { return m_accessPage; }
    [[nodiscard]] OfflineBanner* offlineBanner() const { return m_banner; }
    [[nodiscard]] BackendMenu* backendMenu() const { return m_backendMenu; }
    [[nodiscard]] AutoLocker* autoLocker() const { return m_autoLocker; }
    [[nodiscard]] SecretClipboard* clipboard() const { return m_clipboard; }
    [[nodiscard]] CredentialStore* credentials() const { return m_credentials; }
    // The sign-in flow of the remote store shown, or null for a local vault.
    [[nodiscard]] RemoteSession* remoteSession() const;

    // Shows the unlock dialog (or the create dialog for a new file) if the vault is locked.
    void requestUnlock();
    void lock();

    // Shows the remote profile id (from Settings) and signs in to it.
    void switchToProfile(const QUuid& id);
    // Shows the last local vault (locked) and asks for its password.
    void switchToLocalVault();
    void showConnections();
    // A remote backend fetches what changed (or signs in again); nothing for a local vault.
    void refresh();

protected:
    void closeEvent(QCloseEvent* event) override;
    bool event(QEvent* event) override;

private:
    void createMenus();
    void setStore(SecretStore* store);
    void onOpenChanged(bool open);
    void onStatusChanged();
    void updatePage();
    void showPage(QWidget* page);
    void updateTitle();
    void updateCounts(int total, int shown);
    // Closes the store's dialogs; all: also the sign-in dialog (the store is being replaced).
    void dismissDialogs(bool all);
    void onProfilesChanged();
    void onProfileRemoved(const QUuid& id);
    [[nodiscard]] LocalVaultStore* vault() const;
    [[nodiscard]] RemoteApiStore* remote() const;
    // The dialog that opens vault: unlock if its file exists, else create.
    QDialog* gateDialog(LocalVaultStore* vault);
    void chooseVaultFile(bool create);
    void switchToVault(const QString& path);
    void changePassword();
    void showPreferences();
    void showAbout();

    Settings& m_settings;
    SecretStore* m_store = nullptr;
    CredentialStore* m_credentials;
    SecretClipboard* m_clipboard;
    AutoLocker* m_autoLocker;
    OfflineBanner* m_banner;
    QStackedWidget* m_pages;
    SecretsPage* m_secretsPage;
    LockedPage* m_lockedPage;
    AccessPage* m_accessPage;
    QLabel* m_countLabel;
    ConnectionStatus* m_status;
    BackendMenu* m_backendMenu = nullptr;
    QAction* m_lockAction = nullptr;
    QAction* m_changePasswordAction = nullptr;
    QAction* m_refreshAction = nullptr;
    QPointer<QDialog> m_gate;
    QPointer<RemoteSession> m_session;
    int m_total = 0;
    int m_shown = 0;
};
