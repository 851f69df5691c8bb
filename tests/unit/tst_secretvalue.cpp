#include "SecretValue.h"

#include <QTest>

#include <type_traits>

using namespace Qt::StringLiterals;

// Rule 1 of DESIGN §3, enforced by the compiler.
static_assert(!std::is_copy_constructible_v<SecretValue>);
static_assert(!std::is_copy_assignable_v<SecretValue>);
static_assert(std::is_nothrow_move_constructible_v<SecretValue>);
static_assert(!std::is_convertible_v<SecretValue, QString>);
static_assert(!std::is_convertible_v<SecretValue, QByteArray>);
static_assert(!std::is_convertible_v<QByteArray, SecretValue>); // construction is explicit

namespace {
QByteArray bytesOf(const SecretValue& value)
{
    return value.view().toByteArray();
}
} // namespace

class TestSecretValue : public QObject {
    Q_OBJECT

private slots:
    void defaultIsEmpty();
    void fromBytes();
    void zeroFilled();
    void fromTextIsUtf8();
    void moveConstructionEmptiesSource();
    void moveAssignmentEmptiesSource();
    void truncate();
    void clear();
    void equals();
    void cloneIsIndependent();
};

void TestSecretValue::defaultIsEmpty()
{
    const SecretValue value;
    QVERIFY(value.isEmpty());
    QCOMPARE(value.size(), 0);
    QVERIFY(value.data() == nullptr);
    QVERIFY(value.view().isEmpty());
}

void TestSecretValue::fromBytes()
{
    const QByteArray raw("abc\0def", 7);
    const SecretValue value(raw);
    QCOMPARE(value.size(), 7);
    QCOMPARE(bytesOf(value), raw);
    QVERIFY(value.data() != raw.constData()); // its own copy
    QVERIFY(SecretValue(QByteArrayView()).isEmpty());
}

void TestSecretValue::zeroFilled()
{
    SecretValue value(qsizetype(5));
    QCOMPARE(value.size(), 5);
    QCOMPARE(bytesOf(value), QByteArray(5, '\0'));
    value.data()[2] = 'x';
    QCOMPARE(bytesOf(value), QByteArray("\0\0x\0\0", 5));
    QVERIFY(SecretValue(qsizetype(-3)).isEmpty());
}

void TestSecretValue::fromTextIsUtf8()
{
    const SecretValue value = SecretValue::fromText(u"blåbær €𝄞"_s);
    QCOMPARE(bytesOf(value), QByteArray("bl\xc3\xa5"
                                        "b\xc3\xa6r \xe2\x82\xac\xf0\x9d\x84\x9e"));
    QVERIFY(SecretValue::fromText(QString()).isEmpty());
}

void TestSecretValue::moveConstructionEmptiesSource()
{
    SecretValue source(QByteArrayView("secret"));
    const char* buffer = source.data();
    SecretValue target(std::move(source));
    QCOMPARE(bytesOf(target), QByteArray("secret"));
    QVERIFY(target.data() == buffer); // moved, not copied
    QVERIFY(source.isEmpty());        // NOLINT(bugprone-use-after-move): checking the contract
    QVERIFY(source.data() == nullptr);
}

void TestSecretValue::moveAssignmentEmptiesSource()
{
    SecretValue source(QByteArrayView("new"));
    SecretValue target(QByteArrayView("old value"));
    target = std::move(source);
    QCOMPARE(bytesOf(target), QByteArray("new"));
    QVERIFY(source.isEmpty()); // NOLINT(bugprone-use-after-move)
    QCOMPARE(source.size(), 0);
}

void TestSecretValue::truncate()
{
    SecretValue value(QByteArrayView("0123456789"));
    value.truncate(20); // longer: unchanged
    QCOMPARE(bytesOf(value), QByteArray("0123456789"));
    value.truncate(4);
    QCOMPARE(value.size(), 4);
    QCOMPARE(bytesOf(value), QByteArray("0123"));
    value.truncate(0);
    QVERIFY(value.isEmpty());
    QVERIFY(value.data() == nullptr);
}

void TestSecretValue::clear()
{
    SecretValue value(QByteArrayView("abc"));
    value.clear();
    QVERIFY(value.isEmpty());
    QVERIFY(value.data() == nullptr);
    value.clear(); // twice is fine
    QVERIFY(value.isEmpty());
}

void TestSecretValue::equals()
{
    const SecretValue a(QByteArrayView("same"));
    const SecretValue b(QByteArrayView("same"));
    QVERIFY(a.equals(b));
    QVERIFY(b.equals(a));
    QVERIFY(!a.equals(SecretValue(QByteArrayView("samf"))));
    QVERIFY(!a.equals(SecretValue(QByteArrayView("sam"))));
    QVERIFY(!a.equals(SecretValue(QByteArrayView("same "))));
    QVERIFY(!a.equals(SecretValue()));
    QVERIFY(SecretValue().equals(SecretValue()));
}

void TestSecretValue::cloneIsIndependent()
{
    SecretValue original(QByteArrayView("original"));
    SecretValue copy = original.clone();
    QVERIFY(copy.equals(original));
    QVERIFY(copy.data() != original.data());
    copy.data()[0] = 'X';
    QCOMPARE(bytesOf(original), QByteArray("original"));
    QCOMPARE(bytesOf(copy), QByteArray("Xriginal"));
    copy.clear();
    QCOMPARE(bytesOf(original), QByteArray("original"));
    QVERIFY(SecretValue().clone().isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretValue)
#include "tst_secretvalue.moc"
