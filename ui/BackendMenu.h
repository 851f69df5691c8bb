#pragma once

#include "remote/RemoteProfile.h"

#include <QMenu>
#include <QUuid>

class QActionGroup;

// The "Backend" menu: "Local vault" and one checkable action per remote connection (exactly one
// checked: the backend shown), then "Manage connections…".
class BackendMenu final : public QMenu {
    Q_OBJECT
public:
    explicit BackendMenu(QWidget* parent = nullptr);

    // Rebuilds the actions; active is the shown profile's id, or null for the local vault.
    void setProfiles(const QList<RemoteProfile>& profiles, const QUuid& active);
    void setActive(const QUuid& active);

    [[nodiscard]] QAction* localVaultAction() const { return m_local; }
    [[nodiscard]] QAction* manageAction() const { return m_manage; }
    // The action of profile id, or nullptr.
    [[nodiscard]] QAction* profileAction(const QUuid& id) const;

signals:
    void localVaultChosen();
    void profileChosen(const QUuid& id);
    void manageRequested();

private:
    QActionGroup* m_group;
    QAction* m_local;
    QAction* m_manage;
    QList<QAction*> m_profileActions;
};
