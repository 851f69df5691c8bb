#include "remote/HttpTransport.h"

#include "remote/RetryPolicy.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPromise>
#include <QRandomGenerator>
#include <QSslCertificate>
#include <QTimer>

struct HttpTransport::Exchange {
    HttpRequest request;
    QPromise<HttpReply> promise;
    QElapsedTimer clock; // since the first attempt
    int retries = 0;
    int attempts = 0;
    bool sslErrors = false;
    int sendings = 0; // requestSent signals of the current attempt

    ~Exchange()
    {
        if (request.sensitiveBody)
            request.body.fill('\0');
    }
};

namespace {

// A failure that happened before the request could reach the server.
bool certainlyNotSent(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return true;
    default:
        return false;
    }
}

// Network-layer errors (QNetworkReply's 1–199): the connection, not the HTTP status, failed.
bool isTransportError(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && int(error) < 200;
}

} // namespace

HttpTransport::HttpTransport(const QString& caFile, QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_tls(QSslConfiguration::defaultConfiguration())
    , m_jitter([] { return QRandomGenerator::global()->generateDouble() * 0.5; })
{
    m_network->setAutoDeleteReplies(false);
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    if (!caFile.isEmpty()) {
        // Setting CA certificates turns off on-demand loading of the system's, so name both.
        QList<QSslCertificate> authorities = QSslConfiguration::systemCaCertificates();
        authorities += QSslCertificate::fromPath(caFile, QSsl::Pem);
        m_tls.setCaCertificates(authorities);
    }
}

HttpTransport::~HttpTransport() = default;

void HttpTransport::setJitterSource(std::function<double()> jitter)
{
    m_jitter = std::move(jitter);
}

QFuture<HttpReply> HttpTransport::send(HttpRequest request)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->request = std::move(request);
    exchange->promise.start();
    exchange->clock.start();
    QFuture<HttpReply> future = exchange->promise.future();
    attempt(exchange);
    return future;
}

void HttpTransport::attempt(const std::shared_ptr<Exchange>& exchange)
{
    const HttpRequest& spec = exchange->request;
    QNetworkRequest request(spec.url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(int(RetryPolicy::TransferTimeout.count()));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setRawHeader("Accept", "application/json, application/problem+json");
    if (!spec.contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, spec.contentType);
    for (const auto& [name, value] : spec.headers)
        request.setRawHeader(name, value);

    exchange->sslErrors = false;
    exchange->sendings = 0;
    ++exchange->attempts;
    QNetworkReply* reply = m_network->sendCustomRequest(request, spec.method, spec.body);
    connect(reply, &QNetworkReply::sslErrors, this,
            [exchange](const QList<QSslError>&) { exchange->sslErrors = true; });
    connect(reply, &QNetworkReply::requestSent, this, [exchange] { ++exchange->sendings; });
    connect(reply, &QNetworkReply::finished, this,
            [this, exchange, reply] { finished(exchange, reply); });
}

void HttpTransport::finished(const std::shared_ptr<Exchange>& exchange, QNetworkReply* reply)
{
    reply->deleteLater();
    HttpReply result;
    result.attempts = exchange->attempts;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.networkError = reply->error();
    result.body = reply->readAll();
    const auto pairs = reply->rawHeaderPairs();
    for (const auto& [name, value] : pairs)
        result.headers.insert(name.toLower(), value);

    result.tlsFailed =
        exchange->sslErrors || result.networkError == QNetworkReply::SslHandshakeFailedError;
    const bool transportFailed = isTransportError(result.networkError) && !result.tlsFailed;
    if (result.status != 0 && !result.body.isEmpty()) {
        QJsonParseError parseError;
        result.json = QJsonDocument::fromJson(result.body, &parseError);
        if (parseError.error != QJsonParseError::NoError)
            result.json = {};
        if (result.status >= 200 && result.status < 300
            && (parseError.error != QJsonParseError::NoError || transportFailed))
            result.truncated = true;
    } else if (result.status >= 200 && result.status < 300 && transportFailed) {
        result.truncated = true;
    }
    if (result.status >= 200 && result.status < 300 && !result.truncated) {
        const QByteArray length = result.header("content-length");
        bool ok = false;
        const qint64 expected = length.toLongLong(&ok);
        if (ok && expected != result.body.size())
            result.truncated = true;
    }
    const bool connectionProblem = (result.status == 0 && !result.tlsFailed) || result.truncated;
    result.resent = exchange->sendings > 1;
    // Qt repeats a request by itself when a kept-alive connection closes while it waits for the
    // answer, whatever the method. For a request that must not be repeated, an error answer to
    // such a repeat says nothing about the first sending (a 412 or 404 may be its own effect).
    const bool success = result.status >= 200 && result.status < 300;
    result.maybeProcessed = result.truncated
                            || (connectionProblem && !certainlyNotSent(result.networkError))
                            || (result.resent && !success && result.status != 0);

    // docs/api.md §7: after 429 or 503 (and 409 request-in-progress, which also guarantees the
    // request had no effect and says when to come back) any request; after a connection
    // failure only those marked safe.
    // (Not after Qt repeated a request that must not be repeated: the first sending may count.)
    const bool busy = (result.status == 429 || result.status == 503
                       || (result.status == 409 && !result.header("retry-after").isEmpty()))
                      && !(result.resent && !exchange->request.retryAfterConnectionFailure);
    if (busy || (connectionProblem && exchange->request.retryAfterConnectionFailure)) {
        const std::optional<RetryPolicy::Ms> retryAfter =
            busy ? RetryPolicy::parseRetryAfter(result.header("retry-after"),
                                                QDateTime::currentDateTimeUtc())
                 : std::nullopt;
        const RetryPolicy::Ms delay = RetryPolicy::delay(exchange->retries, retryAfter, m_jitter());
        if (RetryPolicy::mayRetry(exchange->retries, RetryPolicy::Ms(exchange->clock.elapsed()),
                                  delay)) {
            ++exchange->retries;
            QTimer::singleShot(delay, this, [this, exchange] { attempt(exchange); });
            return;
        }
    }
    exchange->promise.addResult(std::move(result));
    exchange->promise.finish();
}
