#include "CreateVaultDialog.h"

#include "CaptureGuard.h"
#include "FormMessage.h"
#include "NewPasswordFields.h"
#include "Theme.h"
#include "vault/LocalVaultStore.h"

#include <QDir>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

CreateVaultDialog::CreateVaultDialog(LocalVaultStore* store, QWidget* parent)
    : FormDialog(parent)
    , m_store(store)
    , m_new(new NewPasswordFields(this))
{
    setObjectName(u"createVaultDialog"_s);
    setWindowTitle(tr("Create vault"));
    CaptureGuard::protect(this); // password fields
    setHeader(Theme::appIcon(), tr("Create a vault"),
              tr("There is no vault at %1 yet. Choose a password to protect it. Nobody can "
                 "recover your secrets if you forget it.")
                  .arg(wrappablePath(store->path())));
    setAcceptText(tr("C&reate vault"));

    addField(tr("&Password"), m_new->password());
    form()->addWidget(m_new->strength());
    addField(tr("Con&firm password"), m_new->confirm());
    form()->addWidget(m_new->mismatch());
    connect(m_new, &NewPasswordFields::changed, this, &CreateVaultDialog::refreshAccept);

    m_new->password()->setFocus();
    refreshAccept();
    fitToWidth(480);
}

void CreateVaultDialog::setKdfParams(const KdfParams& params, bool allowWeak)
{
    m_params = params;
    m_allowWeak = allowWeak;
}

bool CreateVaultDialog::canSubmit() const
{
    return m_new->isAcceptable();
}

void CreateVaultDialog::submit()
{
    setBusy(true, tr("Creating the vault…"));
    const KdfParams params = m_params.value_or(Kdf::defaults());
    m_store->initialize(SecretValue::fromText(m_new->password()->text()), params, m_allowWeak)
        .then(this, [this](const StoreResult<Done>& result) {
            setBusy(false);
            if (result.ok()) {
                accept();
                return;
            }
            errorMessage()->showMessage(result.error().message());
        });
}

void CreateVaultDialog::setInputsEnabled(bool enabled)
{
    m_new->setReadOnly(!enabled);
}

void CreateVaultDialog::clearSensitive()
{
    m_new->wipe();
}
