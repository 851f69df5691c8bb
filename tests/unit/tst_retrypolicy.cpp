// The retry policy of docs/api.md §7 as pure functions: Retry-After parsing (delta-seconds and
// the three HTTP-date forms), the delay before each retry with its jitter, and the limits; plus
// the one sentence a 403 becomes.

#include "remote/ApiErrors.h"
#include "remote/RetryPolicy.h"
#include "remote/TokenSource.h"

#include <QTest>

using RetryPolicy::Ms;

class TestRetryPolicy final : public QObject {
    Q_OBJECT

private slots:
    void retryAfterSeconds_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("expected"); // -1: nullopt
        QTest::newRow("seconds") << QByteArray("5") << qint64(5000);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("spaces") << QByteArray("  12 ") << qint64(12000);
        QTest::newRow("empty") << QByteArray("") << qint64(-1);
        QTest::newRow("negative") << QByteArray("-3") << qint64(-1);
        QTest::newRow("fraction") << QByteArray("1.5") << qint64(-1);
        QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::newRow("huge capped") << QByteArray("99999999999999999999999") << qint64(86400000);
    }
    void retryAfterSeconds()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, expected);
        const auto parsed = RetryPolicy::parseRetryAfter(header, QDateTime::currentDateTimeUtc());
        if (expected < 0) {
            QVERIFY(!parsed);
        } else {
            QVERIFY(parsed);
            QCOMPARE(parsed->count(), expected);
        }
    }

    void retryAfterHttpDate_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("expected");
        // now is 08:49:27 GMT on 6 Nov 1994; the dates name 08:49:37, ten seconds later.
        QTest::newRow("IMF-fixdate")
            << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << qint64(10000);
        QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << qint64(10000);
        QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << qint64(10000);
        QTest::newRow("past") << QByteArray("Sun, 06 Nov 1994 08:00:00 GMT") << qint64(0);
    }
    void retryAfterHttpDate()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, expected);
        const QDateTime now(QDate(1994, 11, 6), QTime(8, 49, 27), Qt::UTC);
        const auto parsed = RetryPolicy::parseRetryAfter(header, now);
        QVERIFY(parsed);
        QCOMPARE(parsed->count(), expected);
    }

    void backoffDoublesUpToEightSeconds()
    {
        const qint64 expected[] = {250, 500, 1000, 2000, 4000, 8000, 8000};
        for (int n = 0; n < 7; ++n)
            QCOMPARE(RetryPolicy::delay(n, std::nullopt, 0.0).count(), expected[n]);
    }

    void retryAfterWinsWhenLonger()
    {
        QCOMPARE(RetryPolicy::delay(0, Ms(3000), 0.0).count(), 3000);
        QCOMPARE(RetryPolicy::delay(4, Ms(1000), 0.0).count(), 4000); // backoff is longer
        QCOMPARE(RetryPolicy::delay(0, Ms(0), 0.0).count(), 250);
    }

    void jitterAddsUpToHalf()
    {
        QCOMPARE(RetryPolicy::delay(0, Ms(3000), 0.5).count(), 4500);
        QCOMPARE(RetryPolicy::delay(3, Ms(1000), 0.25).count(), 2500);
        QCOMPARE(RetryPolicy::delay(0, std::nullopt, 7.0).count(), 375); // clamped to 50 %
        QCOMPARE(RetryPolicy::delay(0, std::nullopt, -1.0).count(), 250);
    }

    void limits()
    {
        QVERIFY(RetryPolicy::mayRetry(0, Ms(0), Ms(250)));
        QVERIFY(RetryPolicy::mayRetry(3, Ms(1000), Ms(2000)));
        QVERIFY(!RetryPolicy::mayRetry(4, Ms(0), Ms(250))); // at most 4 retries
        QVERIFY(RetryPolicy::mayRetry(0, Ms(29000), Ms(1000)));
        QVERIFY(!RetryPolicy::mayRetry(0, Ms(29500), Ms(1000))); // past 30 s
    }

    void tokenMargin()
    {
        QCOMPARE(TokenSource::marginMs(3600'000), 60'000);
        QCOMPARE(TokenSource::marginMs(2'000), 400);
    }

    void forbiddenNamesTheRole()
    {
        QCOMPARE(ApiErrors::permissionSentence(QStringLiteral("secrets:delete"),
                                               {QStringLiteral("Mint Admin")}),
                 QStringLiteral("Deleting secrets needs the Mint Admin role."));
        QCOMPARE(
            ApiErrors::permissionSentence(
                QStringLiteral("secrets:write"),
                {QStringLiteral("Mint Admin"), QStringLiteral("Mint Editor")}),
            QStringLiteral(
                "Adding or changing secrets needs one of the roles Mint Admin or Mint Editor."));
        QCOMPARE(ApiErrors::permissionSentence(QStringLiteral("secrets:read"), {}),
                 StoreError::standardMessage(StoreError::Code::PermissionDenied));
    }

    // A server may name many long roles (found by fuzz_api_json): the sentence names four,
    // each shortened, and stays readable.
    void forbiddenNamesAFewRoles()
    {
        QStringList roles;
        for (char c = 'A'; c <= 'F'; ++c)
            roles.append(QString(100, QLatin1Char(c)));
        const QString sentence =
            ApiErrors::permissionSentence(QStringLiteral("secrets:read"), roles);
        const QString shortened = QString(63, QLatin1Char('A')) + QStringLiteral("…");
        QVERIFY2(sentence.startsWith(QStringLiteral("Viewing secrets needs one of the roles ")
                                     + shortened + QStringLiteral(", ")),
                 qPrintable(sentence));
        QVERIFY2(sentence.endsWith(QStringLiteral(" or other roles.")), qPrintable(sentence));
        QVERIFY(!sentence.contains(QLatin1Char('E')));
        QVERIFY(sentence.size() < 400);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
