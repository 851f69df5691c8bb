#pragma once

#include "ServerRequest.h"

#include <QHttpServerResponse>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

class ClientRegistry;
class FaultInjector;
class FlowRepository;
class SecretRepository;
class ServerKeys;
class TokenService;

// The test-only endpoints under /_test, served only with --test-hooks (tests/server/README.md);
// not part of the contract, no authentication. They return digests and counts, never a value,
// a token or a client secret.
//   PUT  /_test/flows/{flowId}  {"flowName", "steps": [{"stepId", "stepName", "stepType",
//                                "field", "secretId"}]}  -> 204; creates or replaces the flow
//   PUT  /_test/faults          FaultInjector settings as JSON ({} clears all) -> 200 settings
//   GET  /_test/faults          -> 200 settings
//   POST /_test/rotate-key      {"graceSeconds": N} -> 200 {"keyId", "previousKeyId",
//                                "graceSeconds"}
//   GET  /_test/secrets/{id}/digest -> 200 {"sha256": hex of the opened stored value}; 404
//   GET  /_test/stats           -> 200 counters (see Stats)
//   POST /_test/revoke-tokens   {"refuseNewTokens": bool, "changeClientSecrets": bool}
//                                -> 200 {"revoked": n}
//   PUT  /_test/list-trigger    {"afterLists": N, "delete": [id…], "rename": [{"id", "name"}]}
//                                -> 204; runs the changes once, right after the Nth list request
class TestHooks final {
public:
    // Counted by ApiServer for every request but the hooks' own.
    struct Stats {
        qint64 requests = 0;      // token endpoint and /mint/v1, whatever their outcome
        qint64 tokensIssued = 0;  // 200 from the token endpoint
        qint64 unauthorized = 0;  // 401 from /mint/v1
        qint64 tokenRefusals = 0; // 401 from the token endpoint (invalid_client)
        qint64 listRequests = 0;  // GET /mint/v1/secrets answered 200
    };

    TestHooks(FlowRepository& flows, FaultInjector& faults, SecretRepository& secrets,
              TokenService& tokens, ServerKeys& keys, ClientRegistry& clients);

    QHttpServerResponse putFlow(const QString& flowId, const ServerRequest& request);
    QHttpServerResponse putFaults(const ServerRequest& request);
    QHttpServerResponse getFaults(const ServerRequest& request) const;
    QHttpServerResponse rotateKey(const ServerRequest& request);
    QHttpServerResponse digest(const QString& id) const;
    QHttpServerResponse getStats() const;
    QHttpServerResponse revokeTokens(const ServerRequest& request);
    QHttpServerResponse putListTrigger(const ServerRequest& request);

    [[nodiscard]] Stats& stats() { return m_stats; }
    // Called after every GET /mint/v1/secrets answered 200 (its response already made): counts
    // it and runs an armed list trigger when its turn has come.
    void listAnswered();

private:
    struct ListTrigger {
        int remaining = 0; // list requests until it fires
        QStringList deletions;
        QList<std::pair<QString, QString>> renames; // id, new name
    };

    FlowRepository& m_flows;
    FaultInjector& m_faults;
    SecretRepository& m_secrets;
    TokenService& m_tokens;
    ServerKeys& m_keys;
    ClientRegistry& m_clients;
    Stats m_stats;
    std::optional<ListTrigger> m_listTrigger;
};
