#pragma once

#include "FormDialog.h"

class CredentialStore;
class QCheckBox;
class QLabel;
class QLineEdit;
class RemoteApiStore;

// Asks for the client secret of a remote connection when the keychain has none (or none that
// works) and signs in with it. "Remember in the system keychain" stores it there after a
// successful sign-in; it is disabled, with the reason, when the keychain is not available.
class SignInDialog final : public FormDialog {
    Q_OBJECT
public:
    // error: why the dialog is shown (e.g. the stored secret was refused); may be empty.
    SignInDialog(RemoteApiStore* store, CredentialStore* credentials, bool keychainAvailable,
                 const QString& error = {}, QWidget* parent = nullptr);

signals:
    // A short, non-secret note for the status bar (e.g. the keychain could not store it).
    void message(const QString& text);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;
    void clearSensitive() override;

private:
    RemoteApiStore* m_store;
    CredentialStore* m_credentials;
    bool m_keychainAvailable;
    QLineEdit* m_secret;
    QCheckBox* m_remember;
    QLabel* m_rememberNote;
};
