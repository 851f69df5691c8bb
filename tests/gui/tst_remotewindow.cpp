// MainWindow on RemoteApiStore against the real mint-config-server (clients with the Mint Admin
// role, the Mint Editor role and none; faults and "another client" through the server's test
// hooks and raw requests): the sign-in dialog (wrong secret inline), title and status bar while
// connecting, syncing and online, an editor's Delete disabled with a tooltip naming Mint Admin,
// the no-access page for a client without a role (and its way back to the local vault), delete
// after typing the name, a stale edit with Reload, F5 and window activation fetching another
// client's change, offline and read-only (503s, a stopped server) with Retry, switching through
// the Backend menu, the client secret's keychain round trip (Connections → sign-in without
// asking; the sign-in dialog remembering a missing one), and the start-up choice of backend.

#include "AccessPage.h"
#include "AddSecretDialog.h"
#include "BackendMenu.h"
#include "ConnectionsDialog.h"
#include "DeleteSecretDialog.h"
#include "EditSecretDialog.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"
#include "KeychainTestSupport.h"
#include "LockedPage.h"
#include "MainWindow.h"
#include "OfflineBanner.h"
#include "RemoteGuiSupport.h"
#include "RemoteSession.h"
#include "SecretsPage.h"
#include "SecretsProxyModel.h"
#include "SecretsTableModel.h"
#include "Settings.h"
#include "SignInDialog.h"
#include "StartupBackend.h"
#include "UnlockDialog.h"
#include "remote/RemoteApiStore.h"
#include "vault/LocalVaultStore.h"

#include <QCheckBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QTest>

#include <optional>

using GuiTestSupport::findLeak;
using RemoteGuiSupport::secretFrom;
using namespace std::chrono_literals;

namespace {

const QString SecretValueText = QStringLiteral("remote-value-canary-41b9");
const QString OfflineTip = QStringLiteral("Offline: changes are not possible.");

QStackedWidget* pagesOf(MainWindow* window)
{
    return qobject_cast<QStackedWidget*>(window->accessPage()->parentWidget());
}

struct Fixture {
    RemoteGuiSupport::Server server;
    QTemporaryDir dir;
    Settings settings{dir.filePath(QStringLiteral("settings.ini"))};
    CredentialStore credentials{KeychainTestSupport::service()};
    std::unique_ptr<RemoteGuiSupport::RawClient> other = server.raw(QStringLiteral("editor"));
    std::unique_ptr<MainWindow> window;

    Fixture() { credentials.setTimeout(5s); }

    RemoteProfile profile(const QString& clientId) const { return server.profile(clientId); }
    QString secretOf(const QString& clientId) const { return server.secretOf(clientId); }

    // Adds a secret on the server as another client (editor); its id and version.
    std::optional<Secret> seed(const QString& name)
    {
        const Secret secret = secretFrom(other->create(name, SecretValueText.toUtf8()));
        if (secret.id.isNull()) {
            qWarning("cannot add a secret on the server");
            return std::nullopt;
        }
        return secret;
    }
    // PUT /_test/faults; {} clears them.
    bool faults(const QJsonObject& switches) { return other->setFaults(switches); }

