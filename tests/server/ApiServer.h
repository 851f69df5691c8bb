#pragma once

#include "ClientRegistry.h"
#include "TokenService.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponse>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>

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

    const ClientRegistry& m_clients;
    TokenService m_tokens;
    QHttpServer m_server;
};
