#include "ConnectionsDialog.h"

#include "CaptureGuard.h"
#include "FormMessage.h"
#include "PermissionText.h"
#include "RemoteSession.h"
#include "Settings.h"
#include "Theme.h"
#include "keychain/CredentialStore.h"
#include "remote/RemoteApiStore.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
// A key that is never written: reading it tells whether the keychain answers at all.
const QString ProbeKey = u"availability-probe"_s;

QUrl urlFrom(const QLineEdit* edit)
{
    const QString text = edit->text().trimmed();
    return text.isEmpty() ? QUrl() : QUrl(text);
}

void setMuted(QLabel* label)
{
    QPalette p = label->palette();
    p.setColor(QPalette::WindowText, p.color(QPalette::PlaceholderText));
    label->setPalette(p);
}
} // namespace

ConnectionsDialog::ConnectionsDialog(Settings& settings, CredentialStore* credentials,
                                     QWidget* parent)
    : FormDialog(parent)
    , m_settings(settings)
    , m_credentials(credentials)
    , m_profiles(settings.remoteProfiles())
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(Theme::icon(u"plus"), tr("&Add"), this))
    , m_remove(new QPushButton(Theme::icon(u"bin"), tr("Re&move"), this))
    , m_form(nullptr)
    , m_name(new QLineEdit(this))
    , m_apiUrl(new QLineEdit(this))
    , m_tokenUrl(new QLineEdit(this))
    , m_clientId(new QLineEdit(this))
    , m_secret(new QLineEdit(this))
    , m_secretNote(new QLabel(this))
    , m_caFile(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_test(new QPushButton(Theme::icon(u"cloud"), tr("&Test connection"), this))
    , m_testResult(new FormMessage(this))
    , m_emptyHint(new QLabel(this))
{
    setObjectName(u"connectionsDialog"_s);
    setWindowTitle(tr("Connections"));
    CaptureGuard::protect(this); // the client secret field
    setHeader(Theme::icon(u"cloud", Theme::accentColor(palette())), tr("Connections"),
              tr("Connect to a Mint configuration service with an OAuth client. The client "
                 "secret is kept in the system keychain, never in the settings."));
    setAcceptText(tr("&Save"));
    for (const RemoteProfile& profile : std::as_const(m_profiles))
        m_saved.append(profile.id);

    m_list->setObjectName(u"profileList"_s);
    m_list->setAccessibleName(tr("Connections"));
    m_list->setMinimumWidth(180);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_add->setObjectName(u"addProfileButton"_s);
    m_add->setAccessibleName(tr("Add a connection"));
    m_remove->setObjectName(u"removeProfileButton"_s);
    m_remove->setAccessibleName(tr("Remove the selected connection"));
    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_remove);
    listButtons->addStretch(1);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto* stack = new QStackedWidget(this);
    stack->setObjectName(u"profileStack"_s);
    m_emptyHint->setObjectName(u"noProfilesHint"_s);
    m_emptyHint->setText(tr("No connections yet. Choose Add to connect to a configuration "
                            "service."));
    m_emptyHint->setWordWrap(true);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    stack->addWidget(m_emptyHint);
    stack->addWidget(createForm());

    auto* columns = new QHBoxLayout;
    columns->setSpacing(16);
    columns->addLayout(left, 0);
    columns->addWidget(stack, 1);
    form()->addLayout(columns);

    for (const RemoteProfile& profile : std::as_const(m_profiles)) {
        auto* item = new QListWidgetItem(Theme::icon(u"cloud"), profile.name, m_list);
        item->setData(Qt::UserRole, profile.id);
    }
    connect(m_list, &QListWidget::currentRowChanged, this, [this, stack] {
        onSelectionChanged();
        stack->setCurrentIndex(m_list->count() > 0 ? 1 : 0);
    });
    connect(m_add, &QPushButton::clicked, this, &ConnectionsDialog::addProfile);
    connect(m_remove, &QPushButton::clicked, this, &ConnectionsDialog::removeSelected);
    connect(m_test, &QPushButton::clicked, this, &ConnectionsDialog::testConnection);
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    stack->setCurrentIndex(m_list->count() > 0 ? 1 : 0);
    m_remove->setEnabled(m_list->count() > 0);

    showKeychainNote();
    probeKeychain();
    fitToWidth(820);
    refreshAccept();
}

