#pragma once

#include <QList>
#include <QString>

class Database;

// The flows of the reference server (tables flows and flow_steps): server data that says which
// step of which flow imports which secret, for GET /secrets/{id}/references.
class FlowRepository final {
public:
    struct Step {
        QString stepId;
        QString stepName;
        QString stepType; // e.g. "connections.send-http-request"
        QString field;    // e.g. "body.client_secret"
        QString secretId;
    };
    struct Reference {
        QString flowId;
        QString flowName;
        Step step;
    };

    explicit FlowRepository(Database& database);

    // Creates or replaces flowId with its steps.
    bool put(const QString& flowId, const QString& flowName, const QList<Step>& steps);
    // The steps that import secretId, by flow id then step order.
    [[nodiscard]] QList<Reference> referencesTo(const QString& secretId) const;
    [[nodiscard]] bool isEmpty() const;

private:
    Database& m_database;
};
