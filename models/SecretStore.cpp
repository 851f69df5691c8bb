#include "SecretStore.h"

#include "NameRules.h"

QFuture<StoreResult<QList<FlowReference>>> SecretStore::references(const QUuid&)
{
    return QtFuture::makeReadyFuture(StoreResult<QList<FlowReference>>(QList<FlowReference>{}));
}

StoreError SecretStore::checkName(const QString& name)
{
    const QString problem = NameRules::problem(name);
    return problem.isEmpty() ? StoreError{} : StoreError(StoreError::Code::NameInvalid, problem);
}

StoreError SecretStore::checkValue(const SecretValue& value)
{
    if (value.isEmpty())
        return StoreError(StoreError::Code::ValueEmpty);
    if (value.size() > MaxValueSize)
        return StoreError(StoreError::Code::ValueTooLarge);
    return {};
}
