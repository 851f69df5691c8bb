#include "PasswordGenerator.h"

#include <QHash>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using PasswordGenerator::Charset;

Q_DECLARE_METATYPE(PasswordGenerator::Charset)

namespace {
QString textOf(const SecretValue& value)
{
    return QString::fromLatin1(value.view());
}
} // namespace

class TestPasswordGenerator : public QObject {
    Q_OBJECT

private slots:
    void alphabets_data();
    void alphabets();
    void lengthIsClamped_data();
    void lengthIsClamped();
    void onlyAlphabetCharacters_data();
    void onlyAlphabetCharacters();
    void valuesDiffer();
    void roughlyUniform_data();
    void roughlyUniform();
};

void TestPasswordGenerator::alphabets_data()
{
    QTest::addColumn<Charset>("charset");
    QTest::addColumn<QString>("expected");
    QString upper, lower, digits, printable;
    for (char16_t c = u'A'; c <= u'Z'; ++c)
        upper += QChar(c);
    for (char16_t c = u'a'; c <= u'z'; ++c)
        lower += QChar(c);
    for (char16_t c = u'0'; c <= u'9'; ++c)
        digits += QChar(c);
    for (char16_t c = 0x21; c <= 0x7e; ++c)
        printable += QChar(c);
    QTest::newRow("url-safe") << Charset::UrlSafe << upper + lower + digits + u"-_"_s;
    QTest::newRow("alphanumeric") << Charset::Alphanumeric << upper + lower + digits;
    QTest::newRow("hex") << Charset::Hex << digits + u"abcdef"_s;
    QTest::newRow("printable") << Charset::Printable << printable;
}

// Compared as sets so the order inside the alphabet does not matter.
void TestPasswordGenerator::alphabets()
{
    QFETCH(Charset, charset);
    QFETCH(QString, expected);
    const QString alphabet = PasswordGenerator::alphabet(charset);
    QCOMPARE(alphabet.size(), expected.size());
    QSet<QChar> actualSet(alphabet.begin(), alphabet.end());
    QCOMPARE(actualSet.size(), alphabet.size()); // no duplicates: they would bias the output
    QCOMPARE(actualSet, QSet<QChar>(expected.begin(), expected.end()));
}

void TestPasswordGenerator::lengthIsClamped_data()
{
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("expected");
    QTest::newRow("negative") << -5 << PasswordGenerator::MinLength;
    QTest::newRow("zero") << 0 << PasswordGenerator::MinLength;
    QTest::newRow("below min") << 7 << PasswordGenerator::MinLength;
    QTest::newRow("min") << 8 << 8;
    QTest::newRow("default") << 32 << 32;
    QTest::newRow("odd") << 77 << 77;
    QTest::newRow("max") << 256 << 256;
    QTest::newRow("above max") << 257 << PasswordGenerator::MaxLength;
    QTest::newRow("huge") << 1'000'000 << PasswordGenerator::MaxLength;
}

void TestPasswordGenerator::lengthIsClamped()
{
    QFETCH(int, requested);
    QFETCH(int, expected);
    QCOMPARE(PasswordGenerator::generate(requested).size(), qsizetype(expected));
    QCOMPARE(PasswordGenerator::generate(requested, Charset::Hex).size(), qsizetype(expected));
    QCOMPARE(PasswordGenerator::generate().size(), qsizetype(PasswordGenerator::DefaultLength));
}

void TestPasswordGenerator::onlyAlphabetCharacters_data()
{
    QTest::addColumn<Charset>("charset");
    QTest::newRow("url-safe") << Charset::UrlSafe;
    QTest::newRow("alphanumeric") << Charset::Alphanumeric;
    QTest::newRow("hex") << Charset::Hex;
    QTest::newRow("printable") << Charset::Printable;
}

void TestPasswordGenerator::onlyAlphabetCharacters()
{
    QFETCH(Charset, charset);
    const QString alphabet = PasswordGenerator::alphabet(charset);
    QSet<QChar> seen;
    for (int round = 0; round < 50; ++round) {
        const SecretValue value =
            PasswordGenerator::generate(PasswordGenerator::MaxLength, charset);
        for (char c : value.view()) {
            QVERIFY(uchar(c) < 0x80);
            QVERIFY2(alphabet.contains(QLatin1Char(c)), qPrintable(u"unexpected %1"_s.arg(int(c))));
            seen.insert(QLatin1Char(c));
        }
    }
    // 12,800 draws: every symbol of an alphabet of at most 94 turns up.
    QCOMPARE(seen.size(), alphabet.size());
}

void TestPasswordGenerator::valuesDiffer()
{
    QSet<QString> values;
    for (int i = 0; i < 100; ++i)
        values.insert(textOf(PasswordGenerator::generate()));
    QCOMPARE(values.size(), 100);
}

void TestPasswordGenerator::roughlyUniform_data()
{
    QTest::addColumn<Charset>("charset");
    QTest::newRow("url-safe (64)") << Charset::UrlSafe;
    QTest::newRow("printable (94, not a power of two)") << Charset::Printable;
}

// About 200k draws; each count must lie within ±25% of the mean, which is more than ten standard
// deviations away: a correct generator never fails, a biased or stuck one does.
void TestPasswordGenerator::roughlyUniform()
{
    QFETCH(Charset, charset);
    const QString alphabet = PasswordGenerator::alphabet(charset);
    QHash<char, int> counts;
    qsizetype draws = 0;
    while (draws < 200'000) {
        const SecretValue value =
            PasswordGenerator::generate(PasswordGenerator::MaxLength, charset);
        for (char c : value.view())
            ++counts[c];
        draws += value.size();
    }
    const double mean = double(draws) / alphabet.size();
    QCOMPARE(counts.size(), alphabet.size());
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        QVERIFY2(it.value() > mean * 0.75 && it.value() < mean * 1.25,
                 qPrintable(u"'%1' drawn %2 times, mean %3"_s.arg(QLatin1Char(it.key()))
                                .arg(it.value())
                                .arg(mean)));
    }
}

QTEST_GUILESS_MAIN(TestPasswordGenerator)
#include "tst_passwordgenerator.moc"
