#pragma once

#include "FormDialog.h"
#include "Secret.h"
#include "SecretStore.h"

class QLabel;
class QLineEdit;
class QListWidget;

// Confirms deleting one secret: names it and warns that flows importing it by its reference ID
// fail at runtime until updated. Where the backend knows references (a remote service) it lists
// those flows and asks for the secret's exact name to be typed, whether or not any flow uses it;
// a local vault keeps the single confirmation. "Delete secret" is destructive and never the
// default button: Enter deletes only on the focused button, or in the typed name once it
// matches. Errors (permission, stale version, network) show as one sentence and nothing
// changes until the backend confirmed.
class DeleteSecretDialog final : public FormDialog {
    Q_OBJECT
public:
    DeleteSecretDialog(SecretStore* store, const Secret& secret, QWidget* parent = nullptr);

    [[nodiscard]] bool needsTypedName() const { return m_needsConfirmation; }
    // "Partner onboarding — step “Get partner token” (body.client_secret)".
    [[nodiscard]] static QString describe(const FlowReference& reference);

signals:
    void secretDeleted(const QUuid& id);

protected:
    [[nodiscard]] bool canSubmit() const override;
    void submit() override;
    void setInputsEnabled(bool enabled) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void loadReferences();
    void showReferences(const QList<FlowReference>& references);

    SecretStore* m_store;
    Secret m_secret;
    QLabel* m_referencesTitle;
    QListWidget* m_references;
    QLabel* m_confirmTitle;
    QLineEdit* m_confirm;
    bool m_needsConfirmation = false;
    bool m_loading = false;
    bool m_stale = false; // someone else changed it first: deleting is off
};
