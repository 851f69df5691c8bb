#include "DemoData.h"

#include "FlowRepository.h"
#include "SecretRepository.h"
#include "crypto/Random.h"

#include <QDateTime>
#include <QHash>

namespace {

struct DemoSecret {
    const char* name;
    const char* createdBy;
    int ageHours; // created this long before the server started, so the list looks lived-in
};

const DemoSecret Secrets[] = {
    {"CRM access token", "alice@example.com", 2210},
    {"Partner API client secret", "ci-bot", 1630},
    {"SMTP password", "alice@example.com", 2900},
    {"Signing key passphrase", "bob@example.com", 1205},
    {"Payment gateway API key", "ci-bot", 760},
    {"Slack webhook URL", "bob@example.com", 430},
    {"ID verification API key", "alice@example.com", 1890},
    {"Database read-only password", "ci-bot", 96},
    {"Partner SFTP password", "bob@example.com", 51},
    {"Webhook HMAC secret", "ci-bot", 340},
    {"SMS gateway token", "alice@example.com", 26},
    {"Archive storage access key", "bob@example.com", 3},
};

struct DemoStep {
    const char* stepId;
    const char* stepName;
    const char* stepType;
    const char* field;
    const char* secretName;
};

struct DemoFlow {
    const char* flowId;
    const char* flowName;
    QList<DemoStep> steps;
};

QList<DemoFlow> flows()
{
    return {
        {"f-101",
         "Partner onboarding",
         {{"s-1", "Get partner token", "connections.send-http-request", "body.client_secret",
           "Partner API client secret"},
          {"s-2", "Verify identity", "connections.send-http-request", "headers.Authorization",
           "ID verification API key"},
          {"s-3", "Send welcome email", "notifications.send-email", "smtp.password",
           "SMTP password"}}},
        {"f-102",
         "CRM contact sync",
         {{"s-1", "Fetch contacts", "connections.send-http-request", "headers.Authorization",
           "CRM access token"},
          {"s-2", "Notify the team", "connections.send-http-request", "url", "Slack webhook URL"}}},
        {"f-103",
         "Contract signing",
         {{"s-1", "Sign the contract", "signing.sign-document", "keyPassphrase",
           "Signing key passphrase"},
          {"s-2", "Send the signed copy", "notifications.send-email", "smtp.password",
           "SMTP password"},
          {"s-3", "Archive the contract", "storage.upload-file", "accessKey",
           "Archive storage access key"}}},
        {"f-104",
         "Payment confirmation",
         {{"s-1", "Charge the card", "connections.send-http-request", "headers.X-Api-Key",
           "Payment gateway API key"},
          {"s-2", "Send the receipt by SMS", "notifications.send-sms", "token",
           "SMS gateway token"},
          {"s-3", "Update the CRM", "connections.send-http-request", "headers.Authorization",
           "CRM access token"},
          {"s-4", "Sign the webhook", "crypto.hmac-sign", "key", "Webhook HMAC secret"}}},
    };
}

} // namespace

void DemoData::seed(SecretRepository& secrets, FlowRepository& flowRepository)
{
    if (secrets.count() > 0 || !flowRepository.isEmpty())
        return;
    QHash<QString, QString> ids; // name -> id
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const DemoSecret& demo : Secrets) {
        QByteArray value = Random::bytes(24).toBase64();
        const auto secret =
            secrets.create(QString::fromLatin1(demo.name), SecretValue(value),
                           QString::fromLatin1(demo.createdBy), now - demo.ageHours * 3'600'000LL);
        value.fill('\0');
        if (secret)
            ids.insert(secret->name, secret->id);
    }
    const QList<DemoFlow> demoFlows = flows();
    for (const DemoFlow& flow : demoFlows) {
        QList<FlowRepository::Step> steps;
        for (const DemoStep& step : flow.steps)
            steps.append({QString::fromLatin1(step.stepId), QString::fromLatin1(step.stepName),
                          QString::fromLatin1(step.stepType), QString::fromLatin1(step.field),
                          ids.value(QString::fromLatin1(step.secretName))});
        flowRepository.put(QString::fromLatin1(flow.flowId), QString::fromLatin1(flow.flowName),
                           steps);
    }
}
