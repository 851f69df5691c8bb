// mint-config-cli: the command-line composition root. Builds the application object and hands
// the arguments to CliCommands, which runs one command on the local vault.
#include "CliCommands.h"
#include "ProcessHardening.h"
#include "Translations.h"
#include "crypto/SecureMemory.h"
#include "crypto/SelfTest.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <cstdio>
#include <optional>

int main(int argc, char* argv[])
{
    // Before anything else: no core dumps, locked memory for keys, and crypto that gives the
    // published answers (the result is reported once translations are loaded).
    ProcessHardening::apply();
    SecureMemory::initialize();
    const std::optional<SelfTest::Check> failedCheck = SelfTest::run();

    QCoreApplication app(argc, argv);
    // The same names as the GUI (mint-config), so both find the same default vault:
    // QStandardPaths::AppDataLocation = <data>/MintConfig/mint-config (app/main.cpp sets the same).
    QCoreApplication::setOrganizationName(QStringLiteral("MintConfig"));
    QCoreApplication::setApplicationName(QStringLiteral("mint-config"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MINT_VERSION));
    Translations::install(app, Translations::languageArgument(QCoreApplication::arguments()));
    if (failedCheck) {
        const QByteArray line = QStringLiteral("mint-config-cli: %1\n")
                                    .arg(SelfTest::failureMessage(*failedCheck))
                                    .toUtf8();
        std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
        return CliCommands::SelfTestFailed;
    }

    CliCommands commands;
    QMetaObject::invokeMethod(
        &commands, [&commands] { commands.run(QCoreApplication::arguments()); },
        Qt::QueuedConnection);
    return app.exec();
}
