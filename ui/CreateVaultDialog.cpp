#include "CreateVaultDialog.h"

#include "FormMessage.h"
#include "PasswordStrength.h"
#include "Theme.h"
#include "vault/LocalVaultStore.h"

#include <QDir>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

CreateVaultDialog::CreateVaultDialog(LocalVaultStore* store, QWidget* parent)
    : FormDialog(parent)
    , m_store(store)
    , m_password(new QLineEdit(this))
    , m_strength(new FormMessage(this))
    , m_confirm(new QLineEdit(this))
    , m_mismatch(new FormMessage(this))
{
    setObjectName(u"createVaultDialog"_s);
    setWindowTitle(tr("Create vault"));
    setHeader(Theme::appIcon(), tr("Create a vault"),
              tr("There is no vault at %1 yet. Choose a password to protect it. Nobody can "
                 "recover your secrets if you forget it.")
                  .arg(wrappablePath(store->path())));
    setAcceptText(tr("&Create vault"));

    for (QLineEdit* edit : {m_password, m_confirm}) {
        makePasswordEdit(edit);
        connect(edit, &QLineEdit::textChanged, this, &CreateVaultDialog::updateHints);
    }
    m_password->setObjectName(u"passwordEdit"_s);
    m_confirm->setObjectName(u"confirmEdit"_s);
    m_strength->setObjectName(u"strengthMessage"_s);
    m_mismatch->setObjectName(u"mismatchMessage"_s);
    addField(tr("&Password"), m_password);
    form()->addWidget(m_strength);
    addField(tr("Con&firm password"), m_confirm);
    form()->addWidget(m_mismatch);

    m_password->setFocus();
    updateHints();
    fitToWidth(480);
}

void CreateVaultDialog::setKdfParams(const KdfParams& params, bool allowWeak)
{
    m_params = params;
    m_allowWeak = allowWeak;
}

void CreateVaultDialog::updateHints()
{
    const auto level = PasswordStrength::assess(m_password->text());
    m_strength->showMessage(PasswordStrength::describe(level),
                            level == PasswordStrength::Level::Strong ? FormMessage::Kind::Success
                                                                     : FormMessage::Kind::Hint);
    if (!m_confirm->text().isEmpty() && m_confirm->text() != m_password->text())
        m_mismatch->showMessage(tr("The passwords do not match."));
    else
        m_mismatch->clearMessage();
    refreshAccept();
}

bool CreateVaultDialog::canSubmit() const
{
    const auto level = PasswordStrength::assess(m_password->text());
    return level != PasswordStrength::Level::Empty && level != PasswordStrength::Level::TooShort
           && m_confirm->text() == m_password->text();
}

void CreateVaultDialog::submit()
{
    setBusy(true, tr("Creating the vault…"));
    const KdfParams params = m_params.value_or(Kdf::defaults());
    m_store->initialize(SecretValue::fromText(m_password->text()), params, m_allowWeak)
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
    m_password->setReadOnly(!enabled);
    m_confirm->setReadOnly(!enabled);
}

void CreateVaultDialog::clearSensitive()
{
    wipe(m_password);
    wipe(m_confirm);
}
