#pragma once

#include "FormDialog.h"
#include "Permissions.h"
#include "SecretValue.h"
#include "remote/RemoteProfile.h"

#include <map>

class CredentialStore;
class FormMessage;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class Settings;

// Manage connections: the remote profiles on the left (add, remove), the selected one's form on
// the right (name, API and token addresses, client ID, client secret, optional CA file), a Test
// connection button and Save. Save writes the profiles to Settings and typed client secrets to
// the system keychain, never anywhere else. Removing a saved profile asks first, then removes
// it from Settings together with its keychain entry and its metadata cache.
class ConnectionsDialog final : public FormDialog {
    Q_OBJECT
public:
    ConnectionsDialog(Settings& settings, CredentialStore* credentials, QWidget* parent = nullptr);
    ~ConnectionsDialog() override;

    // Selects the profile with this id (e.g. the active one), if there is one.
    void selectProfile(const QUuid& id);
    // Adds a new, empty profile and selects it.
    void addProfile();
    // Asks to remove the selected profile (at once when it was never saved).
    void removeSelected();
    // Tests the selected profile with the typed (or stored) client secret.
    void testConnection();

    [[nodiscard]] QList<RemoteProfile> profiles() const { return m_profiles; }
    // False once the keychain was found unavailable.
    [[nodiscard]] bool keychainAvailable() const { return m_keychainAvailable; }

    // "Connected as ci-bot — Mint Editor: can view and change secrets".
    [[nodiscard]] static QString connectedText(const QString& subject, const QStringList& roles,
                                               Permissions permissions);

signals:
    // The profiles were saved (Settings written).
    void profilesSaved();
    // A saved profile was removed (Settings, keychain entry and cache).
    void profileRemoved(const QUuid& id);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;
    void clearSensitive() override;

private:
    QWidget* createForm();
    void probeKeychain();
    void showKeychainNote();
    [[nodiscard]] int currentIndex() const;
    // Copies the form into m_profiles[current] (and a typed secret into m_pendingSecrets).
    void storeForm();
    void loadForm(int index);
    void onSelectionChanged();
    void onApiEdited(const QString& text);
    void onFieldEdited();
    void validate();
    [[nodiscard]] QString problemOf(int index) const;
    void writeSecrets();
    void finishRemoval(const QUuid& id);
    void runTest(const RemoteProfile& profile, SecretValue secret);

    Settings& m_settings;
    CredentialStore* m_credentials;
    QList<RemoteProfile> m_profiles;
    QList<QUuid> m_saved; // ids present in Settings
    std::map<QUuid, SecretValue> m_pendingSecrets;
    QListWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_remove;
    QWidget* m_form;
    QLineEdit* m_name;
    QLineEdit* m_apiUrl;
    QLineEdit* m_tokenUrl;
    QLineEdit* m_clientId;
    QLineEdit* m_secret;
    QLabel* m_secretNote;
    QLineEdit* m_caFile;
    QPushButton* m_browse;
    QPushButton* m_test;
    FormMessage* m_testResult;
    QLabel* m_emptyHint;
    int m_loadedIndex = -1;
    bool m_tokenAuto = true;
    bool m_loading = false;
    bool m_showProblems = false;
    bool m_keychainAvailable = true;
};
