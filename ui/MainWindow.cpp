#include "MainWindow.h"

#include "AboutDialog.h"
#include "AccessPage.h"
#include "AutoLocker.h"
#include "BackendMenu.h"
#include "ChangePasswordDialog.h"
#include "ConnectionStatus.h"
#include "ConnectionsDialog.h"
#include "CreateVaultDialog.h"
#include "FormDialog.h"
#include "LockedPage.h"
#include "OfflineBanner.h"
#include "PreferencesDialog.h"
#include "RemoteSession.h"
#include "SecretClipboard.h"
#include "SecretStore.h"
#include "SecretsPage.h"
#include "Settings.h"
#include "SignInDialog.h"
#include "Theme.h"
#include "UnlockDialog.h"
#include "keychain/CredentialStore.h"
#include "remote/RemoteApiStore.h"
#include "vault/LocalVaultStore.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(Settings& settings, SecretStore* store, CredentialStore* credentials,
                       QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_credentials(credentials ? credentials : new CredentialStore(u"mint-config"_s, this))
    , m_clipboard(new SecretClipboard(this))
    , m_autoLocker(new AutoLocker(this))
    , m_banner(new OfflineBanner(this))
    , m_pages(new QStackedWidget(this))
    , m_secretsPage(new SecretsPage(m_clipboard, this))
    , m_lockedPage(new LockedPage(this))
    , m_accessPage(new AccessPage(this))
    , m_countLabel(new QLabel(this))
    , m_status(new ConnectionStatus(this))
{
    setObjectName(u"mainWindow"_s);
    m_clipboard->setClearAfterSeconds(settings.clipboardClearSeconds());
    m_autoLocker->setMinutes(settings.autoLockMinutes());

    m_pages->addWidget(m_secretsPage);
    m_pages->addWidget(m_lockedPage);
    m_pages->addWidget(m_accessPage);
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(m_pages, 1);
    m_banner->hide();
    setCentralWidget(central);

    m_countLabel->setObjectName(u"countLabel"_s);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(m_status);

    createMenus();
    connect(m_secretsPage, &SecretsPage::countsChanged, this, &MainWindow::updateCounts);
    connect(m_secretsPage, &SecretsPage::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 4000); });
    connect(m_lockedPage, &LockedPage::unlockRequested, this, [this] {
        if (vault())
            requestUnlock();
        else if (m_session)
            m_session->retry();
    });
    connect(m_accessPage, &AccessPage::localVaultRequested, this, &MainWindow::switchToLocalVault);
    connect(m_accessPage, &AccessPage::manageConnectionsRequested, this,
            &MainWindow::showConnections);
    connect(m_banner, &OfflineBanner::retryRequested, this, &MainWindow::refresh);
    connect(m_autoLocker, &AutoLocker::idleTimeout, this, [this] {
        lock();
        statusBar()->showMessage(tr("Locked after a period without input."));
    });

    if (!restoreGeometry(settings.mainWindowGeometry()))
        resize(1040, 660);
    restoreState(settings.mainWindowState());
    m_secretsPage->restoreHeaderState(settings.secretsTableHeader());
    setStore(store);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* newVault = file->addAction(tr("&New vault…"));
    newVault->setObjectName(u"newVaultAction"_s);
    connect(newVault, &QAction::triggered, this, [this] { chooseVaultFile(true); });
    QAction* openVault = file->addAction(tr("&Open vault…"));
    openVault->setObjectName(u"openVaultAction"_s);
    openVault->setShortcut(QKeySequence::Open);
    connect(openVault, &QAction::triggered, this, [this] { chooseVaultFile(false); });
    file->addSeparator();
    m_changePasswordAction = file->addAction(tr("&Change password…"));
    m_changePasswordAction->setObjectName(u"changePasswordAction"_s);
    connect(m_changePasswordAction, &QAction::triggered, this, &MainWindow::changePassword);
    m_lockAction = file->addAction(Theme::icon(u"lock"), tr("&Lock"));
    m_lockAction->setObjectName(u"lockAction"_s);
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_lockAction, &QAction::triggered, this, &MainWindow::lock);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setToolTipsVisible(true); // a disabled action says why (offline, role needed)
    edit->addAction(m_secretsPage->addSecretAction());
    edit->addAction(m_secretsPage->editSecretAction());
    edit->addAction(m_secretsPage->deleteSecretAction());
    edit->addSeparator();
    edit->addAction(m_secretsPage->copyReferenceIdAction());
    edit->addSeparator();
    edit->addAction(m_secretsPage->findAction());
    edit->addSeparator();
    QAction* preferences = edit->addAction(tr("&Preferences…"));
    preferences->setObjectName(u"preferencesAction"_s);
    preferences->setShortcut(QKeySequence::Preferences);
    preferences->setMenuRole(QAction::PreferencesRole);
    connect(preferences, &QAction::triggered, this, &MainWindow::showPreferences);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    m_refreshAction = view->addAction(Theme::icon(u"refresh"), tr("&Refresh"));
    m_refreshAction->setObjectName(u"refreshAction"_s);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setStatusTip(tr("Fetch what changed on the server"));
    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refresh);

    m_backendMenu = new BackendMenu(this);
    menuBar()->addMenu(m_backendMenu);
    m_backendMenu->setProfiles(m_settings.remoteProfiles(), {});
    connect(m_backendMenu, &BackendMenu::localVaultChosen, this, &MainWindow::switchToLocalVault);
    connect(m_backendMenu, &BackendMenu::profileChosen, this, &MainWindow::switchToProfile);
    connect(m_backendMenu, &BackendMenu::manageRequested, this, &MainWindow::showConnections);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Mint Config"));
    about->setObjectName(u"aboutAction"_s);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

