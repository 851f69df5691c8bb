#pragma once

#include "PermissionText.h"
#include "Permissions.h"
#include "Secret.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class SecretClipboard;
class SecretStore;
class SecretsProxyModel;
class SecretsTableModel;

// The Secrets part of the Configuration page: heading and description, "+ Add secret", a search
// field, the table of secrets (Name, Reference ID, masked Value, Created, Updated) and Edit /
// Delete for the selected row, with empty and no-match states. It opens the secret dialogs.
class SecretsPage final : public QWidget {
    Q_OBJECT
public:
    explicit SecretsPage(SecretClipboard* clipboard, QWidget* parent = nullptr);

    void setStore(SecretStore* store);
    // Drops every row (the vault was locked); the next store list() fills them again.
    void clearRows();

    [[nodiscard]] QAction* addSecretAction() const { return m_addAction; }
    [[nodiscard]] QAction* editSecretAction() const { return m_editAction; }
    [[nodiscard]] QAction* deleteSecretAction() const { return m_deleteAction; }
    [[nodiscard]] QAction* copyReferenceIdAction() const { return m_copyIdAction; }
    [[nodiscard]] QAction* findAction() const { return m_findAction; }

    [[nodiscard]] QTableView* table() const { return m_table; }
    [[nodiscard]] SecretsTableModel* model() const { return m_model; }
    [[nodiscard]] SecretsProxyModel* proxy() const { return m_proxy; }
    [[nodiscard]] QLineEdit* searchField() const { return m_search; }

    // Where the keyboard starts on this page: the table, or what its empty or no-match state
    // offers (null when nothing there can take the focus).
    [[nodiscard]] QWidget* mainControl() const;

    [[nodiscard]] std::optional<Secret> selectedSecret() const;
    void selectSecret(const QUuid& id);

    [[nodiscard]] QByteArray headerState() const;
    void restoreHeaderState(const QByteArray& state);

    void addSecret();
    void editSelected();
    void deleteSelected();
    void copyReferenceId();
    void focusSearch();

signals:
    void countsChanged(int total, int shown);
    // A short, non-secret confirmation for the status bar.
    void message(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* createEmptyState();
    QWidget* createNoMatchState();
    void setupTable();
    void showContextMenu(const QPoint& pos);
    void updateState();
    void updateActions();
    // Selects the current row (or the first) when nothing is selected.
    void selectCurrentRow();
    // Moves the focus to mainControl() when the state change left it nowhere useful.
    void keepFocus();
    [[nodiscard]] Permissions permissions() const;
    // Open, not read-only and permitted.
    [[nodiscard]] bool canChange(Permission::Flag permission) const;
    // Why an action needing permission is not possible now (offline, or the role it needs);
    // empty when it is.
    [[nodiscard]] QString blockedReason(Permission::Flag permission,
                                        PermissionText::Action action) const;

    QPointer<SecretStore> m_store;
    SecretClipboard* m_clipboard;
    SecretsTableModel* m_model;
    SecretsProxyModel* m_proxy;
    QAction* m_addAction;
    QAction* m_editAction;
    QAction* m_deleteAction;
    QAction* m_copyIdAction;
    QAction* m_findAction;
    QPushButton* m_addButton;
    QLineEdit* m_search;
    QPushButton* m_editButton;
    QPushButton* m_deleteButton;
    QStackedWidget* m_stack;
    QTableView* m_table;
    QLabel* m_emptyText;
    QPushButton* m_emptyAdd;
    QLabel* m_noMatchText;
};
