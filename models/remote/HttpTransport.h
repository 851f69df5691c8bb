#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QFuture>
#include <QHash>
#include <QJsonDocument>
#include <QList>
#include <QNetworkReply>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;

// One HTTP exchange as HttpTransport sends it.
struct HttpRequest {
    QByteArray method; // GET, POST, PATCH, DELETE
    QUrl url;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QByteArray contentType; // set when body is sent
    // After a connection failure, a timeout or a truncated response: may the request be sent
    // again? True for GET and for POST /secrets with its Idempotency-Key (docs/api.md §7).
    bool retryAfterConnectionFailure = false;
    // The body holds a credential: wiped when the exchange is over.
    bool sensitiveBody = false;
};

// What came back, after the retries of docs/api.md §7.
struct HttpReply {
    int status = 0; // 0: no HTTP response arrived
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    bool tlsFailed = false;      // the certificate or host name could not be verified
    bool maybeProcessed = false; // no (complete) response, but the request may have arrived
    bool truncated = false;      // a 2xx whose JSON body was cut short or unreadable
    // Qt sent the request more than once, because a kept-alive connection closed while it waited
    // for the answer (Qt does that whatever the method). The answer is to the last sending; an
    // earlier one may have taken effect. Seen through QNetworkReply::requestSent, which Qt emits
    // only for requests with a body: a repeated DELETE goes unnoticed (its If-Match makes the
    // repeat harmless; it answers 404, and the row goes, which is what the server has).
    bool resent = false;
    QByteArray body;
    QJsonDocument json;                    // the parsed body when it is JSON
    QHash<QByteArray, QByteArray> headers; // lower-case names
    int attempts = 0;

    [[nodiscard]] bool isSuccess() const { return status >= 200 && status < 300 && !truncated; }
    [[nodiscard]] QByteArray header(const QByteArray& lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
};

// HTTPS on one QNetworkAccessManager: verified TLS (system CAs plus the profile's optional CA
// file, never ignoreSslErrors), a 15 s transfer timeout, and the retry policy of docs/api.md §7
// (429/503 with Retry-After, backoff with jitter, at most 4 retries within 30 s). Replies and
// futures finish on the thread of this object.
class HttpTransport final : public QObject {
    Q_OBJECT
public:
    // caFile: an extra PEM CA to trust besides the system's; empty for none.
    explicit HttpTransport(const QString& caFile, QObject* parent = nullptr);
    ~HttpTransport() override;

    QFuture<HttpReply> send(HttpRequest request);

    // For tests: the jitter source (a number in [0, 0.5]); defaults to a random one.
    void setJitterSource(std::function<double()> jitter);

private:
    struct Exchange;
    void attempt(const std::shared_ptr<Exchange>& exchange);
    void finished(const std::shared_ptr<Exchange>& exchange, QNetworkReply* reply);

    QNetworkAccessManager* m_network;
    QSslConfiguration m_tls;
    std::function<double()> m_jitter;
};