RemoteSession* MainWindow::remoteSession() const
{
    return m_session;
}

LocalVaultStore* MainWindow::vault() const
{
    return qobject_cast<LocalVaultStore*>(m_store);
}

RemoteApiStore* MainWindow::remote() const
{
    return qobject_cast<RemoteApiStore*>(m_store);
}

void MainWindow::setStore(SecretStore* store)
{
    if (!store || store == m_store)
        return;
    dismissDialogs(true);
    if (m_store) {
        disconnect(m_store, nullptr, this, nullptr);
        if (LocalVaultStore* old = vault())
            old->lock();
        m_store->deleteLater(); // its RemoteSession goes with it
    }
    m_session = nullptr;
    m_store = store;
    store->setParent(this);
    connect(store, &SecretStore::openChanged, this, &MainWindow::onOpenChanged);
    connect(store, &SecretStore::statusChanged, this, &MainWindow::onStatusChanged);
    m_secretsPage->setStore(store);
    m_status->setStore(store);
    QUuid active;
    if (LocalVaultStore* local = vault()) {
        m_lockedPage->setVaultName(QFileInfo(local->path()).fileName());
        m_settings.setLastVaultPath(local->path());
    } else if (RemoteApiStore* connection = remote()) {
        active = connection->profile().id;
        m_lockedPage->setRemoteName(store->displayName());
        m_session = new RemoteSession(connection, m_credentials, this);
        connect(m_session, &RemoteSession::message, this,
                [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    } else {
        m_lockedPage->setVaultName(store->displayName());
    }
    m_settings.setActiveProfileId(active);
    m_backendMenu->setActive(active);
    onOpenChanged(store->isOpen());
    if (m_session)
        m_session->start(); // the cache shows at once; signing in follows
}

void MainWindow::onOpenChanged(bool open)
{
    const bool local = vault() != nullptr;
    m_autoLocker->setActive(open && local);
    if (open) {
        if (!remote()) { // a RemoteApiStore shows its rows itself (cache, then sync)
            m_store->list().then(this, [this](const StoreResult<QList<Secret>>& result) {
                if (!result.ok())
                    statusBar()->showMessage(result.error().message());
            });
        }
    } else {
        dismissDialogs(false);
        m_clipboard->clearIfOurs();
        m_secretsPage->clearRows();
    }
    m_lockAction->setEnabled(open && local);
    m_changePasswordAction->setEnabled(open && local);
    onStatusChanged();
}

void MainWindow::onStatusChanged()
{
    if (!m_store)
        return;
    m_refreshAction->setEnabled(m_store->connectivity() != SecretStore::Connectivity::Local);
    updatePage();
    updateTitle();
    updateCounts(m_total, m_shown);
}

void MainWindow::updatePage()
{
    const bool offline = m_store->connectivity() == SecretStore::Connectivity::Offline;
    m_banner->setVisible(offline);
    m_banner->setReason(offline ? m_store->lastSyncError().message() : QString());
    if (!m_store->isOpen()) {
        showPage(m_lockedPage);
        return;
    }
    // Signed in (the backend answered) but without secrets:read: say so instead of a table.
    if (m_store->connectivity() == SecretStore::Connectivity::Online
        && !(m_store->permissions() & Permission::SecretsRead)) {
        const RemoteApiStore* connection = remote();
        m_accessPage->setAccount(m_store->displayName(),
                                 connection ? connection->subject() : QString(),
                                 m_store->rolesGranting(Permission::SecretsRead));
        showPage(m_accessPage);
        return;
    }
    showPage(m_secretsPage);
}

void MainWindow::showPage(QWidget* page)
{
    if (m_pages->currentWidget() == page)
        return;
    m_pages->setCurrentWidget(page);
    // The keyboard follows to the new page (its main control), unless it is on a control
    // outside the pages (the offline banner's Retry): locking, unlocking or signing in never
    // leaves the focus on a hidden or disabled control, or nowhere.
    const QWidget* focus = focusWidget();
    if (focus && focus->isVisible() && focus->isEnabled() && !m_pages->isAncestorOf(focus))
        return;
    QWidget* target = page; // the Secrets page passes it on once it knows its state
    if (page == m_secretsPage && m_secretsPage->mainControl())
        target = m_secretsPage->mainControl();
    else if (page == m_lockedPage)
        target = m_lockedPage->unlockButton();
    else if (page == m_accessPage)
        target = m_accessPage->localVaultButton();
    target->setFocus(Qt::OtherFocusReason);
}

void MainWindow::updateTitle()
{
    if (!m_store)
        return;
    // A connection is known by its profile's name ("Production"); a vault by its file.
    const RemoteApiStore* connection = remote();
    QString name = connection ? connection->profile().name : m_store->displayName();
    if (vault() && !m_store->isOpen())
        name = tr("%1 (locked)").arg(name);
    else if (m_store->connectivity() == SecretStore::Connectivity::Offline)
        name = tr("%1 (offline)").arg(name);
    setWindowTitle(tr("%1 — Mint Config").arg(name));
}

void MainWindow::updateCounts(int total, int shown)
{
    m_total = total;
    m_shown = shown;
    if (!m_store || !m_store->isOpen() || m_pages->currentWidget() != m_secretsPage)
        m_countLabel->clear();
    else if (shown == total)
        m_countLabel->setText(tr("%n secret(s)", nullptr, total));
    else
        m_countLabel->setText(tr("%1 of %n secret(s) shown", nullptr, total).arg(shown));
}

void MainWindow::dismissDialogs(bool all)
{
    for (FormDialog* dialog : findChildren<FormDialog*>()) {
        if (dialog == m_gate || !dialog->isVisible() || qobject_cast<ConnectionsDialog*>(dialog))
            continue; // the gate opens the store; connections do not depend on it
        if (!all && m_session && dialog == m_session->signInDialog())
            continue;
        dialog->dismiss();
    }
}

void MainWindow::lock()
{
    if (LocalVaultStore* local = vault(); local && local->isOpen())
        local->lock();
}

QDialog* MainWindow::gateDialog(LocalVaultStore* vault)
{
    if (LocalVaultStore::fileExists(vault->path()))
        return new UnlockDialog(vault, this);
    return new CreateVaultDialog(vault, this);
}

void MainWindow::requestUnlock()
{
    LocalVaultStore* local = vault();
    if (!local || local->isOpen() || m_gate)
        return;
    m_gate = gateDialog(local);
    m_gate->setAttribute(Qt::WA_DeleteOnClose);
    m_gate->open();
}

void MainWindow::chooseVaultFile(bool create)
{
    const QString dir = vault() ? QFileInfo(vault()->path()).absolutePath() : QDir::homePath();
    auto* dialog = new QFileDialog(this, create ? tr("New vault") : tr("Open vault"), dir,
                                   tr("Mint vaults (*.mintvault);;All files (*)"));
    dialog->setObjectName(u"vaultFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (create) {
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setDefaultSuffix(u"mintvault"_s);
        dialog->setOption(QFileDialog::DontConfirmOverwrite); // an existing vault is opened
    } else {
        dialog->setFileMode(QFileDialog::ExistingFile);
    }
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::switchToVault);
    dialog->open();
}

void MainWindow::switchToVault(const QString& path)
{
    if (vault() && QFileInfo(vault()->path()) == QFileInfo(path)) {
        requestUnlock();
        return;
    }
    auto* candidate = new LocalVaultStore(path, this);
    QDialog* dialog = gateDialog(candidate);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, candidate](int result) {
        if (result == QDialog::Accepted)
            setStore(candidate);
        else
            candidate->deleteLater();
    });
    dialog->open();
}

