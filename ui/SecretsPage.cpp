#include "SecretsPage.h"

#include "AddSecretDialog.h"
#include "DeleteSecretDialog.h"
#include "EditSecretDialog.h"
#include "PermissionText.h"
#include "SecretClipboard.h"
#include "SecretStore.h"
#include "SecretsDelegate.h"
#include "SecretsProxyModel.h"
#include "SecretsTableModel.h"
#include "Theme.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
enum StackPage { TablePage, EmptyPage, NoMatchPage };
} // namespace

SecretsPage::SecretsPage(SecretClipboard* clipboard, QWidget* parent)
    : QWidget(parent)
    , m_clipboard(clipboard)
    , m_model(new SecretsTableModel(this))
    , m_proxy(new SecretsProxyModel(this))
    , m_addAction(new QAction(Theme::icon(u"plus"), tr("&Add secret…"), this))
    , m_editAction(new QAction(Theme::icon(u"pencil"), tr("&Edit secret…"), this))
    , m_deleteAction(new QAction(Theme::icon(u"bin"), tr("&Delete secret…"), this))
    , m_copyIdAction(new QAction(Theme::icon(u"copy"), tr("&Copy reference ID"), this))
    , m_findAction(new QAction(Theme::icon(u"search"), tr("&Find"), this))
    , m_addButton(new QPushButton(Theme::icon(u"plus", palette().color(QPalette::HighlightedText)),
                                  tr("&Add secret"), this))
    , m_search(new QLineEdit(this))
    , m_editButton(new QPushButton(Theme::icon(u"pencil"), tr("Ed&it"), this))
    , m_deleteButton(new QPushButton(Theme::icon(u"bin"), tr("&Delete"), this))
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_emptyText(new QLabel(this))
    , m_emptyAdd(new QPushButton(tr("Add &secret"), this))
    , m_noMatchText(new QLabel(this))
{
    setObjectName(u"secretsPage"_s);
    m_proxy->setSourceModel(m_model);

    m_addAction->setObjectName(u"addSecretAction"_s);
    m_addAction->setShortcut(QKeySequence::New);
    m_editAction->setObjectName(u"editSecretAction"_s);
    m_editAction->setShortcut(Qt::Key_F2);
    m_deleteAction->setObjectName(u"deleteSecretAction"_s);
    m_deleteAction->setShortcut(QKeySequence::Delete);
    m_copyIdAction->setObjectName(u"copyReferenceIdAction"_s);
    m_copyIdAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_findAction->setObjectName(u"findAction"_s);
    m_findAction->setShortcut(QKeySequence::Find);
    for (QAction* action :
         {m_addAction, m_editAction, m_deleteAction, m_copyIdAction, m_findAction}) {
        action->setShortcutVisibleInContextMenu(true);
        addAction(action);
    }
    connect(m_addAction, &QAction::triggered, this, &SecretsPage::addSecret);
    connect(m_editAction, &QAction::triggered, this, &SecretsPage::editSelected);
    connect(m_deleteAction, &QAction::triggered, this, &SecretsPage::deleteSelected);
    connect(m_copyIdAction, &QAction::triggered, this, &SecretsPage::copyReferenceId);
    connect(m_findAction, &QAction::triggered, this, &SecretsPage::focusSearch);

    auto* heading = new QLabel(tr("Secrets"), this);
    heading->setObjectName(u"pageHeading"_s);
    heading->setFont(Theme::headingFont(font()));
    heading->setAccessibleName(tr("Secrets"));
    auto* description = new QLabel(
        tr("Secrets allow you to store sensitive data, such as access tokens, signatures or "
           "secure keys, that you want to hide from view and reuse across different flows."),
        this);
    description->setObjectName(u"pageDescription"_s);
    description->setWordWrap(true);

    // Enter activates a focused button here too, as in the dialogs (Space always does).
    for (QPushButton* button : {m_addButton, m_editButton, m_deleteButton, m_emptyAdd})
        button->setAutoDefault(true);
    m_addButton->setObjectName(u"addSecretButton"_s);
    m_addButton->setAccessibleName(tr("Add secret"));
    Theme::makePrimary(m_addButton);

    m_search->setObjectName(u"searchField"_s);
    m_search->setPlaceholderText(tr("Search by name or reference ID"));
    m_search->setAccessibleName(tr("Search secrets"));
    m_search->setClearButtonEnabled(true);
    m_search->addAction(Theme::icon(u"search"), QLineEdit::LeadingPosition);
    m_search->setMinimumWidth(280);
    m_search->installEventFilter(this);

    m_editButton->setObjectName(u"editButton"_s);
    m_editButton->setAccessibleName(tr("Edit the selected secret"));
    m_deleteButton->setObjectName(u"deleteButton"_s);
    m_deleteButton->setAccessibleName(tr("Delete the selected secret"));

    setupTable();
    m_stack->addWidget(m_table);
    m_stack->addWidget(createEmptyState());
    m_stack->addWidget(createNoMatchState());

    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(heading, 1, Qt::AlignBottom);
    titleRow->addWidget(m_addButton, 0, Qt::AlignBottom);
    auto* toolRow = new QHBoxLayout;
    toolRow->addWidget(m_search, 1);
    toolRow->addStretch(1);
    toolRow->addWidget(m_editButton);
    toolRow->addWidget(m_deleteButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(20, 16, 20, 12);
    layout->setSpacing(8);
    layout->addLayout(titleRow);
    layout->addWidget(description);
    layout->addSpacing(6);
    layout->addLayout(toolRow);
    layout->addWidget(m_stack, 1);

    setTabOrder(m_addButton, m_search);
    setTabOrder(m_search, m_editButton);
    setTabOrder(m_editButton, m_deleteButton);
    setTabOrder(m_deleteButton, m_table);

    connect(m_addButton, &QPushButton::clicked, this, &SecretsPage::addSecret);
    connect(m_emptyAdd, &QPushButton::clicked, this, &SecretsPage::addSecret);
    connect(m_editButton, &QPushButton::clicked, this, &SecretsPage::editSelected);
    connect(m_deleteButton, &QPushButton::clicked, this, &SecretsPage::deleteSelected);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &SecretsProxyModel::setSearchText);
    connect(m_search, &QLineEdit::textChanged, this, &SecretsPage::updateState);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_table->setFocus();
            if (!m_table->selectionModel()->hasSelection())
                m_table->selectRow(0);
        }
    });

    for (QAbstractItemModel* model :
         {static_cast<QAbstractItemModel*>(m_model), static_cast<QAbstractItemModel*>(m_proxy)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &SecretsPage::updateState);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &SecretsPage::updateState);
        connect(model, &QAbstractItemModel::modelReset, this, &SecretsPage::updateState);
        connect(model, &QAbstractItemModel::layoutChanged, this, &SecretsPage::updateState);
        connect(model, &QAbstractItemModel::dataChanged, this, &SecretsPage::updateActions);
    }
    // The row that takes a deleted one's place is selected, so Delete can go on by keyboard.
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (m_table->hasFocus())
            selectCurrentRow();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SecretsPage::updateActions);
    updateState();
}

