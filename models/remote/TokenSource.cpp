#include "remote/TokenSource.h"

#include "remote/ApiErrors.h"
#include "remote/ApiResponses.h"
#include "remote/HttpTransport.h"

#include <QJsonObject>
#include <QUrl>

#include <algorithm>

namespace {
// Percent-encodes bytes into out without a temporary copy of them (they may be a credential).
void appendFormEncoded(QByteArray& out, QByteArrayView bytes)
{
    static constexpr char Hex[] = "0123456789ABCDEF";
    out.reserve(out.size() + bytes.size() * 3);
    for (const char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-'
            || u == '.' || u == '_' || u == '~') {
            out.append(c);
        } else {
            out.append('%');
            out.append(Hex[u >> 4]);
            out.append(Hex[u & 0xF]);
        }
    }
}
} // namespace

TokenSource::TokenSource(HttpTransport* transport, QUrl tokenUrl, QString clientId,
                         SecretValue clientSecret, QObject* parent)
    : QObject(parent)
    , m_transport(transport)
    , m_tokenUrl(std::move(tokenUrl))
    , m_clientId(std::move(clientId))
    , m_clientSecret(std::move(clientSecret))
{
}

TokenSource::~TokenSource() = default;

qint64 TokenSource::marginMs(qint64 lifetimeMs)
{
    return std::min<qint64>(60'000, lifetimeMs / 5);
}

void TokenSource::invalidate(const AccessToken& token)
{
    if (token && token == m_token)
        clear();
}

void TokenSource::clear()
{
    m_token.reset();
    m_renewAt = QDeadlineTimer();
}

QFuture<TokenResult> TokenSource::token()
{
    if (m_token && !m_renewAt.hasExpired())
        return QtFuture::makeReadyFuture(TokenResult(m_token));
    if (m_pending)
        return *m_pending;

    HttpRequest request;
    request.method = "POST";
    request.url = m_tokenUrl;
    request.contentType = "application/x-www-form-urlencoded";
    request.sensitiveBody = true;
    // A token request changes nothing on the server: safe to repeat after a lost connection.
    request.retryAfterConnectionFailure = true;
    request.body = "grant_type=client_credentials&scope=signicat-api&client_id="
                   + QUrl::toPercentEncoding(m_clientId) + "&client_secret=";
    appendFormEncoded(request.body, m_clientSecret.view());

    QFuture<TokenResult> future =
        m_transport->send(std::move(request)).then(this, [this](HttpReply reply) {
            m_pending.reset();
            const StoreError error = ApiErrors::fromTokenReply(reply);
            if (error.isError())
                return TokenResult(error);
            std::optional<ApiResponses::Token> token = ApiResponses::token(reply.json.object());
            reply.body.fill('\0');
            if (!token)
                return TokenResult(StoreError(StoreError::Code::ServerError));
            m_token = std::make_shared<const SecretValue>(std::move(token->accessToken));
            m_renewAt = QDeadlineTimer(token->lifetimeMs - marginMs(token->lifetimeMs));
            return TokenResult(m_token);
        });
    m_pending = future;
    return future;
}
