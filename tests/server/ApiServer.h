#pragma once

#include "ClientRegistry.h"
#include "SecretRepository.h"
#include "TokenService.h"
#include "crypto/Seal.h"

#include <QHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QJsonValue>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>

#include <optional>

// The routes of docs/api.md on a QHttpServer: the token endpoint (§2) and /mint/v1 (§4).
// Never logs a body, a header value, a token or a secret.
class ApiServer final {
public:
    ApiServer(const ClientRegistry& clients, int tokenLifetimeSeconds);

    // Serves HTTPS with certificate and key (plain HTTP when both are null) on 127.0.0.1.
    // Returns the bound port, 0 on failure.
    quint16 listen(quint16 port, const QSslCertificate& certificate, const QSslKey& key);

    // The permissions (e.g. "secrets:read") the roles grant, in the order of docs/api.md §3.
    [[nodiscard]] static QStringList permissionsFor(const QStringList& roles);

private:
    QHttpServerResponse token(const QHttpServerRequest& request);
    QHttpServerResponse me(const QHttpServerRequest& request);
    QHttpServerResponse listSecrets(const QHttpServerRequest& request);
    QHttpServerResponse getSecret(const QString& id, const QHttpServerRequest& request);
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

    // A stored POST /secrets outcome for its Idempotency-Key (kept 24 hours).
    struct StoredResponse {
        QByteArray bodyHash;
        qint64 storedAt = 0;
        int status = 0;
        QByteArray mimeType;
        QByteArray body;
        QByteArray location;
        QByteArray etag;
    };

    const ClientRegistry& m_clients;
    TokenService m_tokens;
    SecretRepository m_secrets;
    Seal::KeyPair m_sealKey;
    QString m_keyId;
    QHash<QString, StoredResponse> m_idempotency; // subject + '\n' + key
    QHttpServer m_server;
};
