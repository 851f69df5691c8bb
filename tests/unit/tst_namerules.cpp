#include "NameRules.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestNameRules : public QObject {
    Q_OBJECT

private slots:
    void cleanTrimsAndNormalizes();
    void uniquenessKey();
    void acceptable_data();
    void acceptable();
    void rejected_data();
    void rejected();
};

void TestNameRules::cleanTrimsAndNormalizes()
{
    QCOMPARE(NameRules::clean(u"  api key \t"_s), u"api key"_s);
    QCOMPARE(NameRules::clean(u"e\u0301"_s), u"\u00e9"_s);
    QCOMPARE(NameRules::clean(u"Caf\u00e9"_s), u"Caf\u00e9"_s);
    QCOMPARE(NameRules::clean(u"  inner  spaces  "_s), u"inner  spaces"_s);
}

void TestNameRules::uniquenessKey()
{
    using NameRules::uniquenessKey;
    QCOMPARE(uniquenessKey(u"e\u0301"_s), uniquenessKey(u"\u00e9"_s));
    QCOMPARE(uniquenessKey(u"\u00c4BC"_s), uniquenessKey(u"\u00e4bc"_s));
    QCOMPARE(uniquenessKey(u"  Database PASSWORD "_s), uniquenessKey(u"database password"_s));
    QCOMPARE(uniquenessKey(u"A\u0308bc"_s), uniquenessKey(u"\u00e4BC"_s)); // decomposed + case
    QVERIFY(uniquenessKey(u"abc"_s) != uniquenessKey(u"abd"_s));
    QVERIFY(uniquenessKey(u"a b"_s) != uniquenessKey(u"ab"_s));
}

void TestNameRules::acceptable_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << u"Database password"_s;
    QTest::newRow("one char") << u"x"_s;
    QTest::newRow("non-Latin") << u"\u043a\u043b\u044e\u0447 \u79d8\u5bc6"_s;
    QTest::newRow("surrounding whitespace") << u"  padded\n"_s;
    QTest::newRow("100 chars") << QString(100, u'a');
    QTest::newRow("100 after trimming") << u"  "_s + QString(100, u'a') + u"  "_s;
    // 99 + 1 non-BMP code point = 100 characters although 101 UTF-16 units.
    QTest::newRow("100 with non-BMP") << QString(99, u'a') + u"\U0001F600"_s;
    QTest::newRow("100 decomposed -> NFC") << QString(99, u'a') + u"e\u0301"_s;
}

void TestNameRules::acceptable()
{
    QFETCH(QString, name);
    QCOMPARE(NameRules::problem(name), QString());
}

void TestNameRules::rejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("empty") << QString();
    QTest::newRow("spaces") << u"   "_s;
    QTest::newRow("whitespace") << u" \t\n "_s;
    QTest::newRow("101 chars") << QString(101, u'a');
    QTest::newRow("101 with non-BMP") << QString(100, u'a') + u"\U0001F600"_s;
    QTest::newRow("tab") << u"a\tb"_s;
    QTest::newRow("newline") << u"a\nb"_s;
    QTest::newRow("carriage return") << u"a\rb"_s;
    QTest::newRow("NUL") << u"a"_s + QChar(u'\0') + u"b"_s;
    QTest::newRow("DEL") << u"a\u007fb"_s;
    QTest::newRow("zero-width space") << u"a\u200Bb"_s;
    QTest::newRow("line separator") << u"a\u2028b"_s;
    QTest::newRow("bidi override") << u"a\u202Eb"_s;
    QTest::newRow("non-BMP tag character") << u"a\U000E0001b"_s;
}

void TestNameRules::rejected()
{
    QFETCH(QString, name);
    QVERIFY(!NameRules::problem(name).isEmpty());
}

QTEST_GUILESS_MAIN(TestNameRules)
#include "tst_namerules.moc"
