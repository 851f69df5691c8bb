#pragma once

// The GUI tests' remote backend: the real mint-config-server as a child process (clients
// "admin" with the Mint Admin role, "editor" with Mint Editor and "nobody" without a role, and
// the test hooks), profiles for it, RemoteApiStores signed in to it, and a raw client that acts
// as "another client" and drives the hooks (faults, flows). MINT_SERVER_PATH comes from CMake.

#include "TestSupport.h"
#include "integration/ServerTestSupport.h"
// RemoteTestSupport.h needs ServerTestSupport.h first.
#include "integration/RemoteTestSupport.h"
#include "remote/RemoteApiStore.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>
#include <optional>

namespace RemoteGuiSupport {

using RawClient = RemoteTestSupport::RawClient;

class Server final {
public:
    // Starts the server (qFatal when it does not start: nothing else could be tested).
    explicit Server(const QStringList& extraArguments = {})
    {
        if (!m_process.start(
                QStringList{QStringLiteral("--test-hooks"), QStringLiteral("--add-client"),
                            QStringLiteral("admin:Mint Admin"), QStringLiteral("--add-client"),
                            QStringLiteral("editor:Mint Editor"), QStringLiteral("--add-client"),
                            QStringLiteral("nobody")}
                + extraArguments))
            qFatal("mint-config-server did not start");
    }

    [[nodiscard]] ServerTestSupport::ServerProcess& process() { return m_process; }
    // Stops the process: the app sees a server that is gone.
    void stop() { m_process.stop(); }

    [[nodiscard]] RemoteProfile profile(const QString& clientId,
                                        const QString& name = QStringLiteral("Production")) const
    {
        RemoteProfile p;
        p.id = QUuid::createUuid();
        p.name = name;
        p.apiBaseUrl = m_process.url(QStringLiteral("/mint/v1"));
        p.tokenUrl = RemoteProfile::defaultTokenUrl(p.apiBaseUrl);
        p.clientId = clientId;
        p.caFile = m_process.caPath();
        return p;
    }
    [[nodiscard]] QString secretOf(const QString& clientId) const
    {
        return QString::fromLatin1(m_process.secret(clientId));
    }
    // A raw client of this server: "another client", and the test hooks.
    [[nodiscard]] std::unique_ptr<RawClient> raw(const QString& clientId = QStringLiteral("admin"))
    {
        return std::make_unique<RawClient>(m_process, clientId);
    }

private:
    ServerTestSupport::ServerProcess m_process;
};

// A flow step for PUT /_test/flows/{flowId}.
struct Step {
    QString stepName;
    QString field;
    QUuid secretId;
};

// Creates or replaces the flow flowId (test hook); whether the server took it.
inline bool putFlow(RawClient& hooks, const QString& flowId, const QString& flowName,
                    const QList<Step>& steps)
{
    QJsonArray array;
    int n = 0;
    for (const Step& step : steps) {
        array.append(QJsonObject{
            {QLatin1String("stepId"), QStringLiteral("s-%1").arg(++n)},
            {QLatin1String("stepName"), step.stepName},
            {QLatin1String("stepType"), QStringLiteral("connections.send-http-request")},
            {QLatin1String("field"), step.field},
            {QLatin1String("secretId"), step.secretId.toString(QUuid::WithoutBraces)}});
    }
    return hooks
               .hook("PUT", QStringLiteral("/_test/flows/") + flowId,
                     QJsonObject{{QLatin1String("flowName"), flowName},
                                 {QLatin1String("steps"), array}})
               .status
           == 204;
}

// The id and version of a secret created by a raw client (empty id when it failed).
inline Secret secretFrom(const QJsonObject& json)
{
    Secret secret;
    secret.id = QUuid(json.value(QLatin1String("id")).toString());
    secret.name = json.value(QLatin1String("name")).toString();
    secret.version = json.value(QLatin1String("version")).toInteger();
    return secret;
}

// A RemoteApiStore on profile, opened and signed in (no periodic refresh); null with a warning
// when signing in fails.
inline std::unique_ptr<RemoteApiStore> signedInStore(const RemoteProfile& profile,
                                                     const QString& cacheDirectory,
                                                     const QString& clientSecret)
{
    auto store = std::make_unique<RemoteApiStore>(profile, cacheDirectory);
    store->setRefreshInterval(0);
    store->open();
    const auto result = TestSupport::await(store->signIn(SecretValue::fromText(clientSecret)));
    if (!result.ok()) {
        qWarning("cannot sign in: %s", qPrintable(result.error().message()));
        return nullptr;
    }
    return store;
}

} // namespace RemoteGuiSupport
