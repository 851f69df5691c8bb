#pragma once

#include "FormDialog.h"

class FormMessage;
class LocalVaultStore;
class NewPasswordFields;
class QLineEdit;

// Changes the password of the open local vault: the current one, then the new one twice. Only the
// data key is re-wrapped; the secrets are untouched.
class ChangePasswordDialog final : public FormDialog {
    Q_OBJECT
public:
    explicit ChangePasswordDialog(LocalVaultStore* store, QWidget* parent = nullptr);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;
    void clearSensitive() override;

private:
    LocalVaultStore* m_store;
    QLineEdit* m_current;
    FormMessage* m_currentMessage;
    NewPasswordFields* m_new;
};
