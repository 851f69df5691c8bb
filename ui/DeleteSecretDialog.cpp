#include "DeleteSecretDialog.h"

#include "FormMessage.h"
#include "NameRules.h"
#include "Theme.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

DeleteSecretDialog::DeleteSecretDialog(SecretStore* store, const Secret& secret, QWidget* parent)
    : FormDialog(parent)
    , m_store(store)
    , m_secret(secret)
    , m_references(new QListWidget(this))
    , m_confirm(new QLineEdit(this))
{
    setObjectName(u"deleteSecretDialog"_s);
    setWindowTitle(tr("Delete secret"));
    const QString id = secret.id.toString(QUuid::WithoutBraces);
    const QString heading =
        secret.damaged ? tr("Delete this damaged secret?") : tr("Delete “%1”?").arg(secret.name);
    setHeader(Theme::icon(u"warning"), heading,
              tr("This cannot be undone. Flows that import this secret (reference ID %1) will "
                 "fail at runtime until you update them.")
                  .arg(id));
    setAcceptText(tr("&Delete secret"));
    Theme::makeDestructive(acceptButton());
    acceptButton()->setDefault(false);
    acceptButton()->setAutoDefault(false);
    cancelButton()->setDefault(true);

    m_references->setObjectName(u"referencesList"_s);
    m_references->setMaximumHeight(120);
    m_references->hide();
    m_confirm->setObjectName(u"confirmEdit"_s);
    m_confirm->hide();

    if (m_store->knowsReferences() && !secret.damaged) {
        setBusy(true, tr("Looking for flows that use it…"));
        m_store->references(secret.id).then(
            this, [this](const StoreResult<QList<FlowReference>>& result) {
                setBusy(false);
                if (result.ok())
                    showReferences(result.value());
                else
                    errorMessage()->showMessage(result.error().message(), FormMessage::Kind::Hint);
            });
    }
    connect(m_confirm, &QLineEdit::textChanged, this, &DeleteSecretDialog::refreshAccept);
    cancelButton()->setFocus();
    fitToWidth(520);
    refreshAccept();
}

void DeleteSecretDialog::showReferences(const QList<FlowReference>& references)
{
    if (references.isEmpty()) {
        errorMessage()->showMessage(tr("No flow uses this secret."), FormMessage::Kind::Hint);
        return;
    }
    for (const FlowReference& ref : references)
        m_references->addItem(tr("%1 — step “%2”").arg(ref.flowName, ref.stepName));
    addField(tr("Flows that use it (%n):", nullptr, int(references.size())), m_references);
    addField(tr("Type the name &to confirm"), m_confirm);
    m_references->show();
    m_confirm->show();
    m_needsConfirmation = true;
    m_confirm->setFocus();
    refreshAccept();
}

bool DeleteSecretDialog::canSubmit() const
{
    return !m_needsConfirmation
           || NameRules::uniquenessKey(m_confirm->text())
                  == NameRules::uniquenessKey(m_secret.name);
}

void DeleteSecretDialog::submit()
{
    setBusy(true, tr("Deleting…"));
    m_store->remove(m_secret.id, m_secret.version)
        .then(this, [this](const StoreResult<Done>& result) {
            setBusy(false);
            if (result.ok()) {
                emit secretDeleted(m_secret.id);
                accept();
                return;
            }
            errorMessage()->showMessage(result.error().message());
        });
}

void DeleteSecretDialog::setInputsEnabled(bool enabled)
{
    m_confirm->setReadOnly(!enabled);
}