ConnectionsDialog::~ConnectionsDialog()
{
    // Hiding (in ~QDialog) moves the focus and finishes editing: nothing of this class may run.
    for (QLineEdit* edit : m_form->findChildren<QLineEdit*>())
        disconnect(edit, nullptr, this, nullptr);
    disconnect(m_list, nullptr, this, nullptr);
}

QWidget* ConnectionsDialog::createForm()
{
    m_form = new QWidget(this);
    m_form->setObjectName(u"profileForm"_s);
    auto* layout = new QFormLayout(m_form);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    layout->setRowWrapPolicy(QFormLayout::DontWrapRows);
    layout->setLabelAlignment(Qt::AlignLeft | Qt::AlignVCenter);

    m_name->setObjectName(u"nameEdit"_s);
    m_name->setPlaceholderText(tr("For example: Production"));
    m_apiUrl->setObjectName(u"apiUrlEdit"_s);
    m_apiUrl->setPlaceholderText(u"https://config.example.com/mint/v1"_s);
    m_tokenUrl->setObjectName(u"tokenUrlEdit"_s);
    m_tokenUrl->setPlaceholderText(u"https://config.example.com/auth/open/connect/token"_s);
    m_clientId->setObjectName(u"clientIdEdit"_s);
    m_secret->setObjectName(u"clientSecretEdit"_s);
    makePasswordEdit(m_secret);
    m_secretNote->setObjectName(u"secretNote"_s);
    m_secretNote->setWordWrap(true);
    m_secretNote->setTextFormat(Qt::PlainText);
    setMuted(m_secretNote);
    m_caFile->setObjectName(u"caFileEdit"_s);
    m_caFile->setPlaceholderText(tr("Optional: a PEM file for a self-hosted server"));
    m_browse->setObjectName(u"browseCaButton"_s);
    m_browse->setAccessibleName(tr("Browse for the CA certificate file"));
    m_browse->setAutoDefault(false);
    m_test->setObjectName(u"testConnectionButton"_s);
    m_test->setAutoDefault(false);
    m_testResult->setObjectName(u"testResult"_s);

    const auto row = [&](const QString& label, QWidget* field) {
        auto* title = new QLabel(label, m_form);
        title->setBuddy(field);
        field->setAccessibleName(QString(label).remove(u'&'));
        layout->addRow(title, field);
    };
    row(tr("&Name"), m_name);
    row(tr("A&PI address"), m_apiUrl);
    row(tr("T&oken address"), m_tokenUrl);
    row(tr("Client &ID"), m_clientId);
    row(tr("Client s&ecret"), m_secret);
    layout->addRow(QString(), m_secretNote);
    auto* caRow = new QHBoxLayout;
    caRow->setContentsMargins(0, 0, 0, 0);
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(m_browse);
    auto* caLabel = new QLabel(tr("CA ce&rtificate"), m_form);
    caLabel->setBuddy(m_caFile);
    m_caFile->setAccessibleName(tr("CA certificate file"));
    layout->addRow(caLabel, caRow);
    auto* testRow = new QHBoxLayout;
    testRow->setContentsMargins(0, 6, 0, 0);
    testRow->addWidget(m_test);
    testRow->addStretch(1);
    layout->addRow(QString(), testRow);
    layout->addRow(QString(), m_testResult);

    for (QLineEdit* edit : {m_name, m_apiUrl, m_tokenUrl, m_clientId, m_caFile}) {
        connect(edit, &QLineEdit::textEdited, this, &ConnectionsDialog::onFieldEdited);
        connect(edit, &QLineEdit::editingFinished, this, [this] {
            if (!m_loading && currentIndex() >= 0)
                errorMessage()->showMessage(problemOf(currentIndex()));
        });
    }
    connect(m_apiUrl, &QLineEdit::textEdited, this, &ConnectionsDialog::onApiEdited);
    connect(m_tokenUrl, &QLineEdit::textEdited, this,
            [this](const QString& text) { m_tokenAuto = text.trimmed().isEmpty(); });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        auto* dialog =
            new QFileDialog(this, tr("CA certificate"), QFileInfo(m_caFile->text()).absolutePath(),
                            tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
        dialog->setObjectName(u"caFileDialog"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) {
            m_caFile->setText(QDir::toNativeSeparators(file));
            onFieldEdited();
        });
        dialog->open();
    });
    return m_form;
}

