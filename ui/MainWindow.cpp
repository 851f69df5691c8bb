#include "MainWindow.h"

#include "AutoLocker.h"
#include "ChangePasswordDialog.h"
#include "CreateVaultDialog.h"
#include "FormDialog.h"
#include "LockedPage.h"
#include "PreferencesDialog.h"
#include "SecretClipboard.h"
#include "SecretStore.h"
#include "SecretsPage.h"
#include "Settings.h"
#include "Theme.h"
#include "UnlockDialog.h"
#include "vault/LocalVaultStore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

using namespace Qt::StringLiterals;

MainWindow::MainWindow(Settings& settings, SecretStore* store, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_clipboard(new SecretClipboard(this))
    , m_autoLocker(new AutoLocker(this))
    , m_pages(new QStackedWidget(this))
    , m_secretsPage(new SecretsPage(m_clipboard, this))
    , m_lockedPage(new LockedPage(this))
    , m_countLabel(new QLabel(this))
    , m_lockIcon(new QLabel(this))
    , m_lockLabel(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    m_clipboard->setClearAfterSeconds(settings.clipboardClearSeconds());
    m_autoLocker->setMinutes(settings.autoLockMinutes());

    m_pages->addWidget(m_secretsPage);
    m_pages->addWidget(m_lockedPage);
    setCentralWidget(m_pages);

    m_countLabel->setObjectName(u"countLabel"_s);
    m_lockLabel->setObjectName(u"lockStateLabel"_s);
    auto* lockState = new QWidget(this);
    auto* lockLayout = new QHBoxLayout(lockState);
    lockLayout->setContentsMargins(8, 0, 4, 0);
    lockLayout->setSpacing(4);
    lockLayout->addWidget(m_lockIcon);
    lockLayout->addWidget(m_lockLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    statusBar()->addPermanentWidget(lockState);

    createMenus();
    connect(m_secretsPage, &SecretsPage::countsChanged, this, &MainWindow::updateCounts);
    connect(m_secretsPage, &SecretsPage::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 4000); });
    connect(m_lockedPage, &LockedPage::unlockRequested, this, &MainWindow::requestUnlock);
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

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* about = help->addAction(tr("&About Mint Config"));
    about->setObjectName(u"aboutAction"_s);
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

LocalVaultStore* MainWindow::vault() const
{
    return qobject_cast<LocalVaultStore*>(m_store);
}

void MainWindow::setStore(SecretStore* store)
{
    if (!store || store == m_store)
        return;
    dismissDialogs();
    if (m_store) {
        disconnect(m_store, nullptr, this, nullptr);
        if (LocalVaultStore* old = vault())
            old->lock();
        m_store->deleteLater();
    }
    m_store = store;
    store->setParent(this);
    connect(store, &SecretStore::openChanged, this, &MainWindow::onOpenChanged);
    m_secretsPage->setStore(store);
    m_lockedPage->setVaultName(store->displayName());
    if (LocalVaultStore* local = vault())
        m_settings.setLastVaultPath(local->path());
    onOpenChanged(store->isOpen());
}

void MainWindow::onOpenChanged(bool open)
{
    m_autoLocker->setActive(open);
    if (open) {
        m_pages->setCurrentWidget(m_secretsPage);
        m_store->list().then(this, [this](const StoreResult<QList<Secret>>& result) {
            if (!result.ok())
                statusBar()->showMessage(result.error().message());
        });
    } else {
        dismissDialogs();
        m_clipboard->clearIfOurs();
        m_secretsPage->clearRows();
        m_pages->setCurrentWidget(m_lockedPage);
    }
    const bool local = vault() != nullptr;
    m_lockAction->setEnabled(open && local);
    m_changePasswordAction->setEnabled(open && local);
    m_lockIcon->setPixmap(Theme::icon(open ? u"lock-open" : u"lock").pixmap(QSize(16, 16)));
    m_lockLabel->setText(open ? tr("Unlocked") : tr("Locked"));
    m_lockLabel->setAccessibleName(open ? tr("Vault unlocked") : tr("Vault locked"));
    updateTitle();
    updateCounts(m_total, m_shown);
}

void MainWindow::updateTitle()
{
    if (!m_store)
        return;
    const QString name =
        m_store->isOpen() ? m_store->displayName() : tr("%1 (locked)").arg(m_store->displayName());
    setWindowTitle(tr("%1 — Mint Config").arg(name));
}

void MainWindow::updateCounts(int total, int shown)
{
    m_total = total;
    m_shown = shown;
    if (!m_store || !m_store->isOpen())
        m_countLabel->clear();
    else if (shown == total)
        m_countLabel->setText(tr("%n secret(s)", nullptr, total));
    else
        m_countLabel->setText(tr("%1 of %n secret(s) shown", nullptr, total).arg(shown));
}

void MainWindow::dismissDialogs()
{
    for (FormDialog* dialog : findChildren<FormDialog*>()) {
        if (dialog != m_gate && dialog->isVisible())
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
    auto* box = new QMessageBox(this);
    box->setObjectName(u"aboutBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowTitle(tr("About Mint Config"));
    box->setIconPixmap(Theme::appIcon().pixmap(QSize(64, 64)));
    box->setTextFormat(Qt::RichText);
    box->setText(tr("<h3>Mint Config %1</h3>"
                    "<p>Manages the secrets of identity workflows: access tokens, signatures "
                    "and keys that flows import by reference ID.</p>"
                    "<p>Values are sealed with AES-256-GCM under a key derived from your "
                    "password, and are never shown again after you create them.</p>")
                     .arg(QApplication::applicationVersion().toHtmlEscaped()));
    box->setStandardButtons(QMessageBox::Ok);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setMainWindowGeometry(saveGeometry());
    m_settings.setMainWindowState(saveState());
    m_settings.setSecretsTableHeader(m_secretsPage->headerState());
    m_settings.sync();
    dismissDialogs();
    if (m_gate)
        m_gate->close();
    event->accept();
}
