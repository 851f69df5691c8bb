// mint-config-server: the reference server for docs/api.md. Prints "PORT <n>" and "CA <path>"
// (one line each, flushed) once it listens, so tests can connect and trust its generated CA.
// Options for tests (fault switches, test hooks, seeding) are described in README.md here.

#include "ApiServer.h"
#include "ClientRegistry.h"
#include "Database.h"
#include "DemoData.h"
#include "ServerKeys.h"
#include "ServerTls.h"
#include "crypto/Random.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

namespace {

void printLine(const QString& line)
{
    std::fputs(qPrintable(line + QLatin1Char('\n')), stdout);
    std::fflush(stdout);
}

[[noreturn]] void fail(const QString& message)
{
    std::fputs(qPrintable(QStringLiteral("mint-config-server: %1\n").arg(message)), stderr);
    std::exit(2);
}

// A fresh client secret: 24 random bytes, base64url.
QByteArray newSecret()
{
    return Random::bytes(24).toBase64(QByteArray::Base64UrlEncoding
                                      | QByteArray::OmitTrailingEquals);
}

// Registers a client with a new random secret and returns the secret (printed once, then wiped).
QByteArray addClient(ClientRegistry& clients, const QString& clientId, const QStringList& roles)
{
    QByteArray secret = newSecret();
    clients.add(clientId, SecretValue(secret), roles, clientId);
    return secret;
}

// An option taking a whole number N, 0 (off) unless given.
QCommandLineOption countOption(const char* name, const char* description)
{
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
                              QStringLiteral("N"), QStringLiteral("0"));
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mint-config-server"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reference server for the Mint Config REST API (tests and demos)."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port on 127.0.0.1 (0 = any free port)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption caOutOption(QStringLiteral("ca-out"),
                                         QStringLiteral("Where to write the CA certificate (PEM)."),
                                         QStringLiteral("FILE"));
    const QCommandLineOption insecureOption(QStringLiteral("insecure-http"),
                                            QStringLiteral("Serve plain HTTP on loopback."));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"), QStringLiteral("Add demo clients and print their credentials."));
    const QCommandLineOption clientsOption(
        QStringLiteral("clients"), QStringLiteral("JSON file of clients."), QStringLiteral("FILE"));
    const QCommandLineOption addClientOption(
        QStringLiteral("add-client"),
        QStringLiteral("Add a client with a random secret, printed as CLIENT <id> <secret>."),
        QStringLiteral("ID:ROLE"));
    const QCommandLineOption lifetimeOption(QStringLiteral("token-lifetime"),
                                            QStringLiteral("Access token lifetime in seconds."),
                                            QStringLiteral("SECONDS"), QStringLiteral("3600"));
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("SQLite database file (default: in memory). Its keys live in FILE.keys."),
        QStringLiteral("FILE"));
    const QCommandLineOption retentionOption(
        QStringLiteral("change-retention-seconds"),
        QStringLiteral("How long the changes feed keeps a change (default 7 days)."),
        QStringLiteral("SECONDS"), QString::number(7 * 24 * 60 * 60));
    const QCommandLineOption hooksOption(
        QStringLiteral("test-hooks"),
        QStringLiteral("Serve the test-only endpoints under /_test (not part of the API)."));
    const QCommandLineOption seedOption =
        countOption("seed-secrets", "Create N secrets named \"Secret 00001\"... at start.");
    const QCommandLineOption recordOption(
        QStringLiteral("record-bodies"),
        QStringLiteral("Append every /mint/v1 request body received to FILE (canary tests)."),
        QStringLiteral("FILE"));
    const QCommandLineOption serverNameOption(
        QStringLiteral("server-name"),
        QStringLiteral("Issue the server certificate for NAME instead of 127.0.0.1/localhost."),
        QStringLiteral("NAME"));
    const QCommandLineOption latencyOption(QStringLiteral("latency-ms"),
                                           QStringLiteral("Fault: added latency per request."),
                                           QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption rateLimitOption =
        countOption("rate-limit-every", "Fault: answer every Nth request 429 rate-limited.");
    const QCommandLineOption unavailableOption =
        countOption("unavailable-every", "Fault: answer every Nth request 503 unavailable.");
    const QCommandLineOption retryAfterOption(
        QStringLiteral("retry-after"), QStringLiteral("Retry-After of the 429 and 503 faults."),
        QStringLiteral("SECONDS"), QStringLiteral("1"));
    const QCommandLineOption dropOption =
        countOption("drop-every", "Fault: close every Nth connection without a response.");
    const QCommandLineOption truncateOption = countOption(
        "truncate-every", "Fault: send half the body of every Nth response, then close.");
    const QCommandLineOption faultTokenOption(
        QStringLiteral("faults-include-token"),
        QStringLiteral("Apply the faults to the token endpoint too."));
    parser.addOptions({portOption,       caOutOption,     insecureOption,  demoOption,
                       clientsOption,    addClientOption, lifetimeOption,  dbOption,
                       retentionOption,  hooksOption,     seedOption,      recordOption,
                       serverNameOption, latencyOption,   rateLimitOption, unavailableOption,
                       retryAfterOption, dropOption,      truncateOption,  faultTokenOption});
    parser.process(app);

    const auto count = [&parser](const QCommandLineOption& option) {
        bool valid = false;
        const int value = parser.value(option).toInt(&valid);
        if (!valid || value < 0)
            fail(QStringLiteral("--%1 needs a whole number of at least 0")
                     .arg(option.names().constFirst()));
        return value;
    };
    ApiServer::Options options;
    options.changeRetentionMs = qint64(count(retentionOption)) * 1000;
    options.testHooks = parser.isSet(hooksOption);
    options.recordBodiesPath = parser.value(recordOption);
    options.faults.latencyMs = count(latencyOption);
    options.faults.rateLimitEvery = count(rateLimitOption);
    options.faults.unavailableEvery = count(unavailableOption);
    options.faults.retryAfterSeconds = count(retryAfterOption);
    options.faults.dropEvery = count(dropOption);
    options.faults.truncateEvery = count(truncateOption);
    options.faults.includeToken = parser.isSet(faultTokenOption);
    const int seedCount = count(seedOption);
    if (parser.isSet(demoOption) && !options.recordBodiesPath.isEmpty())
        fail(QStringLiteral("--record-bodies is never used with --demo"));

    bool ok = false;
    const uint port = parser.value(portOption).toUInt(&ok);
    if (!ok || port > 65535)
        fail(QStringLiteral("--port needs a number from 0 to 65535"));
    const int lifetime = parser.value(lifetimeOption).toInt(&ok);
    if (!ok || lifetime < 1)
        fail(QStringLiteral("--token-lifetime needs a positive number of seconds"));
    options.tokenLifetimeSeconds = lifetime;

    ClientRegistry clients;
    if (parser.isSet(clientsOption)) {
        QString error;
        if (!clients.loadFile(parser.value(clientsOption), &error))
            fail(error);
    }
    const QStringList additions = parser.values(addClientOption);
    for (const QString& addition : additions) {
        const qsizetype colon = addition.indexOf(QLatin1Char(':'));
        const QString clientId = colon < 0 ? addition : addition.left(colon);
        const QString role = colon < 0 ? QString() : addition.mid(colon + 1);
        if (clientId.isEmpty())
            fail(QStringLiteral("--add-client needs ID:ROLE"));
        QByteArray secret =
            addClient(clients, clientId, role.isEmpty() ? QStringList() : QStringList{role});
        printLine(QStringLiteral("CLIENT %1 %2").arg(clientId, QString::fromLatin1(secret)));
        secret.fill('\0');
    }
    QList<std::pair<QString, QByteArray>> demoCredentials;
    if (parser.isSet(demoOption)) {
        const std::pair<QString, QStringList> demoClients[] = {
            {QStringLiteral("demo-admin"), {QStringLiteral("Mint Admin")}},
            {QStringLiteral("demo-editor"), {QStringLiteral("Mint Editor")}},
            {QStringLiteral("demo-none"), {}}};
        for (const auto& [clientId, roles] : demoClients)
            demoCredentials.append({clientId, addClient(clients, clientId, roles)});
    }

    const bool insecure = parser.isSet(insecureOption);
    ServerTls tls;
    QString caPath;
    QTemporaryDir tempDir;
    if (!insecure) {
        if (!tls.generate(parser.value(serverNameOption)))
            fail(tls.errorString());
        caPath = parser.value(caOutOption);
        if (caPath.isEmpty()) {
            if (!tempDir.isValid())
                fail(QStringLiteral("cannot create a temporary directory"));
            caPath = tempDir.filePath(QStringLiteral("mint-config-ca.pem"));
        }
        QFile caFile(caPath);
        if (!caFile.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || caFile.write(tls.caPem()) != tls.caPem().size() || !caFile.flush())
            fail(QStringLiteral("cannot write the CA certificate to %1").arg(caPath));
        caPath = QFileInfo(caFile).absoluteFilePath();
    }

    Database database;
    QString error;
    bool databaseCreated = false;
    const QString databasePath = parser.value(dbOption);
    if (!database.open(databasePath, &error, &databaseCreated))
        fail(error);
    ServerKeys keys;
    if (databasePath.isEmpty())
        keys = ServerKeys::generate();
    else if (!ServerKeys::loadOrCreate(databasePath + QStringLiteral(".keys"), databaseCreated,
                                       &keys, &error))
        fail(error);

    ApiServer server(clients, database, std::move(keys), options);
    if (!server.openRecording(&error))
        fail(error);
    if (parser.isSet(demoOption))
        DemoData::seed(server.secrets(), server.flows());
    if (seedCount > 0)
        server.secrets().seed(seedCount, QStringLiteral("seed-bot"));
    const quint16 boundPort =
        insecure ? server.listen(quint16(port), QSslCertificate(), QSslKey())
                 : server.listen(quint16(port), tls.serverCertificate(), tls.serverKey());
    if (boundPort == 0)
        fail(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(port));

    printLine(QStringLiteral("PORT %1").arg(boundPort));
    printLine(QStringLiteral("CA %1").arg(insecure ? QStringLiteral("-") : caPath));
    if (parser.isSet(demoOption)) {
        printLine(QStringLiteral("Mint Config demo server"));
        printLine(QStringLiteral("  base URL: %1://127.0.0.1:%2")
                      .arg(insecure ? QStringLiteral("http") : QStringLiteral("https"))
                      .arg(boundPort));
        if (!insecure)
            printLine(QStringLiteral("  CA file:  %1").arg(caPath));
        for (auto& [clientId, secret] : demoCredentials) {
            printLine(QStringLiteral("  client %1  secret %2")
                          .arg(clientId, QString::fromLatin1(secret)));
            secret.fill('\0');
        }
    }
    return app.exec();
}
