#pragma once

#include "Permissions.h"
#include "Secret.h"
#include "SecretStore.h"
#include "SecretValue.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

// The response bodies of docs/api.md, decoded into model types: one function per response,
// nullopt when a body does not have the contract's shape. The server is not trusted to keep to
// it (a compromised or broken server): nothing here assumes a member exists or has its type.
namespace ApiResponses {

// One secret (GET /secrets/{id}, and the answer to a create or an update): well formed, with a
// name the rules of DESIGN §2 accept (the table shows nothing else).
std::optional<Secret> secret(const QJsonObject& body);

// GET /secrets?sort=id&after=…: one keyset page. Ids must rise strictly and lie above after,
// or paging could loop or skip; every secret must be well formed, its name acceptable.
struct SecretsPage {
    QList<Secret> items;
    QString lastId; // the after= of the next page
    QString cursor; // the changes cursor at the time of the page; empty when none
};
std::optional<SecretsPage> secretsPage(const QJsonObject& body, const QString& after);

// GET /secrets/changes: upserts and deletions after a cursor. Unknown change types (of a later
// contract) are skipped.
struct Change {
    bool deleted = false;
    QUuid id;
    Secret secret; // for an upsert
};
struct ChangesPage {
    QList<Change> changes;
    QString cursor;
    bool hasMore = false;
};
std::optional<ChangesPage> changesPage(const QJsonObject& body);

// GET /me. Missing members read as empty: a client with no roles is a valid answer.
struct Me {
    QString subject;
    QStringList roles;
    Permissions permissions;
    QHash<QString, QStringList> grantedBy; // permission name -> roles
};
Me me(const QJsonObject& body);

// GET /secrets/{id}/references; malformed items are left out.
QList<FlowReference> references(const QJsonObject& body);

// GET /secrets/public-key: a key ID and a 32-byte X25519 key (base64url) for the one algorithm
// this client speaks.
struct PublicKey {
    QString keyId;
    QByteArray key;
};
std::optional<PublicKey> publicKey(const QJsonObject& body);

// POST /auth/open/connect/token (RFC 6749 §5.1): the bearer token and its lifetime (default
// one hour); nullopt without a token or with a lifetime that is not positive.
struct Token {
    SecretValue accessToken;
    qint64 lifetimeMs = 0;
};
std::optional<Token> token(const QJsonObject& body);

} // namespace ApiResponses
