#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

// Shown instead of the secrets while the vault is locked: what is locked and an Unlock button.
class LockedPage final : public QWidget {
    Q_OBJECT
public:
    explicit LockedPage(QWidget* parent = nullptr);

    void setVaultName(const QString& name);
    [[nodiscard]] QPushButton* unlockButton() const { return m_unlock; }

signals:
    void unlockRequested();

private:
    QLabel* m_name;
    QPushButton* m_unlock;
};
