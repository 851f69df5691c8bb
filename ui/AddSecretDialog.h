#pragma once

#include "FormDialog.h"
#include "Secret.h"

class FormMessage;
class QLineEdit;
class SecretClipboard;
class SecretStore;
class SecretValueEditor;

// "+ Add secret": a name (validated as the user types) and a value shown in clear while it is
// being created, typed or generated. "Save secret" creates it in the store; on success every field
// is emptied and the dialog accepts. The value is never shown again anywhere.
class AddSecretDialog final : public FormDialog {
    Q_OBJECT
public:
    AddSecretDialog(SecretStore* store, SecretClipboard* clipboard, QWidget* parent = nullptr);

signals:
    void secretCreated(const Secret& secret);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;
    void clearSensitive() override;

private:
    void validateName();

    SecretStore* m_store;
    QLineEdit* m_name;
    FormMessage* m_nameMessage;
    SecretValueEditor* m_value;
    bool m_nameTouched = false;
};
