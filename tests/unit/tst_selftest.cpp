// The start-up known-answer self-test (models/crypto/SelfTest): every check passes with the
// published answer and fails with a corrupted one (so each really compares), and the whole run
// is cheap. The failure path of the programs, with a real broken OpenSSL, is in
// tests/integration/tst_processhardening.
#include "crypto/SelfTest.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <vector>

Q_DECLARE_METATYPE(SelfTest::Check)

namespace {
// The first run in this process, before anything else touched OpenSSL (as at start-up).
qint64 g_coldNs = -1;
bool g_coldPassed = false;
} // namespace

class TestSelfTest : public QObject {
    Q_OBJECT

private slots:
    void coldRunPasses();
    void eachCheck_data();
    void eachCheck();
    void runPasses();
    void names();
    void failureMessageNamesTheCheck();
    void cost();
};

void TestSelfTest::coldRunPasses()
{
    QVERIFY(g_coldPassed);
}

void TestSelfTest::eachCheck_data()
{
    QTest::addColumn<SelfTest::Check>("check");
    for (const SelfTest::Check check : SelfTest::AllChecks)
        QTest::newRow(qPrintable(SelfTest::name(check))) << check;
}

void TestSelfTest::eachCheck()
{
    QFETCH(SelfTest::Check, check);
    QVERIFY(SelfTest::passes(check));
    QVERIFY(SelfTest::passes(check, SelfTest::Answer::Published));
    QVERIFY(!SelfTest::passes(check, SelfTest::Answer::Corrupted));
    QVERIFY(SelfTest::passes(check)); // a failed check leaves nothing behind
}

void TestSelfTest::runPasses()
{
    QVERIFY(!SelfTest::run().has_value());
}

void TestSelfTest::names()
{
    QSet<QString> seen;
    for (const SelfTest::Check check : SelfTest::AllChecks) {
        QVERIFY(!SelfTest::name(check).isEmpty());
        seen.insert(SelfTest::name(check));
    }
    QCOMPARE(seen.size(), qsizetype(SelfTest::AllChecks.size()));
    QCOMPARE(SelfTest::name(SelfTest::Check::AesGcm), QStringLiteral("AES-256-GCM"));
}

void TestSelfTest::failureMessageNamesTheCheck()
{
    for (const SelfTest::Check check : SelfTest::AllChecks) {
        const QString message = SelfTest::failureMessage(check);
        QVERIFY(message.contains(SelfTest::name(check)));
        QVERIFY(!message.contains(u'\n'));
    }
}

// Start-up budget: under 5 ms. The cold figure includes OpenSSL loading its configuration and
// providers, which the first crypto use pays anyway.
void TestSelfTest::cost()
{
    std::vector<qint64> warm;
    for (int i = 0; i < 21; ++i) {
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!SelfTest::run().has_value());
        warm.push_back(timer.nsecsElapsed());
    }
    std::sort(warm.begin(), warm.end());
    const qint64 median = warm[warm.size() / 2];
    qInfo("BENCH selftest_cold %.3f ms", double(g_coldNs) / 1e6);
    qInfo("BENCH selftest_warm_median %.3f ms", double(median) / 1e6);
    QVERIFY2(median < 5'000'000, "the self-test costs more than 5 ms");
    // Generous for a loaded CI machine or a sanitizer build; the report quotes the real figure.
    QVERIFY2(g_coldNs < 50'000'000, "the first self-test costs more than 50 ms");
}

int main(int argc, char* argv[])
{
    {
        QElapsedTimer timer;
        timer.start();
        g_coldPassed = !SelfTest::run().has_value();
        g_coldNs = timer.nsecsElapsed();
    }
    QCoreApplication app(argc, argv);
    TestSelfTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_selftest.moc"
