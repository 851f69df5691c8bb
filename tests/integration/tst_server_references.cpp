// GET /mint/v1/secrets/{id}/references of mint-config-server (docs/api.md §4): the demo flows of
// --demo, flows attached by a test through the --test-hooks endpoint PUT /_test/flows/{flowId},
// 404 for an unknown secret, 403 without secrets:read, and the hook's absence without the flag.

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QUuid>

#include <memory>

#include "ServerTestSupport.h"

using ServerTestSupport::ApiSession;
using ServerTestSupport::Response;
using ServerTestSupport::ServerProcess;

namespace {

const QString Admin = QStringLiteral("admin-bot");

QJsonObject step(const QString& stepId, const QString& stepName, const QString& field,
                 const QString& secretId)
{
    return {{QLatin1String("stepId"), stepId},
            {QLatin1String("stepName"), stepName},
            {QLatin1String("stepType"), QLatin1String("connections.send-http-request")},
            {QLatin1String("field"), field},
            {QLatin1String("secretId"), secretId}};
}

} // namespace

class TestServerReferences final : public QObject {
    Q_OBJECT

private:
    Response references(ApiSession& session, const QString& id, const QString& clientId = Admin)
    {
        return session.send("GET", QStringLiteral("/mint/v1/secrets/%1/references").arg(id),
                            clientId);
    }

private slots:
    void demoFlows()
    {
        ServerProcess demo;
        QVERIFY(demo.start({QStringLiteral("--demo"), QStringLiteral("--add-client"),
                            QStringLiteral("admin-bot:Mint Admin"), QStringLiteral("--add-client"),
                            QStringLiteral("nobody:")}));
        ApiSession session(demo);
        QVERIFY(session.fetchToken(Admin));
        QVERIFY(session.fetchToken(QStringLiteral("nobody")));
        const Response list =
            session.send("GET", QStringLiteral("/mint/v1/secrets?limit=100"), Admin);
        QCOMPARE(list.status, 200);
        const QJsonArray items = list.json().value(QLatin1String("items")).toArray();
        QVERIFY2(items.size() >= 10 && items.size() <= 15, "about a dozen demo secrets");
        QHash<QString, QString> ids; // name -> id
        for (const QJsonValue& item : items)
            ids.insert(item.toObject().value(QLatin1String("name")).toString(),
                       item.toObject().value(QLatin1String("id")).toString());
        QVERIFY(ids.contains(QStringLiteral("CRM access token")));
        QVERIFY(ids.contains(QStringLiteral("SMTP password")));

        int unreferenced = 0;
        int sharedByFlows = 0;
        QSet<QString> flows;
        for (auto it = ids.cbegin(); it != ids.cend(); ++it) {
            const Response response = references(session, it.value());
            QCOMPARE(response.status, 200);
            const QJsonArray found = response.json().value(QLatin1String("items")).toArray();
            QCOMPARE(response.json().value(QLatin1String("total")).toInt(), found.size());
            QSet<QString> flowsOfSecret;
            for (const QJsonValue& value : found) {
                const QJsonObject reference = value.toObject();
                QCOMPARE(reference.keys(),
                         (QStringList{QStringLiteral("field"), QStringLiteral("flowId"),
                                      QStringLiteral("flowName"), QStringLiteral("stepId"),
                                      QStringLiteral("stepName"), QStringLiteral("stepType")}));
                for (const QString& key : reference.keys())
                    QVERIFY(!reference.value(key).toString().isEmpty());
                flowsOfSecret.insert(reference.value(QLatin1String("flowId")).toString());
            }
            flows += flowsOfSecret;
            unreferenced += found.isEmpty() ? 1 : 0;
            sharedByFlows += flowsOfSecret.size() >= 2 ? 1 : 0;
        }
        QVERIFY2(unreferenced >= 1, "some demo secrets are used by no flow");
        QVERIFY2(sharedByFlows >= 1, "some demo secrets are used by two flows or more");
        QVERIFY2(flows.size() >= 3 && flows.size() <= 6, "about four demo flows");

        const Response partner =
            references(session, ids.value(QStringLiteral("Partner API client secret")));
        const QJsonObject first =
            partner.json().value(QLatin1String("items")).toArray().first().toObject();
        QCOMPARE(first.value(QLatin1String("flowName")).toString(),
                 QStringLiteral("Partner onboarding"));
        QCOMPARE(first.value(QLatin1String("stepType")).toString(),
                 QStringLiteral("connections.send-http-request"));
        QCOMPARE(first.value(QLatin1String("field")).toString(),
                 QStringLiteral("body.client_secret"));

        const Response unknown =
            references(session, QUuid::createUuid().toString(QUuid::WithoutBraces));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.problemType(), QStringLiteral("not-found"));
        const Response forbidden = references(session, ids.value(QStringLiteral("SMTP password")),
                                              QStringLiteral("nobody"));
        QCOMPARE(forbidden.status, 403);
        QCOMPARE(forbidden.problemType(), QStringLiteral("forbidden"));

