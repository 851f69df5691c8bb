#include "ChangePasswordDialog.h"

#include "FormMessage.h"
#include "PasswordStrength.h"
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
    , m_password(new QLineEdit(this))
    , m_strength(new FormMessage(this))
    , m_confirm(new QLineEdit(this))
    , m_mismatch(new FormMessage(this))
{
    setObjectName(u"changePasswordDialog"_s);
    setWindowTitle(tr("Change password"));
    setHeader(Theme::icon(u"lock", Theme::accentColor(palette())), tr("Change the vault password"),
              tr("Your secrets stay as they are; only the key that protects them is re-wrapped."));
    setAcceptText(tr("C&hange password"));

    for (QLineEdit* edit : {m_current, m_password, m_confirm}) {
        makePasswordEdit(edit);
        connect(edit, &QLineEdit::textChanged, this, &ChangePasswordDialog::updateHints);
    }
    m_current->setObjectName(u"currentEdit"_s);
    m_password->setObjectName(u"passwordEdit"_s);
    m_confirm->setObjectName(u"confirmEdit"_s);
    m_currentMessage->setObjectName(u"currentMessage"_s);
    addField(tr("C&urrent password"), m_current);
    form()->addWidget(m_currentMessage);
    addField(tr("&New password"), m_password);
    form()->addWidget(m_strength);
    addField(tr("Con&firm new password"), m_confirm);
    form()->addWidget(m_mismatch);

    m_current->setFocus();
    updateHints();
    fitToWidth(480);
}

void ChangePasswordDialog::updateHints()
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

bool ChangePasswordDialog::canSubmit() const
{
    const auto level = PasswordStrength::assess(m_password->text());
    return !m_current->text().isEmpty() && level != PasswordStrength::Level::Empty
           && level != PasswordStrength::Level::TooShort && m_confirm->text() == m_password->text();
}

void ChangePasswordDialog::submit()
{
    m_currentMessage->clearMessage();
    setBusy(true, tr("Changing the password…"));
    m_store
        ->changePassword(SecretValue::fromText(m_current->text()),
                         SecretValue::fromText(m_password->text()))
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
    for (QLineEdit* edit : {m_current, m_password, m_confirm})
        edit->setReadOnly(!enabled);
}

void ChangePasswordDialog::clearSensitive()
{
    for (QLineEdit* edit : {m_current, m_password, m_confirm})
        wipe(edit);
}
