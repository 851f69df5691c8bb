// mint-config: the desktop app. Composition root only: parse arguments, build the store, show
// the window.
#include "EnglishPlurals.h"
#include "FirstPaintProbe.h"
#include "MainWindow.h"
#include "ProcessHardening.h"
#include "SecretStore.h"
#include "Settings.h"
#include "StartupBackend.h"
#include "Theme.h"
#include "Translations.h"
#include "crypto/SecureMemory.h"
#include "crypto/SelfTest.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>

#include <cstdlib>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

int main(int argc, char* argv[])
{
    // Before anything else: no core dumps, locked memory for keys, and crypto that gives the
    // published answers (the result is reported once there is a window system and translations).
    ProcessHardening::apply();
    QElapsedTimer started;
    started.start();
    SecureMemory::initialize();
    const std::optional<SelfTest::Check> failedCheck = SelfTest::run();

    QApplication app(argc, argv);
    QApplication::setOrganizationName(u"MintConfig"_s);
    QApplication::setApplicationName(u"mint-config"_s);
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Mint Config"));
    QApplication::setApplicationVersion(QStringLiteral(MINT_VERSION));
    QApplication::setDesktopFileName(u"org.mintconfig.MintConfig"_s);
    QApplication::installTranslator(new EnglishPlurals(&app));
    // Before the parser, so that --help is translated too.
    const QString language = Translations::languageArgument(QApplication::arguments());
    const QString loaded = Translations::install(app, language);
    if (failedCheck) {
        const QString message = SelfTest::failureMessage(*failedCheck);
        qCritical().noquote() << message;
        // The message box runs in the app's only event loop (no nested exec()) and ends it.
        QMessageBox box(QMessageBox::Critical,
                        QApplication::translate("main", "Mint Config cannot start"), message,
                        QMessageBox::Close);
        QObject::connect(&box, &QMessageBox::finished, &app, &QApplication::quit);
        box.show();
        QApplication::exec();
        return EXIT_FAILURE;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Manage the secrets of identity workflows."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption vaultOption(
        u"vault"_s, QApplication::translate("main", "Open the vault file <path>."),
        QApplication::translate("main", "path"));
    const QCommandLineOption settingsOption(
        u"settings"_s, QApplication::translate("main", "Read and write settings in INI <file>."),
        QApplication::translate("main", "file"));
    const QCommandLineOption themeOption(
        u"theme"_s, QApplication::translate("main", "Colour scheme: system, light or dark."),
        QApplication::translate("main", "scheme"), u"system"_s);
    const QCommandLineOption langOption(
        u"lang"_s,
        QApplication::translate("main",
                                "Language of the window, e.g. nb or en (default: the system's)."),
        QApplication::translate("main", "language"));
    parser.addOptions({vaultOption, settingsOption, themeOption, langOption});
    parser.process(app);
    if (!language.isEmpty() && loaded.isEmpty() && QLocale(language).language() != QLocale::English)
        qWarning().noquote() << QApplication::translate(
                                    "main", "There is no translation for “%1”; using English.")
                                    .arg(language);

    const QString theme = parser.value(themeOption);
    Theme::apply(app, theme == u"dark"_s    ? Theme::Scheme::Dark
                      : theme == u"light"_s ? Theme::Scheme::Light
                                            : Theme::Scheme::System);
    QApplication::setWindowIcon(Theme::appIcon());

    auto settings = parser.isSet(settingsOption)
                        ? std::make_unique<Settings>(parser.value(settingsOption))
                        : std::make_unique<Settings>();

    // The remembered backend: a remote connection, unless a vault was named or the profile is
    // gone (then the local vault, and the window forgets the profile).
    const StartupBackend backend = StartupBackend::choose(*settings, parser.value(vaultOption));
    SecretStore* store = backend.createStore();

    MainWindow window(*settings, store);
    if (qEnvironmentVariableIsSet("MINT_BENCH_FIRST_PAINT"))
        new FirstPaintProbe(&window, started);
    window.show();
    QTimer::singleShot(0, &window, &MainWindow::requestUnlock);
    return QApplication::exec();
}
