#include "remote/RetryPolicy.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

namespace RetryPolicy {

namespace {
// An HTTP-date (RFC 9110 §5.6.7): IMF-fixdate, with the obsolete RFC 850 and asctime forms.
QDateTime parseHttpDate(const QString& text)
{
    const QLocale c = QLocale::c();
    static const char* const formats[] = {
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'", // Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",  // Sunday, 06-Nov-94 08:49:37 GMT
        "ddd MMM d HH:mm:ss yyyy",         // Sun Nov  6 08:49:37 1994
    };
    const QString simplified = text.simplified();
    for (const char* format : formats) {
        QDateTime parsed = c.toDateTime(simplified, QLatin1String(format));
        if (parsed.isValid()) {
            if (parsed.date().year() < 1970) // two-digit years of RFC 850
                parsed = parsed.addYears(100);
            parsed.setTimeZone(QTimeZone::utc());
            return parsed;
        }
    }
    return {};
}
} // namespace

std::optional<Ms> parseRetryAfter(QByteArrayView header, const QDateTime& now)
{
    const QByteArray text = header.toByteArray().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    if (std::all_of(text.cbegin(), text.cend(), [](char c) { return c >= '0' && c <= '9'; })) {
        bool ok = false;
        const qlonglong seconds = text.toLongLong(&ok);
        if (!ok) // more digits than fit: as good as forever
            return Ms(std::chrono::hours(24));
        return Ms(std::min<qlonglong>(seconds, 24 * 60 * 60) * 1000);
    }
    const QDateTime date = parseHttpDate(QString::fromLatin1(text));
    if (!date.isValid())
        return std::nullopt;
    return Ms(std::max<qint64>(0, now.msecsTo(date)));
}

Ms delay(int n, std::optional<Ms> retryAfter, double jitter)
{
    const double backoff = std::min<double>(double(MaxBackoff.count()),
                                            double(BaseBackoff.count()) * std::pow(2.0, n));
    const double base = std::max<double>(backoff, retryAfter ? double(retryAfter->count()) : 0.0);
    return Ms(qint64(std::llround(base * (1.0 + std::clamp(jitter, 0.0, 0.5)))));
}

bool mayRetry(int n, Ms elapsed, Ms delay)
{
    return n < MaxRetries && elapsed + delay <= TotalBudget;
}

} // namespace RetryPolicy