void ConnectionsDialog::probeKeychain()
{
    m_credentials->read(ProbeKey).then(this, [this](const CredentialResult& result) {
        if (result.status == CredentialResult::Status::Unavailable) {
            m_keychainAvailable = false;
            showKeychainNote();
        }
    });
}

void ConnectionsDialog::showKeychainNote()
{
    m_secretNote->setText(m_keychainAvailable
                              ? tr("Stored in the system keychain, never in the settings.")
                              : tr("The system keychain is not available: you will be asked for "
                                   "the client secret each time."));
    // The note may have grown a line (the keychain answered after the dialog was sized).
    if (const int needed = heightForWidth(width()); needed > height())
        resize(width(), needed);
    const int index = currentIndex();
    if (index < 0)
        return;
    const QUuid id = m_profiles.at(index).id;
    if (m_pendingSecrets.count(id) > 0)
        m_secret->setPlaceholderText(tr("Entered: stored when you save"));
    else if (m_saved.contains(id) && m_keychainAvailable)
        m_secret->setPlaceholderText(tr("Leave empty to keep the stored secret"));
    else
        m_secret->setPlaceholderText(QString());
}

int ConnectionsDialog::currentIndex() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_profiles.size() ? row : -1;
}

void ConnectionsDialog::storeForm()
{
    const int index = m_loadedIndex;
    if (index < 0 || index >= m_profiles.size())
        return;
    RemoteProfile& profile = m_profiles[index];
    profile.name = m_name->text().trimmed();
    profile.apiBaseUrl = urlFrom(m_apiUrl);
    profile.tokenUrl = urlFrom(m_tokenUrl);
    if (profile.tokenUrl.isEmpty() && RemoteProfile::isAllowedUrl(profile.apiBaseUrl))
        profile.tokenUrl = RemoteProfile::defaultTokenUrl(profile.apiBaseUrl);
    profile.clientId = m_clientId->text().trimmed();
    profile.caFile = QDir::fromNativeSeparators(m_caFile->text().trimmed());
    if (!m_secret->text().isEmpty()) {
        m_pendingSecrets.insert_or_assign(profile.id, SecretValue::fromText(m_secret->text()));
        wipe(m_secret);
    }
    if (QListWidgetItem* item = m_list->item(index))
        item->setText(profile.name.isEmpty() ? tr("(unnamed)") : profile.name);
}

void ConnectionsDialog::loadForm(int index)
{
    m_loading = true;
    m_loadedIndex = index;
    wipe(m_secret);
    m_testResult->clearMessage();
    errorMessage()->clearMessage();
    if (index < 0) {
        for (QLineEdit* edit : {m_name, m_apiUrl, m_tokenUrl, m_clientId, m_caFile})
            edit->clear();
        m_loading = false;
        return;
    }
    const RemoteProfile& profile = m_profiles.at(index);
    m_name->setText(profile.name);
    m_apiUrl->setText(profile.apiBaseUrl.toString());
    m_tokenUrl->setText(profile.tokenUrl.toString());
    m_clientId->setText(profile.clientId);
    m_caFile->setText(QDir::toNativeSeparators(profile.caFile));
    m_tokenAuto = profile.tokenUrl.isEmpty()
                  || profile.tokenUrl == RemoteProfile::defaultTokenUrl(profile.apiBaseUrl);
    showKeychainNote();
    m_loading = false;
    if (m_showProblems)
        errorMessage()->showMessage(problemOf(index));
}

void ConnectionsDialog::onSelectionChanged()
{
    storeForm();
    loadForm(currentIndex());
    m_remove->setEnabled(currentIndex() >= 0 && !isBusy());
}

void ConnectionsDialog::onApiEdited(const QString& text)
{
    if (!m_tokenAuto)
        return;
    const QUrl api(text.trimmed());
    m_tokenUrl->setText(api.isValid() && !api.host().isEmpty()
                            ? RemoteProfile::defaultTokenUrl(api).toString()
                            : QString());
    storeForm();
}

