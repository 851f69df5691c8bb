#pragma once

// Every dialog and page of the app, opened for real for the accessibility and keyboard tests:
// the dialogs on a temporary vault (one secret in it), the sign-in dialog on a remote profile
// (nothing is sent), the connections dialog with one saved profile, and the main window on its
// own vault, unlocked with secrets, empty, or locked. Windows are shown and made active.

#include "AboutDialog.h"
#include "AccessPage.h"
#include "AddSecretDialog.h"
#include "ChangePasswordDialog.h"
#include "ConnectionsDialog.h"
#include "CreateVaultDialog.h"
#include "DeleteSecretDialog.h"
#include "EditSecretDialog.h"
#include "GuiTestSupport.h"
#include "LockedPage.h"
#include "MainWindow.h"
#include "OfflineBanner.h"
#include "PreferencesDialog.h"
#include "SecretClipboard.h"
#include "SecretsPage.h"
#include "SecretsTableModel.h"
#include "Settings.h"
#include "SignInDialog.h"
#include "UnlockDialog.h"
#include "keychain/CredentialStore.h"
#include "remote/RemoteApiStore.h"

#include <QAbstractSpinBox>
#include <QDir>
#include <QTest>

#include <chrono>
#include <memory>
#include <vector>

namespace AppWindows {

// The value of the catalog's secret: it must show up nowhere.
inline QString secretValue()
{
    return QStringLiteral("catalog-value-5e2a9c");
}

class Catalog final {
public:
    Catalog()
    {
        m_credentials.setTimeout(std::chrono::milliseconds(500)); // no keychain: give up soon
        m_secret = GuiTestSupport::Vault::add(m_vault.store(), QStringLiteral("Payments API key"),
                                              secretValue());
        m_profile.id = QUuid::createUuid();
        m_profile.name = QStringLiteral("Production");
        m_profile.apiBaseUrl = QUrl(QStringLiteral("https://config.example.com/mint/v1"));
        m_profile.tokenUrl = RemoteProfile::defaultTokenUrl(m_profile.apiBaseUrl);
        m_profile.clientId = QStringLiteral("ci-bot");
        m_settings.setRemoteProfiles({m_profile});
    }

    // Names of what open() opens; the main window comes in three states.
    static QStringList names()
    {
        return {QStringLiteral("AddSecretDialog"),     QStringLiteral("EditSecretDialog"),
                QStringLiteral("DeleteSecretDialog"),  QStringLiteral("UnlockDialog"),
                QStringLiteral("CreateVaultDialog"),   QStringLiteral("ChangePasswordDialog"),
                QStringLiteral("PreferencesDialog"),   QStringLiteral("SignInDialog"),
                QStringLiteral("ConnectionsDialog"),   QStringLiteral("AboutDialog"),
                QStringLiteral("MainWindow"),          QStringLiteral("MainWindow (empty)"),
                QStringLiteral("MainWindow (locked)"), QStringLiteral("AccessPage"),
                QStringLiteral("OfflineBanner")};
    }
    static QStringList dialogNames() { return names().filter(QStringLiteral("Dialog")); }

    // The named window, shown and active (the catalog owns it). Null for an unknown name.
    QWidget* open(const QString& name)
    {
        std::unique_ptr<QWidget> window = create(name);
        if (!window)
            return nullptr;
        QWidget* shown = window.get();
        m_windows.push_back(std::move(window));
        shown->show();
        shown->activateWindow();
        if (!QTest::qWaitForWindowActive(shown))
            qWarning("%s did not become active", qPrintable(name));
        if (auto* main = qobject_cast<MainWindow*>(shown)) {
            const int rows = name == QStringLiteral("MainWindow") ? 2 : 0;
            if (!QTest::qWaitFor(
                    [main, rows] { return main->secretsPage()->model()->rowCount() == rows; }))
                qWarning("the main window did not list its secrets");
        }
        return shown;
    }