    // Opens the window on clientId's profile and signs in through the dialog.
    void openAs(const QString& clientId, bool signIn = true)
    {
        const RemoteProfile p = profile(clientId);
        settings.setRemoteProfiles({p});
        auto* store = new RemoteApiStore(p, dir.filePath(QStringLiteral("cache")));
        store->setRefreshInterval(0);
        show(store);
        if (signIn)
            signInWith(secretOf(clientId));
    }
    void show(SecretStore* store)
    {
        window = std::make_unique<MainWindow>(settings, store, &credentials);
        window->show();
        window->activateWindow();
        if (!QTest::qWaitForWindowExposed(window.get()))
            qFatal("the window was not shown");
    }
    // The visible sign-in dialog (waits for it), or null.
    SignInDialog* signInDialog() const
    {
        SignInDialog* dialog = nullptr;
        [[maybe_unused]] const bool shown = QTest::qWaitFor(
            [&] {
                dialog = window->findChild<SignInDialog*>();
                return dialog && dialog->isVisible();
            },
            15000);
        return dialog && dialog->isVisible() ? dialog : nullptr;
    }
    void signInWith(const QString& secret, bool remember = false) const
    {
        SignInDialog* dialog = signInDialog();
        if (!dialog)
            return; // the test's next check fails
        dialog->findChild<QCheckBox*>(QStringLiteral("rememberCheck"))->setChecked(remember);
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("clientSecretEdit")), secret);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
    }
    bool waitOnline() const
    {
        return QTest::qWaitFor(
            [&] {
                return window->store()->connectivity() == SecretStore::Connectivity::Online
                       && !window->store()->isSyncing();
            },
            30000);
    }
    SecretsPage* page() const { return window->secretsPage(); }
    QString label(const char* name) const
    {
        return window->findChild<QLabel*>(QString::fromLatin1(name))->text();
    }
    // Shortcuts need the active window: the sign-in dialog had it.
    bool activate() const
    {
        window->activateWindow();
        return QTest::qWaitForWindowActive(window.get());
    }
    void select(const QString& name) const
    {
        QVERIFY(activate());
        QTRY_VERIFY(page()->proxy()->rowCount() > 0);
        const QModelIndexList hits = page()->proxy()->match(
            page()->proxy()->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
        QVERIFY(!hits.isEmpty());
        page()->table()->setFocus();
        page()->table()->selectionModel()->setCurrentIndex(
            hits.first(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    QStringList names() const
    {
        QStringList result;
        for (int row = 0; row < page()->proxy()->rowCount(); ++row)
            result << page()->proxy()->index(row, 0).data().toString();
        return result;
    }
    // The visible dialog of type D (waits for it), or null.
    template <typename D> D* waitForDialog() const
    {
        D* dialog = nullptr;
        [[maybe_unused]] const bool shown = QTest::qWaitFor([&] {
            dialog = window->findChild<D*>();
            return dialog && dialog->isVisible();
        });
        return dialog && dialog->isVisible() ? dialog : nullptr;
    }
    // True when the tests' keychain holds clientId's secret under p's key.
    bool keychainHolds(const RemoteProfile& p, const QString& clientId)
    {
        const CredentialResult stored =
            KeychainTestSupport::await(credentials.read(p.keychainKey()));
        return stored.ok() && stored.value->view() == QByteArrayView(secretOf(clientId).toUtf8());
    }
    // After a switch or a start with the secret in the keychain: online without a sign-in
    // dialog, showing expected, and clientId's secret nowhere on screen.
    void expectSignedInWithoutAsking(const QStringList& expected, const QString& clientId) const
    {
        QVERIFY(waitOnline());
        QVERIFY(!window->findChild<SignInDialog*>());
        QTRY_COMPARE(names(), expected);
        QCOMPARE(findLeak(secretOf(clientId)), QString());
    }
    // Stores clientId's secret in the tests' keychain under profile's key.
    bool remember(const RemoteProfile& p, const QString& clientId)
    {
        return KeychainTestSupport::await(
                   credentials.write(p.keychainKey(), SecretValue::fromText(secretOf(clientId))))
            .ok();
    }
    void forget(const RemoteProfile& p)
    {
        KeychainTestSupport::await(credentials.remove(p.keychainKey()));
    }
};

} // namespace

class TestRemoteWindow final : public QObject {
    Q_OBJECT

private slots:
    void aWrongSecretIsReportedInline()
    {
        Fixture f;
        f.openAs(QStringLiteral("editor"), false);
        f.signInWith(QStringLiteral("not-the-secret"));
        SignInDialog* dialog = f.signInDialog();
        QVERIFY(dialog);
        auto* error = dialog->findChild<FormMessage*>(QStringLiteral("errorMessage"));
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 30000);
        QCOMPARE(error->text(), StoreError::standardMessage(StoreError::Code::SignInFailed));
        QVERIFY(dialog->isVisible());
        QVERIFY(
            dialog->findChild<QLineEdit*>(QStringLiteral("clientSecretEdit"))->text().isEmpty());

        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("clientSecretEdit")),
                         f.secretOf(QStringLiteral("editor")));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QVERIFY(f.waitOnline());
        QCOMPARE(findLeak(f.secretOf(QStringLiteral("editor"))), QString());
    }

    void showsTheConnectionInTitleAndStatusBar()
    {
        Fixture f;
        QVERIFY(f.seed(QStringLiteral("Partner token")));
        QVERIFY(f.seed(QStringLiteral("CRM access token")));
        QVERIFY(f.faults({{QLatin1String("latencyMs"), 400}})); // signing in takes a while
        f.openAs(QStringLiteral("admin"));
        QTRY_COMPARE_WITH_TIMEOUT(f.label("backendStateLabel"), tr("Connecting…"), 15000);
        QVERIFY(!f.window->offlineBanner()->isVisible());
        QVERIFY(f.waitOnline());
        QVERIFY(f.faults({}));

        QCOMPARE(f.window->windowTitle(), QStringLiteral("Production — Mint Config"));
        QCOMPARE(f.label("backendStateLabel"), tr("Online"));
        auto* lastSync = f.window->findChild<QLabel*>(QStringLiteral("lastSyncLabel"));
        QVERIFY(lastSync->isVisible());
        QVERIFY(lastSync->text().startsWith(QStringLiteral("Last synced ")));
        QVERIFY(!lastSync->toolTip().isEmpty()); // the full date
        QTRY_COMPARE(f.page()->model()->rowCount(), 2);
        QCOMPARE(f.label("countLabel"), tr("%n secret(s)", nullptr, 2));

        // F5 syncs: busy while the request runs, then quiet again.
        auto* busy = f.window->findChild<QWidget*>(QStringLiteral("syncBusy"));
        QVERIFY(!busy->isVisible());
        QVERIFY(f.activate());
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->store()->isSyncing());
        QVERIFY(busy->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!busy->isVisible(), 30000);
        QCOMPARE(f.label("backendStateLabel"), tr("Online"));
        QCOMPARE(findLeak(f.secretOf(QStringLiteral("admin"))), QString());
        QCOMPARE(findLeak(SecretValueText), QString());
    }

    void anEditorSeesSecretsButCannotDelete()
    {
        Fixture f;
        QVERIFY(f.seed(QStringLiteral("Partner token")));
        f.openAs(QStringLiteral("editor"));
        QVERIFY(f.waitOnline());
        QCOMPARE(f.window->windowTitle(), QStringLiteral("Production — Mint Config"));
        QCOMPARE(f.label("backendStateLabel"), tr("Online"));
        QVERIFY(f.label("lastSyncLabel").startsWith(QStringLiteral("Last synced ")));
        f.select(QStringLiteral("Partner token"));
        QVERIFY(f.page()->editSecretAction()->isEnabled());
        QVERIFY(f.page()->addSecretAction()->isEnabled());
        QAction* remove = f.page()->deleteSecretAction();
        auto* removeButton = f.page()->findChild<QPushButton*>(QStringLiteral("deleteButton"));
        QVERIFY(!remove->isEnabled());
        QVERIFY(!removeButton->isEnabled());
        QCOMPARE(remove->toolTip(), QStringLiteral("Deleting secrets needs the Mint Admin role."));
        QCOMPARE(removeButton->toolTip(), remove->toolTip());
        QTest::keyClick(f.page()->table(), Qt::Key_Delete); // the shortcut does nothing
        QVERIFY(!f.window->findChild<DeleteSecretDialog*>());
        QCOMPARE(findLeak(SecretValueText), QString());
        QCOMPARE(findLeak(f.secretOf(QStringLiteral("editor"))), QString());
    }

    void aClientWithoutARoleSeesTheAccessPage()
    {
        Fixture f;
        GuiTestSupport::Vault vault; // "Switch to local vault" opens the last vault
        f.settings.setLastVaultPath(vault.path());
        f.openAs(QStringLiteral("nobody"));
        AccessPage* access = f.window->accessPage();
        QTRY_VERIFY_WITH_TIMEOUT(pagesOf(f.window.get())->currentWidget() == access, 30000);
        QCOMPARE(f.label("accessHeading"), QStringLiteral("You have no access to secrets"));
        QVERIFY(f.label("accessRoles").contains(QStringLiteral("Mint Admin or Mint Editor")));
        QVERIFY(f.label("accessRoles").contains(QStringLiteral("Production")));
        QCOMPARE(f.label("accessSubject"), QStringLiteral("Signed in as nobody."));
        QVERIFY(f.label("countLabel").isEmpty());
        // The actions (menu, shortcuts) name the roles that would allow them.
        QVERIFY(!f.page()->addSecretAction()->isEnabled());
        QCOMPARE(f.page()->addSecretAction()->toolTip(),
                 QStringLiteral("Adding secrets needs the Mint Admin or Mint Editor role."));
        QCOMPARE(f.page()->editSecretAction()->toolTip(),
                 QStringLiteral("Changing secrets needs the Mint Admin or Mint Editor role."));
        QVERIFY(f.activate());
        QTest::keyClick(f.window.get(), Qt::Key_N, Qt::ControlModifier);
        QVERIFY(!f.window->findChild<AddSecretDialog*>());

        QTest::mouseClick(access->manageButton(), Qt::LeftButton);
        auto* connections = f.waitForDialog<ConnectionsDialog>();
        QVERIFY(connections);
        connections->reject();
        QCOMPARE(findLeak(f.secretOf(QStringLiteral("nobody"))), QString());

        // "Switch to local vault": the last vault, locked, asking for its password.
        QTest::mouseClick(access->localVaultButton(), Qt::LeftButton);
        QTRY_VERIFY(qobject_cast<LocalVaultStore*>(f.window->store()));
        QVERIFY(f.settings.activeProfileId().isNull());
        auto* unlock = f.waitForDialog<UnlockDialog>();
        QVERIFY(unlock);
        QTest::keyClick(unlock, Qt::Key_Escape);
        QCOMPARE(pagesOf(f.window.get())->currentWidget(), f.window->lockedPage());
        QVERIFY(f.window->backendMenu()->localVaultAction()->isChecked());
    }

    void deletingAsksForTheNameAndWaitsForTheServer()
    {
        Fixture f;
        QVERIFY(f.seed(QStringLiteral("Partner token")));
        QVERIFY(f.seed(QStringLiteral("Keep me")));
        f.openAs(QStringLiteral("admin"));
        QVERIFY(f.waitOnline());
        f.select(QStringLiteral("Partner token"));
        QVERIFY2(f.page()->deleteSecretAction()->isEnabled(),
                 qPrintable(f.page()->deleteSecretAction()->toolTip()));
        QTest::keyClick(f.page()->table(), Qt::Key_Delete);
        auto* dialog = f.waitForDialog<DeleteSecretDialog>();
        QVERIFY(dialog);
        QVERIFY(dialog->needsTypedName());
        auto* remove = dialog->findChild<QPushButton*>(QStringLiteral("acceptButton"));
        auto* confirm = dialog->findChild<QLineEdit*>(QStringLiteral("confirmEdit"));
        QTRY_VERIFY(!dialog->isBusy()); // references loaded
        QVERIFY(!remove->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("Partner token"));
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(f.page()->model()->rowCount() == 1, 30000);
        QCOMPARE(f.page()->proxy()->index(0, 0).data().toString(), QStringLiteral("Keep me"));
    }

    void aStaleEditOffersReload()
    {
        Fixture f;
        const std::optional<Secret> seeded = f.seed(QStringLiteral("Partner token"));
        QVERIFY(seeded);
        const Secret secret = *seeded;
        f.openAs(QStringLiteral("admin"));
        QVERIFY(f.waitOnline());
        f.select(QStringLiteral("Partner token"));
        QVERIFY2(f.page()->editSecretAction()->isEnabled(),
                 qPrintable(f.page()->editSecretAction()->toolTip()));
        QTest::keyClick(f.window.get(), Qt::Key_F2);
        auto* dialog = f.waitForDialog<EditSecretDialog>();
        QVERIFY(dialog);

        // Another client renames it meanwhile.
        QCOMPARE(f.other
                     ->patch(secret.id, secret.version,
                             {{QLatin1String("name"), QStringLiteral("Partner token (renamed)")}})
                     .status,
                 200);

        QTest::keyClicks(dialog->findChild<QPlainTextEdit*>(QStringLiteral("valueEdit")),
                         QStringLiteral("new-value-9c2d"));
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        auto* error = dialog->findChild<FormMessage*>(QStringLiteral("errorMessage"));
        auto* reload = dialog->findChild<QPushButton*>(QStringLiteral("reloadButton"));
        QTRY_VERIFY_WITH_TIMEOUT(reload->isVisible(), 30000);
        QCOMPARE(error->text(), QStringLiteral("This secret was changed by someone else."));
        QTest::mouseClick(reload, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(dialog->findChild<QLineEdit*>(QStringLiteral("nameEdit"))->text(),
                                  QStringLiteral("Partner token (renamed)"), 30000);
        QCOMPARE(dialog->secret().version, secret.version + 1);
        QVERIFY(dialog->findChild<QPlainTextEdit*>(QStringLiteral("valueEdit"))
                    ->toPlainText()
                    .isEmpty());
        QTest::keyClick(dialog, Qt::Key_Escape);
        QCOMPARE(findLeak(QStringLiteral("new-value-9c2d")), QString());
    }

    void refreshesOnF5AndOnActivation()
    {
        Fixture f;
        QVERIFY(f.seed(QStringLiteral("Partner token")));
        f.openAs(QStringLiteral("admin"));
        QVERIFY(f.waitOnline());
        QTRY_COMPARE(f.names(), QStringList{QStringLiteral("Partner token")});
        QVERIFY(f.activate());
        QVERIFY(f.waitOnline()); // the activation's own refresh is done

        // Another client adds one; no timer runs (refresh interval 0): F5 fetches it.
        QVERIFY(f.seed(QStringLiteral("Made elsewhere")));
        QVERIFY(!f.names().contains(QStringLiteral("Made elsewhere")));
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QVERIFY(f.window->store()->isSyncing()); // F5 started the request
        QTRY_VERIFY_WITH_TIMEOUT(f.names().contains(QStringLiteral("Made elsewhere")), 30000);
        QVERIFY(f.waitOnline());

        // Coming back to the window fetches what changed meanwhile.
        QWidget elsewhere;
        elsewhere.setWindowTitle(QStringLiteral("Another application"));
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));
        QVERIFY(f.waitOnline());
        QVERIFY(f.seed(QStringLiteral("Made while away")));
        QVERIFY(!f.names().contains(QStringLiteral("Made while away")));
        QVERIFY(f.activate());
        QTRY_VERIFY_WITH_TIMEOUT(f.names().contains(QStringLiteral("Made while away")), 30000);
        QCOMPARE(f.page()->model()->rowCount(), 3);
    }

    void offlineIsReadOnlyAndRetryReconnects()
    {
        Fixture f;
        QVERIFY(f.seed(QStringLiteral("Partner token")));
        QVERIFY(f.seed(QStringLiteral("CRM access token")));
        f.openAs(QStringLiteral("admin"));
        QVERIFY(f.waitOnline());
        f.select(QStringLiteral("Partner token"));
        QVERIFY(f.page()->deleteSecretAction()->isEnabled());

        // Every request is refused with 503: the retries run out and the app goes offline.
        QVERIFY(f.faults(
            {{QLatin1String("unavailableEvery"), 1}, {QLatin1String("retryAfterSeconds"), 0}}));
        QTest::keyClick(f.window.get(), Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(
            f.window->store()->connectivity() == SecretStore::Connectivity::Offline, 60000);
        OfflineBanner* banner = f.window->offlineBanner();
        QVERIFY(banner->isVisible());
        QCOMPARE(f.label("offlineTitle"),
                 QStringLiteral("Offline — showing the last synced copy (read-only)"));
        QCOMPARE(f.label("offlineReason"), f.window->store()->lastSyncError().message());
        QVERIFY(!f.label("offlineReason").isEmpty());
        QCOMPARE(f.label("backendStateLabel"), tr("Offline"));
        QVERIFY(f.window->windowTitle().contains(QStringLiteral("(offline)")));
        QCOMPARE(pagesOf(f.window.get())->currentWidget(), f.page()); // the cached rows
        QCOMPARE(f.page()->model()->rowCount(), 2);
        for (QAction* action : {f.page()->addSecretAction(), f.page()->editSecretAction(),
                                f.page()->deleteSecretAction()}) {
            QVERIFY(!action->isEnabled());
            QCOMPARE(action->toolTip(), OfflineTip);
        }
        QVERIFY(f.page()->copyReferenceIdAction()->isEnabled());

        // The server is back (and someone added a secret meanwhile): Retry reconnects.
        QVERIFY(f.faults({}));
        QVERIFY(f.seed(QStringLiteral("Added while offline")));
        QTest::mouseClick(banner->retryButton(), Qt::LeftButton);
        QVERIFY(f.waitOnline());
        QVERIFY(!banner->isVisible());
        QTRY_COMPARE(f.page()->model()->rowCount(), 3);
        QVERIFY(f.page()->deleteSecretAction()->isEnabled());
        QVERIFY(!f.window->windowTitle().contains(QStringLiteral("(offline)")));
        QCOMPARE(f.label("backendStateLabel"), tr("Online"));
    }

    void goesOfflineAndReadOnlyWhenTheServerStops()
    {
        Fixture f;
        QVERIFY(f.seed(QStringLiteral("Partner token")));
        f.openAs(QStringLiteral("admin"));
        QVERIFY(f.waitOnline());
        QTRY_COMPARE(f.page()->model()->rowCount(), 1);
        f.server.stop();
        f.window->findChild<QAction*>(QStringLiteral("refreshAction"))->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(
            f.window->store()->connectivity() == SecretStore::Connectivity::Offline, 60000);
        OfflineBanner* banner = f.window->offlineBanner();
        QVERIFY(banner->isVisible());
        QCOMPARE(f.label("offlineTitle"),
                 QStringLiteral("Offline — showing the last synced copy (read-only)"));
        QVERIFY(!f.label("offlineReason").isEmpty());
        QCOMPARE(f.label("backendStateLabel"), tr("Offline"));
        QVERIFY(f.window->windowTitle().contains(QStringLiteral("(offline)")));
        QCOMPARE(f.page()->model()->rowCount(), 1); // the last synced copy
        f.select(QStringLiteral("Partner token"));
        QVERIFY(!f.page()->deleteSecretAction()->isEnabled());
        QCOMPARE(f.page()->addSecretAction()->toolTip(), OfflineTip);
        QCOMPARE(f.page()->deleteSecretAction()->toolTip(), OfflineTip);
    }

    void switchesBetweenTheLocalVaultAndAConnection()
    {
        Fixture f;
        MINT_REQUIRE_KEYCHAIN_OR_SKIP(f.credentials);
        QVERIFY(f.seed(QStringLiteral("Remote one")));
        GuiTestSupport::Vault vault;
        GuiTestSupport::Vault::add(vault.store(), QStringLiteral("local one"),
                                   QStringLiteral("value of local one"));
        const RemoteProfile staging =
            f.server.profile(QStringLiteral("admin"), QStringLiteral("Staging"));
        f.settings.setRemoteProfiles({staging});
        QVERIFY(f.remember(staging, QStringLiteral("admin")));
        f.show(vault.releaseStore());
        QTRY_COMPARE(f.names(), QStringList{QStringLiteral("local one")});

        QAction* action = f.window->backendMenu()->profileAction(staging.id);
        QVERIFY(action);
        QVERIFY(f.window->backendMenu()->localVaultAction()->isChecked());
        action->trigger();
        auto* remote = qobject_cast<RemoteApiStore*>(f.window->store());
        QVERIFY(remote);
        QCOMPARE(remote->profile(), staging);
        QCOMPARE(f.settings.activeProfileId(), staging.id); // remembered for the next start
        QVERIFY(action->isChecked());
        QVERIFY(f.window->windowTitle().startsWith(QStringLiteral("Staging")));
        // The client secret comes from the keychain: signed in without a dialog.
        f.expectSignedInWithoutAsking({QStringLiteral("Remote one")}, QStringLiteral("admin"));
        if (QTest::currentTestFailed())
            return;

        f.window->backendMenu()->localVaultAction()->trigger();
        QTRY_VERIFY(qobject_cast<LocalVaultStore*>(f.window->store()));
        QVERIFY(f.settings.activeProfileId().isNull());
        auto* unlock = f.waitForDialog<UnlockDialog>();
        QVERIFY(unlock);
        QTest::keyClicks(unlock->findChild<QLineEdit*>(QStringLiteral("passwordEdit")),
                         GuiTestSupport::password());
        QTest::mouseClick(unlock->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(f.names(), QStringList{QStringLiteral("local one")});
        QVERIFY(f.window->backendMenu()->localVaultAction()->isChecked());
        f.forget(staging);
    }

    // Connections → Save puts the client secret in the keychain; choosing the connection (and
    // a later start on it) signs in with it without asking.
    void aSavedConnectionSignsInFromTheKeychain()
    {
        Fixture f;
        MINT_REQUIRE_KEYCHAIN_OR_SKIP(f.credentials);
        QVERIFY(f.seed(QStringLiteral("Partner token")));
        GuiTestSupport::Vault vault;
        f.show(vault.releaseStore());

        f.window->showConnections();
        auto* dialog = f.waitForDialog<ConnectionsDialog>();
        QVERIFY(dialog);
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("addProfileButton")),
                          Qt::LeftButton);
        const auto type = [dialog](const char* name, const QString& text) {
            auto* edit = dialog->findChild<QLineEdit*>(QString::fromLatin1(name));
            edit->setFocus();
            QTest::keyClicks(edit, text);
            QMetaObject::invokeMethod(edit, "editingFinished");
        };
        type("nameEdit", QStringLiteral("Production"));
        type("apiUrlEdit", f.server.process().url(QStringLiteral("/mint/v1")).toString());
        type("clientIdEdit", QStringLiteral("editor"));
        type("clientSecretEdit", f.secretOf(QStringLiteral("editor")));
        type("caFileEdit", f.server.process().caPath());
        QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("acceptButton")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!f.window->findChild<ConnectionsDialog*>(), 15000);
        QCOMPARE(f.settings.remoteProfiles().size(), 1);
        const RemoteProfile saved = f.settings.remoteProfiles().first();
        QVERIFY(f.keychainHolds(saved, QStringLiteral("editor")));

        // Backend → Production: signed in with the stored secret, no dialog.
        QAction* action = f.window->backendMenu()->profileAction(saved.id);
        QVERIFY(action);
        action->trigger();
        f.expectSignedInWithoutAsking({QStringLiteral("Partner token")}, QStringLiteral("editor"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(f.settings.activeProfileId(), saved.id);

        // The next start opens the remembered connection and signs in the same way.
        f.window.reset();
        const StartupBackend backend = StartupBackend::choose(f.settings);
        QVERIFY(backend.isRemote());
        QCOMPARE(backend.profile(), saved);
        f.show(backend.createStore());
        f.expectSignedInWithoutAsking({QStringLiteral("Partner token")}, QStringLiteral("editor"));
        if (QTest::currentTestFailed())
            return;
        f.forget(saved);
    }

    // No secret in the keychain: the sign-in dialog asks, and "Remember in the system keychain"
    // (on by default) stores it, so the next window does not ask.
    void theSignInDialogRemembersAMissingSecret()
    {
        Fixture f;
        MINT_REQUIRE_KEYCHAIN_OR_SKIP(f.credentials);
        QVERIFY(f.seed(QStringLiteral("Partner token")));
        const RemoteProfile p = f.profile(QStringLiteral("admin"));
        f.settings.setRemoteProfiles({p});
        QCOMPARE(KeychainTestSupport::await(f.credentials.read(p.keychainKey())).status,
                 CredentialResult::Status::NotFound);
        f.show(new RemoteApiStore(p, f.dir.filePath(QStringLiteral("cache"))));
        SignInDialog* dialog = f.signInDialog();
        QVERIFY(dialog);
        auto* remember = dialog->findChild<QCheckBox*>(QStringLiteral("rememberCheck"));
        QVERIFY(remember->isEnabled());
        QVERIFY(remember->isChecked());
        f.signInWith(f.secretOf(QStringLiteral("admin")), true);
        QVERIFY(f.waitOnline());
        QTRY_VERIFY(!f.window->findChild<SignInDialog*>()); // closed once stored
        QVERIFY(f.keychainHolds(p, QStringLiteral("admin")));

        f.window.reset();
        f.show(new RemoteApiStore(p, f.dir.filePath(QStringLiteral("cache"))));
        f.expectSignedInWithoutAsking({QStringLiteral("Partner token")}, QStringLiteral("admin"));
        if (QTest::currentTestFailed())
            return;
        f.forget(p);
    }

    // The start-up choice: the remembered connection, a vault named on the command line first,
    // and the last vault when the remembered connection was removed (then forgotten).
    void startsOnTheRememberedConnectionOrFallsBackToTheVault()
    {
        QTemporaryDir dir;
        Settings settings(dir.filePath(QStringLiteral("settings.ini")));
        GuiTestSupport::Vault vault;
        settings.setLastVaultPath(vault.path());

        RemoteProfile production;
        production.id = QUuid::createUuid();
        production.name = QStringLiteral("Production");
        production.apiBaseUrl = QUrl(QStringLiteral("https://config.example.com/mint/v1"));
        production.tokenUrl = RemoteProfile::defaultTokenUrl(production.apiBaseUrl);
        production.clientId = QStringLiteral("ci-bot");
        settings.setRemoteProfiles({production});

        // Nothing remembered: the last vault.
        StartupBackend backend = StartupBackend::choose(settings);
        QVERIFY(!backend.isRemote());
        QCOMPARE(backend.vaultPath(), vault.path());

        // The remembered connection.
        settings.setActiveProfileId(production.id);
        backend = StartupBackend::choose(settings);
        QVERIFY(backend.isRemote());
        QCOMPARE(backend.profile(), production);
        std::unique_ptr<SecretStore> store(backend.createStore());
        auto* remote = qobject_cast<RemoteApiStore*>(store.get());
        QVERIFY(remote);
        QCOMPARE(remote->profile(), production);

        // --vault wins over it.
        const QString named = dir.filePath(QStringLiteral("named/other.mintvault"));
        backend = StartupBackend::choose(settings, named);
        QVERIFY(!backend.isRemote());
        QCOMPARE(backend.vaultPath(), named);
        store.reset(backend.createStore());
        QVERIFY(QFileInfo(QFileInfo(named).absolutePath()).isDir()); // its folder is made
        QCOMPARE(qobject_cast<LocalVaultStore*>(store.get())->path(), named);

        // The connection was removed: the last vault, and the window forgets the connection.
        settings.setRemoteProfiles({});
        backend = StartupBackend::choose(settings);
        QVERIFY(!backend.isRemote());
        QCOMPARE(backend.vaultPath(), vault.path());
        {
            MainWindow window(settings, backend.createStore());
            QVERIFY(qobject_cast<LocalVaultStore*>(window.store()));
            QVERIFY(settings.activeProfileId().isNull());
            QVERIFY(window.backendMenu()->localVaultAction()->isChecked());
        }

        // The last vault is gone too: the default vault.
        settings.setLastVaultPath(dir.filePath(QStringLiteral("deleted.mintvault")));
        backend = StartupBackend::choose(settings);
        QVERIFY(!backend.isRemote());
        QCOMPARE(backend.vaultPath(), LocalVaultStore::defaultPath());
    }
};

QTEST_MAIN(TestRemoteWindow)
#include "tst_remotewindow.moc"