void ConnectionsDialog::onFieldEdited()
{
    if (m_loading)
        return;
    storeForm();
    m_testResult->clearMessage();
    // Once a problem shows, follow the typing so it disappears as soon as it is fixed.
    if (m_showProblems || errorMessage()->isVisible())
        errorMessage()->showMessage(problemOf(currentIndex()));
}

QString ConnectionsDialog::problemOf(int index) const
{
    if (index < 0 || index >= m_profiles.size())
        return {};
    RemoteProfile profile = m_profiles.at(index);
    if (!m_showProblems) {
        // Before Save or Test: only what was typed wrong, not what is still missing.
        if (profile.apiBaseUrl.isEmpty())
            return {};
        if (profile.name.isEmpty())
            profile.name = u"-"_s;
        if (profile.clientId.isEmpty())
            profile.clientId = u"-"_s;
    }
    const QString problem = profile.problem();
    if (!problem.isEmpty())
        return problem;
    for (int other = 0; other < m_profiles.size(); ++other) {
        if (other != index
            && m_profiles.at(other).name.compare(profile.name, Qt::CaseInsensitive) == 0)
            return tr("Another connection is already named “%1”.").arg(profile.name);
    }
    return {};
}

void ConnectionsDialog::selectProfile(const QUuid& id)
{
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (m_profiles.at(row).id == id)
            m_list->setCurrentRow(row);
    }
}

void ConnectionsDialog::addProfile()
{
    storeForm();
    RemoteProfile profile;
    profile.id = QUuid::createUuid();
    m_profiles.append(profile);
    auto* item = new QListWidgetItem(Theme::icon(u"cloud"), tr("(unnamed)"), m_list);
    item->setData(Qt::UserRole, profile.id);
    m_loadedIndex = -1; // nothing to store from the form: the new profile is loaded fresh
    m_list->setCurrentItem(item);
    m_name->setFocus();
}

void ConnectionsDialog::removeSelected()
{
    const int index = currentIndex();
    if (index < 0)
        return;
    storeForm();
    const RemoteProfile profile = m_profiles.at(index);
    if (!m_saved.contains(profile.id)) {
        finishRemoval(profile.id);
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Remove connection"),
                                tr("Remove the connection “%1”?")
                                    .arg(profile.name.isEmpty() ? tr("(unnamed)") : profile.name),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"removeConnectionBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setInformativeText(
        tr("Its client secret is removed from the system keychain and its offline copy from "
           "this computer. The secrets on the server are not affected."));
    QPushButton* remove = box->addButton(tr("&Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmRemoveButton"_s);
    QPushButton* cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    const QUuid id = profile.id;
    connect(box, &QMessageBox::finished, this, [this, box, remove, id] {
        if (box->clickedButton() == remove)
            finishRemoval(id);
    });
    box->open();
}

void ConnectionsDialog::finishRemoval(const QUuid& id)
{
    int index = -1;
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (m_profiles.at(row).id == id)
            index = row;
    }
    if (index < 0)
        return;
    m_loadedIndex = -1; // the form belongs to the removed profile: do not store it back
    m_pendingSecrets.erase(id);
    m_profiles.removeAt(index);
    delete m_list->takeItem(index);
    if (!m_saved.removeAll(id)) {
        onSelectionChanged();
        return;
    }

    QList<RemoteProfile> stored = m_settings.remoteProfiles();
    stored.removeIf([&id](const RemoteProfile& p) { return p.id == id; });
    m_settings.setRemoteProfiles(stored);
    if (m_settings.activeProfileId() == id)
        m_settings.setActiveProfileId({});
    m_settings.sync();
    emit profileRemoved(id); // the window leaves it first if it is shown
    QDir(RemoteSession::cacheDirectory(id)).removeRecursively();
    RemoteProfile removed;
    removed.id = id;
    m_credentials->remove(removed.keychainKey()).then(this, [this](const CredentialResult& result) {
        if (result.status == CredentialResult::Status::Unavailable)
            errorMessage()->showMessage(result.message, FormMessage::Kind::Hint);
    });
    onSelectionChanged();
}

