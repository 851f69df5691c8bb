#pragma once

#include "ClientRegistry.h"
#include "FaultInjector.h"
#include "FlowRepository.h"
#include "IdempotencyStore.h"
#include "SecretRepository.h"
#include "ServerKeys.h"
#include "TestHooks.h"
#include "TokenService.h"

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
// the test hooks of tests/server/README.md when enabled. Every request goes through one
// dispatcher: body recording (--record-bodies), fault injection, the 128 KiB body limit, the
// handler, Server-Timing. Never logs a body, a header value, a token or a secret.
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

private:
    enum class RouteKind { Token, Api, Hook };
    using Handler = std::function<QHttpServerResponse(const QHttpServerRequest&)>;
    using ArgHandler =
        std::function<QHttpServerResponse(const QString&, const QHttpServerRequest&)>;

    void dispatch(const QHttpServerRequest& request, QHttpServerResponder&& responder,
                  RouteKind kind, const std::function<QHttpServerResponse()>& handler);
    void addRoute(const QString& path, QHttpServerRequest::Method method, RouteKind kind,
                  Handler handler);
    // path ends in "<arg>" somewhere; the handler gets the captured text.
    void addArgRoute(const QString& path, QHttpServerRequest::Method method, RouteKind kind,
                     ArgHandler handler);
    void record(const QHttpServerRequest& request);

    QHttpServerResponse token(const QHttpServerRequest& request);
    QHttpServerResponse me(const QHttpServerRequest& request);
    QHttpServerResponse listSecrets(const QHttpServerRequest& request);
    QHttpServerResponse changes(const QHttpServerRequest& request);
    QHttpServerResponse getSecret(const QString& id, const QHttpServerRequest& request);
    QHttpServerResponse references(const QString& id, const QHttpServerRequest& request);
    QHttpServerResponse publicKey(const QHttpServerRequest& request);
    QHttpServerResponse createSecret(const QHttpServerRequest& request);
    QHttpServerResponse createSecretOnce(const QHttpServerRequest& request,
                                         const TokenService::Grant& grant);
    QHttpServerResponse patchSecret(const QString& id, const QHttpServerRequest& request);
    QHttpServerResponse deleteSecret(const QString& id, const QHttpServerRequest& request);

    // The grant of the bearer token when it carries permission (empty = any valid token);
    // otherwise *refusal is set to the 401 or 403 problem.
    std::optional<TokenService::Grant> authorize(const QHttpServerRequest& request,
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
    QHttpServer m_server;
};
