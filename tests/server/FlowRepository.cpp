#include "FlowRepository.h"

#include "Database.h"

#include <QSqlQuery>

FlowRepository::FlowRepository(Database& database)
    : m_database(database)
{
}

bool FlowRepository::put(const QString& flowId, const QString& flowName, const QList<Step>& steps)
{
    m_database.begin();
    QSqlQuery flow(m_database.handle());
    flow.prepare(QStringLiteral("INSERT OR REPLACE INTO flows (flow_id, flow_name) VALUES (?, ?)"));
    flow.addBindValue(flowId);
    flow.addBindValue(flowName);
    QSqlQuery clear(m_database.handle());
    clear.prepare(QStringLiteral("DELETE FROM flow_steps WHERE flow_id = ?"));
    clear.addBindValue(flowId);
    bool ok = flow.exec() && clear.exec();
    QSqlQuery insert(m_database.handle());
    insert.prepare(QStringLiteral(
        "INSERT INTO flow_steps (flow_id, position, step_id, step_name, step_type, field,"
        " secret_id) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (qsizetype i = 0; ok && i < steps.size(); ++i) {
        insert.addBindValue(flowId);
        insert.addBindValue(qint64(i));
        insert.addBindValue(steps[i].stepId);
        insert.addBindValue(steps[i].stepName);
        insert.addBindValue(steps[i].stepType);
        insert.addBindValue(steps[i].field);
        insert.addBindValue(steps[i].secretId);
        ok = insert.exec();
    }
    if (!ok) {
        m_database.rollback();
        return false;
    }
    return m_database.commit();
}

QList<FlowRepository::Reference> FlowRepository::referencesTo(const QString& secretId) const
{
    QSqlQuery query(m_database.handle());
    query.prepare(QStringLiteral(
        "SELECT f.flow_id, f.flow_name, s.step_id, s.step_name, s.step_type, s.field"
        " FROM flow_steps s JOIN flows f ON f.flow_id = s.flow_id WHERE s.secret_id = ?"
        " ORDER BY f.flow_id, s.position"));
    query.addBindValue(secretId);
    QList<Reference> references;
    if (!query.exec())
        return references;
    while (query.next()) {
        Reference reference;
        reference.flowId = query.value(0).toString();
        reference.flowName = query.value(1).toString();
        reference.step.stepId = query.value(2).toString();
        reference.step.stepName = query.value(3).toString();
        reference.step.stepType = query.value(4).toString();
        reference.step.field = query.value(5).toString();
        reference.step.secretId = secretId;
        references.append(reference);
    }
    return references;
}

bool FlowRepository::isEmpty() const
{
    QSqlQuery query(m_database.handle());
    return !(query.exec(QStringLiteral("SELECT 1 FROM flows LIMIT 1")) && query.next());
}
