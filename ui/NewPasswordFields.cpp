#include "NewPasswordFields.h"

#include "FormDialog.h"
#include "FormMessage.h"
#include "PasswordStrength.h"

#include <QLineEdit>

using namespace Qt::StringLiterals;

NewPasswordFields::NewPasswordFields(QWidget* parent)
    : QObject(parent)
    , m_password(new QLineEdit(parent))
    , m_strength(new FormMessage(parent))
    , m_confirm(new QLineEdit(parent))
    , m_mismatch(new FormMessage(parent))
{
    m_password->setObjectName(u"passwordEdit"_s);
    m_confirm->setObjectName(u"confirmEdit"_s);
    m_strength->setObjectName(u"strengthMessage"_s);
    m_mismatch->setObjectName(u"mismatchMessage"_s);
    for (QLineEdit* edit : {m_password, m_confirm}) {
        FormDialog::makePasswordEdit(edit);
        connect(edit, &QLineEdit::textChanged, this, &NewPasswordFields::updateHints);
    }
    updateHints();
}

bool NewPasswordFields::isAcceptable() const
{
    const auto level = PasswordStrength::assess(m_password->text());
    return level != PasswordStrength::Level::Empty && level != PasswordStrength::Level::TooShort
           && m_confirm->text() == m_password->text();
}

void NewPasswordFields::setReadOnly(bool readOnly)
{
    m_password->setReadOnly(readOnly);
    m_confirm->setReadOnly(readOnly);
}

void NewPasswordFields::wipe()
{
    FormDialog::wipe(m_password);
    FormDialog::wipe(m_confirm);
}

void NewPasswordFields::updateHints()
{
    const auto level = PasswordStrength::assess(m_password->text());
    m_strength->showMessage(PasswordStrength::describe(level),
                            level == PasswordStrength::Level::Strong ? FormMessage::Kind::Success
                                                                     : FormMessage::Kind::Hint);
    if (!m_confirm->text().isEmpty() && m_confirm->text() != m_password->text())
        m_mismatch->showMessage(tr("The passwords do not match."));
    else
        m_mismatch->clearMessage();
    emit changed();
}
