#pragma once

// Helpers for the GUI tests: a real vault in a temporary directory, and the leak walk that proves
// a secret value is in no widget text, tooltip, window title or model role.

#include "TestSupport.h"
#include "vault/LocalVaultStore.h"
#include "vault/VaultEngine.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextEdit>

#include <memory>

namespace GuiTestSupport {

// The child widget of dialog with this object name; the test stops when there is none.
template <typename T> T* child(QWidget& dialog, const char* name)
{
    T* widget = dialog.findChild<T*>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

inline QString password()
{
    return QStringLiteral("correct horse battery staple");
}

// A new, unlocked vault file with fast (weak, test-only) KDF parameters.
class Vault final {
public:
    Vault()
        : m_path(m_dir.filePath(QStringLiteral("test.mintvault")))
        , m_store(std::make_unique<LocalVaultStore>(m_path))
    {
        const auto result = TestSupport::await(
            m_store->initialize(SecretValue::fromText(password()), TestSupport::fastKdf(), true));
        if (!result.ok())
            qFatal("cannot create the test vault");
    }

    [[nodiscard]] const QString& path() const { return m_path; }
    [[nodiscard]] QString dir() const { return m_dir.path(); }
    [[nodiscard]] LocalVaultStore* store() const { return m_store.get(); }
    // Hands the store to a window that takes ownership of it.
    LocalVaultStore* releaseStore() { return m_store.release(); }

    static Secret add(SecretStore* store, const QString& name, const QString& value)
    {
        const auto result = TestSupport::await(store->create(name, SecretValue::fromText(value)));
        if (!result.ok())
            qFatal("cannot add a test secret");
        return result.value();
    }

    static QList<Secret> list(SecretStore* store)
    {
        return TestSupport::await(store->list()).value();
    }

    // Whether the stored value of id equals value, read through a second engine on the file.
    bool valueIs(const QUuid& id, const QString& value) const
    {
        VaultEngine engine(m_path);
        if (!engine.unlock(SecretValue::fromText(password())).ok())
            return false;
        const auto result = engine.matches(id, SecretValue::fromText(value));
        return result.ok() && result.value();
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<LocalVaultStore> m_store;
};

// Every string a person (or assistive technology) could see in any top-level widget.
inline QStringList visibleTexts(QList<QAbstractItemModel*>* models = nullptr)
{
    QStringList texts;
    for (QWidget* top : QApplication::topLevelWidgets()) {
        QList<QWidget*> widgets = top->findChildren<QWidget*>();
        widgets.prepend(top);
        for (QWidget* w : widgets) {
            texts << w->windowTitle() << w->toolTip() << w->statusTip() << w->whatsThis()
                  << w->accessibleName() << w->accessibleDescription();
            if (auto* e = qobject_cast<QLineEdit*>(w))
                texts << e->text() << e->displayText() << e->placeholderText();
            if (auto* e = qobject_cast<QPlainTextEdit*>(w))
                texts << e->toPlainText() << e->placeholderText();
            if (auto* e = qobject_cast<QTextEdit*>(w))
                texts << e->toPlainText();
            if (auto* l = qobject_cast<QLabel*>(w))
                texts << l->text();
            if (auto* b = qobject_cast<QAbstractButton*>(w))
                texts << b->text();
            if (auto* c = qobject_cast<QComboBox*>(w)) {
                for (int i = 0; i < c->count(); ++i)
                    texts << c->itemText(i) << c->itemData(i, Qt::ToolTipRole).toString();
            }
            if (auto* s = qobject_cast<QStatusBar*>(w))
                texts << s->currentMessage();
            if (auto* v = qobject_cast<QAbstractItemView*>(w); v && v->model() && models)
                models->append(v->model());
            for (QAction* a : w->actions())
                texts << a->text() << a->toolTip() << a->statusTip();
        }
    }
    return texts;
}

// Every role 0..Qt::UserRole+10 of every index of model, as text.
inline QStringList modelTexts(const QAbstractItemModel* model)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            const QModelIndex index = model->index(row, column);
            for (int role = 0; role <= Qt::UserRole + 10; ++role)
                texts << model->data(index, role).toString();
        }
    }
    for (int column = 0; column < model->columnCount(); ++column)
        texts << model->headerData(column, Qt::Horizontal).toString();
    return texts;
}

// Describes the first place secret shows up in (widgets, their views' models and extraModels),
// or returns an empty string.
inline QString findLeak(const QString& secret, QList<QAbstractItemModel*> extraModels = {})
{
    QList<QAbstractItemModel*> models = extraModels;
    for (const QString& text : visibleTexts(&models)) {
        if (text.contains(secret))
            return QStringLiteral("widget text: ") + text.left(80);
    }
    for (const QAbstractItemModel* model : models) {
        for (const QString& text : modelTexts(model)) {
            if (text.contains(secret))
                return QStringLiteral("model role: ") + text.left(80);
        }
    }
    return {};
}

} // namespace GuiTestSupport
