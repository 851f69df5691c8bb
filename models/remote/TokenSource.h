#pragma once

#include "SecretValue.h"
#include "StoreResult.h"

#include <QDeadlineTimer>
#include <QFuture>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

class HttpTransport;

// An access token, shared (never copied) so a 401 can tell which token it was.
using AccessToken = std::shared_ptr<const SecretValue>;
using TokenResult = StoreResult<AccessToken>;

// OAuth 2.0 client credentials (docs/api.md §2) with client_secret_post. Caches the token until
// shortly before it expires; concurrent callers share one token request. The client secret is
// held in a SecretValue and sent only to the token endpoint.
class TokenSource final : public QObject {
    Q_OBJECT
public:
    TokenSource(HttpTransport* transport, QUrl tokenUrl, QString clientId, SecretValue clientSecret,
                QObject* parent = nullptr);
    ~TokenSource() override;

    // A valid token: the cached one, or a new one from the token endpoint.
    QFuture<TokenResult> token();
    // Forgets token if it is still the cached one (the server refused it with 401).
    void invalidate(const AccessToken& token);
    // Forgets the cached token.
    void clear();

    // How long before expiry a token counts as expired: 20 % of its lifetime, at most 60 s.
    static qint64 marginMs(qint64 lifetimeMs);

private:
    HttpTransport* m_transport;
    QUrl m_tokenUrl;
    QString m_clientId;
    SecretValue m_clientSecret;
    AccessToken m_token;
    QDeadlineTimer m_renewAt;
    std::optional<QFuture<TokenResult>> m_pending;
};
