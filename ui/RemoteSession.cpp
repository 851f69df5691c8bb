#include "RemoteSession.h"

#include "SignInDialog.h"
#include "keychain/CredentialStore.h"
#include "remote/RemoteApiStore.h"

#include <QDir>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

RemoteSession::RemoteSession(RemoteApiStore* store, CredentialStore* credentials,
                             QWidget* dialogParent)
    : QObject(store)
    , m_store(store)
    , m_credentials(credentials)
    , m_dialogParent(dialogParent)
{
}

SignInDialog* RemoteSession::signInDialog() const
{
    return m_dialog;
}

QString RemoteSession::cacheDirectory(const QUuid& profileId)
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
        .filePath(u"remote/"_s + profileId.toString(QUuid::WithoutBraces));
}

void RemoteSession::start()
{
    m_store->open();
    if (!m_store->isSignedIn()) // a store handed over signed in needs no secret
        signInFromKeychain();
}

void RemoteSession::retry()
{
    if (!m_store)
        return;
    if (m_store->isSignedIn())
        m_store->refresh();
    else if (m_dialog)
        m_dialog->raise();
    else
        signInFromKeychain();
}

void RemoteSession::signInFromKeychain()
{
    if (m_signingIn || m_dialog)
        return;
    m_signingIn = true;
    m_credentials->read(m_store->profile().keychainKey())
        .then(this, [this](const CredentialResult& stored) {
            if (stored.status != CredentialResult::Status::Ok) {
                m_signingIn = false;
                m_keychainAvailable = stored.status == CredentialResult::Status::NotFound;
                askForSecret();
                return;
            }
            m_keychainAvailable = true;
            m_store->signIn(stored.value->clone())
                .then(this, [this](const StoreResult<Done>& result) {
                    m_signingIn = false;
                    if (result.ok())
                        return;
                    if (result.error().code() == StoreError::Code::SignInFailed)
                        askForSecret(result.error().message()); // the stored one is outdated
                    else
                        emit message(result.error().message()); // offline: the banner says so
                });
        });
}

void RemoteSession::askForSecret(const QString& error)
{
    if (!m_store)
        return;
    if (m_dialog) {
        m_dialog->raise();
        return;
    }
    m_dialog = new SignInDialog(m_store, m_credentials, m_keychainAvailable, error, m_dialogParent);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &SignInDialog::message, this, &RemoteSession::message);
    m_dialog->open();
}
