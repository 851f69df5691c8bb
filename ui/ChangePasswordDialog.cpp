#include "ChangePasswordDialog.h"

#include "CaptureGuard.h"
#include "FormMessage.h"
#include "NewPasswordFields.h"
#include "Theme.h"
#include "vault/LocalVaultStore.h"

#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ChangePasswordDialog::ChangePasswordDialog(LocalVaultStore* store, QWidget* parent)
    : FormDialog(parent)
    , m_store(store)
    , m_current(new QLineEdit(this))
    , m_currentMessage(new FormMessage(this))
    , m_new(new NewPasswordFields(this))
{
    setObjectName(u"changePasswordDialog"_s);
    setWindowTitle(tr("Change password"));
    CaptureGuard::protect(this); // password fields
    setHeader(Theme::icon(u"lock", Theme::accentColor(palette())), tr("Change the vault password"),
              tr("Your secrets stay as they are; only the key that protects them is re-wrapped."));
    setAcceptText(tr("C&hange password"));

    makePasswordEdit(m_current);
    m_current->setObjectName(u"currentEdit"_s);
    m_currentMessage->setObjectName(u"currentMessage"_s);
    addField(tr("C&urrent password"), m_current);
    form()->addWidget(m_currentMessage);
    addField(tr("&New password"), m_new->password());
    form()->addWidget(m_new->strength());
    addField(tr("Con&firm new password"), m_new->confirm());
    form()->addWidget(m_new->mismatch());
    connect(m_current, &QLineEdit::textChanged, this, &ChangePasswordDialog::refreshAccept);
    connect(m_new, &NewPasswordFields::changed, this, &ChangePasswordDialog::refreshAccept);

    m_current->setFocus();
    refreshAccept();
    fitToWidth(480);
}

bool ChangePasswordDialog::canSubmit() const
{
    return !m_current->text().isEmpty() && m_new->isAcceptable();
}

void ChangePasswordDialog::submit()
{
    m_currentMessage->clearMessage();
    setBusy(true, tr("Changing the password…"));
    m_store
        ->changePassword(SecretValue::fromText(m_current->text()),
                         SecretValue::fromText(m_new->password()->text()))
        .then(this, [this](const StoreResult<Done>& result) {
            setBusy(false);
            if (result.ok()) {
                accept();
                return;
            }
            if (result.error().code() == StoreError::Code::WrongPassword) {
                m_currentMessage->showMessage(result.error().message());
                m_current->setFocus();
                m_current->selectAll();
            } else {
                errorMessage()->showMessage(result.error().message());
            }
        });
}

void ChangePasswordDialog::setInputsEnabled(bool enabled)
{
    m_current->setReadOnly(!enabled);
    m_new->setReadOnly(!enabled);
}

void ChangePasswordDialog::clearSensitive()
{
    wipe(m_current);
    m_new->wipe();
}