void SecretsPage::setupTable()
{
    m_table->setObjectName(u"secretsTable"_s);
    m_table->setAccessibleName(tr("Secrets"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new SecretsDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->installEventFilter(this); // reached by Tab: select a row, so F2/Delete act on it
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);

    QHeaderView* rows = m_table->verticalHeader();
    rows->hide();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 14);

    QHeaderView* header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(60);
    const QFontMetrics mono(Theme::monospaceFont());
    header->resizeSection(SecretsTableModel::NameColumn, fontMetrics().averageCharWidth() * 36);
    header->resizeSection(SecretsTableModel::ReferenceIdColumn,
                          mono.horizontalAdvance(u"00000000-0000-0000-0000-000000000000"_s) + 28);
    header->resizeSection(SecretsTableModel::ValueColumn,
                          fontMetrics().horizontalAdvance(SecretsTableModel::mask()) + 36);
    const QString sampleDate =
        QLocale().toString(QDateTime(QDate(2000, 12, 28), QTime(23, 59, 59)), QLocale::ShortFormat);
    header->resizeSection(SecretsTableModel::CreatedColumn,
                          fontMetrics().horizontalAdvance(sampleDate) + 32);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(SecretsTableModel::NameColumn, Qt::AscendingOrder);

    connect(m_table, &QTableView::activated, this, [this](const QModelIndex&) {
        if (m_editAction->isEnabled())
            editSelected();
    });
    connect(m_table, &QWidget::customContextMenuRequested, this, &SecretsPage::showContextMenu);
}