        // Without --test-hooks there is no /_test.
        const Response hook = session.putHook(QStringLiteral("/_test/flows/f-1"),
                                              {{QLatin1String("flowName"), QLatin1String("x")},
                                               {QLatin1String("steps"), QJsonArray()}});
        QCOMPARE(hook.status, 404);
    }

    void flowsAttachedByTheHook()
    {
        ServerProcess server;
        QVERIFY(server.start({QStringLiteral("--test-hooks"), QStringLiteral("--add-client"),
                              QStringLiteral("admin-bot:Mint Admin")}));
        ApiSession session(server);
        QVERIFY(session.signIn({Admin}));
        const Response created = session.create(QStringLiteral("Partner token"), Admin);
        QCOMPARE(created.status, 201);
        const QString id = created.json().value(QLatin1String("id")).toString();
        const Response other = session.create(QStringLiteral("Unused"), Admin);
        const QString otherId = other.json().value(QLatin1String("id")).toString();

        QCOMPARE(references(session, id).json().value(QLatin1String("total")).toInt(), 0);
        const Response put = session.putHook(
            QStringLiteral("/_test/flows/f-42"),
            {{QLatin1String("flowName"), QLatin1String("Partner onboarding")},
             {QLatin1String("steps"),
              QJsonArray{step(QStringLiteral("s-7"), QStringLiteral("Get partner token"),
                              QStringLiteral("body.client_secret"), id),
                         step(QStringLiteral("s-8"), QStringLiteral("Refresh"),
                              QStringLiteral("headers.Authorization"), id),
                         step(QStringLiteral("s-9"), QStringLiteral("Other"),
                              QStringLiteral("body.key"), otherId)}}});
        QCOMPARE(put.status, 204);
        QCOMPARE(session
                     .putHook(QStringLiteral("/_test/flows/f-43"),
                              {{QLatin1String("flowName"), QLatin1String("Nightly export")},
                               {QLatin1String("steps"),
                                QJsonArray{step(QStringLiteral("s-1"), QStringLiteral("Export"),
                                                QStringLiteral("body.token"), id)}}})
                     .status,
                 204);

        const Response response = references(session, id);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(QLatin1String("total")).toInt(), 3);
        const QJsonArray items = response.json().value(QLatin1String("items")).toArray();
        QCOMPARE(items[0].toObject(),
                 (QJsonObject{
                     {QLatin1String("flowId"), QLatin1String("f-42")},
                     {QLatin1String("flowName"), QLatin1String("Partner onboarding")},
                     {QLatin1String("stepId"), QLatin1String("s-7")},
                     {QLatin1String("stepName"), QLatin1String("Get partner token")},
                     {QLatin1String("stepType"), QLatin1String("connections.send-http-request")},
                     {QLatin1String("field"), QLatin1String("body.client_secret")}}));
        QCOMPARE(items[2].toObject().value(QLatin1String("flowId")).toString(),
                 QStringLiteral("f-43"));

        // Replacing a flow replaces its steps.
        QCOMPARE(session
                     .putHook(QStringLiteral("/_test/flows/f-42"),
                              {{QLatin1String("flowName"), QLatin1String("Partner onboarding")},
                               {QLatin1String("steps"), QJsonArray()}})
                     .status,
                 204);
        QCOMPARE(references(session, id).json().value(QLatin1String("total")).toInt(), 1);

        const Response invalid = session.putHook(QStringLiteral("/_test/flows/f-44"),
                                                 {{QLatin1String("steps"), QJsonArray{1}}});
        QCOMPARE(invalid.status, 400);
        QCOMPARE(invalid.problemType(), QStringLiteral("invalid-body"));
    }
};

QTEST_GUILESS_MAIN(TestServerReferences)
#include "tst_server_references.moc"
