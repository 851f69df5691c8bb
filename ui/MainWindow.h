#pragma once

#include <QMainWindow>
#include <QPointer>

class AutoLocker;
class LockedPage;
class LocalVaultStore;
class QLabel;
class QStackedWidget;
class SecretClipboard;
class SecretStore;
class SecretsPage;
class Settings;

// The window around the Secrets page: menus, status bar (count and lock state), the locked
// page, vault switching and auto-lock. It owns the store it shows.
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(Settings& settings, SecretStore* store, QWidget* parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] SecretStore* store() const { return m_store; }
    [[nodiscard]] SecretsPage* secretsPage() const { return m_secretsPage; }
    [[nodiscard]] LockedPage* lockedPage() const { return m_lockedPage; }
    [[nodiscard]] AutoLocker* autoLocker() const { return m_autoLocker; }
    [[nodiscard]] SecretClipboard* clipboard() const { return m_clipboard; }

    // Shows the unlock dialog (or the create dialog for a new file) if the vault is locked.
    void requestUnlock();
    void lock();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void setStore(SecretStore* store);
    void onOpenChanged(bool open);
    void updateTitle();
    void updateCounts(int total, int shown);
    void dismissDialogs();
    [[nodiscard]] LocalVaultStore* vault() const;
    // The dialog that opens vault: unlock if its file exists, else create.
    QDialog* gateDialog(LocalVaultStore* vault);
    void chooseVaultFile(bool create);
    void switchToVault(const QString& path);
    void changePassword();
    void showPreferences();
    void showAbout();

    Settings& m_settings;
    SecretStore* m_store = nullptr;
    SecretClipboard* m_clipboard;
    AutoLocker* m_autoLocker;
    QStackedWidget* m_pages;
    SecretsPage* m_secretsPage;
    LockedPage* m_lockedPage;
    QLabel* m_countLabel;
    QLabel* m_lockIcon;
    QLabel* m_lockLabel;
    QAction* m_lockAction = nullptr;
    QAction* m_changePasswordAction = nullptr;
    QPointer<QDialog> m_gate;
    int m_total = 0;
    int m_shown = 0;
};