    [[nodiscard]] const Secret& secret() const { return m_secret; }
    [[nodiscard]] SecretStore* store() const { return m_vault.store(); }

private:
    std::unique_ptr<QWidget> create(const QString& name)
    {
        using GuiTestSupport::Vault;
        if (name == QStringLiteral("AddSecretDialog"))
            return std::make_unique<AddSecretDialog>(m_vault.store(), &m_clipboard);
        if (name == QStringLiteral("EditSecretDialog"))
            return std::make_unique<EditSecretDialog>(m_vault.store(), &m_clipboard, m_secret);
        if (name == QStringLiteral("DeleteSecretDialog"))
            return std::make_unique<DeleteSecretDialog>(m_vault.store(), m_secret);
        if (name == QStringLiteral("UnlockDialog")) {
            m_stores.push_back(std::make_unique<LocalVaultStore>(m_vault.path()));
            return std::make_unique<UnlockDialog>(
                static_cast<LocalVaultStore*>(m_stores.back().get()));
        }
        if (name == QStringLiteral("CreateVaultDialog")) {
            m_stores.push_back(std::make_unique<LocalVaultStore>(
                QDir(m_vault.dir()).filePath(QStringLiteral("new.mintvault"))));
            return std::make_unique<CreateVaultDialog>(
                static_cast<LocalVaultStore*>(m_stores.back().get()));
        }
        if (name == QStringLiteral("ChangePasswordDialog"))
            return std::make_unique<ChangePasswordDialog>(m_vault.store());
        if (name == QStringLiteral("PreferencesDialog"))
            return std::make_unique<PreferencesDialog>(m_settings);
        if (name == QStringLiteral("SignInDialog")) {
            m_stores.push_back(std::make_unique<RemoteApiStore>(
                m_profile, QDir(m_vault.dir()).filePath(QStringLiteral("cache"))));
            return std::make_unique<SignInDialog>(
                static_cast<RemoteApiStore*>(m_stores.back().get()), &m_credentials, true,
                QString());
        }
        if (name == QStringLiteral("ConnectionsDialog"))
            return std::make_unique<ConnectionsDialog>(m_settings, &m_credentials);
        if (name == QStringLiteral("AboutDialog"))
            return std::make_unique<AboutDialog>();
        if (name.startsWith(QStringLiteral("MainWindow"))) {
            auto vault = std::make_unique<Vault>();
            if (name == QStringLiteral("MainWindow")) {
                Vault::add(vault->store(), QStringLiteral("CRM token"), secretValue());
                Vault::add(vault->store(), QStringLiteral("Signing key"), secretValue());
            }
            auto window =
                std::make_unique<MainWindow>(m_settings, vault->releaseStore(), &m_credentials);
            if (name == QStringLiteral("MainWindow (locked)"))
                window->lock();
            m_mainVaults.push_back(std::move(vault));
            return window;
        }
        if (name == QStringLiteral("AccessPage")) {
            auto page = std::make_unique<AccessPage>();
            page->setAccount(QStringLiteral("Production"), QStringLiteral("ci-bot"),
                             {QStringLiteral("Mint Admin")});
            return page;
        }
        if (name == QStringLiteral("OfflineBanner")) {
            auto banner = std::make_unique<OfflineBanner>();
            banner->setReason(QStringLiteral("The server did not answer."));
            return banner;
        }
        return nullptr;
    }

    GuiTestSupport::Vault m_vault;
    QTemporaryDir m_dir;
    Settings m_settings{m_dir.filePath(QStringLiteral("settings.ini"))};
    CredentialStore m_credentials{QStringLiteral("mint-config-tests")};
    SecretClipboard m_clipboard;
    RemoteProfile m_profile;
    Secret m_secret;
    std::vector<std::unique_ptr<QObject>> m_stores;
    std::vector<std::unique_ptr<GuiTestSupport::Vault>> m_mainVaults;
    std::vector<std::unique_ptr<QWidget>> m_windows; // destroyed first
};

// "QPushButton "acceptButton" in AddSecretDialog "addSecretDialog"", with the nearest named
// ancestor when the widget has no object name.
inline QString describe(const QWidget* widget)
{
    QString text = QString::fromLatin1(widget->metaObject()->className());
    text += QStringLiteral(" \"%1\"").arg(widget->objectName());
    if (widget->objectName().isEmpty()) {
        for (const QWidget* up = widget->parentWidget(); up && up != widget->window();
             up = up->parentWidget()) {
            if (!up->objectName().isEmpty()) {
                text +=
                    QStringLiteral(" inside %1 \"%2\"")
                        .arg(QString::fromLatin1(up->metaObject()->className()), up->objectName());
                break;
            }
        }
        if (const auto* button = qobject_cast<const QAbstractButton*>(widget))
            text += QStringLiteral(" (text \"%1\")").arg(button->text());
    }
    const QWidget* window = widget->window();
    return text
           + QStringLiteral(" in %1 \"%2\"")
                 .arg(QString::fromLatin1(window->metaObject()->className()), window->objectName());
}

// Parts of a compound control that assistive technology sees through the control itself: the
// line edit inside a spin box or combo box.
inline bool isInternalPart(const QWidget* widget)
{
    const QWidget* parent = widget->parentWidget();
    return parent
           && (qobject_cast<const QAbstractSpinBox*>(parent)
               || qobject_cast<const QComboBox*>(parent));
}

// The control a focus widget belongs to (the spin box of its line edit).
inline QWidget* controlOf(QWidget* widget)
{
    return widget && isInternalPart(widget) ? widget->parentWidget() : widget;
}

} // namespace AppWindows
