#include "EditSecretDialog.h"

#include "CaptureGuard.h"
#include "FormMessage.h"
#include "NameRules.h"
#include "SecretStore.h"
#include "SecretValueEditor.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace Qt::StringLiterals;

EditSecretDialog::EditSecretDialog(SecretStore* store, SecretClipboard* clipboard,
                                   const Secret& secret, QWidget* parent)
    : FormDialog(parent)
    , m_store(store)
    , m_secret(secret)
    , m_referenceId(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_nameMessage(new FormMessage(this))
    , m_value(new SecretValueEditor(clipboard, this))
    , m_reload(new QPushButton(tr("&Reload"), this))
{
    setObjectName(u"editSecretDialog"_s);
    setWindowTitle(tr("Edit secret"));
    CaptureGuard::protect(this); // the value field
    setHeader(Theme::icon(u"pencil", Theme::accentColor(palette())), tr("Edit secret"),
              tr("Renaming does not break flows: they import the secret by its reference ID. "
                 "A new value is used by every flow that imports the secret."));
    setFormExpands();
    setAcceptText(tr("&Save changes"));

    m_referenceId->setObjectName(u"referenceIdLabel"_s);
    m_referenceId->setFont(Theme::monospaceFont());
    m_referenceId->setText(secret.id.toString(QUuid::WithoutBraces));
    m_referenceId->setTextInteractionFlags(Qt::TextSelectableByMouse
                                           | Qt::TextSelectableByKeyboard);
    m_referenceId->setAccessibleName(tr("Reference ID"));
    addField(tr("Reference ID"), m_referenceId);

    m_name->setObjectName(u"nameEdit"_s);
    m_name->setText(secret.name);
    m_name->setMaxLength(4 * NameRules::MaxLength);
    m_nameMessage->setObjectName(u"nameMessage"_s);
    addField(tr("Secret &name"), m_name);
    form()->addWidget(m_nameMessage);

    addField(tr("New secret &value"), m_value)->setBuddy(m_value->textEdit());
    m_value->setPlaceholderText(tr("Leave empty to keep the current value"));

    m_reload->setObjectName(u"reloadButton"_s);
    m_reload->setAccessibleName(tr("Reload the secret"));
    m_reload->setAutoDefault(false);
    m_reload->hide();
    auto* reloadRow = new QHBoxLayout;
    reloadRow->addStretch(1);
    reloadRow->addWidget(m_reload);
    form()->addLayout(reloadRow);

    setTabOrder(m_name, m_value->textEdit());
    connect(m_name, &QLineEdit::textEdited, this, &EditSecretDialog::validateName);
    connect(m_name, &QLineEdit::textChanged, this, &EditSecretDialog::refreshAccept);
    connect(m_value, &SecretValueEditor::changed, this, &EditSecretDialog::refreshAccept);
    connect(m_value, &SecretValueEditor::submitRequested, this, &EditSecretDialog::trySubmit);
    connect(m_reload, &QPushButton::clicked, this, &EditSecretDialog::reload);
    m_name->setFocus();
    m_name->selectAll();
    fitToWidth(560);
    refreshAccept();
}

bool EditSecretDialog::nameChanged() const
{
    return NameRules::clean(m_name->text()) != m_secret.name;
}

bool EditSecretDialog::canSubmit() const
{
    return !m_gone && NameRules::problem(m_name->text()).isEmpty() && !m_value->isTooLarge()
           && (nameChanged() || !m_value->isEmpty());
}

void EditSecretDialog::validateName()
{
    m_nameMessage->showMessage(NameRules::problem(m_name->text()));
}

void EditSecretDialog::submit()
{
    std::optional<QString> newName;
    if (nameChanged())
        newName = m_name->text();
    std::optional<SecretValue> newValue;
    if (!m_value->isEmpty())
        newValue = m_value->value();
    m_reload->hide();
    setBusy(true, tr("Saving…"));
    m_store->update(m_secret.id, m_secret.version, std::move(newName), std::move(newValue))
        .then(this, [this](const StoreResult<Secret>& result) {
            setBusy(false);
            if (result.ok()) {
                m_secret = result.value();
                emit secretUpdated(m_secret);
                accept();
                return;
            }
            const StoreError& error = result.error();
            switch (error.code()) {
            case StoreError::Code::NameTaken:
            case StoreError::Code::NameInvalid:
                m_nameMessage->showMessage(error.message());
                m_name->setFocus();
                break;
            case StoreError::Code::StaleVersion:
                errorMessage()->showMessage(tr("This secret was changed by someone else."));
                m_reload->show();
                m_reload->setFocus();
                break;
            case StoreError::Code::NotFound:
                m_gone = true;
                errorMessage()->showMessage(error.message());
                refreshAccept();
                break;
            default:
                errorMessage()->showMessage(error.message());
                break;
            }
        });
}

void EditSecretDialog::reload()
{
    m_reload->hide();
    setBusy(true, tr("Reloading…"));
    m_store->refresh(); // a remote backend fetches what changed; a local vault has nothing to do
    m_store->list().then(this, [this](const StoreResult<QList<Secret>>& result) {
        setBusy(false);
        if (!result.ok()) {
            errorMessage()->showMessage(result.error().message());
            m_reload->show();
            return;
        }
        const auto& secrets = result.value();
        const auto it = std::find_if(secrets.begin(), secrets.end(),
                                     [this](const Secret& s) { return s.id == m_secret.id; });
        if (it == secrets.end()) {
            m_gone = true;
            errorMessage()->showMessage(tr("Someone else deleted this secret."));
            refreshAccept();
            return;
        }
        // Start over from the current state: its name and version, and an empty value field,
        // so nothing typed before overwrites the other change without a second look.
        m_secret = *it;
        m_name->setText(m_secret.name);
        m_value->clearValue();
        m_nameMessage->clearMessage();
        errorMessage()->showMessage(
            tr("Reloaded: this is the current version, now named “%1”. Make your changes again "
               "and save.")
                .arg(m_secret.name),
            FormMessage::Kind::Hint);
        m_name->setFocus();
        refreshAccept();
    });
}

void EditSecretDialog::setInputsEnabled(bool enabled)
{
    m_name->setReadOnly(!enabled);
    m_value->setInputEnabled(enabled);
    m_reload->setEnabled(enabled);
}

void EditSecretDialog::clearSensitive()
{
    m_value->clearValue();
}
