// mint-config-cli: the command-line composition root. Builds the application object and hands
// the arguments to CliCommands, which runs one command on the local vault.
#include "CliCommands.h"
#include "Translations.h"

#include <QCoreApplication>
#include <QMetaObject>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    // The same names as the GUI (mint-config), so both find the same default vault:
    // QStandardPaths::AppDataLocation = <data>/MintConfig/mint-config (app/main.cpp sets the same).
    QCoreApplication::setOrganizationName(QStringLiteral("MintConfig"));
    QCoreApplication::setApplicationName(QStringLiteral("mint-config"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MINT_VERSION));
    Translations::install(app, Translations::languageArgument(QCoreApplication::arguments()));

    CliCommands commands;
    QMetaObject::invokeMethod(
        &commands, [&commands] { commands.run(QCoreApplication::arguments()); },
        Qt::QueuedConnection);
    return app.exec();
}