QWidget* SecretsPage::createEmptyState()
{
    auto* page = new QWidget(this);
    page->setObjectName(u"emptyState"_s);
    auto* icon = new QLabel(page);
    icon->setPixmap(Theme::icon(u"lock", Theme::mutedColor(palette())).pixmap(QSize(48, 48)));
    icon->setAlignment(Qt::AlignCenter);
    auto* title = new QLabel(tr("No secrets yet"), page);
    title->setFont(Theme::headingFont(font(), 1.25));
    title->setAlignment(Qt::AlignCenter);
    m_emptyText->setParent(page);
    m_emptyText->setObjectName(u"emptyText"_s);
    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setMaximumWidth(460);
    m_emptyAdd->setParent(page);
    m_emptyAdd->setObjectName(u"emptyAddButton"_s);
    m_emptyAdd->setIcon(Theme::icon(u"plus"));
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(2);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(m_emptyText, 0, Qt::AlignHCenter);
    layout->addSpacing(8);
    layout->addWidget(m_emptyAdd, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    return page;
}

QWidget* SecretsPage::createNoMatchState()
{
    auto* page = new QWidget(this);
    page->setObjectName(u"noMatchState"_s);
    m_noMatchText->setParent(page);
    m_noMatchText->setObjectName(u"noMatchText"_s);
    m_noMatchText->setWordWrap(true);
    m_noMatchText->setAlignment(Qt::AlignCenter);
    m_noMatchText->setTextFormat(Qt::PlainText);
    auto* clear = new QPushButton(tr("C&lear search"), page);
    clear->setObjectName(u"clearSearchButton"_s);
    clear->setAutoDefault(true);
    connect(clear, &QPushButton::clicked, this, [this] {
        m_search->clear();
        m_search->setFocus();
    });
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(2);
    layout->addWidget(m_noMatchText);
    layout->addSpacing(8);
    layout->addWidget(clear, 0, Qt::AlignHCenter);
    layout->addStretch(3);
    return page;
}

void SecretsPage::setStore(SecretStore* store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    m_model->setStore(store);
    if (store) {
        connect(store, &SecretStore::openChanged, this, &SecretsPage::updateState);
        connect(store, &SecretStore::statusChanged, this, &SecretsPage::updateState);
    }
    updateState();
}

void SecretsPage::clearRows()
{
    m_model->resetSecrets({});
}

Permissions SecretsPage::permissions() const
{
    return m_store ? m_store->permissions() : Permissions(Permission::None);
}

bool SecretsPage::canChange(Permission::Flag permission) const
{
    return m_store && m_store->isOpen() && !m_store->isReadOnly() && (permissions() & permission);
}

QString SecretsPage::blockedReason(Permission::Flag permission, PermissionText::Action action) const
{
    if (!m_store || !m_store->isOpen())
        return {};
    if (m_store->isReadOnly())
        return PermissionText::offline();
    if (!(permissions() & permission))
        return PermissionText::needsRole(action, m_store->rolesGranting(permission));
    return {};
}

void SecretsPage::keepFocus()
{
    // A state change hid or disabled the focused control (or the window gave the focus to the
    // page itself): the keyboard goes on from the main control of what shows now.
    if (!isVisible())
        return;
    const QWidget* focus = window()->focusWidget();
    const bool lost = !focus || focus == this
                      || (isAncestorOf(focus) && (!focus->isVisible() || !focus->isEnabled()));
    if (QWidget* target = mainControl(); lost && target)
        target->setFocus(Qt::OtherFocusReason);
}

QWidget* SecretsPage::mainControl() const
{
    switch (m_stack->currentIndex()) {
    case TablePage:
        return m_table;
    case NoMatchPage:
        return m_search;
    default:
        break;
    }
    for (QWidget* candidate :
         {static_cast<QWidget*>(m_emptyAdd), static_cast<QWidget*>(m_addButton)}) {
        if (candidate->isVisibleTo(this) && candidate->isEnabled())
            return candidate;
    }
    return nullptr;
}

std::optional<Secret> SecretsPage::selectedSecret() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    const QModelIndex source = m_proxy->mapToSource(rows.first());
    if (!source.isValid())
        return std::nullopt;
    return m_model->secretAt(source.row());
}

