#pragma once

#include <QHttpServerResponder>
#include <QHttpServerResponse>
#include <QJsonObject>
#include <QString>

#include <optional>

// The fault switches of the reference server (for tests and by hand): added latency, every Nth
// request answered 429 or 503 with Retry-After, every Nth connection dropped without a response,
// every Nth response truncated (full Content-Length, half the body, then the socket closes).
// Requests are counted from the last change of the settings. The test hooks are never subject
// to faults; the token endpoint only with includeToken.
class FaultInjector final {
public:
    struct Settings {
        int latencyMs = 0;
        int rateLimitEvery = 0;   // 429 rate-limited
        int unavailableEvery = 0; // 503 unavailable
        int retryAfterSeconds = 1;
        int dropEvery = 0;
        int truncateEvery = 0;
        bool includeToken = false;
    };
    enum class Fault { None, RateLimited, Unavailable, Drop, Truncate };
    struct Decision {
        Fault fault = Fault::None;
        int latencyMs = 0;
    };

    void setSettings(const Settings& settings);
    [[nodiscard]] const Settings& settings() const { return m_settings; }
    // Settings from JSON (members as in Settings; a missing member is 0/false, retryAfterSeconds
    // defaults to 1); nullopt with *errorString when a member is malformed.
    static std::optional<Settings> fromJson(const QJsonObject& object, QString* errorString);
    [[nodiscard]] static QJsonObject toJson(const Settings& settings);

    // Counts one request and says what happens to it. exempt: a test hook.
    Decision next(bool tokenEndpoint, bool exempt);
    // The 429 or 503 problem of a RateLimited or Unavailable decision.
    [[nodiscard]] QHttpServerResponse refusal(Fault fault) const;
    // Sends response through responder after decision.latencyMs, dropped or truncated as decided.
    static void deliver(QHttpServerResponder&& responder, QHttpServerResponse&& response,
                        const Decision& decision);

private:
    Settings m_settings;
    qint64 m_count = 0;
};
