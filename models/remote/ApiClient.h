#pragma once

#include "SecretValue.h"
#include "StoreError.h"
#include "remote/RemoteProfile.h"
#include "remote/TokenSource.h"

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

class HttpTransport;

// One /mint/v1 request.
struct ApiRequest {
    QByteArray method = "GET";
    QString path;                                     // below the API base, e.g. "/secrets/changes"
    QList<std::pair<QString, QString>> query;         // unencoded names and values
    std::optional<QJsonObject> body;                  // JSON body, if any
    QList<std::pair<QByteArray, QByteArray>> headers; // If-Match, Idempotency-Key, …
    // Repeat after a connection failure, timeout or truncated response (docs/api.md §7):
    // GET and POST /secrets with its Idempotency-Key; never PATCH or DELETE.
    bool retryAfterConnectionFailure = true;
};

// The outcome of one ApiRequest, retries and token renewal included.
struct ApiResponse {
    int status = 0;                        // 0 when no HTTP response arrived
    QJsonObject json;                      // the body, or the problem
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QString problemType;                   // e.g. "version-mismatch"; empty when none
    StoreError error;                      // none for a usable 2xx
    // A request that is not repeated (PATCH, DELETE) was sent, but its response was lost or cut
    // short: it may or may not have taken effect.
    bool outcomeUnknown = false;

    [[nodiscard]] bool ok() const { return !error.isError(); }
};

// The /mint/v1 API of one profile: bearer tokens from a TokenSource (one new token and a
// repeat after a 401, docs/api.md §2) over an HttpTransport (TLS, timeouts, retries).
class ApiClient final : public QObject {
    Q_OBJECT
public:
    ApiClient(const RemoteProfile& profile, SecretValue clientSecret, QObject* parent = nullptr);
    ~ApiClient() override;

    QFuture<ApiResponse> send(ApiRequest request);
    // Fetches a token now (the sign-in check).
    QFuture<TokenResult> signIn();

    [[nodiscard]] HttpTransport& transport() { return *m_transport; }

    // The profile's URLs are usable (https, or http to loopback only); else an error.
    static StoreError checkProfile(const RemoteProfile& profile);

private:
    struct Call;
    void attempt(const std::shared_ptr<Call>& call);

    QUrl m_apiBase;
    StoreError m_profileError;
    HttpTransport* m_transport;
    TokenSource* m_tokens;
};
