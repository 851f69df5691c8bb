// The reference server's request parsing, routing and unsealing (tests/server): any method,
// path, query, headers and body through ApiServer::respond, on a fresh in-memory database with
// two secrets and the test hooks on. "{id}" and "{id2}" in the path, query or body stand for
// the two secrets' ids, "{cursor}" for a changes cursor between them; the first byte picks a bearer
// token (none, Mint Admin, Mint Editor, no role), so inputs reach past authorization. Invariants:
// no crash, and never a 5xx: a bad request is the client's error, said in a 4xx.

#include "ApiServer.h"
#include "ClientRegistry.h"
#include "Database.h"
#include "FuzzSupport.h"
#include "ServerKeys.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {
const char* const Methods[] = {"GET", "POST", "PATCH", "DELETE", "PUT", "HEAD"};
const char* const Clients[] = {"fuzz-admin", "fuzz-editor", "fuzz-none"};

// The keys of fuzz_seal, so that a seed can hold a value sealed for "create".
ServerKeys fixedKeys()
{
    ServerKeys keys;
    keys.atRestKey = SecretValue(QByteArrayView("mint-config fuzz at-rest key 32!"));
    keys.sealKey.privateKey = SecretValue(QByteArrayView("mint-config fuzz server key 32b!"));
    keys.sealKey.publicKey = Seal::publicKeyOf(keys.sealKey.privateKey);
    keys.keyId = QStringLiteral("fuzz-key");
    return keys;
}

QByteArray tokenFor(ApiServer& server, const char* clientId)
{
    ServerRequest request;
    request.method = QByteArrayLiteral("POST");
    request.path = QStringLiteral("/auth/open/connect/token");
    request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    request.body = QByteArrayLiteral("grant_type=client_credentials&scope=signicat-api&client_id=")
                   + clientId + QByteArrayLiteral("&client_secret=fuzz-secret");
    const QHttpServerResponse response = server.respond(request);
    return QJsonDocument::fromJson(response.data())
        .object()
        .value(QLatin1String("access_token"))
        .toString()
        .toLatin1();
}
} // namespace

int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzSupport::Input input(data, size);
    const std::uint8_t who = input.byte() % 4;
    ServerRequest request;
    request.method = Methods[input.byte() % std::size(Methods)];
    request.path = input.utf8(255);
    const QString query = input.utf8(255);
    const QList<QByteArray> headerLines = input.bytes(1024).toByteArray().split('\n');
    request.body = input.rest().toByteArray();

    Database database;
    QString error;
    FUZZ_CHECK(database.open(QString(), &error));
    ClientRegistry clients;
    const SecretValue clientSecret(QByteArrayView("fuzz-secret"));
    clients.add(QLatin1String(Clients[0]), clientSecret, {QStringLiteral("Mint Admin")},
                QStringLiteral("admin"));
    clients.add(QLatin1String(Clients[1]), clientSecret, {QStringLiteral("Mint Editor")},
                QStringLiteral("editor"));
    clients.add(QLatin1String(Clients[2]), clientSecret, {}, QStringLiteral("nobody"));
    ApiServer::Options options;
    options.testHooks = true;
    ApiServer server(clients, database, fixedKeys(), options);
    const SecretValue value(QByteArrayView("fuzz value"));
    const auto first =
        server.secrets().create(QStringLiteral("Fuzz one"), value, QStringLiteral("admin"));
    const auto second =
        server.secrets().create(QStringLiteral("Fuzz two"), value, QStringLiteral("admin"));
    FUZZ_CHECK(first && second);

    const QString cursor = server.secrets().changeLog().cursor(1); // after the first create
    const auto withIds = [&](QString text) {
        return text.replace(QLatin1String("{id}"), first->id)
            .replace(QLatin1String("{id2}"), second->id)
            .replace(QLatin1String("{cursor}"), cursor);
    };
    request.path = withIds(request.path);
    request.query.setQuery(withIds(query));
    request.body = withIds(QString::fromLatin1(request.body)).toLatin1();
    for (const QByteArray& line : headerLines) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({line.left(colon), line.mid(colon + 1)});
    }
    if (who > 0)
        request.headers.append(
            {QByteArrayLiteral("Authorization"), "Bearer " + tokenFor(server, Clients[who - 1])});

    const QHttpServerResponse response = server.respond(request);
    const int status = int(response.statusCode());
    if (!qEnvironmentVariableIsEmpty("MINT_FUZZ_VERBOSE")) // to see where a seed gets
        qInfo("%s %s -> %d %s", request.method.constData(), qPrintable(request.path), status,
              response.data().left(160).constData());
    FUZZ_CHECK(status >= 200 && status < 500);
    return 0;
}
