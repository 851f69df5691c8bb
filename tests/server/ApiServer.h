#pragma once

#include "ClientRegistry.h"
#include "FaultInjector.h"
#include "FlowRepository.h"
#include "IdempotencyStore.h"
#include "SecretRepository.h"
#include "ServerKeys.h"
#include "TestHooks.h"
#include "TokenService.h"

#include "ServerRequest.h"
#include <QFile>
#include <QHttpServer>

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QJsonValue>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class Database;

// The routes of docs/api.md on a QHttpServer: the token endpoint (§2) and /mint/v1 (§4), plus
// the test hooks of tests/server/README.md when enabled. The routing is ours (QHttpServer hands
// every request to serve()), so respond() can answer a request made without a socket. Every
// request goes through one dispatcher: body recording (--record-bodies), fault injection, the 128
// KiB body limit, the handler, Server-Timing. Never logs a body, a header value, a token or a
// secret.
class ApiServer final {
public:
    struct Options {
        int tokenLifetimeSeconds = 3600;
        qint64 changeRetentionMs = qint64(7) * 24 * 60 * 60 * 1000;
        bool testHooks = false;
        QString recordBodiesPath; // empty = off
        FaultInjector::Settings faults;
    };

    // database must be open and outlive the server, and so must clients (the revoke-tokens
    // hook may change their secrets); keys are the server's own (ServerKeys).
    ApiServer(ClientRegistry& clients, Database& database, ServerKeys keys, const Options& options);

    // Serves HTTPS with certificate and key (plain HTTP when both are null) on 127.0.0.1.
    // Returns the bound port, 0 on failure.
    quint16 listen(quint16 port, const QSslCertificate& certificate, const QSslKey& key);
    // False with *errorString when --record-bodies cannot be opened.
    bool openRecording(QString* errorString);

    [[nodiscard]] SecretRepository& secrets() { return m_secrets; }
    [[nodiscard]] FlowRepository& flows() { return m_flows; }

    // The permissions (e.g. "secrets:read") the roles grant, in the order of docs/api.md §3.
    [[nodiscard]] static QStringList permissionsFor(const QStringList& roles);
    // For every permission of §3, the roles that grant it (GET /me "grantedBy").
    [[nodiscard]] static QJsonObject grantedBy();

    // The response to one request as its route gives it: 404 without a route, 413 above the body
    // limit, else the handler's answer. No recording, faults or Server-Timing: the HTTP side
    // adds those. tests/fuzz/fuzz_server_request calls it with arbitrary requests.
    QHttpServerResponse respond(const ServerRequest& request);

private:
    enum class RouteKind { Token, Api, Hook };
    // A handler gets the text its route's "<arg>" matched (empty when the route has none).
    using Handler = std::function<QHttpServerResponse(const QString&, const ServerRequest&)>;
    struct Route {
        QByteArray method;
        QStringList segments; // of the path; "<arg>" matches any one non-empty segment
        RouteKind kind;
        Handler handler;
    };

    void addRoute(QByteArray method, const QString& path, RouteKind kind, Handler handler);
    // The first route that takes request, with what its "<arg>" matched; null when none does.
    const Route* match(const ServerRequest& request, QString* argument) const;
    QHttpServerResponse respond(const Route* route, const QString& argument,
                                const ServerRequest& request);
    // Every HTTP request: recording, fault injection, respond(), statistics, Server-Timing.
    void serve(const QHttpServerRequest& httpRequest, QHttpServerResponder&& responder);
    void record(const ServerRequest& request);

    QHttpServerResponse token(const ServerRequest& request);
    QHttpServerResponse me(const ServerRequest& request);
    QHttpServerResponse listSecrets(const ServerRequest& request);
    QHttpServerResponse changes(const ServerRequest& request);
    QHttpServerResponse getSecret(const QString& id, const ServerRequest& request);
    QHttpServerResponse references(const QString& id, const ServerRequest& request);
    QHttpServerResponse publicKey(const ServerRequest& request);
    QHttpServerResponse createSecret(const ServerRequest& request);
    QHttpServerResponse createSecretOnce(const ServerRequest& request,
                                         const TokenService::Grant& grant);
    QHttpServerResponse patchSecret(const QString& id, const ServerRequest& request);
    QHttpServerResponse deleteSecret(const QString& id, const ServerRequest& request);

    // The grant of the bearer token when it carries permission (empty = any valid token);
    // otherwise *refusal is set to the 401 or 403 problem.
    std::optional<TokenService::Grant> authorize(const ServerRequest& request,
                                                 const QString& permission,
                                                 std::optional<QHttpServerResponse>* refusal);
    // Opens a sealed value member ({keyId, sealed}) for target; *refusal on failure.
    std::optional<SecretValue> openValue(const QJsonValue& member, const QString& target,
                                         const QString& instance,
                                         std::optional<QHttpServerResponse>* refusal) const;

    ClientRegistry& m_clients;
    Options m_options;
    TokenService m_tokens;
    ServerKeys m_keys;
    SecretRepository m_secrets;
    FlowRepository m_flows;
    IdempotencyStore m_idempotency;
    FaultInjector m_faults;
    TestHooks m_hooks;
    QFile m_recording;
    QList<Route> m_routes;
    QHttpServer m_server;
};
