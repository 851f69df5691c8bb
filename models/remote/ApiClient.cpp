#include "remote/ApiClient.h"

#include "remote/ApiErrors.h"
#include "remote/HttpTransport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPromise>

struct ApiClient::Call {
    ApiRequest request;
    QPromise<ApiResponse> promise;
    bool renewedToken = false;
};

namespace {
QByteArray encodeQuery(const QList<std::pair<QString, QString>>& query)
{
    QByteArray text;
    for (const auto& [name, value] : query) {
        if (!text.isEmpty())
            text += '&';
        text += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }
    return text;
}
} // namespace

ApiClient::ApiClient(const RemoteProfile& profile, SecretValue clientSecret, QObject* parent)
    : QObject(parent)
    , m_apiBase(profile.apiBaseUrl)
    , m_transport(new HttpTransport(profile.caFile, this))
    , m_tokens(new TokenSource(m_transport,
                               profile.tokenUrl.isEmpty()
                                   ? RemoteProfile::defaultTokenUrl(profile.apiBaseUrl)
                                   : profile.tokenUrl,
                               profile.clientId, std::move(clientSecret), this))
{
    m_profileError = checkProfile(profile);
    QString path = m_apiBase.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    m_apiBase.setPath(path);
}

ApiClient::~ApiClient() = default;

StoreError ApiClient::checkProfile(const RemoteProfile& profile)
{
    const QUrl tokenUrl = profile.tokenUrl.isEmpty()
                              ? RemoteProfile::defaultTokenUrl(profile.apiBaseUrl)
                              : profile.tokenUrl;
    if (!RemoteProfile::isAllowedUrl(profile.apiBaseUrl) || !RemoteProfile::isAllowedUrl(tokenUrl))
        return StoreError(StoreError::Code::TlsUntrusted,
                          QCoreApplication::translate(
                              "RemoteApiStore",
                              "The server address must start with https:// (plain http:// is "
                              "allowed only to this computer)."));
    return {};
}

QFuture<TokenResult> ApiClient::signIn()
{
    if (m_profileError.isError())
        return QtFuture::makeReadyFuture(TokenResult(m_profileError));
    return m_tokens->token();
}

QFuture<ApiResponse> ApiClient::send(ApiRequest request)
{
    if (m_profileError.isError()) {
        ApiResponse response;
        response.error = m_profileError;
        return QtFuture::makeReadyFuture(std::move(response));
    }
    auto call = std::make_shared<Call>();
    call->request = std::move(request);
    call->promise.start();
    QFuture<ApiResponse> future = call->promise.future();
    attempt(call);
    return future;
}

void ApiClient::attempt(const std::shared_ptr<Call>& call)
{
    const auto finish = [call](ApiResponse response) {
        call->promise.addResult(std::move(response));
        call->promise.finish();
    };
    m_tokens->token().then(this, [this, call, finish](TokenResult token) {
        if (!token.ok()) {
            ApiResponse response;
            response.error = token.error();
            finish(std::move(response));
            return;
        }
        const ApiRequest& spec = call->request;
        HttpRequest http;
        http.method = spec.method;
        http.url = m_apiBase;
        http.url.setPath(m_apiBase.path() + spec.path);
        if (!spec.query.isEmpty())
            http.url.setQuery(QString::fromLatin1(encodeQuery(spec.query)), QUrl::StrictMode);
        http.headers = spec.headers;
        QByteArray authorization = "Bearer ";
        authorization.append(token.value()->view());
        http.headers.append({"Authorization", authorization});
        authorization.fill('\0');
        if (spec.body) {
            http.body = QJsonDocument(*spec.body).toJson(QJsonDocument::Compact);
            http.contentType = "application/json";
        }
        http.retryAfterConnectionFailure = spec.retryAfterConnectionFailure;

        m_transport->send(std::move(http))
            .then(this, [this, call, finish, used = token.value()](HttpReply reply) {
                if (reply.status == 401 && !call->renewedToken) {
                    // docs/api.md §2: a new token once, then the same request again.
                    call->renewedToken = true;
                    m_tokens->invalidate(used);
                    attempt(call);
                    return;
                }
                ApiResponse response;
                response.status = reply.status;
                response.json = reply.json.object();
                response.headers = std::move(reply.headers);
                if (!reply.isSuccess())
                    response.problemType = ApiErrors::problemType(response.json);
                response.error = ApiErrors::fromApiReply(reply);
                response.outcomeUnknown =
                    reply.maybeProcessed && !call->request.retryAfterConnectionFailure;
                finish(std::move(response));
            });
    });
}
