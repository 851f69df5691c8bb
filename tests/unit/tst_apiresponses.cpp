// The response bodies of docs/api.md decoded by ApiResponses, as a broken or hostile server might
// send them: what is refused, what is cleaned before the UI shows it, and what stays bounded.
// (tests/fuzz/fuzz_api_json checks the same invariants on generated bodies.)

#include "remote/ApiResponses.h"
#include "remote/JsonMapping.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
QJsonObject secretJson(const QString& id, const QString& name)
{
    return {{QLatin1String("id"), id},
            {QLatin1String("name"), name},
            {QLatin1String("version"), 1},
            {QLatin1String("createdAt"), QLatin1String("2026-11-01T10:00:00.000Z")},
            {QLatin1String("updatedAt"), QLatin1String("2026-11-02T10:00:00.000Z")},
            {QLatin1String("createdBy"), QLatin1String("ci-bot")},
            {QLatin1String("updatedBy"), QLatin1String("ci-bot")}};
}

const QString IdA = QStringLiteral("1a000000-0000-4000-8000-000000000000");
const QString IdB = QStringLiteral("2b000000-0000-4000-8000-000000000000");

QJsonObject page(const QJsonArray& items)
{
    return {{QLatin1String("items"), items}, {QLatin1String("cursor"), QLatin1String("c-1")}};
}
} // namespace

class TestApiResponses final : public QObject {
    Q_OBJECT

private slots:
    void secretsPage()
    {
        const auto good = ApiResponses::secretsPage(page({secretJson(IdA, QStringLiteral("Alpha")),
                                                          secretJson(IdB, QStringLiteral("Beta"))}),
                                                    {});
        QVERIFY(good);
        QCOMPARE(good->items.size(), 2);
        QCOMPARE(good->lastId, IdB);
        QCOMPARE(good->cursor, QStringLiteral("c-1"));
        QCOMPARE(good->items[1].name, QStringLiteral("Beta"));
        QCOMPARE(good->items[1].createdBy, QStringLiteral("ci-bot"));

        // Ids that do not rise, or not above after=, would make paging loop or skip.
        QVERIFY(!ApiResponses::secretsPage(
            page({secretJson(IdB, QStringLiteral("Beta")), secretJson(IdA, QStringLiteral("A"))}),
            {}));
        QVERIFY(!ApiResponses::secretsPage(page({secretJson(IdA, QStringLiteral("Alpha"))}), IdA));
        QVERIFY(!ApiResponses::secretsPage(
            page({secretJson(IdA, QStringLiteral("A")), secretJson(IdA, QStringLiteral("B"))}),
            {}));
        // Names the rules refuse never reach the table.
        for (const QString& name : {QString(), QStringLiteral("   "), QStringLiteral("line\nbreak"),
                                    QStringLiteral("\u202Eevil"), QString(101, QLatin1Char('x'))})
            QVERIFY2(!ApiResponses::secretsPage(page({secretJson(IdA, name)}), {}),
                     qPrintable(name));
        QVERIFY(!ApiResponses::secretsPage({}, {}));
        QVERIFY(!ApiResponses::secretsPage(page({QJsonValue(42)}), {}));
        const auto empty = ApiResponses::secretsPage(page({}), IdB);
        QVERIFY(empty && empty->items.isEmpty());
        QCOMPARE(empty->lastId, IdB);
    }

    void changesPage()
    {
        const QJsonArray changes{
            QJsonObject{{QLatin1String("type"), QLatin1String("upsert")},
                        {QLatin1String("secret"), secretJson(IdA, QStringLiteral("Alpha"))}},
            QJsonObject{{QLatin1String("type"), QLatin1String("delete")},
                        {QLatin1String("id"), IdB}},
            QJsonObject{{QLatin1String("type"), QLatin1String("archive")}}, // a later contract
        };
        const auto good =
            ApiResponses::changesPage({{QLatin1String("changes"), changes},
                                       {QLatin1String("cursor"), QLatin1String("c-2")},
                                       {QLatin1String("hasMore"), true}});
        QVERIFY(good);
        QCOMPARE(good->changes.size(), 2);
        QVERIFY(!good->changes[0].deleted);
        QCOMPARE(good->changes[0].secret.name, QStringLiteral("Alpha"));
        QVERIFY(good->changes[1].deleted);
        QCOMPARE(good->changes[1].id, QUuid::fromString(IdB));
        QVERIFY(good->hasMore);

        QVERIFY(!ApiResponses::changesPage({{QLatin1String("changes"), changes}})); // no cursor
        QVERIFY(!ApiResponses::changesPage(
            {{QLatin1String("changes"),
              QJsonArray{QJsonObject{{QLatin1String("type"), QLatin1String("delete")},
                                     {QLatin1String("id"), QLatin1String("not-an-id")}}}},
             {QLatin1String("cursor"), QLatin1String("c")}}));
        QVERIFY(!ApiResponses::changesPage(
            {{QLatin1String("changes"),
              QJsonArray{QJsonObject{
                  {QLatin1String("type"), QLatin1String("upsert")},
                  {QLatin1String("secret"), secretJson(IdA, QStringLiteral("tab\there"))}}}},
             {QLatin1String("cursor"), QLatin1String("c")}}));
        // hasMore on an empty page would ask forever.
        const auto empty = ApiResponses::changesPage({{QLatin1String("changes"), QJsonArray()},
                                                      {QLatin1String("cursor"), QLatin1String("c")},
                                                      {QLatin1String("hasMore"), true}});
        QVERIFY(empty && !empty->hasMore);
    }

