#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QPushButton;

// Shown instead of the secrets when the signed-in client may not read them: says so plainly,
// names the roles that would grant access and who is signed in, and offers a way out.
class AccessPage final : public QWidget {
    Q_OBJECT
public:
    explicit AccessPage(QWidget* parent = nullptr);

    // backend: e.g. "Production"; subject: who is signed in (may be empty); roles: those that
    // grant secrets:read (may be empty when the backend does not say).
    void setAccount(const QString& backend, const QString& subject, const QStringList& roles);

    [[nodiscard]] QPushButton* localVaultButton() const { return m_localVault; }
    [[nodiscard]] QPushButton* manageButton() const { return m_manage; }

signals:
    void localVaultRequested();
    void manageConnectionsRequested();

private:
    QLabel* m_roles;
    QLabel* m_subject;
    QPushButton* m_localVault;
    QPushButton* m_manage;
};
