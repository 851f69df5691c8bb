#include "TokenService.h"

#include "crypto/Random.h"

QByteArray TokenService::issue(const QString& subject, const QStringList& roles)
{
    dropExpired();
    const QByteArray token =
        Random::bytes(32).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    m_grants.insert(
        token, Grant{subject, roles, QDateTime::currentDateTimeUtc().addSecs(m_lifetimeSeconds)});
    return token;
}

qsizetype TokenService::revokeAll(bool refuseNew)
{
    dropExpired();
    const qsizetype revoked = m_grants.size();
    m_grants.clear();
    m_refuseAll = refuseNew;
    return revoked;
}

std::optional<TokenService::Grant> TokenService::validate(const QByteArray& token)
{
    if (m_refuseAll)
        return std::nullopt;
    const auto it = m_grants.constFind(token);
    if (it == m_grants.constEnd())
        return std::nullopt;
    if (it->expiresAt <= QDateTime::currentDateTimeUtc()) {
        m_grants.remove(token);
        return std::nullopt;
    }
    return *it;
}

void TokenService::dropExpired()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_grants.removeIf([&now](const auto& entry) { return entry.value().expiresAt <= now; });
}
