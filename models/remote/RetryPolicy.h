#pragma once

#include <QByteArrayView>
#include <QDateTime>

#include <chrono>
#include <optional>

// The retry policy of docs/api.md §7 as pure functions, so it can be tested without a network.
namespace RetryPolicy {
using Ms = std::chrono::milliseconds;

inline constexpr int MaxRetries = 4;     // at most 4 retries (5 attempts)
inline constexpr Ms TotalBudget{30'000}; // no retry may start 30 s after the first attempt
inline constexpr Ms MaxBackoff{8'000};   // min(8 s, 0.25 s · 2^n)
inline constexpr Ms BaseBackoff{250};
inline constexpr Ms TransferTimeout{15'000}; // 15 s without progress

// A Retry-After header value: delta-seconds or an HTTP-date (IMF-fixdate, RFC 850 or asctime),
// relative to now. nullopt when absent or unreadable; a date in the past gives 0.
std::optional<Ms> parseRetryAfter(QByteArrayView header, const QDateTime& now);

// The delay before retry n (n = 0, 1, …): max(retryAfter, min(8 s, 0.25 s · 2^n)) plus
// jitter (0 ≤ jitter ≤ 0.5) of that delay.
Ms delay(int n, std::optional<Ms> retryAfter, double jitter);

// Whether retry n may happen: n < MaxRetries and it starts (after elapsed time plus delay)
// within the total budget.
bool mayRetry(int n, Ms elapsed, Ms delay);
} // namespace RetryPolicy
