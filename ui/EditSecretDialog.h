#pragma once

#include "FormDialog.h"
#include "Secret.h"

class FormMessage;
class QLabel;
class QLineEdit;
class QPushButton;
class SecretClipboard;
class SecretStore;
class SecretValueEditor;

// Edit: rename and/or replace the value of one secret. The value field starts empty (the old
// value is never shown); empty keeps the current value. A change made by someone else since the
// dialog opened (StaleVersion) is reported with a Reload choice.
class EditSecretDialog final : public FormDialog {
    Q_OBJECT
public:
    EditSecretDialog(SecretStore* store, SecretClipboard* clipboard, const Secret& secret,
                     QWidget* parent = nullptr);

    [[nodiscard]] const Secret& secret() const { return m_secret; }

signals:
    void secretUpdated(const Secret& secret);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;
    void clearSensitive() override;

private:
    [[nodiscard]] bool nameChanged() const;
    void validateName();
    void reload();

    SecretStore* m_store;
    Secret m_secret;
    QLabel* m_referenceId;
    QLineEdit* m_name;
    FormMessage* m_nameMessage;
    SecretValueEditor* m_value;
    QPushButton* m_reload;
    bool m_gone = false;
};