void ConnectionsDialog::testConnection()
{
    const int index = currentIndex();
    if (index < 0 || isBusy())
        return;
    const bool typed = !m_secret->text().isEmpty();
    storeForm();
    m_showProblems = true;
    const QString problem = problemOf(index);
    errorMessage()->showMessage(problem);
    if (!problem.isEmpty())
        return;
    const RemoteProfile profile = m_profiles.at(index);
    if (const auto pending = m_pendingSecrets.find(profile.id); pending != m_pendingSecrets.end()) {
        runTest(profile, pending->second.clone());
        if (typed)
            showKeychainNote();
        return;
    }
    const QString missing = tr("Enter the client secret to test the connection.");
    if (!m_saved.contains(profile.id) || !m_keychainAvailable) {
        m_testResult->showMessage(missing);
        m_secret->setFocus();
        return;
    }
    setBusy(true, tr("Reading the client secret from the system keychain…"));
    m_credentials->read(profile.keychainKey())
        .then(this, [this, profile, missing](const CredentialResult& stored) {
            setBusy(false);
            if (stored.ok() && stored.value) {
                runTest(profile, stored.value->clone());
                return;
            }
            if (stored.status == CredentialResult::Status::Unavailable) {
                m_keychainAvailable = false;
                showKeychainNote();
            }
            m_testResult->showMessage(missing);
            m_secret->setFocus();
        });
}

void ConnectionsDialog::runTest(const RemoteProfile& profile, SecretValue secret)
{
    m_testResult->clearMessage();
    setBusy(true, tr("Testing the connection…"));
    RemoteApiStore::testConnection(profile, std::move(secret))
        .then(this, [this](const StoreResult<ConnectionCheck>& result) {
            setBusy(false);
            if (!result.ok()) {
                m_testResult->showMessage(result.error().message());
                return;
            }
            const ConnectionCheck& check = result.value();
            m_testResult->showMessage(connectedText(check.subject, check.roles, check.permissions),
                                      FormMessage::Kind::Success);
        });
}

QString ConnectionsDialog::connectedText(const QString& subject, const QStringList& roles,
                                         Permissions permissions)
{
    const QString who = roles.isEmpty() ? tr("no role") : roles.join(tr(", ", "between roles"));
    return tr("Connected as %1 — %2: %3").arg(subject, who, PermissionText::describe(permissions));
}

bool ConnectionsDialog::canSubmit() const
{
    return true;
}

void ConnectionsDialog::submit()
{
    storeForm();
    m_showProblems = true;
    for (int index = 0; index < m_profiles.size(); ++index) {
        const QString problem = problemOf(index);
        if (!problem.isEmpty()) {
            m_list->setCurrentRow(index);
            errorMessage()->showMessage(problem);
            return;
        }
    }
    m_settings.setRemoteProfiles(m_profiles);
    m_settings.sync();
    m_saved.clear();
    for (const RemoteProfile& profile : std::as_const(m_profiles))
        m_saved.append(profile.id);
    emit profilesSaved();
    writeSecrets();
}

void ConnectionsDialog::writeSecrets()
{
    // Secrets of profiles removed meanwhile were dropped with them.
    if (m_pendingSecrets.empty() || !m_keychainAvailable) {
        m_pendingSecrets.clear();
        setBusy(false);
        accept();
        return;
    }
    auto node = m_pendingSecrets.extract(m_pendingSecrets.begin());
    RemoteProfile target;
    target.id = node.key();
    setBusy(true, tr("Storing the client secret in the system keychain…"));
    m_credentials->write(target.keychainKey(), node.mapped())
        .then(this, [this](const CredentialResult& result) {
            if (result.status == CredentialResult::Status::Unavailable) {
                setBusy(false);
                m_keychainAvailable = false;
                m_pendingSecrets.clear();
                showKeychainNote();
                errorMessage()->showMessage(
                    tr("The connections were saved, but the client secret was not: %1")
                        .arg(result.message));
                return;
            }
            writeSecrets();
        });
}

void ConnectionsDialog::setInputsEnabled(bool enabled)
{
    m_list->setEnabled(enabled);
    m_add->setEnabled(enabled);
    m_remove->setEnabled(enabled && currentIndex() >= 0);
    for (QLineEdit* edit : {m_name, m_apiUrl, m_tokenUrl, m_clientId, m_secret, m_caFile})
        edit->setReadOnly(!enabled);
    m_browse->setEnabled(enabled);
    m_test->setEnabled(enabled);
}

void ConnectionsDialog::clearSensitive()
{
    wipe(m_secret);
    m_pendingSecrets.clear();
}
