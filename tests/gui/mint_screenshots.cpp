// mint-screenshots: renders the main window (with demo secrets) and every dialog to PNG files,
// for the README and for looking at the UI at other scales, themes and languages. It uses the
// platform of the environment (scripts/screenshots runs it under Xvfb), or offscreen without a
// display. The remote states come from a real mint-config-server started here (--demo
// --test-hooks, in memory), in a temporary settings and cache folder, never touching the user's
// keychain entries.
//   mint-screenshots OUTDIR [--light|--dark] [--lang nb]      (QT_SCALE_FACTOR=2 for 200 %)

#include "AboutDialog.h"
#include "AccessPage.h"
#include "AddSecretDialog.h"
#include "ChangePasswordDialog.h"
#include "ConnectionsDialog.h"
#include "CreateVaultDialog.h"
#include "DeleteSecretDialog.h"
#include "EditSecretDialog.h"
#include "EnglishPlurals.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "PreferencesDialog.h"
#include "RemoteGuiSupport.h"
#include "SecretsPage.h"
#include "SecretsProxyModel.h"
#include "SecretsTableModel.h"
#include "Settings.h"
#include "SignInDialog.h"
#include "Theme.h"
#include "Translations.h"
#include "UnlockDialog.h"
#include "keychain/CredentialStore.h"
#include "remote/RemoteApiStore.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPainter>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>
#include <QToolTip>

#include <cstdio>
#include <functional>

namespace {

QString outDir;

void save(QWidget* widget, const QString& name)
{
    widget->show();
    if (!QTest::qWaitForWindowExposed(widget))
        qWarning("window not exposed");
    QTest::qWait(150);
    const QString file = QDir(outDir).filePath(name + QStringLiteral(".png"));
    widget->grab().save(file);
    std::printf("%s\n", qPrintable(file));
}

// Saves window with the tooltip of anchor (a separate top-level window) painted where it shows.
void saveWithToolTip(QWidget* window, QWidget* anchor, const QString& name)
{
    window->show();
    if (!QTest::qWaitForWindowExposed(window))
        qWarning("window not exposed");
    QTest::qWait(150);
    // The screen is smaller than the window here: QToolTip would move the tip onto it, so it is
    // painted under the anchor, right-aligned with it, as a desktop shows it.
    QToolTip::showText(anchor->mapToGlobal(QPoint(0, anchor->height())), anchor->toolTip(), anchor);
    QTest::qWait(150);
    QPixmap shot = window->grab();
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (top->inherits("QTipLabel") && top->isVisible()) {
            const QPoint below =
                anchor->mapTo(window, QPoint(anchor->width(), anchor->height() + 4));
            QPainter painter(&shot);
            painter.drawPixmap(QPoint(qMax(0, below.x() - top->width()), below.y()), top->grab());
        }
    }
    QToolTip::hideText();
    const QString file = QDir(outDir).filePath(name + QStringLiteral(".png"));
    shot.save(file);
    std::printf("%s\n", qPrintable(file));
}

} // namespace

