// mint-screenshots: renders the main window (with demo secrets) and every dialog to PNG files on
// the offscreen platform, for the README and for looking at the UI at other scales and themes.
//   mint-screenshots OUTDIR [--dark]      (QT_SCALE_FACTOR=2 for 200 %)

#include "AddSecretDialog.h"
#include "ChangePasswordDialog.h"
#include "CreateVaultDialog.h"
#include "DeleteSecretDialog.h"
#include "EditSecretDialog.h"
#include "EnglishPlurals.h"
#include "GuiTestSupport.h"
#include "MainWindow.h"
#include "PreferencesDialog.h"
#include "SecretsPage.h"
#include "Settings.h"
#include "Theme.h"
#include "UnlockDialog.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QTableView>
#include <QTest>

#include <cstdio>

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

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("MintConfig"));
    QApplication::setApplicationName(QStringLiteral("mint-config"));
    QApplication::setApplicationVersion(QStringLiteral(MINT_VERSION));
    QApplication::installTranslator(new EnglishPlurals(&app));
    const QStringList args = QApplication::arguments();
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
    return 0;
}
