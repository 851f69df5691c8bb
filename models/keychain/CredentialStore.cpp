#include "CredentialStore.h"

#include <QPromise>
#include <QTimer>

#include <openssl/crypto.h>
#include <qt6keychain/keychain.h>

#include <functional>
#include <utility>

namespace {

// Wipes the buffer behind bytes in place, including any copy that shares it (QtKeychain keeps
// one inside the job). Read-only raw data is left alone.
void wipe(QByteArray& bytes)
{
    if (!bytes.isEmpty() && bytes.data_ptr().isMutable())
        OPENSSL_cleanse(const_cast<char*>(bytes.constData()), static_cast<size_t>(bytes.size()));
}

CredentialResult unavailable(const QString& reason)
{
    CredentialResult result;
    result.status = CredentialResult::Status::Unavailable;
    result.message = CredentialStore::tr("The system keychain is not available: %1; nothing can "
                                         "be remembered, so you will be asked each time.")
                         .arg(reason);
    return result;
}

CredentialResult withStatus(CredentialResult::Status status)
{
    CredentialResult result;
    result.status = status;
    return result;
}

// Maps a finished job that did not succeed. Error texts come from QtKeychain/libsecret and never
// carry the secret; they are kept only where no better translated reason exists.
CredentialResult failure(const QKeychain::Job& job)
{
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return withStatus(CredentialResult::Status::NotFound);
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return unavailable(CredentialStore::tr("access was denied"));
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return unavailable(CredentialStore::tr("no keychain service was found"));
    default:
        break;
    }
    const QString detail = job.errorString().trimmed();
    return unavailable(detail.isEmpty() ? CredentialStore::tr("an unknown error occurred")
                                        : detail);
}

// One promise, resolved exactly once: by the job or by the timeout, whichever comes first.
struct Pending {
    QPromise<CredentialResult> promise;
    bool done = false;

    void resolve(CredentialResult result)
    {
        if (done)
            return;
        done = true;
        promise.addResult(std::move(result));
        promise.finish();
    }
};

using Handler = std::function<CredentialResult(QKeychain::Job&)>;

// Starts job (no parent, deletes itself once finished) and returns its future. The handler always
// runs when the job finishes, even after a timeout, so it can wipe what the job held.
QFuture<CredentialResult> start(QKeychain::Job* job, std::chrono::milliseconds timeout,
                                Handler handler)
{
    auto pending = std::make_shared<Pending>();
    pending->promise.start();
    QFuture<CredentialResult> future = pending->promise.future();

    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never plain text (DESIGN §3 rule 7)

    auto* timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, job, [pending] {
        pending->resolve(unavailable(CredentialStore::tr("it did not answer in time")));
    });
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [pending, timer, handler = std::move(handler)](QKeychain::Job* finished) {
                         timer->stop();
                         pending->resolve(handler(*finished));
                     });
    timer->start(timeout);
    job->start();
    return future;
}

} // namespace

CredentialStore::CredentialStore(QString service, QObject* parent)
    : QObject(parent)
    , m_service(std::move(service))
{
}

void CredentialStore::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
}

QFuture<CredentialResult> CredentialStore::write(const QString& key, const SecretValue& secret)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    QByteArray bytes(secret.data(), secret.size());
    job->setBinaryData(bytes); // shares bytes' buffer, wiped when the job finishes
    return start(job, m_timeout, [bytes](QKeychain::Job& finished) mutable {
        wipe(bytes);
        return finished.error() == QKeychain::NoError ? withStatus(CredentialResult::Status::Ok)
                                                      : failure(finished);
    });
}

QFuture<CredentialResult> CredentialStore::read(const QString& key)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    return start(job, m_timeout, [](QKeychain::Job& finished) {
        auto& readJob = static_cast<QKeychain::ReadPasswordJob&>(finished);
        QByteArray bytes = readJob.binaryData(); // shares the job's buffer
        if (finished.error() != QKeychain::NoError) {
            wipe(bytes);
            return failure(finished);
        }
        CredentialResult result = withStatus(CredentialResult::Status::Ok);
        result.value = std::make_shared<const SecretValue>(QByteArrayView(bytes));
        wipe(bytes);
        return result;
    });
}

QFuture<CredentialResult> CredentialStore::remove(const QString& key)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    return start(job, m_timeout, [](QKeychain::Job& finished) {
        return finished.error() == QKeychain::NoError ? withStatus(CredentialResult::Status::Ok)
                                                      : failure(finished);
    });
}
