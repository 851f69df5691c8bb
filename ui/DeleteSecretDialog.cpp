#include "DeleteSecretDialog.h"

#include "FormMessage.h"
#include "NameRules.h"
#include "Theme.h"

#include <QKeyEvent>
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
    cancelButton()->setDefault(true);
    // Still auto-default: Enter on the focused button deletes, as Space does (only then is it
    // the default; Enter elsewhere is Cancel).

    m_references->setObjectName(u"referencesList"_s);
    m_references->setSelectionMode(QAbstractItemView::NoSelection);
    m_references->setFocusPolicy(Qt::NoFocus);
    m_referencesTitle = addField(QString(), m_references);
    m_referencesTitle->setObjectName(u"referencesTitle"_s);
    m_referencesTitle->setWordWrap(true);
    m_referencesTitle->hide();
    m_references->hide();

    m_confirm->setObjectName(u"confirmEdit"_s);
    m_confirm->setAccessibleName(tr("Name of the secret, to confirm"));
    // An "&" in the name is text, not a mnemonic.
    m_confirmTitle = addField(
        tr("Type “%1” &to confirm").arg(QString(secret.name).replace(u'&', u"&&"_s)), m_confirm);
    m_confirmTitle->setObjectName(u"confirmTitle"_s);
    m_confirmTitle->setWordWrap(true);
    m_confirmTitle->setTextFormat(Qt::PlainText);
    m_confirm->installEventFilter(this);
    // A remote backend knows references: deleting there always asks for the name.
    m_needsConfirmation = m_store->knowsReferences() && !secret.damaged;
    m_confirmTitle->setVisible(m_needsConfirmation);
    m_confirm->setVisible(m_needsConfirmation);

    connect(m_confirm, &QLineEdit::textChanged, this, &DeleteSecretDialog::refreshAccept);
    if (m_needsConfirmation) {
        m_confirm->setFocus();
        loadReferences();
    } else {
        cancelButton()->setFocus();
    }
    fitToWidth(520);
    refreshAccept();
}

QString DeleteSecretDialog::describe(const FlowReference& reference)
{
    const QString flow = reference.flowName.isEmpty() ? reference.flowId : reference.flowName;
    if (reference.stepName.isEmpty())
        return flow;
    if (reference.field.isEmpty())
        return tr("%1 — step “%2”").arg(flow, reference.stepName);
    return tr("%1 — step “%2” (%3)").arg(flow, reference.stepName, reference.field);
}

void DeleteSecretDialog::loadReferences()
{
    m_loading = true;
    setBusy(true, tr("Looking for flows that use this secret…"));
    m_store->references(m_secret.id)
        .then(this, [this](const StoreResult<QList<FlowReference>>& result) {
            m_loading = false;
            setBusy(false);
            if (result.ok()) {
                showReferences(result.value());
                return;
            }
            errorMessage()->showMessage(tr("The flows that use this secret could not be listed. %1")
                                            .arg(result.error().message()),
                                        FormMessage::Kind::Hint);
        });
}

void DeleteSecretDialog::showReferences(const QList<FlowReference>& references)
{
    if (references.isEmpty()) {
        errorMessage()->showMessage(tr("No flow uses this secret."), FormMessage::Kind::Hint);
        return;
    }
    for (const FlowReference& reference : references)
        m_references->addItem(describe(reference));
    // As tall as the flows need, up to five rows; more scroll.
    const int rows = int(qMin<qsizetype>(references.size(), 5));
    m_references->setFixedHeight(m_references->sizeHintForRow(0) * rows
                                 + 2 * m_references->frameWidth() + 4);
    m_referencesTitle->setText(tr("These flows use it and will fail at runtime until you update "
                                  "them (%n):",
                                  nullptr, int(references.size())));
    m_references->setAccessibleName(m_referencesTitle->text());
    m_referencesTitle->show();
    m_references->show();
    fitToWidth(width());
    m_confirm->setFocus();
}

bool DeleteSecretDialog::eventFilter(QObject* watched, QEvent* event)
{
    // The typed name is the confirmation: Enter in its field deletes once it matches, and never
    // cancels what was typed (the dialog's default button is Cancel).
    if (watched == m_confirm && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            trySubmit();
            return true;
        }
    }
    return FormDialog::eventFilter(watched, event);
}

bool DeleteSecretDialog::canSubmit() const
{
    return !m_loading && !m_stale
           && (!m_needsConfirmation || NameRules::clean(m_confirm->text()) == m_secret.name);
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
            if (result.error().code() == StoreError::Code::StaleVersion) {
                // Deleting again would delete a version nobody confirmed: look at it first.
                m_stale = true;
                errorMessage()->showMessage(tr("This secret was changed by someone else since "
                                               "you opened this dialog: look at it again before "
                                               "you delete it."));
                refreshAccept();
                return;
            }
            errorMessage()->showMessage(result.error().message());
        });
}

void DeleteSecretDialog::setInputsEnabled(bool enabled)
{
    m_confirm->setReadOnly(!enabled);
}
