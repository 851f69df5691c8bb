#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

// Shown instead of the secrets while the vault is locked (what is locked and an Unlock button),
// or while a remote backend has nothing to show yet (not signed in, no offline copy: Sign in).
class LockedPage final : public QWidget {
    Q_OBJECT
public:
    explicit LockedPage(QWidget* parent = nullptr);

    void setVaultName(const QString& name);
    // The remote variant: "Not signed in" to backend, with a Sign in button.
    void setRemoteName(const QString& name);
    [[nodiscard]] QPushButton* unlockButton() const { return m_unlock; }

signals:
    void unlockRequested();

private:
    QLabel* m_icon;
    QLabel* m_title;
    QLabel* m_name;
    QPushButton* m_unlock;
};
