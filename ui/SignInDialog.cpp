#include "SignInDialog.h"

#include "CaptureGuard.h"
#include "FormMessage.h"
#include "Theme.h"
#include "keychain/CredentialStore.h"
#include "remote/RemoteApiStore.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QUrl>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
// A URL for a wrapping label: it may break after a slash of its path, never inside
// "https://host:port" nor at a hyphen.
QString wrappableUrl(const QUrl& url)
{
    QString shown = url.toDisplayString().replace(u'-', QChar(0x2011));
    const qsizetype scheme = shown.indexOf(u"://"_s);
    const qsizetype path = shown.indexOf(u'/', scheme < 0 ? 0 : scheme + 3);
    if (path < 0)
        return shown;
    // A word joiner after each slash of "://" (a slash otherwise allows a break after it).
    const QChar joiner(0x2060);
    return shown.left(path).replace(u"://"_s, u":/"_s + joiner + u'/' + joiner)
           + shown.mid(path).replace(u"/"_s, u"/"_s + QChar(0x200B));
}
} // namespace

SignInDialog::SignInDialog(RemoteApiStore* store, CredentialStore* credentials,
                           bool keychainAvailable, const QString& error, QWidget* parent)
    : FormDialog(parent)
    , m_store(store)
    , m_credentials(credentials)
    , m_keychainAvailable(keychainAvailable)
    , m_secret(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember in the system keychain"), this))
    , m_rememberNote(new QLabel(this))
{
    setObjectName(u"signInDialog"_s);
    const RemoteProfile& profile = store->profile();
    setWindowTitle(tr("Sign in to %1").arg(profile.name));
    CaptureGuard::protect(this); // the client secret field
    setHeader(Theme::icon(u"cloud", Theme::accentColor(palette())),
              tr("Sign in to %1").arg(profile.name),
              tr("Enter the client secret of the client “%1” for %2.")
                  .arg(profile.clientId, wrappableUrl(profile.apiBaseUrl)));
    setAcceptText(tr("&Sign in"));

    m_secret->setObjectName(u"clientSecretEdit"_s);
    makePasswordEdit(m_secret);
    addField(tr("Client s&ecret"), m_secret);

    m_remember->setObjectName(u"rememberCheck"_s);
    m_remember->setChecked(keychainAvailable);
    m_remember->setEnabled(keychainAvailable);
    m_rememberNote->setObjectName(u"rememberNote"_s);
    m_rememberNote->setWordWrap(true);
    m_rememberNote->setTextFormat(Qt::PlainText);
    m_rememberNote->setText(
        keychainAvailable
            ? tr("Only the system keychain keeps it; it is never written to the settings.")
            : tr("The system keychain is not available: you will be asked for the client "
                 "secret each time."));
    QPalette muted = m_rememberNote->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_rememberNote->setPalette(muted);
    form()->addSpacing(6);
    form()->addWidget(m_remember);
    form()->addWidget(m_rememberNote);

    connect(m_secret, &QLineEdit::textChanged, this, &SignInDialog::refreshAccept);
    if (!error.isEmpty())
        errorMessage()->showMessage(error);
    m_secret->setFocus();
    fitToWidth(480);
    refreshAccept();
}

bool SignInDialog::canSubmit() const
{
    return !m_secret->text().isEmpty();
}

void SignInDialog::submit()
{
    SecretValue secret = SecretValue::fromText(m_secret->text());
    std::shared_ptr<SecretValue> remembered;
    if (m_keychainAvailable && m_remember->isChecked())
        remembered = std::make_shared<SecretValue>(secret.clone());
    setBusy(true, tr("Signing in…"));
    m_store->signIn(std::move(secret))
        .then(this, [this, remembered](const StoreResult<Done>& result) {
            if (!result.ok()) {
                setBusy(false);
                errorMessage()->showMessage(result.error().message());
                wipe(m_secret);
                m_secret->setFocus();
                return;
            }
            if (!remembered) {
                setBusy(false);
                accept();
                return;
            }
            setBusy(true, tr("Saving in the system keychain…"));
            m_credentials->write(m_store->profile().keychainKey(), *remembered)
                .then(this, [this](const CredentialResult& stored) {
                    setBusy(false);
                    if (stored.status == CredentialResult::Status::Unavailable)
                        emit message(stored.message);
                    accept();
                });
        });
}

void SignInDialog::setInputsEnabled(bool enabled)
{
    m_secret->setReadOnly(!enabled);
    m_remember->setEnabled(enabled && m_keychainAvailable);
}

void SignInDialog::clearSensitive()
{
    wipe(m_secret);
}