void SecretsPage::selectSecret(const QUuid& id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                          | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

QByteArray SecretsPage::headerState() const
{
    return m_table->horizontalHeader()->saveState();
}

void SecretsPage::restoreHeaderState(const QByteArray& state)
{
    QHeaderView* header = m_table->horizontalHeader();
    if (state.isEmpty() || !header->restoreState(state))
        return;
    m_table->sortByColumn(header->sortIndicatorSection(), header->sortIndicatorOrder());
}

void SecretsPage::addSecret()
{
    if (!canChange(Permission::SecretsWrite))
        return;
    auto* dialog = new AddSecretDialog(m_store, m_clipboard, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &AddSecretDialog::secretCreated, this, [this](const Secret& secret) {
        selectSecret(secret.id);
        m_table->setFocus(); // where the dialog came from, or where F2/Delete act on it next
        emit message(tr("Secret “%1” added.").arg(secret.name));
    });
    dialog->open();
}

void SecretsPage::editSelected()
{
    const auto secret = selectedSecret();
    if (!secret || secret->damaged || !canChange(Permission::SecretsWrite))
        return;
    auto* dialog = new EditSecretDialog(m_store, m_clipboard, *secret, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &EditSecretDialog::secretUpdated, this, [this](const Secret& updated) {
        selectSecret(updated.id);
        m_table->setFocus();
        emit message(tr("Secret “%1” saved.").arg(updated.name));
    });
    dialog->open();
}

void SecretsPage::deleteSelected()
{
    const auto secret = selectedSecret();
    if (!secret || !canChange(Permission::SecretsDelete))
        return;
    auto* dialog = new DeleteSecretDialog(m_store, *secret, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString done = secret->damaged ? tr("Damaged secret deleted.")
                                         : tr("Secret “%1” deleted.").arg(secret->name);
    connect(dialog, &DeleteSecretDialog::secretDeleted, this, [this, done] { emit message(done); });
    dialog->open();
}

void SecretsPage::copyReferenceId()
{
    const auto secret = selectedSecret();
    if (!secret)
        return;
    m_clipboard->copyPlain(secret->id.toString(QUuid::WithoutBraces));
    emit message(tr("Reference ID copied."));
}

void SecretsPage::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void SecretsPage::selectCurrentRow()
{
    if (m_proxy->rowCount() == 0 || m_table->selectionModel()->hasSelection())
        return;
    const QModelIndex current = m_table->currentIndex();
    m_table->selectRow(current.isValid() ? current.row() : 0);
}

bool SecretsPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::FocusIn) {
        const auto reason = static_cast<QFocusEvent*>(event)->reason();
        if (reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason
            || reason == Qt::ShortcutFocusReason || reason == Qt::OtherFocusReason)
            selectCurrentRow();
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape && !m_search->text().isEmpty()) {
            m_search->clear();
            return true;
        }
        if (key->key() == Qt::Key_Down && m_proxy->rowCount() > 0) {
            m_table->setFocus();
            if (!m_table->selectionModel()->hasSelection())
                m_table->selectRow(0);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SecretsPage::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid())
        return;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect
                                                          | QItemSelectionModel::Rows);
    auto* menu = new QMenu(this);
    menu->setObjectName(u"secretContextMenu"_s);
    menu->setToolTipsVisible(true); // a disabled action says why
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_editAction);
    menu->addAction(m_deleteAction);
    menu->addSeparator();
    menu->addAction(m_copyIdAction);
    menu->popup(m_table->viewport()->mapToGlobal(pos));
}

