#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

// Opaque bearer tokens (32 random bytes, base64url) kept in memory with their expiry.
class TokenService final {
public:
    struct Grant {
        QString subject;
        QStringList roles;
        QDateTime expiresAt;
    };

    explicit TokenService(int lifetimeSeconds)
        : m_lifetimeSeconds(lifetimeSeconds)
    {
    }

    [[nodiscard]] int lifetimeSeconds() const { return m_lifetimeSeconds; }
    // A new token for subject with roles, valid for lifetimeSeconds().
    [[nodiscard]] QByteArray issue(const QString& subject, const QStringList& roles);
    // The grant of a known, unexpired token.
    [[nodiscard]] std::optional<Grant> validate(const QByteArray& token);
    // Forgets every issued token (POST /_test/revoke-tokens); returns how many were valid.
    // With refuseNew, tokens issued from now on are refused too, until the next revokeAll.
    qsizetype revokeAll(bool refuseNew);

private:
    void dropExpired();

    int m_lifetimeSeconds;
    QHash<QByteArray, Grant> m_grants;
    bool m_refuseAll = false;
};
