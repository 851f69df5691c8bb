#pragma once

#include "FormDialog.h"

class LocalVaultStore;
class QLineEdit;

// Asks for the password of an existing local vault and unlocks it; the key derivation runs off
// the UI thread while a busy bar shows. A wrong password is reported inline.
class UnlockDialog final : public FormDialog {
    Q_OBJECT
public:
    explicit UnlockDialog(LocalVaultStore* store, QWidget* parent = nullptr);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;
    void clearSensitive() override;

private:
    LocalVaultStore* m_store;
    QLineEdit* m_password;
};
