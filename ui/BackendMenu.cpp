#include "BackendMenu.h"

#include "Theme.h"

#include <QActionGroup>

using namespace Qt::StringLiterals;

BackendMenu::BackendMenu(QWidget* parent)
    : QMenu(tr("&Backend"), parent)
    , m_group(new QActionGroup(this))
    , m_local(new QAction(tr("&Local vault"), this))
    , m_manage(new QAction(Theme::icon(u"cloud"), tr("&Manage connections…"), this))
{
    setObjectName(u"backendMenu"_s);
    m_group->setExclusive(true);
    m_local->setObjectName(u"localVaultAction"_s);
    m_local->setCheckable(true);
    m_local->setChecked(true);
    m_local->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_local->setStatusTip(tr("Show the secrets of the local vault file"));
    m_group->addAction(m_local);
    m_manage->setObjectName(u"manageConnectionsAction"_s);
    m_manage->setStatusTip(tr("Add, change or remove connections to configuration services"));
    // The actions are the context, not the menu: removing an action from a QMenu disconnects
    // everything between the two (QMenu::actionEvent), and setProfiles removes and re-adds.
    connect(m_local, &QAction::triggered, m_local, [this] { emit localVaultChosen(); });
    connect(m_manage, &QAction::triggered, m_manage, [this] { emit manageRequested(); });
    setProfiles({}, {});
}

void BackendMenu::setProfiles(const QList<RemoteProfile>& profiles, const QUuid& active)
{
    for (QAction* action : std::as_const(m_profileActions)) {
        m_group->removeAction(action);
        delete action;
    }
    m_profileActions.clear();
    // Not clear(): it would delete the Local vault and Manage actions too.
    const QList<QAction*> shown = actions();
    for (QAction* action : shown) {
        removeAction(action);
        if (action->isSeparator())
            delete action;
    }
    addAction(m_local);
    if (!profiles.isEmpty())
        addSeparator();
    int number = 1;
    for (const RemoteProfile& profile : profiles) {
        QString text = profile.name;
        text.replace(u'&', u"&&"_s);
        auto* action = new QAction(Theme::icon(u"cloud"), text, this);
        action->setObjectName(u"profileAction"_s);
        action->setData(profile.id);
        action->setCheckable(true);
        action->setStatusTip(tr("Show the secrets of %1 (%2)")
                                 .arg(profile.name, profile.apiBaseUrl.toDisplayString()));
        if (number <= 9)
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + number)));
        ++number;
        const QUuid id = profile.id;
        connect(action, &QAction::triggered, action, [this, id] { emit profileChosen(id); });
        m_group->addAction(action);
        m_profileActions.append(action);
        addAction(action);
    }
    addSeparator();
    addAction(m_manage);
    setActive(active);
}

void BackendMenu::setActive(const QUuid& active)
{
    QAction* checked = active.isNull() ? nullptr : profileAction(active);
    (checked ? checked : m_local)->setChecked(true);
}

QAction* BackendMenu::profileAction(const QUuid& id) const
{
    for (QAction* action : m_profileActions) {
        if (action->data().toUuid() == id)
            return action;
    }
    return nullptr;
}
