#pragma once

#include "FormDialog.h"
#include "Secret.h"
#include "SecretStore.h"

class QLineEdit;
class QListWidget;

// Confirms deleting one secret: names it, warns that flows importing it by its reference ID fail
// at runtime until updated and, where the backend knows them, lists those flows and asks for the
// name to be typed. "Delete secret" is destructive and never the default button.
class DeleteSecretDialog final : public FormDialog {
    Q_OBJECT
public:
    DeleteSecretDialog(SecretStore* store, const Secret& secret, QWidget* parent = nullptr);

signals:
    void secretDeleted(const QUuid& id);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;

private:
    void showReferences(const QList<FlowReference>& references);

    SecretStore* m_store;
    Secret m_secret;
    QListWidget* m_references;
    QLineEdit* m_confirm;
    bool m_needsConfirmation = false;
};
