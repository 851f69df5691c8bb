#include "SecretRepository.h"

#include "NameRules.h"
#include "crypto/Random.h"

#include <QDateTime>
#include <QUuid>

#include <algorithm>

SecretRepository::SecretRepository()
{
    QByteArray key = Random::bytes(Aead::KeySize);
    m_aead = std::make_unique<Aead>(SecretValue(key));
    key.fill('\0');
}

SecretRepository::Page SecretRepository::list(qsizetype offset, qsizetype limit,
                                              const QString& search, Sort sort,
                                              bool descending) const
{
    const QString needle = search.normalized(QString::NormalizationForm_C).toCaseFolded();
    struct Entry {
        const Secret* secret;
        QString key;
    };
    QList<Entry> matches;
    for (const auto& [id, record] : m_records) {
        const QString key = NameRules::uniquenessKey(record.secret.name);
        if (needle.isEmpty() || key.contains(needle))
            matches.append({&record.secret, key});
    }
    std::sort(matches.begin(), matches.end(), [&](const Entry& a, const Entry& b) {
        int order = 0;
        switch (sort) {
        case Sort::Name:
            order = a.key.compare(b.key);
            if (order == 0)
                order = a.secret->name.compare(b.secret->name);
            break;
        case Sort::CreatedAt:
            order = a.secret->createdAt < b.secret->createdAt
                        ? -1
                        : (a.secret->createdAt > b.secret->createdAt ? 1 : 0);
            break;
        case Sort::UpdatedAt:
            order = a.secret->updatedAt < b.secret->updatedAt
                        ? -1
                        : (a.secret->updatedAt > b.secret->updatedAt ? 1 : 0);
            break;
        }
        if (order == 0)
            return a.secret->id < b.secret->id;
        return descending ? order > 0 : order < 0;
    });
    Page page;
    page.total = matches.size();
    for (qsizetype i = offset; i < matches.size() && i < offset + limit; ++i)
        page.items.append(*matches[i].secret);
    return page;
}

std::optional<SecretRepository::Secret> SecretRepository::find(const QString& id) const
{
    const auto it = m_records.find(id);
    if (it == m_records.end())
        return std::nullopt;
    return it->second.secret;
}

bool SecretRepository::nameTaken(const QString& name, const QString& exceptId) const
{
    const QString key = NameRules::uniquenessKey(name);
    return std::any_of(m_records.begin(), m_records.end(), [&](const auto& entry) {
        return entry.first != exceptId && NameRules::uniquenessKey(entry.second.secret.name) == key;
    });
}

SecretRepository::Secret SecretRepository::create(const QString& name, const SecretValue& value,
                                                  const QString& subject)
{
    Record record;
    record.secret.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toLower();
    record.secret.name = NameRules::clean(name);
    record.secret.createdAt = QDateTime::currentMSecsSinceEpoch();
    record.secret.updatedAt = record.secret.createdAt;
    record.secret.createdBy = subject;
    record.secret.updatedBy = subject;
    record.secret.version = 1;
    record.encryptedValue = m_aead->seal(value.view(), record.secret.id.toUtf8());
    const Secret result = record.secret;
    m_records.emplace(result.id, std::move(record));
    return result;
}

std::optional<SecretRepository::Secret> SecretRepository::update(const QString& id,
                                                                 const std::optional<QString>& name,
                                                                 const SecretValue* value,
                                                                 const QString& subject)
{
    const auto it = m_records.find(id);
    if (it == m_records.end())
        return std::nullopt;
    Record& record = it->second;
    if (name)
        record.secret.name = NameRules::clean(*name);
    if (value)
        record.encryptedValue = m_aead->seal(value->view(), id.toUtf8());
    record.secret.updatedAt = QDateTime::currentMSecsSinceEpoch();
    record.secret.updatedBy = subject;
    ++record.secret.version;
    return record.secret;
}

bool SecretRepository::remove(const QString& id)
{
    return m_records.erase(id) > 0;
}
