#pragma once

#include "SecretValue.h"

#include <QFuture>
#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

namespace QKeychain {
class Job;
}

// The outcome of one keychain operation. Travels inside QFuture, so it is copyable: the secret is
// shared (never copied) through a pointer to a const SecretValue.
struct CredentialResult final {
    enum class Status {
        Ok,         // done; for read(), value holds the secret
        NotFound,   // no entry under that key
        Unavailable // any other error or a timeout: carry on without remembering (DESIGN §3 rule 7)
    };

    Status status = Status::Unavailable;
    std::shared_ptr<const SecretValue> value; // only set by a successful read()
    QString message; // one translated sentence when Unavailable; never contains the secret

    [[nodiscard]] bool ok() const { return status == Status::Ok; }
};

// The one place that talks to the OS keychain (QtKeychain). Every call is asynchronous: the
// returned future resolves on the calling thread (which must run an event loop) when QtKeychain
// reports back, or as Unavailable when the timeout expires first. The insecure plain-text
// fallback of QtKeychain is always off.
class CredentialStore final : public QObject {
    Q_OBJECT

public:
    explicit CredentialStore(QString service = QStringLiteral("mint-config"),
                             QObject* parent = nullptr);

    [[nodiscard]] QString service() const { return m_service; }
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout);

    QFuture<CredentialResult> write(const QString& key, const SecretValue& secret);
    QFuture<CredentialResult> read(const QString& key);
    QFuture<CredentialResult> remove(const QString& key);

private:
    QString m_service;
    std::chrono::milliseconds m_timeout{5000};
};