int main(int argc, char* argv[])
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM") && !qEnvironmentVariableIsSet("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MintConfig"));
    QApplication::setApplicationName(QStringLiteral("mint-config"));
    QApplication::setApplicationVersion(QStringLiteral(MINT_VERSION));
    QApplication::installTranslator(new EnglishPlurals(&app));
    const QStringList args = QApplication::arguments();
    const QString language = Translations::languageArgument(args);
    if (!language.isEmpty()
        && Translations::install(app, language, {QStringLiteral(MINT_QM_DIR)}).isEmpty()
        && QLocale(language).language() != QLocale::English)
        qFatal("no translation for %s in %s", qPrintable(language), MINT_QM_DIR);
    outDir = args.value(1, QStringLiteral("."));
    QDir().mkpath(outDir);
    Theme::apply(app, args.contains(QStringLiteral("--dark")) ? Theme::Scheme::Dark
                                                              : Theme::Scheme::Light);

    GuiTestSupport::Vault vault;
    const QStringList names{
        QStringLiteral("Payments API client secret"), QStringLiteral("Create JWT signing key"),
        QStringLiteral("CRM access token"),           QStringLiteral("Partner webhook HMAC"),
        QStringLiteral("ID provider client secret"),  QStringLiteral("Encryption key (JWE)"),
        QStringLiteral("SMS gateway API key"),        QStringLiteral("Legacy LDAP bind password"),
    };
    QList<Secret> secrets;
    for (const QString& name : names)
        secrets << GuiTestSupport::Vault::add(vault.store(), name, QStringLiteral("demo-") + name);

    QTemporaryDir settingsDir;
    Settings settings(settingsDir.filePath(QStringLiteral("s.ini")));
    auto* store = vault.releaseStore();
    MainWindow window(settings, store);
    window.resize(1040, 600);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        qWarning("window not exposed");
    QTest::qWait(300);
    window.secretsPage()->selectSecret(secrets[2].id);
    save(&window, QStringLiteral("main-window"));

    SecretClipboard* clipboard = window.clipboard();
    {
        AddSecretDialog dialog(store, clipboard, &window);
        dialog.findChild<QLineEdit*>(QStringLiteral("nameEdit"))
            ->setText(QStringLiteral("My Secret"));
        dialog.findChild<QPlainTextEdit*>(QStringLiteral("valueEdit"))
            ->setPlainText(QStringLiteral("n8Vq2r-XcJ0pL_4mZsT7yBwE1uKdHf9a"));
        save(&dialog, QStringLiteral("add-secret"));
    }
    {
        EditSecretDialog dialog(store, clipboard, secrets[2], &window);
        save(&dialog, QStringLiteral("edit-secret"));
    }
    {
        DeleteSecretDialog dialog(store, secrets[2], &window);
        save(&dialog, QStringLiteral("delete-secret"));
    }
    {
        ChangePasswordDialog dialog(store, &window);
        save(&dialog, QStringLiteral("change-password"));
    }
    {
        PreferencesDialog dialog(settings, &window);
        save(&dialog, QStringLiteral("preferences"));
    }
    {
        AboutDialog dialog(&window);
        save(&dialog, QStringLiteral("about"));
    }
    {
        // Only shown, never created: the dialog touches the file when submitted.
        LocalVaultStore other(QDir(QFileInfo(LocalVaultStore::defaultPath()).absolutePath())
                                  .filePath(QStringLiteral("personal.mintvault")));
        CreateVaultDialog dialog(&other, &window);
        dialog.findChild<QLineEdit*>(QStringLiteral("passwordEdit"))
            ->setText(QStringLiteral("correct horse"));
        save(&dialog, QStringLiteral("create-vault"));
    }
    window.lock();
    QTest::qWait(100);
    save(&window, QStringLiteral("locked"));
    {
        LocalVaultStore shown(LocalVaultStore::defaultPath()); // only its path is shown
        UnlockDialog dialog(&shown, &window);
        save(&dialog, QStringLiteral("unlock"));
    }

    // The remote backend: a mint-config-server started here with its demo data, signed in with
    // the clients' secrets directly: no keychain is read or written (the connections dialog
    // only asks a private service name whether a keychain answers).
    RemoteGuiSupport::Server server({QStringLiteral("--demo"), QStringLiteral("--add-client"),
                                     QStringLiteral("ci-bot:Mint Editor")});
    const QString cacheRoot = QDir(settingsDir.path()).filePath(QStringLiteral("cache"));
    RemoteProfile production = server.profile(QStringLiteral("ci-bot"));
    RemoteProfile staging;
    staging.id = QUuid::createUuid();
    staging.name = QStringLiteral("Staging");
    staging.apiBaseUrl = QUrl(QStringLiteral("https://config.staging.example.com/mint/v1"));
    staging.tokenUrl = RemoteProfile::defaultTokenUrl(staging.apiBaseUrl);
    staging.clientId = QStringLiteral("ci-bot");
    settings.setRemoteProfiles({production, staging});
    CredentialStore credentials(QStringLiteral("mint-config-screenshots"));
    credentials.setTimeout(std::chrono::milliseconds(300));
    const auto waitFor = [](const std::function<bool()>& condition, const char* what) {
        if (!QTest::qWaitFor(condition, 60'000))
            qFatal("timed out waiting for %s", what);
    };
    {
        ConnectionsDialog dialog(settings, &credentials, &window);
        dialog.selectProfile(production.id);
        dialog.findChild<QLineEdit*>(QStringLiteral("clientSecretEdit"))
            ->setText(server.secretOf(QStringLiteral("ci-bot")));
        dialog.show();
        dialog.testConnection();
        auto* result = dialog.findChild<FormMessage*>(QStringLiteral("testResult"));
        waitFor([&] { return result->isVisible() && !dialog.isBusy(); }, "the connection test");
        if (result->kind() != FormMessage::Kind::Success)
            qWarning("the connection test failed: %s", qPrintable(result->text()));
        save(&dialog, QStringLiteral("connections"));
    }
    {
        RemoteApiStore remote(production, QDir(cacheRoot).filePath(QStringLiteral("sign-in")));
        SignInDialog dialog(&remote, &credentials, true,
                            StoreError::standardMessage(StoreError::Code::SignInFailed), &window);
        save(&dialog, QStringLiteral("sign-in"));
        SignInDialog unavailable(&remote, &credentials, false, {}, &window);
        save(&unavailable, QStringLiteral("sign-in-no-keychain"));
    }
    // A window on clientId's connection, signed in and synced.
    const auto remoteWindow = [&](const QString& clientId) {
        auto store = RemoteGuiSupport::signedInStore(server.profile(clientId),
                                                     QDir(cacheRoot).filePath(clientId),
                                                     server.secretOf(clientId));
        if (!store)
            qFatal("cannot sign in as %s", qPrintable(clientId));
        auto* shown = new MainWindow(settings, store.release(), &credentials);
        shown->setAttribute(Qt::WA_DeleteOnClose);
        shown->resize(1040, 600);
        shown->show();
        waitFor(
            [shown] {
                return shown->store()->connectivity() == SecretStore::Connectivity::Online
                       && !shown->store()->isSyncing();
            },
            "the sync");
        return shown;
    };
    const auto secretNamed = [](MainWindow* shown, const QString& name) {
        const QModelIndexList hits = shown->secretsPage()->proxy()->match(
            shown->secretsPage()->proxy()->index(0, 0), Qt::DisplayRole, name, 1, Qt::MatchExactly);
        if (hits.isEmpty())
            qFatal("no demo secret %s", qPrintable(name));
        return hits.first().data(SecretsTableModel::SecretRole).value<Secret>();
    };

    MainWindow* admin = remoteWindow(QStringLiteral("admin"));
    admin->secretsPage()->selectSecret(secretNamed(admin, QStringLiteral("CRM access token")).id);
    save(admin, QStringLiteral("remote-online"));
    {
        DeleteSecretDialog dialog(admin->store(),
                                  secretNamed(admin, QStringLiteral("CRM access token")), admin);
        dialog.show();
        auto* list = dialog.findChild<QListWidget*>(QStringLiteral("referencesList"));
        waitFor([list] { return list->isVisible(); }, "the references");
        dialog.findChild<QLineEdit*>(QStringLiteral("confirmEdit"))->setText(QStringLiteral("CRM"));
        save(&dialog, QStringLiteral("delete-remote-secret"));
    }

    MainWindow* editor = remoteWindow(QStringLiteral("editor"));
    editor->secretsPage()->selectSecret(secretNamed(editor, QStringLiteral("SMTP password")).id);
    saveWithToolTip(editor,
                    editor->secretsPage()->findChild<QWidget*>(QStringLiteral("deleteButton")),
                    QStringLiteral("remote-editor"));
    editor->close();

    MainWindow* nobody = remoteWindow(QStringLiteral("nobody"));
    save(nobody, QStringLiteral("access-denied"));
    nobody->close();

    // The server stops: the last synced copy, read-only, with Retry.
    server.stop();
    admin->refresh();
    waitFor(
        [admin] { return admin->store()->connectivity() == SecretStore::Connectivity::Offline; },
        "offline");
    save(admin, QStringLiteral("remote-offline"));
    admin->close();
    return 0;
}
