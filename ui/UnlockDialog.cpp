#include "UnlockDialog.h"

#include "CaptureGuard.h"
#include "FormMessage.h"
#include "Theme.h"
#include "vault/LocalVaultStore.h"

#include <QDir>
#include <QLineEdit>

using namespace Qt::StringLiterals;

UnlockDialog::UnlockDialog(LocalVaultStore* store, QWidget* parent)
    : FormDialog(parent)
    , m_store(store)
    , m_password(new QLineEdit(this))
{
    setObjectName(u"unlockDialog"_s);
    setWindowTitle(tr("Unlock vault"));
    CaptureGuard::protect(this); // password fields
    setHeader(Theme::icon(u"lock", Theme::accentColor(palette())), tr("Unlock vault"),
              tr("Enter the password of %1.").arg(wrappablePath(store->path())));
    setAcceptText(tr("&Unlock"));

    m_password->setObjectName(u"passwordEdit"_s);
    makePasswordEdit(m_password);
    addField(tr("&Password"), m_password);

    connect(m_password, &QLineEdit::textChanged, this, &UnlockDialog::refreshAccept);
    m_password->setFocus();
    fitToWidth(460);
    refreshAccept();
}

bool UnlockDialog::canSubmit() const
{
    return !m_password->text().isEmpty();
}

void UnlockDialog::submit()
{
    setBusy(true, tr("Unlocking…"));
    m_store->unlock(SecretValue::fromText(m_password->text()))
        .then(this, [this](const StoreResult<Done>& result) {
            setBusy(false);
            if (result.ok()) {
                accept();
                return;
            }
            errorMessage()->showMessage(result.error().message());
            m_password->setFocus();
            m_password->selectAll();
        });
}

void UnlockDialog::setInputsEnabled(bool enabled)
{
    m_password->setReadOnly(!enabled);
}

void UnlockDialog::clearSensitive()
{
    wipe(m_password);
}