    void meIsCleanedAndBounded()
    {
        QJsonArray roles{QStringLiteral("Mint\u202E Editor\n"), QString(500, QLatin1Char('r'))};
        for (int i = 0; i < 100; ++i)
            roles.append(QStringLiteral("Role %1").arg(i));
        const ApiResponses::Me me = ApiResponses::me(
            {{QLatin1String("subject"), QStringLiteral("ci\u0000-bot\u2028")},
             {QLatin1String("roles"), roles},
             {QLatin1String("permissions"),
              QJsonArray{QLatin1String("secrets:read"), QLatin1String("secrets:everything")}},
             {QLatin1String("grantedBy"),
              QJsonObject{
                  {QLatin1String("secrets:delete"), QJsonArray{QLatin1String("Mint Admin")}},
                  {QLatin1String("made:up"), QJsonArray{QLatin1String("x")}}}}});
        QCOMPARE(me.subject, QStringLiteral("ci-bot"));
        QCOMPARE(me.roles.size(), JsonMapping::MaxStrings);
        QCOMPARE(me.roles[0], QStringLiteral("Mint Editor"));
        QCOMPARE(me.roles[1].size(), JsonMapping::MaxDisplayLength);
        QVERIFY(me.roles[1].endsWith(QChar(0x2026)));
        QCOMPARE(me.permissions, Permissions(Permission::SecretsRead));
        QCOMPARE(me.grantedBy.keys(), QList<QString>{QStringLiteral("secrets:delete")});

        const ApiResponses::Me nobody = ApiResponses::me({});
        QVERIFY(nobody.subject.isEmpty() && nobody.roles.isEmpty());
        QCOMPARE(nobody.permissions, Permissions());
    }

    void displayTextNeverSplitsACharacter()
    {
        // 199 units, then a surrogate pair across the cut: the pair goes whole or not at all.
        const QString text = QString(198, QLatin1Char('a')) + QStringLiteral("\U0001F511xyz");
        const QString shown = JsonMapping::displayText(text);
        QVERIFY(shown.size() <= JsonMapping::MaxDisplayLength);
        QVERIFY(!shown.at(shown.size() - 2).isHighSurrogate());
        QCOMPARE(JsonMapping::displayText(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(JsonMapping::displayText(QJsonValue(3)), QString());
    }

    void references()
    {
        const QList<FlowReference> references = ApiResponses::references(
            {{QLatin1String("items"),
              QJsonArray{QJsonObject{{QLatin1String("flowId"), QLatin1String("f-1")},
                                     {QLatin1String("stepName"), QLatin1String("Verify\r\n")}},
                         QJsonObject{{QLatin1String("field"), QLatin1String("apiKey")}},
                         QJsonValue(7)}}});
        QCOMPARE(references.size(), 1);
        QCOMPARE(references[0].flowName, QStringLiteral("f-1"));
        QCOMPARE(references[0].stepName, QStringLiteral("Verify"));
    }

    void publicKey()
    {
        const QString key = QString::fromLatin1(
            QByteArray(32, '\x07')
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        const auto with = [&key](const QString& keyId, const QString& algorithm,
                                 const QString& publicKey) {
            QJsonObject body{{QLatin1String("keyId"), keyId},
                             {QLatin1String("publicKey"), publicKey}};
            if (!algorithm.isNull())
                body[QLatin1String("algorithm")] = algorithm;
            return ApiResponses::publicKey(body);
        };
        const auto good =
            with(QStringLiteral("k-1"), QStringLiteral("X25519-HKDF-SHA256-A256GCM"), key);
        QVERIFY(good);
        QCOMPARE(good->key, QByteArray(32, '\x07'));
        QVERIFY(with(QStringLiteral("k-1"), QString(), key)); // algorithm is optional
        QVERIFY(!with(QStringLiteral("k-1"), QStringLiteral("RSA-OAEP"), key));
        QVERIFY(!with(QString(), QString(), key));
        QVERIFY(!with(QStringLiteral("k-1"), QString(), key.left(40)));
        QVERIFY(!with(QStringLiteral("k-1"), QString(), key + QLatin1String("!!")));
    }

    void token_data()
    {
        QTest::addColumn<QJsonValue>("expiresIn");
        QTest::addColumn<qint64>("lifetimeMs"); // 0: refused
        QTest::newRow("an hour") << QJsonValue(3600) << qint64(3600'000);
        QTest::newRow("missing: an hour") << QJsonValue(QJsonValue::Undefined) << qint64(3600'000);
        QTest::newRow("zero") << QJsonValue(0) << qint64(0);
        QTest::newRow("negative") << QJsonValue(-5) << qint64(0);
        QTest::newRow("text") << QJsonValue(QLatin1String("soon")) << qint64(3600'000);
        // Far beyond qint64 milliseconds: capped at a year, not undefined behaviour.
        QTest::newRow("1e300") << QJsonValue(1e300) << qint64(366) * 24 * 3600 * 1000;
    }
    void token()
    {
        QFETCH(QJsonValue, expiresIn);
        QFETCH(qint64, lifetimeMs);
        QJsonObject body{{QLatin1String("access_token"), QLatin1String("mt_abc")}};
        if (!expiresIn.isUndefined())
            body[QLatin1String("expires_in")] = expiresIn;
        const auto token = ApiResponses::token(body);
        QCOMPARE(bool(token), lifetimeMs > 0);
        if (token) {
            QCOMPARE(token->lifetimeMs, lifetimeMs);
            QCOMPARE(token->accessToken.view(), QByteArrayView("mt_abc"));
        }
        QVERIFY(!ApiResponses::token({{QLatin1String("expires_in"), 3600}}));
    }
};

QTEST_GUILESS_MAIN(TestApiResponses)
#include "tst_apiresponses.moc"