void SecretsPage::updateState()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const bool canRead = permissions() & Permission::SecretsRead;
    if (!canRead && m_store) {
        m_emptyText->setText(blockedReason(Permission::SecretsRead, PermissionText::Action::View));
        m_stack->setCurrentIndex(EmptyPage);
    } else if (total == 0) {
        m_emptyText->setText(
            tr("Store access tokens, signing keys and other credentials here and reuse them "
               "in your flows. A value is visible only while you create it."));
        m_stack->setCurrentIndex(EmptyPage);
    } else if (shown == 0) {
        m_noMatchText->setText(tr("No secret matches “%1”.").arg(m_search->text()));
        m_stack->setCurrentIndex(NoMatchPage);
    } else {
        m_stack->setCurrentIndex(TablePage);
    }
    m_emptyAdd->setVisible(canChange(Permission::SecretsWrite));
    m_search->setEnabled(total > 0 || !m_search->text().isEmpty());
    updateActions();
    keepFocus();
    emit countsChanged(total, shown);
}

void SecretsPage::updateActions()
{
    const bool open = m_store && m_store->isOpen();
    const auto secret = selectedSecret();
    const bool canAdd = canChange(Permission::SecretsWrite);
    const bool canEdit = canAdd && secret && !secret->damaged;
    const bool canDelete = canChange(Permission::SecretsDelete) && secret;
    m_addAction->setEnabled(canAdd);
    m_addButton->setEnabled(canAdd);
    m_editAction->setEnabled(canEdit);
    m_editButton->setEnabled(canEdit);
    m_deleteAction->setEnabled(canDelete);
    m_deleteButton->setEnabled(canDelete);
    m_copyIdAction->setEnabled(secret.has_value());
    m_findAction->setEnabled(open);

    // A disabled action says why: offline, or the role it needs (named by the backend).
    const auto shortcut = [](const QAction* action) {
        return action->shortcut().toString(QKeySequence::NativeText);
    };
    const QString addBlocked = blockedReason(Permission::SecretsWrite, PermissionText::Action::Add);
    const QString editBlocked =
        blockedReason(Permission::SecretsWrite, PermissionText::Action::Edit);
    const QString deleteBlocked =
        blockedReason(Permission::SecretsDelete, PermissionText::Action::Delete);
    const QString addTip =
        !addBlocked.isEmpty() ? addBlocked : tr("Add a secret (%1)").arg(shortcut(m_addAction));
    QString editTip = editBlocked;
    if (editTip.isEmpty())
        editTip = !secret ? tr("Select a secret to edit it.")
                  : secret->damaged
                      ? tr("A damaged secret cannot be edited, only deleted.")
                      : tr("Edit the selected secret (%1)").arg(shortcut(m_editAction));
    QString deleteTip = deleteBlocked;
    if (deleteTip.isEmpty())
        deleteTip = secret ? tr("Delete the selected secret (%1)").arg(shortcut(m_deleteAction))
                           : tr("Select a secret to delete it.");
    m_addAction->setToolTip(addTip);
    m_addButton->setToolTip(addTip);
    m_editAction->setToolTip(editTip);
    m_editButton->setToolTip(editTip);
    m_deleteAction->setToolTip(deleteTip);
    m_deleteButton->setToolTip(deleteTip);
}
