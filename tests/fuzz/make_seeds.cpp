// mint-fuzz-seeds CORPUS_DIR: writes the seed corpora of tests/fuzz/corpus/<target>, in each
// target's input layout (FuzzSupport::Input: a length byte before each sized part). Run it
// again after changing a layout; libFuzzer grows its own corpus from these.

#include "crypto/Kdf.h"
#include "crypto/Random.h"
#include "crypto/Seal.h"
#include "vault/VaultEngine.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <cstdio>

namespace {
QDir g_root;

void write(const QString& target, const QString& name, const QByteArray& bytes)
{
    QDir dir(g_root.filePath(target));
    dir.mkpath(QStringLiteral("."));
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(file.fileName()));
}

// A part as FuzzSupport::Input::bytes(maxSize) reads it: its length in units, then the bytes
// (padded with fill to a whole unit).
QByteArray part(QByteArray bytes, qsizetype maxSize, char fill = ' ')
{
    const qsizetype unit = qMax<qsizetype>(1, maxSize / 255);
    while (bytes.size() % unit != 0)
        bytes.append(fill);
    Q_ASSERT(bytes.size() / unit <= 255);
    return char(bytes.size() / unit) + bytes;
}

QByteArray json(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

const SecretValue& sealPrivateKey()
{
    static const SecretValue key(QByteArrayView("mint-config fuzz server key 32b!"));
    return key;
}

QByteArray sealed(const QByteArray& value, const QString& target)
{
    return *Seal::seal(SecretValue(value), Seal::publicKeyOf(sealPrivateKey()),
                       QStringLiteral("fuzz-key"), target);
}

void secretNames()
{
    const QList<QByteArray> names = {
        "Stripe API key",
        "  padded name  ",
        "tab\there",
        "line\nbreak",
        "e\xcc\x81t\xc3\xa9", // NFD and NFC
        "\xc4\xb0stanbul",
        "\xe2\x80\xae"
        "reversed",
        "\xf0\x9f\x94\x91 key",
        QByteArray(101, 'x'),
        QByteArray(100, 'x'),
        "",
    };
    int i = 0;
    for (const QByteArray& name : names)
        write(QStringLiteral("secret_name"), QStringLiteral("utf8-%1").arg(++i), '\x01' + name);
    const QString utf16 = QStringLiteral("Name \U0001F511");
    QByteArray raw(reinterpret_cast<const char*>(utf16.utf16()), utf16.size() * 2);
    write(QStringLiteral("secret_name"), QStringLiteral("utf16-1"), '\x00' + raw);
    raw.append("\x00\xd8", 2); // a lone high surrogate
    write(QStringLiteral("secret_name"), QStringLiteral("utf16-2"), '\x00' + raw);
}

void seal()
{
    const QString id = QStringLiteral("4f7c2a0e-3b51-4d8e-9c1a-2b3c4d5e6f70");
    const auto seed = [](const QString& target, bool ourKey, const QByteArray& bytes) {
        return part(target.toUtf8(), 64) + char(ourKey ? 1 : 0)
               + (ourKey ? QByteArray() : part("other-key", 16)) + bytes;
    };
    write(
        QStringLiteral("seal"), QStringLiteral("create"),
        seed(QStringLiteral("create"), true, sealed("sk_live_example", QStringLiteral("create"))));
    write(QStringLiteral("seal"), QStringLiteral("update"),
          seed(id, true, sealed(QByteArray(300, 'v'), id)));
    write(QStringLiteral("seal"), QStringLiteral("wrong-target"),
          seed(QStringLiteral("create"), true, sealed("x", id)));
    write(QStringLiteral("seal"), QStringLiteral("other-key"),
          seed(QStringLiteral("create"), false, sealed("x", QStringLiteral("create"))));
    write(QStringLiteral("seal"), QStringLiteral("short"),
          seed(QStringLiteral("create"), true, "\x01"));
}

void vaults()
{
    const QString dir = QDir::temp().filePath(
        QStringLiteral("mint-fuzz-seeds-%1").arg(QCoreApplication::applicationPid()));
    QDir().mkpath(dir);
    KdfParams kdf;
    kdf.n = 1024; // fast: the fuzzer unlocks every input
    kdf.salt = Random::bytes(Kdf::SaltSize);
    const SecretValue password(QByteArrayView("fuzz-password"));
    const auto make = [&](const QString& name, const std::function<void(VaultEngine&)>& fill) {
        const QString path = QDir(dir).filePath(name);
        {
            VaultEngine engine(path);
            if (!engine.create(password, kdf).ok())
                qFatal("cannot create a vault");
            fill(engine);
        } // closing checkpoints the WAL into the file
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        write(QStringLiteral("vault"), name, file.readAll());
    };
    make(QStringLiteral("empty"), [](VaultEngine&) {});
    make(QStringLiteral("three"), [](VaultEngine& engine) {
        for (const char* name : {"Stripe API key", "SMTP password", "Webhook signing secret"})
            (void)engine.add(QString::fromUtf8(name), SecretValue(QByteArrayView("value")));
    });
    make(QStringLiteral("updated"), [](VaultEngine& engine) {
        const auto secret =
            engine.add(QStringLiteral("Old name"), SecretValue(QByteArrayView("a")));
        const SecretValue next(QByteArrayView("b"));
        (void)engine.update(secret.value().id, 1, QStringLiteral("New name"), &next);
        (void)engine.add(QStringLiteral("Other"), SecretValue(QByteArrayView("c")));
    });
    make(QStringLiteral("large-value"), [](VaultEngine& engine) {
        (void)engine.add(QStringLiteral("Certificate"), SecretValue(QByteArray(6000, 'p')));
        (void)engine.add(QStringLiteral("Small"), SecretValue(QByteArrayView("s")));
    });
    QDir(dir).removeRecursively();
}

void apiJson()
{
    // Statuses[] of fuzz_api_json: 0 = 200, 3 = 400, 4 = 401, 5 = 403, 9 = 412, 12 = 422.
    const auto seed = [](char status, const QByteArray& after, const QByteArray& body) {
        return status + part(after, 40) + body;
    };
    const QJsonObject secret{
        {QLatin1String("id"), QLatin1String("0b6f3c2e-1d4a-4c5b-8e9f-a0b1c2d3e4f5")},
        {QLatin1String("name"), QLatin1String("Stripe API key")},
        {QLatin1String("createdAt"), QLatin1String("2026-11-01T10:00:00.000Z")},
        {QLatin1String("updatedAt"), QLatin1String("2026-11-02T10:00:00.000Z")},
        {QLatin1String("createdBy"), QLatin1String("ci-bot")},
        {QLatin1String("updatedBy"), QLatin1String("ci-bot")},
        {QLatin1String("version"), 2}};
    QJsonObject second = secret;
    second[QLatin1String("id")] = QLatin1String("7e8f9a0b-1c2d-4e3f-8a5b-6c7d8e9f0a1b");
    second[QLatin1String("name")] = QLatin1String("SMTP password");
    const QByteArray list = json({{QLatin1String("items"), QJsonArray{secret, second}},
                                  {QLatin1String("total"), 2},
                                  {QLatin1String("limit"), 100},
                                  {QLatin1String("cursor"), QLatin1String("c1.AAAA.5")}});
    write(QStringLiteral("api_json"), QStringLiteral("list"), seed(0, {}, list));
    write(QStringLiteral("api_json"), QStringLiteral("list-after"), seed(0, "0000", list));
    write(QStringLiteral("api_json"), QStringLiteral("changes"),
          seed(0, {},
               json({{QLatin1String("changes"),
                      QJsonArray{QJsonObject{{QLatin1String("type"), QLatin1String("upsert")},
                                             {QLatin1String("secret"), secret}},
                                 QJsonObject{{QLatin1String("type"), QLatin1String("delete")},
                                             {QLatin1String("id"), second[QLatin1String("id")]},
                                             {QLatin1String("deletedAt"),
                                              QLatin1String("2026-11-03T10:00:00.000Z")}}}},
                     {QLatin1String("cursor"), QLatin1String("c1.AAAA.9")},
                     {QLatin1String("hasMore"), true}})));
    write(QStringLiteral("api_json"), QStringLiteral("secret"), seed(0, {}, json(secret)));
    write(QStringLiteral("api_json"), QStringLiteral("me"),
          seed(0, {},
               json({{QLatin1String("subject"), QLatin1String("ci-bot")},
                     {QLatin1String("roles"), QJsonArray{QLatin1String("Mint Editor")}},
                     {QLatin1String("permissions"),
                      QJsonArray{QLatin1String("secrets:read"), QLatin1String("secrets:write")}},
                     {QLatin1String("grantedBy"),
                      QJsonObject{{QLatin1String("secrets:delete"),
                                   QJsonArray{QLatin1String("Mint Admin")}}}}})));
    write(QStringLiteral("api_json"), QStringLiteral("references"),
          seed(0, {},
               json({{QLatin1String("items"),
                      QJsonArray{QJsonObject{{QLatin1String("flowId"), QLatin1String("f-1")},
                                             {QLatin1String("flowName"), QLatin1String("Sign-up")},
                                             {QLatin1String("stepName"), QLatin1String("Verify")},
                                             {QLatin1String("field"), QLatin1String("apiKey")}}}},
                     {QLatin1String("total"), 1}})));
    write(QStringLiteral("api_json"), QStringLiteral("public-key"),
          seed(0, {},
               json({{QLatin1String("keyId"), QLatin1String("k-1")},
                     {QLatin1String("algorithm"), QLatin1String("X25519-HKDF-SHA256-A256GCM")},
                     {QLatin1String("publicKey"),
                      QString::fromLatin1(Seal::publicKeyOf(sealPrivateKey())
                                              .toBase64(QByteArray::Base64UrlEncoding
                                                        | QByteArray::OmitTrailingEquals))}})));
    write(QStringLiteral("api_json"), QStringLiteral("token"),
          seed(0, {},
               json({{QLatin1String("access_token"), QLatin1String("mt_abcdef")},
                     {QLatin1String("token_type"), QLatin1String("Bearer")},
                     {QLatin1String("expires_in"), 3600}})));
    write(QStringLiteral("api_json"), QStringLiteral("token-error"),
          seed(3, {}, json({{QLatin1String("error"), QLatin1String("invalid_scope")}})));
    const auto problem = [](const char* type, const QJsonObject& extra) {
        QJsonObject object = extra;
        object[QLatin1String("type")] =
            QLatin1String("https://mint-config.invalid/problems/") + QLatin1String(type);
        object[QLatin1String("title")] = QLatin1String("Problem");
        return json(object);
    };
    write(QStringLiteral("api_json"), QStringLiteral("problem-403"),
          seed(5, {},
               problem("forbidden",
                       {{QLatin1String("requiredPermission"), QLatin1String("secrets:delete")},
                        {QLatin1String("grantedBy"),
                         QJsonArray{QLatin1String("Mint Admin"), QLatin1String("Owner")}}})));
    write(QStringLiteral("api_json"), QStringLiteral("problem-412"),
          seed(9, {}, problem("version-mismatch", {{QLatin1String("currentVersion"), 3}})));
    write(
        QStringLiteral("api_json"), QStringLiteral("problem-422"),
        seed(12, {},
             problem("validation-failed",
                     {{QLatin1String("errors"),
                       QJsonArray{QJsonObject{{QLatin1String("field"), QLatin1String("name")},
                                              {QLatin1String("message"), QLatin1String("x")}}}}})));
}

void serverRequests()
{
    enum Who : char { Nobody, Admin, Editor, NoRole };
    const auto seed = [](Who who, int method, const QByteArray& path, const QByteArray& query,
                         const QByteArray& headers, const QByteArray& body) {
        return QByteArray(1, char(who)) + char(method) + part(path, 255) + part(query, 255)
               + part(headers, 1024, '\n') + body;
    };
    // Methods[] of fuzz_server_request: 0 GET, 1 POST, 2 PATCH, 3 DELETE, 4 PUT.
    const QByteArray json = "Content-Type: application/json\n";
    const QByteArray create =
        QJsonDocument(
            QJsonObject{{QLatin1String("name"), QLatin1String("New secret")},
                        {QLatin1String("value"),
                         QJsonObject{{QLatin1String("keyId"), QLatin1String("fuzz-key")},
                                     {QLatin1String("sealed"),
                                      QString::fromLatin1(
                                          sealed("v", QStringLiteral("create"))
                                              .toBase64(QByteArray::Base64UrlEncoding
                                                        | QByteArray::OmitTrailingEquals))}}}})
            .toJson(QJsonDocument::Compact);
    const QList<std::pair<const char*, QByteArray>> seeds = {
        {"token", seed(Nobody, 1, "/auth/open/connect/token", {},
                       "Content-Type: application/x-www-form-urlencoded\n",
                       "grant_type=client_credentials&scope=signicat-api&client_id=fuzz-admin"
                       "&client_secret=fuzz-secret")},
        {"token-basic", seed(Nobody, 1, "/auth/open/connect/token", {},
                             "Content-Type: application/x-www-form-urlencoded\nAuthorization: "
                             "Basic ZnV6ei1hZG1pbjpmdXp6LXNlY3JldA==\n",
                             "grant_type=client_credentials&scope=signicat-api")},
        {"me", seed(Editor, 0, "/mint/v1/me", {}, {}, {})},
        {"list",
         seed(Admin, 0, "/mint/v1/secrets", "limit=10&sort=-updatedAt&search=fuzz", {}, {})},
        {"list-after", seed(Admin, 0, "/mint/v1/secrets", "sort=id&after={id}&limit=1", {}, {})},
        {"changes", seed(Admin, 0, "/mint/v1/secrets/changes", "since={cursor}&limit=5", {}, {})},
        {"get", seed(Editor, 0, "/mint/v1/secrets/{id}", {}, {}, {})},
        {"references", seed(Admin, 0, "/mint/v1/secrets/{id}/references", {}, {}, {})},
        {"public-key", seed(Editor, 0, "/mint/v1/secrets/public-key", {}, {}, {})},
        {"create",
         seed(Admin, 1, "/mint/v1/secrets", {}, json + "Idempotency-Key: abc-123\n", create)},
        {"patch-name", seed(Admin, 2, "/mint/v1/secrets/{id}", {}, json + "If-Match: \"1\"\n",
                            R"({"name":"Renamed"})")},
        {"patch-stale", seed(Editor, 2, "/mint/v1/secrets/{id2}", {}, json + "If-Match: \"7\"\n",
                             R"({"name":"Fuzz one"})")},
        {"delete", seed(Admin, 3, "/mint/v1/secrets/{id2}", {}, "If-Match: \"1\"\n", {})},
        {"delete-editor", seed(Editor, 3, "/mint/v1/secrets/{id}", {}, "If-Match: *\n", {})},
        {"no-role", seed(NoRole, 0, "/mint/v1/secrets", {}, {}, {})},
        {"hook-flow", seed(Nobody, 4, "/_test/flows/f-1", {}, json,
                           R"({"flowName":"Sign-up","steps":[{"stepId":"s1","stepName":"Verify",)"
                           R"("stepType":"http","field":"apiKey","secretId":"{id}"}]})")},
        {"hook-faults", seed(Nobody, 4, "/_test/faults", {}, json, R"({"latencyMs":0})")},
        {"hook-digest", seed(Nobody, 0, "/_test/secrets/{id}/digest", {}, {}, {})},
    };
    for (const auto& [name, bytes] : seeds)
        write(QStringLiteral("server_request"), QLatin1String(name), bytes);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: mint-fuzz-seeds CORPUS_DIR\n");
        return 1;
    }
    g_root = QDir(QString::fromLocal8Bit(argv[1]));
    secretNames();
    seal();
    vaults();
    apiJson();
    serverRequests();
    return 0;
}
