#include "crypto/Random.h"

#include <QSet>
#include <QTest>

#include <array>

class TestRandom : public QObject {
    Q_OBJECT

private slots:
    void bytes();
    void secret();
    void uniformStaysInRange();
    void uniformCoversSmallRanges();
};

void TestRandom::bytes()
{
    QCOMPARE(Random::bytes(0).size(), 0);
    QCOMPARE(Random::bytes(-1).size(), 0);
    QCOMPARE(Random::bytes(37).size(), 37);
    QSet<QByteArray> seen;
    for (int i = 0; i < 1000; ++i)
        seen.insert(Random::bytes(16));
    QCOMPARE(seen.size(), 1000);
    // 64 KiB of output uses every byte value.
    const QByteArray big = Random::bytes(64 * 1024);
    QSet<char> values(big.begin(), big.end());
    QCOMPARE(values.size(), 256);
}

void TestRandom::secret()
{
    const SecretValue a = Random::secret(32);
    const SecretValue b = Random::secret(32);
    QCOMPARE(a.size(), 32);
    QVERIFY(!a.equals(b));
    QVERIFY(!a.equals(SecretValue(qsizetype(32)))); // not left zero-filled
    QVERIFY(Random::secret(0).isEmpty());
}

void TestRandom::uniformStaysInRange()
{
    QCOMPARE(Random::uniform(1), 0u);
    for (quint32 bound : {2u, 3u, 10u, 94u, 1000u, 0x80000001u, 0xffffffffu}) {
        for (int i = 0; i < 2000; ++i)
            QVERIFY(Random::uniform(bound) < bound);
    }
}

void TestRandom::uniformCoversSmallRanges()
{
    std::array<int, 7> counts{};
    constexpr int Draws = 70'000;
    for (int i = 0; i < Draws; ++i)
        ++counts[Random::uniform(7)];
    for (int count : counts) // mean 10,000, standard deviation about 93
        QVERIFY2(count > 9'000 && count < 11'000, qPrintable(QString::number(count)));
}

QTEST_GUILESS_MAIN(TestRandom)
#include "tst_random.moc"
