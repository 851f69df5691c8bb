#include "AddSecretDialog.h"

#include "CaptureGuard.h"
#include "FormMessage.h"
#include "NameRules.h"
#include "SecretStore.h"
#include "SecretValueEditor.h"
#include "Theme.h"

#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

AddSecretDialog::AddSecretDialog(SecretStore* store, SecretClipboard* clipboard, QWidget* parent)
    : FormDialog(parent)
    , m_store(store)
    , m_name(new QLineEdit(this))
    , m_nameMessage(new FormMessage(this))
    , m_value(new SecretValueEditor(clipboard, this))
{
    setObjectName(u"addSecretDialog"_s);
    setWindowTitle(tr("Add secret"));
    CaptureGuard::protect(this); // the value field
    setHeader(Theme::icon(u"plus", Theme::accentColor(palette())), tr("Add secret"),
              tr("Store sensitive data, such as an access token or a signing key, to reuse in "
                 "your flows. You can see the value only now, while you create it."));
    setFormExpands();
    setAcceptText(tr("&Save secret"));

    m_name->setObjectName(u"nameEdit"_s);
    m_name->setPlaceholderText(tr("For example: My Secret"));
    m_name->setMaxLength(4 * NameRules::MaxLength); // the rule itself is checked and explained
    m_nameMessage->setObjectName(u"nameMessage"_s);
    addField(tr("Secret &name"), m_name);
    form()->addWidget(m_nameMessage);
    addField(tr("Secret &value"), m_value)->setBuddy(m_value->textEdit());
    m_value->setPlaceholderText(tr("Type or paste the value, or generate one"));

    setTabOrder(m_name, m_value->textEdit());
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameTouched = true;
        validateName();
    });
    connect(m_name, &QLineEdit::textChanged, this, &AddSecretDialog::refreshAccept);
    connect(m_value, &SecretValueEditor::changed, this, &AddSecretDialog::refreshAccept);
    connect(m_value, &SecretValueEditor::submitRequested, this, &AddSecretDialog::trySubmit);
    m_name->setFocus();
    fitToWidth(560);
    refreshAccept();
}

bool AddSecretDialog::canSubmit() const
{
    return NameRules::problem(m_name->text()).isEmpty() && !m_value->isEmpty()
           && !m_value->isTooLarge();
}

void AddSecretDialog::validateName()
{
    if (m_nameTouched)
        m_nameMessage->showMessage(NameRules::problem(m_name->text()));
}

void AddSecretDialog::submit()
{
    setBusy(true, tr("Saving…"));
    m_store->create(m_name->text(), m_value->value())
        .then(this, [this](const StoreResult<Secret>& result) {
            setBusy(false);
            if (result.ok()) {
                emit secretCreated(result.value());
                accept(); // done() clears every field
                return;
            }
            const StoreError& error = result.error();
            switch (error.code()) {
            case StoreError::Code::NameTaken:
            case StoreError::Code::NameInvalid:
                m_nameMessage->showMessage(error.message());
                m_name->setFocus();
                m_name->selectAll();
                break;
            default:
                errorMessage()->showMessage(error.message());
                break;
            }
        });
}

void AddSecretDialog::setInputsEnabled(bool enabled)
{
    m_name->setReadOnly(!enabled);
    m_value->setInputEnabled(enabled);
}

void AddSecretDialog::clearSensitive()
{
    m_value->clearValue();
    wipe(m_name);
    m_nameMessage->clearMessage();
    m_nameTouched = false;
}