void MainWindow::switchToProfile(const QUuid& id)
{
    const QList<RemoteProfile> profiles = m_settings.remoteProfiles();
    const auto it = std::find_if(profiles.begin(), profiles.end(),
                                 [&id](const RemoteProfile& p) { return p.id == id; });
    if (it == profiles.end()) {
        m_backendMenu->setProfiles(profiles, remote() ? remote()->profile().id : QUuid());
        statusBar()->showMessage(tr("That connection no longer exists."), 4000);
        return;
    }
    if (RemoteApiStore* current = remote(); current && current->profile() == *it) {
        if (m_session)
            m_session->retry();
        return;
    }
    setStore(new RemoteApiStore(*it, RemoteSession::cacheDirectory(id)));
}

void MainWindow::switchToLocalVault()
{
    if (vault()) {
        m_backendMenu->setActive({});
        requestUnlock();
        return;
    }
    QString path = m_settings.lastVaultPath();
    if (path.isEmpty() || !QFileInfo::exists(path))
        path = LocalVaultStore::defaultPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    setStore(new LocalVaultStore(path));
    requestUnlock();
}

void MainWindow::showConnections()
{
    auto* dialog = new ConnectionsDialog(m_settings, m_credentials, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (RemoteApiStore* current = remote())
        dialog->selectProfile(current->profile().id);
    connect(dialog, &ConnectionsDialog::profilesSaved, this, &MainWindow::onProfilesChanged);
    connect(dialog, &ConnectionsDialog::profileRemoved, this, &MainWindow::onProfileRemoved);
    dialog->open();
}

void MainWindow::onProfilesChanged()
{
    const QList<RemoteProfile> profiles = m_settings.remoteProfiles();
    RemoteApiStore* current = remote();
    m_backendMenu->setProfiles(profiles, current ? current->profile().id : QUuid());
    if (!current)
        return;
    const auto it = std::find_if(profiles.begin(), profiles.end(), [current](const auto& p) {
        return p.id == current->profile().id;
    });
    if (it == profiles.end())
        switchToLocalVault();
    else if (!(*it == current->profile()))
        setStore(new RemoteApiStore(*it, RemoteSession::cacheDirectory(it->id))); // reconnect
}

void MainWindow::onProfileRemoved(const QUuid& id)
{
    if (RemoteApiStore* current = remote(); current && current->profile().id == id)
        switchToLocalVault();
    const RemoteApiStore* now = remote();
    m_backendMenu->setProfiles(m_settings.remoteProfiles(), now ? now->profile().id : QUuid());
}

void MainWindow::refresh()
{
    if (m_session)
        m_session->retry();
    else if (m_store)
        m_store->refresh();
}

void MainWindow::changePassword()
{
    LocalVaultStore* local = vault();
    if (!local || !local->isOpen())
        return;
    auto* dialog = new ChangePasswordDialog(local, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { statusBar()->showMessage(tr("Password changed."), 4000); });
    dialog->open();
}

void MainWindow::showPreferences()
{
    auto* dialog = new PreferencesDialog(m_settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { m_autoLocker->setMinutes(m_settings.autoLockMinutes()); });
    dialog->open();
}

void MainWindow::showAbout()
{
    if (auto* shown = findChild<AboutDialog*>(); shown && shown->isVisible()) { // one at a time
        shown->raise();
        shown->activateWindow();
        return;
    }
    auto* dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

bool MainWindow::event(QEvent* event)
{
    // Coming back to the window shows what others changed meanwhile (a cheap incremental sync).
    if (event->type() == QEvent::WindowActivate && m_store
        && m_store->connectivity() != SecretStore::Connectivity::Local) {
        const RemoteApiStore* connection = remote();
        if (!connection || connection->isSignedIn()) // never a sign-in prompt on focus
            m_store->refresh();
    }
    return QMainWindow::event(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setMainWindowGeometry(saveGeometry());
    m_settings.setMainWindowState(saveState());
    m_settings.setSecretsTableHeader(m_secretsPage->headerState());
    m_settings.sync();
    dismissDialogs(true);
    if (m_gate)
        m_gate->close();
    event->accept();
}
